/** People and organizations: NM1 with its N3/N4/REF/PER/DMG/PRV companions, read and written alike. */
import type { Segment } from '../../../syntax/types.ts';
import type { Cursor } from './cursor.ts';
import { el, opt, seg } from './values.ts';

export interface EntityName {
  /** NM102: '1' person, '2' non-person entity */
  entityType: '1' | '2';
  /** NM103: last name or organization name ('' when not sent, e.g. pay-to address 2010AB) */
  lastName: string;
  firstName?: string;
  middleName?: string;
  prefix?: string;
  suffix?: string;
  /** NM108, e.g. 'XX' NPI, 'MI' member id, 'PI' payer id, '46' ETIN */
  idQualifier?: string;
  /** NM109 */
  id?: string;
}

export interface Address {
  line1: string;
  line2?: string;
  city: string;
  state?: string;
  postalCode?: string;
  countryCode?: string;
}

export interface Reference {
  qualifier: string;
  value: string;
}

export interface Contact {
  /** PER01, usually 'IC' */
  functionCode: string;
  name?: string;
  /** PER03/04, PER05/06, PER07/08: qualifier TE/EM/FX/EX/UR and number */
  numbers?: Array<{ qualifier: string; value: string }>;
}

export interface Demographics {
  /** DMG02 with DMG01 = D8 (CCYYMMDD) */
  birthDate?: string;
  /** DMG03: F, M, U */
  gender?: string;
}

/** PRV: provider code (BI billing, PE performing, AT attending, ...) and NUCC taxonomy (PRV03, qualifier PXC). */
export interface Specialty {
  code: string;
  taxonomy: string;
}

export interface Party {
  name: EntityName;
  address?: Address;
  demographics?: Demographics;
  specialty?: Specialty;
  refs?: Reference[];
  contacts?: Contact[];
}

function droppable(v: unknown, key: string, keep: readonly string[]): boolean {
  return v === undefined || (Array.isArray(v) && v.length === 0 && !keep.includes(key));
}

/**
 * Keys whose value is undefined or an empty array (except `keep`) removed, so read objects compare equal to built
 * ones. Returns `obj` itself when nothing is dropped, else a new object with the same key order (no `delete`: that
 * turns objects into slow dictionaries). Callers use the returned object. Short arrays are replaced by exact-size
 * copies: an array grown by `push` keeps 17 slots for one item, which made a read file's model twice its size.
 */
export function compact<T extends object>(obj: T, keep: readonly string[] = []): T {
  const src = obj as Record<string, unknown>;
  let drop = false;
  for (const key in src) {
    const v = src[key];
    if (droppable(v, key, keep)) drop = true;
    else if (Array.isArray(v) && v.length > 0 && v.length <= 16) src[key] = v.slice();
  }
  if (!drop) return obj;
  const out: Record<string, unknown> = {};
  for (const key in src) if (!droppable(src[key], key, keep)) out[key] = src[key];
  return out as T;
}

/** NM1 → name; optional parts are set only when sent (no `compact` copy: this runs for every NM1 of a file). */
export function readName(s: Segment): EntityName {
  const e = s.elements;
  const n: EntityName = { entityType: e[1] === '1' ? '1' : '2', lastName: e[2] ?? '' };
  if (e[3]) n.firstName = e[3];
  if (e[4]) n.middleName = e[4];
  if (e[5]) n.prefix = e[5];
  if (e[6]) n.suffix = e[6];
  if (e[7]) n.idQualifier = e[7];
  if (e[8]) n.id = e[8];
  return n;
}

export function writeName(entityCode: string, n: EntityName): Segment {
  return seg(
    'NM1',
    entityCode,
    n.entityType,
    n.lastName,
    n.firstName,
    n.middleName,
    n.prefix,
    n.suffix,
    n.idQualifier,
    n.id,
  );
}

export function readAddress(n3: Segment | undefined, n4: Segment | undefined): Address {
  const line2 = n3 ? opt(n3, 2) : undefined;
  const city = n4 ? el(n4, 1) : '';
  const a: Address =
    line2 === undefined ? { line1: n3 ? el(n3, 1) : '', city } : { line1: n3 ? el(n3, 1) : '', line2, city };
  const e = n4 ? n4.elements : [];
  if (e[1]) a.state = e[1];
  if (e[2]) a.postalCode = e[2];
  if (e[3]) a.countryCode = e[3];
  return a;
}

