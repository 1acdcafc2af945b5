/**
 * reverseAdjudication: a replacement (CLM05-3 = 7) or void (8) naming a paid claim's ICN in REF*F8
 * takes the original payment back — an 835 claim with CLP02 = 22 and every amount negated — and gives
 * the member back the deductible that claim used. The replacement is then adjudicated as new.
 */
import type { Accumulators } from './accumulators.ts';
import { serviceKey } from './denial-rules.ts';
import type { AdjudicationResult, ReceivedClaim } from './types.ts';

export interface Reversal {
  /** the original claim (its lines and names go on the reversal) */
  ctx: ReceivedClaim;
  result: AdjudicationResult;
  icn: string;
}

function negate(r: AdjudicationResult): AdjudicationResult {
  return {
    ...r,
    claimStatusCode: '22',
    chargeCents: -r.chargeCents,
    allowedCents: -r.allowedCents,
    paidCents: -r.paidCents,
    patientResponsibilityCents: -r.patientResponsibilityCents,
    lines: r.lines.map((l) => ({
      ...l,
      chargeCents: -l.chargeCents,
      allowedCents: -l.allowedCents,
      paidCents: -l.paidCents,
      adjustments: l.adjustments.map((a) => ({ ...a, amountCents: -a.amountCents })),
    })),
  };
}

/** The reversal of the claim with this ICN, or null when the payer holds no standing adjudication for it. */
export function reverseAdjudication(
  icn: string,
  acc: Accumulators,
): { reversal: Reversal; accumulators: Accumulators } | null {
  const stored = acc.adjudications?.[icn];
  if (!stored) return null;
  const deductibleUsed = stored.result.lines
    .flatMap((l) => l.adjustments)
    .filter((a) => a.group === 'PR' && a.reason === '1')
    .reduce((t, a) => t + a.amountCents, 0);
  const adjudications = { ...acc.adjudications };
  delete adjudications[icn];
  const claims = { ...acc.claims };
  delete claims[`${stored.ctx.payerId}|${stored.ctx.claim.id}`];
  const services = { ...acc.services };
  for (const line of stored.ctx.claim.lines) {
    const k = serviceKey(stored.ctx, line);
    if (services[k] === stored.ctx.claim.id) delete services[k];
  }
  const met = (acc.deductibleCents[stored.deductibleKey] ?? 0) - deductibleUsed;
  return {
    reversal: { ctx: stored.ctx, result: negate(stored.result), icn },
    accumulators: {
      ...acc,
      adjudications,
      claims,
      services,
      deductibleCents: { ...acc.deductibleCents, [stored.deductibleKey]: Math.max(0, met) },
    },
  };
}
