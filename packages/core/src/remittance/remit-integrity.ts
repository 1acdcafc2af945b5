/**
 * Whether an 835 may be posted, or must be held for a person: bad envelope counts or control numbers,
 * amounts that are not amounts (or too large to be real), negative amounts where they cannot be, and any
 * balancing equation that fails — each reason names the equation with its figures and where it is.
 * Nothing of a held file is applied.
 */
import type { IssueLocation, X12Issue } from '@medbill/x12';
import type { ClaimPayment, Remittance835 } from '@medbill/x12/835';
import { formatCents } from '../ledger/money.ts';
import { includedInterest } from './plan-claim.ts';

export interface HoldReason {
  code:
    | 'envelope'
    | 'syntax'
    | 'amount_invalid'
    | 'amount_too_large'
    | 'negative_amount'
    | 'remittance_unbalanced'
    | 'claim_unbalanced'
    | 'line_unbalanced'
    | 'missing_segment'
    | 'date_invalid'
    | 'unsupported';
  message: string;
  /** the failing equation with its figures, e.g. "BPR02 100.00 ≠ ΣCLP04 120.00 − ΣPLB 0.00 (difference 20.00)" */
  equation?: string;
  /** "segment 12 (CLP), element 4" */
  where?: string;
}

/** An amount larger than this ($100 billion) is not a payment but a file error: held, never summed. */
export const MAX_AMOUNT_CENTS = 10_000_000_000_000;

const $ = formatCents;
const sum = (xs: readonly { amount: number }[]) => xs.reduce((t, x) => t + x.amount, 0);

export function describeLocation(l: IssueLocation | undefined): string | undefined {
  if (!l) return undefined;
  const parts: string[] = [];
  if (l.segmentIndex !== undefined) parts.push(`segment ${l.segmentIndex}${l.segmentId ? ` (${l.segmentId})` : ''}`);
  else if (l.segmentId) parts.push(l.segmentId);
  if (l.line !== undefined) parts.push(`line ${l.line}`);
  if (l.element !== undefined) parts.push(`element ${l.element}`);
  return parts.join(', ') || undefined;
}

const READER_HOLDS: Record<string, HoldReason['code']> = {
  AMOUNT_INVALID: 'amount_invalid',
  NUMBER_INVALID: 'amount_invalid',
  REQUIRED_SEGMENT_MISSING: 'missing_segment',
};
// balancing is recomputed below (with the interest rule), so the reader's own balancing issues are not repeated
const RECOMPUTED = new Set(['SERVICE_LINE_OUT_OF_BALANCE', 'CLAIM_OUT_OF_BALANCE', 'PAYMENT_OUT_OF_BALANCE']);

function fromIssue(i: X12Issue): HoldReason | null {
  if (i.severity !== 'error' || RECOMPUTED.has(i.code)) return null;
  const where = describeLocation(i.location);
  const code: HoldReason['code'] =
    READER_HOLDS[i.code] ?? (i.layer === 'syntax' ? (/^(IEA|GE|SE)_/.test(i.code) ? 'envelope' : 'syntax') : 'syntax');
  return { code, message: i.message, ...(where ? { where } : {}) };
}

function at(loc: ClaimPayment['loc'], element?: number, segmentId?: string): string | undefined {
  if (!loc) return undefined;
  return describeLocation({
    segmentIndex: loc.index,
    line: loc.line,
    ...(segmentId ? { segmentId } : {}),
    ...(element ? { element } : {}),
  });
}

/** A CCYYMMDD that is a real calendar date. */
export function isCalendarDate(d: string): boolean {
  if (!/^\d{8}$/.test(d)) return false;
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(4, 6));
  const day = Number(d.slice(6, 8));
  const t = new Date(Date.UTC(y, m - 1, day));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
}