export function writeAddress(a: Address): Segment[] {
  return [seg('N3', a.line1, a.line2), seg('N4', a.city, a.state, a.postalCode, a.countryCode)];
}

export function readContact(s: Segment): Contact {
  const numbers: Array<{ qualifier: string; value: string }> = [];
  for (const n of [3, 5, 7])
    if (el(s, n) !== '' || el(s, n + 1) !== '') numbers.push({ qualifier: el(s, n), value: el(s, n + 1) });
  return compact({ functionCode: el(s, 1), name: opt(s, 2), numbers });
}

export function writeContact(c: Contact): Segment {
  const nums = (c.numbers ?? []).slice(0, 3).flatMap((n) => [n.qualifier, n.value]);
  return seg('PER', c.functionCode, c.name, ...nums);
}

export function writeRefs(refs: Reference[] | undefined): Segment[] {
  return (refs ?? []).map((r) => seg('REF', r.qualifier, r.value));
}

export function writeDemographics(d: Demographics | undefined): Segment[] {
  if (!d) return [];
  return [seg('DMG', d.birthDate !== undefined ? 'D8' : undefined, d.birthDate, d.gender)];
}

export function writeSpecialty(s: Specialty | undefined): Segment[] {
  return s ? [seg('PRV', s.code, 'PXC', s.taxonomy)] : [];
}

export function readSpecialty(s: Segment): Specialty {
  return { code: el(s, 1), taxonomy: el(s, 3) };
}

/** Write a whole party: NM1, N3/N4, DMG or PRV, REF*, PER* (the order the 837 and 27x guides use). */
export function writeParty(entityCode: string, p: Party): Segment[] {
  return writePartyInto([], entityCode, p);
}

/** `writeParty` appending to `out` (no intermediate arrays); returns `out`. */
export function writePartyInto(out: Segment[], entityCode: string, p: Party): Segment[] {
  out.push(writeName(entityCode, p.name));
  if (p.address)
    out.push(
      seg('N3', p.address.line1, p.address.line2),
      seg('N4', p.address.city, p.address.state, p.address.postalCode, p.address.countryCode),
    );
  const dm = p.demographics;
  if (dm) out.push(seg('DMG', dm.birthDate !== undefined ? 'D8' : undefined, dm.birthDate, dm.gender));
  if (p.specialty) out.push(seg('PRV', p.specialty.code, 'PXC', p.specialty.taxonomy));
  for (const r of p.refs ?? []) out.push(seg('REF', r.qualifier, r.value));
  for (const c of p.contacts ?? []) out.push(writeContact(c));
  return out;
}

/** Companion segments a party loop may hold after its NM1. */
export const PARTY_IDS: ReadonlySet<string> = new Set(['N3', 'N4', 'REF', 'PER', 'DMG', 'PRV']);

/** Read NM1 (at the cursor) and the N3/N4/DMG/PRV/REF/PER that follow it; `extra` may consume other companions (returns true when it did). */
export function readParty(
  cur: Cursor,
  allowed: ReadonlySet<string> = PARTY_IDS,
  extra?: (s: Segment) => boolean,
): Party {
  const nm1 = cur.next();
  const p: Party = { name: readName(nm1) };
  let n3: Segment | undefined;
  let n4: Segment | undefined;
  let refs: Reference[] | undefined; // made only when sent: this runs for every party of a file
  let contacts: Contact[] | undefined;
  while (cur.more()) {
    const s = cur.peek()!;
    if (!allowed.has(s.id)) {
      if (extra?.(s)) {
        cur.next();
        continue;
      }
      break;
    }
    cur.next();
    if (s.id === 'N3') n3 = s;
    else if (s.id === 'N4') n4 = s;
    else if (s.id === 'REF') (refs ??= []).push({ qualifier: el(s, 1), value: el(s, 2) });
    else if (s.id === 'PER') (contacts ??= []).push(readContact(s));
    else if (s.id === 'DMG') p.demographics = readDemographics(s);
    else if (s.id === 'PRV') p.specialty = readSpecialty(s);
  }
  if (n3 || n4) p.address = readAddress(n3, n4);
  if (refs) p.refs = refs.slice();
  if (contacts) p.contacts = contacts.slice();
  return p;
}

function readDemographics(s: Segment): Demographics {
  const d: Demographics = {};
  const birthDate = opt(s, 2);
  const gender = opt(s, 3);
  if (birthDate !== undefined) d.birthDate = birthDate;
  if (gender !== undefined) d.gender = gender;
  return d;
}
