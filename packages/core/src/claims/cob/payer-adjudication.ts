/**
 * What one payer decided on a claim, whether read from a posted 835 (CLP/CAS/SVC) or typed in from a
 * paper EOB: the data a secondary or tertiary claim's 2320/2330/2430 loops are built from. Money is
 * integer cents; dates 'YYYY-MM-DD'. The checks here are the 835 balancing rules (REMITTANCE.md).
 */
import type { Issue } from '@medbill/x12';

/** CAS: group + CARC + amount (+ quantity). CR is 4010 only and never stored. */
export interface CasAdjustment {
  group: 'CO' | 'PR' | 'OA' | 'PI';
  reason: string;
  amountCents: number;
  quantity?: number;
}

export interface LinePayerAdjudication {
  /** our service line number (the 835's REF*6R line item control number) */
  lineNumber: number;
  /** the procedure as the payer adjudicated it (may differ from what was billed) */
  procedureCode: string;
  modifiers: string[];
  revenueCode?: string | null;
  chargeCents: number;
  paidCents: number;
  paidUnits: number;
  allowedCents?: number | null;
  adjustments: CasAdjustment[];
  remarks: string[];
}

export interface PayerAdjudication {
  source: 'paper_eob' | '835';
  /** CLP07: the payer's claim control number (ICN/DCN) */
  payerClaimNumber: string | null;
  /** CLP02: 1/2/3 processed as primary/secondary/tertiary, 4 denied, 19/20/21 processed and forwarded */
  statusCode: string;
  /** the check or remittance date (2330B / 2430 DTP*573) */
  adjudicationDate: string;
  chargeCents: number;
  paidCents: number;
  patientResponsibilityCents: number;
  /** claim-level CAS (835 loop 2100) */
  adjustments: CasAdjustment[];
  /** claim-level RARC (MOA/MIA) */
  remarks: string[];
  /** the payer sent the claim on to the next payer itself (Medicare crossover) */
  crossover: boolean;
  crossoverPayerName?: string | null;
  lines: LinePayerAdjudication[];
}

/** What can be wrong with an adjudication typed in from a paper EOB (or read from an 835) before it is stored. */
export const ADJUDICATION_ISSUE_CODES = [
  'unknown-status',
  'invalid-date',
  'invalid-payer-claim-number',
  'not-a-claim-line',
  'charge-differs',
  'line-listed-twice',
  'negative-amount',
  'line-unbalanced',
  'claim-unbalanced',
  'paid-not-lines-sum',
  'patient-responsibility-mismatch',
  'invalid-adjustment-group',
  'invalid-adjustment-reason',
  'not-whole-cents',
] as const;
export type AdjudicationIssueCode = (typeof ADJUDICATION_ISSUE_CODES)[number];
/** The one issue shape, located at the EOB form's field (e.g. 'lines[0].adjustments'). */
export type AdjudicationProblem = Issue<AdjudicationIssueCode> & { location: { field: string } };

const GROUPS = new Set(['CO', 'PR', 'OA', 'PI']);
/** CLP02 codes an adjudication we keep may carry (22 reversals and 25 predeterminations are not stored). */
export const ADJUDICATION_STATUS_CODES = ['1', '2', '3', '4', '19', '20', '21', '23'] as const;
/** CLP02 "processed and forwarded to additional payer(s)". */
const FORWARDED = new Set(['19', '20', '21']);
/**
 * Remarks that say the payer forwarded the claim: MA18 (forwarded to the supplemental insurer), N89
 * (forwarded to more than one other payer), MA19 (not forwarded: no crossover, listed to say so).
 */
const CROSSOVER_REMARKS = new Set(['MA18', 'N89']);

export const money = (cents: number) => (cents / 100).toFixed(2);
const sum = (adjs: readonly CasAdjustment[]) => adjs.reduce((t, a) => t + a.amountCents, 0);

/** True when the status code or a remark says the payer sent the claim to the next payer itself. */
export function isCrossover(statusCode: string, remarks: readonly string[]): boolean {
  return FORWARDED.has(statusCode) || remarks.some((r) => CROSSOVER_REMARKS.has(r.toUpperCase()));
}

/** Patient responsibility: the PR adjustments at claim and line level (CLP05 must equal it). */
export function patientResponsibilityOf(adj: Pick<PayerAdjudication, 'adjustments' | 'lines'>): number {
  const pr = (list: readonly CasAdjustment[]) => sum(list.filter((a) => a.group === 'PR'));
  return pr(adj.adjustments) + adj.lines.reduce((t, l) => t + pr(l.adjustments), 0);
}

/**
 * Everything wrong with an adjudication before it is stored: balancing (line charge − paid = Σ line CAS;
 * claim charge − paid = Σ claim CAS + Σ line CAS), patient responsibility = Σ PR, lines that exist on the
 * claim, valid groups, reasons and dates. Each problem names the field in the EOB form.
 */
