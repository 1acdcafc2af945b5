/**
 * A secondary (or tertiary) payer adjudicating a COB claim from its 2320/2430 loops: for each line it reads
 * what the earlier payer paid (SVD02) and the patient liability left (2430 AMT*EAF, else the PR adjustments),
 * and pays that liability up to what it would have paid as primary (standard coordination of benefits).
 * The line balances: charge − paid = OA 23 (the prior payer's payment) + CO 45 (the prior payer's contractual
 * reduction) + PR (what is still the patient's).
 */
import type { Claim837, ClaimLine, LineAdjudication } from '@medbill/x12/837';
import type { AdjustmentResult } from './types.ts';

export interface PriorPayerLine {
  paidCents: number;
  /** remaining patient liability after the earlier payer(s) */
  liabilityCents: number;
}

/** The earlier payers' result on one line, or null when the claim carries no line-level COB for it. */
export function priorPayerLine(line: ClaimLine): PriorPayerLine | null {
  const adjs: LineAdjudication[] = line.adjudications ?? [];
  if (!adjs.length) return null;
  const last = adjs[adjs.length - 1]!;
  const paid = adjs.reduce((t, a) => t + a.paid, 0);
  const eaf = last.amounts?.find((a) => a.qualifier === 'EAF');
  const pr = (last.adjustments ?? [])
    .filter((g) => g.group === 'PR')
    .flatMap((g) => g.items)
    .reduce((t, i) => t + i.amount, 0);
  return { paidCents: paid, liabilityCents: eaf ? eaf.amount : pr };
}

/** Whether this claim is a later payer's COB claim carrying the earlier payers' adjudication. */
export function isCobClaim(claim: Claim837, responsibility: string): boolean {
  return responsibility !== 'P' && (claim.otherSubscribers ?? []).some((o) => o.payerPaid !== undefined);
}

/**
 * Price one line of a COB claim: `normalPaid` is what this payer would pay as primary (after its own cost
 * sharing); it pays the remaining liability up to that.
 */
export function cobLine(
  chargeCents: number,
  prior: PriorPayerLine,
  normalPaid: number,
  normalAllowed: number,
): { paidCents: number; allowedCents: number; adjustments: AdjustmentResult[] } {
  const liability = Math.max(0, Math.min(prior.liabilityCents, chargeCents - prior.paidCents));
  const paid = Math.max(0, Math.min(liability, normalPaid));
  const adjustments: AdjustmentResult[] = [];
  const add = (group: AdjustmentResult['group'], reason: string, amountCents: number) => {
    if (amountCents > 0) adjustments.push({ group, reason, amountCents });
  };
  add('OA', '23', prior.paidCents);
  add('CO', '45', chargeCents - prior.paidCents - liability);
  add('PR', '2', liability - paid);
  return { paidCents: paid, allowedCents: Math.max(normalAllowed, prior.paidCents + paid), adjustments };
}