function checkDates(r: Remittance835, out: HoldReason[]): void {
  for (const [label, d] of [
    ['BPR16 (payment date)', r.payment?.date],
    ['DTM*405 (production date)', r.productionDate],
  ] as const)
    if (d !== undefined && d !== '' && !isCalendarDate(d))
      out.push({ code: 'date_invalid', message: `${label} ${JSON.stringify(d)} is not a date` });
}

function checkAmounts(r: Remittance835, out: HoldReason[]): void {
  // what and where are only put into words for an amount that fails (a 170,000-claim file has a million amounts)
  const big = (what: () => string, v: number, where?: () => string | undefined) => {
    if (Math.abs(v) <= MAX_AMOUNT_CENTS) return;
    const w = where?.();
    out.push({
      code: 'amount_too_large',
      message: `${what()} ${$(v)} is larger than any real payment`,
      ...(w ? { where: w } : {}),
    });
  };
  if (r.payment) {
    big(() => 'BPR02', r.payment.total);
    if (r.payment.total < 0)
      out.push({ code: 'negative_amount', message: `BPR02 (total payment) ${$(r.payment.total)} is negative` });
    if (r.payment.creditDebit === 'D')
      out.push({
        code: 'unsupported',
        message: 'BPR03 is D (a debit: the payer takes money back); post it by hand after checking it',
      });
  }
  for (const clp of r.headers.flatMap((h) => h.claims)) {
    const reversal = clp.status === '22';
    const name = `claim ${clp.patientControlNumber}`;
    for (const [label, v, el] of [
      ['CLP03', clp.charge, 3],
      ['CLP04', clp.paid, 4],
      ['CLP05', clp.patientResponsibility ?? 0, 5],
    ] as const) {
      big(
        () => `${name} ${label}`,
        v,
        () => at(clp.loc, el, 'CLP'),
      );
      if (!reversal && v < 0)
        out.push({
          code: 'negative_amount',
          message: `${name}: ${label} ${$(v)} is negative but the claim is not a reversal (CLP02 ${clp.status})`,
          ...(at(clp.loc, el, 'CLP') ? { where: at(clp.loc, el, 'CLP')! } : {}),
        });
      if (reversal && v > 0 && label !== 'CLP05')
        out.push({
          code: 'negative_amount',
          message: `${name}: a reversal (CLP02 22) carries negative figures, but ${label} is ${$(v)}`,
          ...(at(clp.loc, el, 'CLP') ? { where: at(clp.loc, el, 'CLP')! } : {}),
        });
    }
    for (const s of clp.services) {
      big(
        () => `${name} SVC02`,
        s.charge,
        () => at(s.loc, 2, 'SVC'),
      );
      big(
        () => `${name} SVC03`,
        s.paid,
        () => at(s.loc, 3, 'SVC'),
      );
      if (!reversal && (s.paid < 0 || s.charge < 0))
        out.push({
          code: 'negative_amount',
          message: `${name}: service ${s.procedure.code} has a negative ${s.paid < 0 ? 'payment (SVC03)' : 'charge (SVC02)'} outside a reversal`,
          ...(at(s.loc, s.paid < 0 ? 3 : 2, 'SVC') ? { where: at(s.loc, s.paid < 0 ? 3 : 2, 'SVC')! } : {}),
        });
      for (const a of s.adjustments)
        big(
          () => `${name} CAS ${a.group}-${a.reason}`,
          a.amount,
          () => at(s.loc, undefined, 'SVC'),
        );
    }
    for (const a of clp.adjustments)
      big(
        () => `${name} CAS ${a.group}-${a.reason}`,
        a.amount,
        () => at(clp.loc, undefined, 'CLP'),
      );
  }
  for (const p of r.providerAdjustments)
    for (const i of p.items)
      big(
        () => `PLB ${i.reason}`,
        i.amount,
        () => at(p.loc, undefined, 'PLB'),
      );
}

