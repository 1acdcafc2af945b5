/** What happened to a claim, in the words the worklists and the claim's history use. */
import type { ClaimPayment } from '@medbill/x12/835';
import { formatCents } from '../ledger/money.ts';
import { carcCategory } from './carc-map.ts';
import type { ClaimOutcome, LineDetail, PlannedClaim } from './remit-types.ts';

const FORWARDED = new Set(['19', '20', '21']);

function lineDenied(d: LineDetail): boolean {
  return (
    d.paidCents === 0 &&
    d.adjustments.some((a) => a.posted === 'open' || (a.group === 'PR' && carcCategory(a.reason).category === 'denial'))
  );
}

export function claimOutcome(clp: ClaimPayment, p: PlannedClaim): ClaimOutcome {
  if (clp.status === '22') return 'reversed';
  if (clp.status === '25') return 'predetermination';
  if (FORWARDED.has(clp.status)) return 'forwarded';
  const denied = p.lines.filter(lineDenied);
  if (clp.status === '4' || (clp.paid === 0 && (denied.length > 0 || p.openCents > 0))) return 'denied';
  if (denied.length && p.lines.length > 1) return 'paid_with_line_denials';
  if (p.openCents > 0) return 'partially_paid';
  return 'paid';
}

export const OUTCOME_WORDS: Record<ClaimOutcome | 'unmatched', string> = {
  paid: 'paid',
  partially_paid: 'partially paid',
  denied: 'denied',
  paid_with_line_denials: 'paid with line denials',
  reversed: 'reversed by the payer',
  forwarded: 'processed and forwarded to the next payer',
  predetermination: 'predetermination only',
  unmatched: 'not matched',
};

export function claimSummary(p: PlannedClaim): string {
  const $ = (c: number) => formatCents(c);
  const parts = [`${OUTCOME_WORDS[p.outcome]}: paid ${$(p.paidCents)} of ${$(p.chargeCents)}`];
  const all = [...p.claimAdjustments, ...p.lines.flatMap((l) => l.adjustments)];
  const contractual = all.filter((a) => a.posted === 'adjustment').reduce((t, a) => t + a.amountCents, 0);
  if (contractual) parts.push(`adjusted ${$(contractual)}`);
  if (p.patientResponsibilityCents) parts.push(`patient responsibility ${$(p.patientResponsibilityCents)}`);
  if (p.openCents) parts.push(`open with the payer ${$(p.openCents)}`);
  if (p.interestCents) parts.push(`interest ${$(p.interestCents)}`);
  return parts.join('; ');
}