export function adjudicationProblems(
  adj: PayerAdjudication,
  claimLines: ReadonlyArray<{ lineNumber: number; chargeCents: number }>,
): AdjudicationProblem[] {
  const out: AdjudicationProblem[] = [];
  const bad: Bad = (code, field, message) => out.push({ code, severity: 'error', message, location: { field } });
  if (!(ADJUDICATION_STATUS_CODES as readonly string[]).includes(adj.statusCode))
    bad(
      'unknown-status',
      'statusCode',
      `Claim status ${adj.statusCode} is not one we keep (1, 2, 3, 4, 19, 20, 21 or 23)`,
    );
  if (!/^\d{4}-\d{2}-\d{2}$/.test(adj.adjudicationDate))
    bad('invalid-date', 'adjudicationDate', 'The adjudication (check or remittance) date must be YYYY-MM-DD');
  if (adj.payerClaimNumber !== null && !/^[A-Za-z0-9-]{1,50}$/.test(adj.payerClaimNumber))
    bad('invalid-payer-claim-number', 'payerClaimNumber', "The payer's claim number is 1–50 letters, digits or dashes");
  checkAdjustments(adj.adjustments, 'adjustments', bad);
  const billed = new Map(claimLines.map((l) => [l.lineNumber, l.chargeCents]));
  const seen = new Set<number>();
  adj.lines.forEach((l, i) => {
    const f = (name: string) => `lines[${i}].${name}`;
    if (!billed.has(l.lineNumber))
      bad('not-a-claim-line', f('lineNumber'), `Line ${l.lineNumber} is not a line of this claim`);
    else if (billed.get(l.lineNumber) !== l.chargeCents)
      bad(
        'charge-differs',
        f('chargeCents'),
        `Line ${l.lineNumber}: the charge ${money(l.chargeCents)} differs from the ${money(billed.get(l.lineNumber)!)} billed`,
      );
    if (seen.has(l.lineNumber)) bad('line-listed-twice', f('lineNumber'), `Line ${l.lineNumber} is listed twice`);
    seen.add(l.lineNumber);
    if (l.paidCents < 0)
      bad('negative-amount', f('paidCents'), `Line ${l.lineNumber}: the paid amount cannot be negative`);
    if (!(l.paidUnits >= 0))
      bad('negative-amount', f('paidUnits'), `Line ${l.lineNumber}: paid units cannot be negative`);
    checkAdjustments(l.adjustments, f('adjustments'), bad);
    const off = l.chargeCents - l.paidCents - sum(l.adjustments);
    if (off !== 0)
      bad(
        'line-unbalanced',
        f('adjustments'),
        `Line ${l.lineNumber} does not balance: charge ${money(l.chargeCents)} − paid ${money(l.paidCents)} should equal the adjustments (${money(sum(l.adjustments))}); ${money(off)} is unaccounted for`,
      );
  });
  if (adj.paidCents < 0) bad('negative-amount', 'paidCents', 'The paid amount cannot be negative');
  const lineAdj = adj.lines.reduce((t, l) => t + sum(l.adjustments), 0);
  const claimOff = adj.chargeCents - adj.paidCents - sum(adj.adjustments) - lineAdj;
  if (claimOff !== 0)
    bad(
      'claim-unbalanced',
      'adjustments',
      `The claim does not balance: charge ${money(adj.chargeCents)} − paid ${money(adj.paidCents)} should equal the claim and line adjustments (${money(sum(adj.adjustments) + lineAdj)}); ${money(claimOff)} is unaccounted for`,
    );
  if (adj.lines.length && adj.lines.reduce((t, l) => t + l.paidCents, 0) !== adj.paidCents)
    bad('paid-not-lines-sum', 'paidCents', 'The paid amount must equal the sum of the lines paid');
  const pr = patientResponsibilityOf(adj);
  if (pr !== adj.patientResponsibilityCents)
    bad(
      'patient-responsibility-mismatch',
      'patientResponsibilityCents',
      `Patient responsibility ${money(adj.patientResponsibilityCents)} must equal the PR adjustments (${money(pr)})`,
    );
  return out;
}

type Bad = (code: AdjudicationIssueCode, field: string, message: string) => void;

function checkAdjustments(adjs: readonly CasAdjustment[], field: string, bad: Bad): void {
  adjs.forEach((a, i) => {
    if (!GROUPS.has(a.group))
      bad(
        'invalid-adjustment-group',
        `${field}[${i}].group`,
        `Adjustment group ${a.group} is not CO, PR, OA or PI (CR is not used in 5010)`,
      );
    if (!/^[A-Z0-9]{1,5}$/.test(a.reason))
      bad(
        'invalid-adjustment-reason',
        `${field}[${i}].reason`,
        `Adjustment reason "${a.reason}" is not a claim adjustment reason code`,
      );
    if (!Number.isInteger(a.amountCents))
      bad('not-whole-cents', `${field}[${i}].amountCents`, 'An adjustment amount is whole cents');
  });
}