function checkBalances(r: Remittance835, out: HoldReason[]): void {
  let claimsPaid = 0;
  for (const clp of r.headers.flatMap((h) => h.claims)) {
    claimsPaid += clp.paid;
    let lineCas = 0;
    for (const s of clp.services) {
      const cas = sum(s.adjustments);
      lineCas += cas;
      if (s.charge - cas !== s.paid)
        out.push({
          code: 'line_unbalanced',
          message: `claim ${clp.patientControlNumber}, service ${s.procedure.code || s.revenueCode || `line ${clp.services.indexOf(s) + 1}`}: the line does not balance`,
          equation: `SVC02 ${$(s.charge)} − ΣCAS ${$(cas)} = ${$(s.charge - cas)} ≠ SVC03 ${$(s.paid)} (difference ${$(s.charge - cas - s.paid)})`,
          ...(at(s.loc, 3, 'SVC') ? { where: at(s.loc, 3, 'SVC')! } : {}),
        });
    }
    const cas = sum(clp.adjustments) + lineCas;
    const interest = includedInterest(clp);
    if (clp.charge - cas + interest !== clp.paid)
      out.push({
        code: 'claim_unbalanced',
        message: `claim ${clp.patientControlNumber} does not balance`,
        equation: `CLP03 ${$(clp.charge)} − ΣCAS ${$(cas)} (claim and lines) = ${$(clp.charge - cas)} ≠ CLP04 ${$(clp.paid)} (difference ${$(clp.charge - cas - clp.paid)})`,
        ...(at(clp.loc, 4, 'CLP') ? { where: at(clp.loc, 4, 'CLP')! } : {}),
      });
  }
  const plb = r.providerAdjustments.reduce((t, p) => t + sum(p.items), 0);
  if (r.payment && claimsPaid - plb !== r.payment.total)
    out.push({
      code: 'remittance_unbalanced',
      message: 'the payment (BPR02) is not the claims paid less the provider-level adjustments',
      equation: `BPR02 ${$(r.payment.total)} ≠ ΣCLP04 ${$(claimsPaid)} − ΣPLB ${$(plb)} = ${$(claimsPaid - plb)} (difference ${$(r.payment.total - (claimsPaid - plb))})`,
    });
}

/** The reasons to hold a file that its reader's issues give (bad envelope counts, syntax, amounts that are not amounts). */
export function issueHoldReasons(issues: readonly X12Issue[]): HoldReason[] {
  const out: HoldReason[] = [];
  for (const i of issues) {
    const h = fromIssue(i);
    if (h) out.push(h);
  }
  return out;
}

/**
 * The reasons to hold one remittance. Its balances are not checked when an amount already failed (in `before`, the
 * file's reasons, or in its own): a sum over an amount that is not one says nothing.
 */
export function remittanceHoldReasons(r: Remittance835, before: readonly HoldReason[] = []): HoldReason[] {
  const out: HoldReason[] = [];
  if (!r.trace?.checkOrEftNumber)
    out.push({
      code: 'missing_segment',
      message: `transaction ${r.controlNumber} has no TRN trace number: it cannot be recognised if it is sent again`,
    });
  if (r.currency?.code && r.currency.code !== 'USD')
    out.push({
      code: 'unsupported',
      message: `transaction ${r.controlNumber} is in ${r.currency.code}, not US dollars`,
    });
  checkDates(r, out);
  checkAmounts(r, out);
  const failed = (h: HoldReason) => h.code === 'amount_too_large' || h.code === 'amount_invalid';
  if (!before.some(failed) && !out.some(failed)) checkBalances(r, out);
  return out;
}

export const NO_TRANSACTION: HoldReason = { code: 'missing_segment', message: 'the file holds no 835 transaction' };

/** Every reason to hold this 835 file (empty: it may be posted). */
export function holdReasons(issues: readonly X12Issue[], remittances: readonly Remittance835[]): HoldReason[] {
  const out = issueHoldReasons(issues);
  if (!remittances.length) out.push({ ...NO_TRANSACTION });
  for (const r of remittances) out.push(...remittanceHoldReasons(r, out));
  return out;
}
