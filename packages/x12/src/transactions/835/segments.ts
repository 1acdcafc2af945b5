/** Segment → typed value converters for the 835 (one function per segment kind). */
import type { Delimiters, Segment, X12Issue } from '../../syntax/types.ts';
import { segmentLocation } from '../../syntax/issues.ts';
import { parseCents, parseDecimal, type Cents } from '../../syntax/numbers.ts';
import { readContact, readName, readRef } from '../common/party.ts';
import type {
  Address,
  Adjustment,
  ClaimPayment,
  Payment,
  AmountValue,
  Contact,
  DateValue,
  CodedName,
  Procedure,
  ProviderAdjustment,
  QuantityValue,
  Reference,
} from './model.ts';

export const REMIT_CODES = {
  amountInvalid: 'AMOUNT_INVALID',
  numberInvalid: 'NUMBER_INVALID',
  lineOutOfBalance: 'SERVICE_LINE_OUT_OF_BALANCE',
  claimOutOfBalance: 'CLAIM_OUT_OF_BALANCE',
  paymentOutOfBalance: 'PAYMENT_OUT_OF_BALANCE',
  unexpectedSegment: 'UNEXPECTED_SEGMENT',
  requiredSegmentMissing: 'REQUIRED_SEGMENT_MISSING',
} as const;

export interface ReadContext {
  file?: string;
  delims: Delimiters;
  issues: X12Issue[];
  loop: string;
}

export function guideIssue(
  ctx: ReadContext,
  code: string,
  seg: Segment,
  message: string,
  element?: number,
  severity: 'error' | 'warning' = 'error',
): void {
  const location = segmentLocation(seg, ctx.file, element);
  location.loop = ctx.loop;
  ctx.issues.push({ code, layer: 'guide', severity, message, location });
}

const el = (s: Segment, n: number): string => s.elements[n - 1] ?? '';
const opt = (s: Segment, n: number): string | undefined => s.elements[n - 1] || undefined;

/** Required amount: '' or a bad number → issue and 0. */
export function money(ctx: ReadContext, seg: Segment, n: number): Cents {
  const v = el(seg, n);
  const c = parseCents(v);
  if (c === null) {
    guideIssue(
      ctx,
      REMIT_CODES.amountInvalid,
      seg,
      `${seg.id}${String(n).padStart(2, '0')} ${JSON.stringify(v)} is not an amount with at most 2 decimals`,
      n,
    );
    return 0;
  }
  return c;
}

/** Optional amount: undefined when empty, issue when malformed. */
export function optMoney(ctx: ReadContext, seg: Segment, n: number): Cents | undefined {
  return el(seg, n) === '' ? undefined : money(ctx, seg, n);
}

export function optNumber(ctx: ReadContext, seg: Segment, n: number): number | undefined {
  const v = el(seg, n);
  if (v === '') return undefined;
  const d = parseDecimal(v);
  if (d === null) {
    guideIssue(
      ctx,
      REMIT_CODES.numberInvalid,
      seg,
      `${seg.id}${String(n).padStart(2, '0')} ${JSON.stringify(v)} is not a number`,
      n,
    );
    return undefined;
  }
  return d;
}

export function reference(seg: Segment): Reference {
  return readRef(seg);
}

export function dateValue(seg: Segment): DateValue {
  return { qualifier: el(seg, 1), date: el(seg, 2) };
}

export function contact(seg: Segment): Contact {
  return readContact(seg);
}

export function amount(ctx: ReadContext, seg: Segment): AmountValue {
  return { qualifier: el(seg, 1), amount: money(ctx, seg, 2) };
}

export function quantity(ctx: ReadContext, seg: Segment): QuantityValue {
  return { qualifier: el(seg, 1), quantity: optNumber(ctx, seg, 2) ?? 0 };
}

/** CAS: the group plus up to six reason/amount/quantity triplets (CAS02-04 ... CAS17-19). */
export function adjustments(ctx: ReadContext, seg: Segment, into: Adjustment[]): void {
  const group = el(seg, 1);
  const last = Math.min(17, seg.elements.length); // stay inside the array (out-of-bounds reads are slow)
  for (let n = 2; n <= last; n += 3) {
    const reason = seg.elements[n - 1];
    if (!reason) continue;
    const a: Adjustment = { group, reason, amount: money(ctx, seg, n + 1) };
    const q = optNumber(ctx, seg, n + 2);
    if (q !== undefined) a.quantity = q;
    into.push(a);
  }
}

