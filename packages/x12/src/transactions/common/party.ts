/** People and organizations: NM1 with its N3/N4/REF/PER/DMG/PRV companions, read and written alike. */
import type { Segment, SegmentSink } from '../../syntax/types.ts';
import type { Cursor } from './cursor.ts';
import type {
  Address,
  CodedParty,
  Contact,
  ContactNumber,
  Demographics,
  EntityName,
  Party,
  Reference,
  Specialty,
} from './party-model.ts';
import { type Interner, listOf, shared } from './read-model.ts';
import { el, opt, seg } from './values.ts';

export type {
  Address,
  CodedName,
  CodedParty,
  Contact,
  ContactNumber,
  Demographics,
  EntityName,
  Party,
  Reference,
  Specialty,
} from './party-model.ts';

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

/** NM1 → name (one literal with every key: see read-model.ts); `t` shares repeated values (providers, payers). */
export function readName(s: Segment, t?: Interner): EntityName {
  const e = s.elements;
  return {
    entityType: e[1] === '1' ? '1' : '2',
    lastName: shared(t, e[2]) ?? '',
    firstName: shared(t, e[3]),
    middleName: shared(t, e[4]),
    prefix: shared(t, e[5]),
    suffix: shared(t, e[6]),
    idQualifier: shared(t, e[7]),
    id: shared(t, e[8]),
  };
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

const NONE: readonly string[] = [];

export function readAddress(n3: Segment | undefined, n4: Segment | undefined, t?: Interner): Address {
  const a = n3 ? n3.elements : NONE;
  const b = n4 ? n4.elements : NONE;
  return {
    line1: shared(t, a[0]) ?? '',
    line2: shared(t, a[1]),
    city: shared(t, b[0]) ?? '',
    state: shared(t, b[1]),
    postalCode: shared(t, b[2]),
    countryCode: shared(t, b[3]),
  };
}

export function writeAddress(a: Address): Segment[] {
  return [seg('N3', a.line1, a.line2), seg('N4', a.city, a.state, a.postalCode, a.countryCode)];
}

export function writeAddressInto(out: SegmentSink, a: Address): void {
  out.push(seg('N3', a.line1, a.line2));
  out.push(seg('N4', a.city, a.state, a.postalCode, a.countryCode));
}

export function readContact(s: Segment): Contact {
  const numbers: ContactNumber[] = [];
  for (const n of [3, 5, 7])
    if (el(s, n) !== '' || el(s, n + 1) !== '') numbers.push({ qualifier: el(s, n), value: el(s, n + 1) });
  return { functionCode: el(s, 1), name: opt(s, 2), numbers: listOf(numbers) };
}

export function writeContact(c: Contact): Segment {
  const nums = (c.numbers ?? []).slice(0, 3).flatMap((n) => [n.qualifier, n.value]);
  return seg('PER', c.functionCode, c.name, ...nums);
}

export function writeRefs(refs: readonly Reference[] | undefined): Segment[] {
  return (refs ?? []).map((r) => seg('REF', r.qualifier, r.value, r.description));
}

export function writeRefsInto(out: SegmentSink, refs: readonly Reference[] | undefined): void {
  if (refs) for (const r of refs) out.push(seg('REF', r.qualifier, r.value, r.description));
}

export function writeDemographics(d: Demographics | undefined): Segment[] {
  if (!d) return [];
  return [seg('DMG', d.birthDate !== undefined ? 'D8' : undefined, d.birthDate, d.gender)];
}

export function writeSpecialty(s: Specialty | undefined): Segment[] {
  return s ? [seg('PRV', s.code, 'PXC', s.taxonomy)] : [];
}

export function readSpecialty(s: Segment, t?: Interner): Specialty {
  return t ? { code: t.get(el(s, 1)), taxonomy: t.get(el(s, 3)) } : { code: el(s, 1), taxonomy: el(s, 3) };
}

/** Write a whole party: NM1, N3/N4, DMG or PRV, REF*, PER* (the order the 837 and 27x guides use). */
export function writeParty(entityCode: string, p: Party): Segment[] {
  return writePartyInto([], entityCode, p);
}

/** `writeParty` appending to `out` (no intermediate arrays); returns `out`. */
export function writePartyInto<S extends SegmentSink>(out: S, entityCode: string, p: Party): S {
  out.push(writeName(entityCode, p.name));
  if (p.address) writeAddressInto(out, p.address);
  const dm = p.demographics;
  if (dm) out.push(seg('DMG', dm.birthDate !== undefined ? 'D8' : undefined, dm.birthDate, dm.gender));
  if (p.specialty) out.push(seg('PRV', p.specialty.code, 'PXC', p.specialty.taxonomy));
  writeRefsInto(out, p.refs);
  if (p.contacts) for (const c of p.contacts) out.push(writeContact(c));
  return out;
}

/** Companion segments a party loop may hold after its NM1. */
export const PARTY_IDS: ReadonlySet<string> = new Set(['N3', 'N4', 'REF', 'PER', 'DMG', 'PRV']);

/** Read NM1 (at the cursor) and the N3/N4/DMG/PRV/REF/PER that follow it; `extra` may consume other companions (returns true when it did). */
export function readParty(
  cur: Cursor,
  allowed: ReadonlySet<string> = PARTY_IDS,
  extra?: (s: Segment) => boolean,
  t?: Interner,
): Party {
  const kind = t && !extra ? (allowed === PARTY_IDS ? 'party:6' : `party:${allowed.size}`) : undefined;
  const from = cur.position;
  const run = kind !== undefined ? partyRun(cur, allowed) : 0;
  if (kind !== undefined) {
    const known = keptParty<Party>(t!, kind, cur.segs, from, run);
    if (known !== undefined) {
      cur.skip(run);
      return known;
    }
  }
  const p = readParts(cur, allowed, extra, t);
  const party: Party = {
    name: p.name,
    address: p.address,
    demographics: p.demographics,
    specialty: p.specialty,
    refs: p.refs,
    contacts: p.contacts,
  };
  return kind === undefined ? party : keepParty(t!, kind, cur.segs, from, run, party);
}

/** The number of segments of the party loop at the cursor (its NM1 and the companions that follow it). */
function partyRun(cur: Cursor, allowed: ReadonlySet<string>): number {
  const segs = cur.segs;
  const from = cur.position;
  let i = from + 1;
  while (i < segs.length && allowed.has(segs[i]!.id)) i++;
  return Math.min(i, segs.length) - from;
}

/**
 * With an interner, a party loop read again with the same segments, value for value (the rendering provider, the
 * payer of every claim of a batch), is the object read the first time: one object per provider instead of one per
 * claim. Parties are kept by their NM1 id (NM109, else the name) with the segments they were read from, and a loop
 * is the kept party only when every segment and value is equal (no key text is built per party).
 */
interface KeptParty {
  segs: readonly Segment[];
  party: unknown;
}

/** Candidates kept per NM1 key (a bound: more distinct loops with one key are read, not kept). */
const MAX_KEPT_PER_KEY = 8;

function partyKeyOf(nm1: Segment): string {
  const e = nm1.elements;
  return e[8] || e[2] || '';
}

function keptParty<P>(t: Interner, kind: string, segs: readonly Segment[], from: number, run: number): P | undefined {
  const kept = t.objectOf<KeptParty[]>(kind, partyKeyOf(segs[from]!));
  if (kept === undefined) return undefined;
  for (let k = 0; k < kept.length; k++) if (sameRun(kept[k]!.segs, segs, from, run)) return kept[k]!.party as P;
  return undefined;
}

function keepParty<P>(t: Interner, kind: string, segs: readonly Segment[], from: number, run: number, party: P): P {
  const key = partyKeyOf(segs[from]!);
  const kept = t.objectOf<KeptParty[]>(kind, key);
  const entry: KeptParty = { segs: segs.slice(from, from + run), party };
  if (kept === undefined) t.keepObject(kind, key, [entry]);
  else if (kept.length < MAX_KEPT_PER_KEY) kept.push(entry);
  else return party;
  t.markKept(party as object);
  return party;
}

function sameRun(a: readonly Segment[], segs: readonly Segment[], from: number, run: number): boolean {
  if (a.length !== run) return false;
  for (let i = 0; i < run; i++) {
    const x = a[i]!;
    const y = segs[from + i]!;
    if (x.id !== y.id) return false;
    const xe = x.elements;
    const ye = y.elements;
    if (xe.length !== ye.length) return false;
    for (let k = 0; k < xe.length; k++) if (xe[k] !== ye[k]) return false;
  }
  return true;
}

/** `readParty` keeping NM101 (a provider or other payer named by its entity code). */
export function readCodedParty(cur: Cursor, t?: Interner): CodedParty {
  const entityCode = el(cur.peek()!, 1);
  const from = cur.position;
  const run = t ? partyRun(cur, PARTY_IDS) : 0;
  if (t !== undefined) {
    const known = keptParty<CodedParty>(t, 'coded-party', cur.segs, from, run);
    if (known !== undefined) {
      cur.skip(run);
      return known;
    }
  }
  const p = readParts(cur, PARTY_IDS, undefined, t);
  const party: CodedParty = {
    entityCode,
    name: p.name,
    address: p.address,
    demographics: p.demographics,
    specialty: p.specialty,
    refs: p.refs,
    contacts: p.contacts,
  };
  return t === undefined ? party : keepParty(t, 'coded-party', cur.segs, from, run, party);
}

function readParts(
  cur: Cursor,
  allowed: ReadonlySet<string>,
  extra: ((s: Segment) => boolean) | undefined,
  t: Interner | undefined,
): Party {
  const nm1 = cur.next();
  let n3: Segment | undefined;
  let n4: Segment | undefined;
  let dmg: Segment | undefined;
  let prv: Segment | undefined;
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
    else if (s.id === 'REF') (refs ??= []).push(readRef(s, t));
    else if (s.id === 'PER') (contacts ??= []).push(readContact(s));
    else if (s.id === 'DMG') dmg = s;
    else if (s.id === 'PRV') prv = s;
  }
  return {
    name: readName(nm1, t),
    address: n3 || n4 ? readAddress(n3, n4, t) : undefined,
    demographics: dmg ? readDemographics(dmg) : undefined,
    specialty: prv ? readSpecialty(prv, t) : undefined,
    refs: refs && listOf(refs),
    contacts: contacts && listOf(contacts),
  };
}

/** REF → reference (the value shared when `t` is given). */
export function readRef(s: Segment, t?: Interner): Reference {
  return { qualifier: el(s, 1), value: t ? t.get(el(s, 2)) : el(s, 2), description: opt(s, 3) };
}

function readDemographics(s: Segment): Demographics {
  return { birthDate: opt(s, 2), gender: opt(s, 3) };
}
