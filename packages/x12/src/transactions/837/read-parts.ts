/** Readers of the small 837 segments (DTP, AMT, CAS, PWK, SBR, NTE, composites) shared by the 2300 and 2400 readers. */
import type { Delimiters, Segment } from '../../syntax/types.ts';
import type {
  Adjustment,
  Amount,
  Attachment,
  Claim837,
  ClaimKind,
  DateValue,
  Note,
  PayerResponsibility,
  Procedure,
} from './claim-model.ts';
import type { IssueSink } from '../common/issues.ts';
import { type Interner, listOf, listOrEmpty, shared } from '../common/read-model.ts';
import { centsReq, decimalAt } from '../common/read-values.ts';
import { comps, el, opt } from '../common/values.ts';
import { dateFormat } from './build-claim.ts';

export interface ReadCtx {
  kind: ClaimKind;
  d: Delimiters;
  sink: IssueSink;
  /** values shared across the claims of one reader (dates, codes, qualifiers, providers, payers) */
  t: Interner;
  /** called with each claim as soon as it is read, with its CLM segment (checks that need its location) */
  onClaim?: (claim: Claim837, clm: Segment) => void;
}

export function readDate(s: Segment, t?: Interner): DateValue {
  const qualifier = el(s, 1);
  const value = t ? t.get(el(s, 3)) : el(s, 3);
  const format = el(s, 2);
  const derived = format === dateFormat(value);
  if (t === undefined) return derived ? { qualifier, value, format: undefined } : { qualifier, value, format };
  // one object per date value and qualifier (the same service date recurs on every line of a day's claims)
  const known = t.objectOf<DateValue>('DTP', value);
  if (
    known !== undefined &&
    known.qualifier === qualifier &&
    (derived ? known.format === undefined : known.format === format)
  )
    return known;
  const made: DateValue = derived ? { qualifier, value, format: undefined } : { qualifier, value, format };
  return known === undefined ? t.keepObject('DTP', value, made) : made;
}

export function readAttachment(s: Segment): Attachment {
  return { reportType: el(s, 1), transmission: el(s, 2), controlNumber: opt(s, 6) };
}

export function readAdjustment(s: Segment, sink: IssueSink, t?: Interner): Adjustment {
  const items: Adjustment['items'] = [];
  for (let n = 2; n <= 17; n += 3) {
    if (el(s, n) === '' && el(s, n + 1) === '') continue;
    const reason = t ? t.get(el(s, n)) : el(s, n);
    items.push({ reason, amount: centsReq(s, n + 1, sink), quantity: decimalAt(s, n + 2, sink) });
  }
  return { group: el(s, 1), items: listOrEmpty(items) };
}

export function readSbr(s: Segment, t?: Interner): PayerResponsibility {
  if (t === undefined) return sbrOf(s, t);
  // the same SBR recurs on every claim of an employer group: one object per distinct SBR, found by its group number
  const key = el(s, 3);
  const kept = t.objectOf<PayerResponsibility[]>('SBR', key);
  if (kept !== undefined) for (const k of kept) if (sameSbr(k, s)) return k;
  const made = sbrOf(s, t);
  if (kept === undefined) t.keepObject('SBR', key, [made]);
  else if (kept.length < 8) kept.push(made);
  else return made;
  t.markKept(made);
  return made;
}

function sbrOf(s: Segment, t: Interner | undefined): PayerResponsibility {
  return {
    responsibility: el(s, 1),
    relationship: opt(s, 2),
    groupNumber: shared(t, opt(s, 3)),
    groupName: shared(t, opt(s, 4)),
    insuranceType: opt(s, 5),
    claimFilingCode: opt(s, 9),
  };
}

function sameSbr(k: PayerResponsibility, s: Segment): boolean {
  return (
    k.responsibility === el(s, 1) &&
    k.relationship === opt(s, 2) &&
    k.groupNumber === opt(s, 3) &&
    k.groupName === opt(s, 4) &&
    k.insuranceType === opt(s, 5) &&
    k.claimFilingCode === opt(s, 9)
  );
}

/** A procedure composite (SV101, SV202, SVD03, EB13); qualifier, code and modifiers shared through `t`. */
export function readProcedure(value: string, d: Delimiters, t?: Interner): Procedure | undefined {
  if (value === '') return undefined;
  if (t === undefined) return procedureOf(value, d, t);
  return t.objectOf<Procedure>('C003', value) ?? t.keepObject('C003', value, procedureOf(value, d, t));
}

function procedureOf(value: string, d: Delimiters, t: Interner | undefined): Procedure {
  const p = comps(value, d);
  let last = Math.min(p.length, 6);
  while (last > 2 && p[last - 1] === '') last--;
  const modifiers: string[] = [];
  for (let i = 2; i < last; i++) modifiers.push(shared(t, p[i]) ?? '');
  return {
    qualifier: shared(t, p[0]) ?? '',
    code: shared(t, p[1]) ?? '',
    modifiers: listOf(modifiers),
    description: p[6] || undefined,
  };
}

export function readAmount(s: Segment, sink: IssueSink): Amount {
  return { qualifier: el(s, 1), amount: centsReq(s, 2, sink) };
}

export function readNote(s: Segment): Note {
  return { code: el(s, 1), text: el(s, 2) };
}