/** NM1 of the 2100 claim loop: the name with its NM101. */
export function codedName(seg: Segment): CodedName {
  const n = readName(seg);
  return {
    entityCode: el(seg, 1),
    entityType: n.entityType,
    lastName: n.lastName,
    firstName: n.firstName,
    middleName: n.middleName,
    prefix: n.prefix,
    suffix: n.suffix,
    idQualifier: n.idQualifier,
    id: n.id,
  };
}

/** N3 into `a` (line1, line2). */
export function addressLines(seg: Segment, a: Address): void {
  a.line1 = el(seg, 1);
  a.line2 = opt(seg, 2);
}

/** N4 into `a` (city, state, postal code, country). */
export function cityStateZip(seg: Segment, a: Address): void {
  a.city = el(seg, 1);
  a.state = opt(seg, 2);
  a.postalCode = opt(seg, 3);
  a.countryCode = opt(seg, 4);
}

/** SVC01 / SVC06 composite: qualifier, code, up to four modifiers, description. */
export function procedure(value: string, delims: Delimiters): Procedure {
  const parts = value.split(delims.component);
  const p: Procedure = { qualifier: parts[0] ?? '', code: parts[1] ?? '', modifiers: [] };
  for (let i = 2; i < 6 && i < parts.length; i++) if (parts[i]) p.modifiers.push(parts[i]);
  if (parts[6]) p.description = parts[6];
  return p;
}

/** PLB: provider, fiscal period, then up to six adjustment pairs (PLB03/04 ... PLB13/14). */
export function providerAdjustment(ctx: ReadContext, seg: Segment): ProviderAdjustment {
  const plb: ProviderAdjustment = { providerId: el(seg, 1), fiscalPeriodDate: el(seg, 2), items: [] };
  if (seg.loc) plb.loc = seg.loc;
  for (let n = 3; n <= 13; n += 2) {
    const id = seg.elements[n - 1];
    if (!id) continue;
    const cut = id.indexOf(ctx.delims.component);
    const item =
      cut < 0
        ? { reason: id, amount: money(ctx, seg, n + 1) }
        : { reason: id.slice(0, cut), reference: id.slice(cut + 1), amount: money(ctx, seg, n + 1) };
    plb.items.push(item);
  }
  return plb;
}

/** BPR financial information. */
export function payment(ctx: ReadContext, seg: Segment): Payment {
  const e = seg.elements;
  const p: Payment = {
    handlingCode: e[0] ?? '',
    total: money(ctx, seg, 2),
    creditDebit: e[2] ?? '',
    method: e[3] ?? '',
  };
  if (e[4]) p.format = e[4];
  if (e[6])
    p.senderAccount = {
      dfiQualifier: e[5] ?? '',
      dfiId: e[6],
      ...(e[7] ? { accountQualifier: e[7] } : {}),
      account: e[8] ?? '',
    };
  if (e[9]) p.originatorCompanyId = e[9];
  if (e[12])
    p.receiverAccount = {
      dfiQualifier: e[11] ?? '',
      dfiId: e[12],
      ...(e[13] ? { accountQualifier: e[13] } : {}),
      account: e[14] ?? '',
    };
  if (e[15]) p.date = e[15];
  return p;
}

/** MOA outpatient adjudication. */
export function outpatient(ctx: ReadContext, seg: Segment): NonNullable<ClaimPayment['outpatient']> {
  const o: NonNullable<ClaimPayment['outpatient']> = {
    remarks: [2, 3, 4, 5, 6].map((i) => seg.elements[i] ?? '').filter(Boolean),
  };
  const rate = optNumber(ctx, seg, 1);
  if (rate !== undefined) o.reimbursementRate = rate;
  const hcpcs = optMoney(ctx, seg, 2);
  if (hcpcs !== undefined) o.hcpcsPayable = hcpcs;
  const esrd = optMoney(ctx, seg, 8);
  if (esrd !== undefined) o.esrdPayment = esrd;
  const npp = optMoney(ctx, seg, 9);
  if (npp !== undefined) o.nonPayableProfessional = npp;
  return o;
}
