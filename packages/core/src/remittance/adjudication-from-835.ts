/**
 * An 835 claim payment as the stored payer adjudication a secondary claim is built from (the claims
 * stage's PayerAdjudication): lines keyed by our line numbers (split SVCs summed back into their line).
 * Null when a service cannot be placed on one of our lines or carries the 4010 group CR: then no
 * secondary is built from it automatically and a person enters the EOB.
 */
import type { CasAdjustment, LinePayerAdjudication, PayerAdjudication } from '../claims/cob/payer-adjudication.ts';
import { isCrossover } from '../claims/cob/payer-adjudication.ts';
import type { ClaimPayment } from '@medbill/x12/835';
import type { MatchedLine, OurClaim } from './remit-types.ts';

const cas = (list: ClaimPayment['adjustments']): CasAdjustment[] | null => {
  const out: CasAdjustment[] = [];
  for (const a of list) {
    if (a.group !== 'CO' && a.group !== 'PR' && a.group !== 'OA' && a.group !== 'PI') return null;
    out.push({
      group: a.group,
      reason: a.reason,
      amountCents: a.amount,
      ...(a.quantity !== undefined ? { quantity: a.quantity } : {}),
    });
  }
  return out;
};

export function adjudicationFrom835(
  clp: ClaimPayment,
  claim: OurClaim,
  matches: readonly MatchedLine[],
  adjudicationDate: string,
): PayerAdjudication | null {
  const claimCas = cas(clp.adjustments);
  if (!claimCas) return null;
  const byLine = new Map<number, LinePayerAdjudication>();
  for (const m of matches) {
    if (m.lineId === null) return null;
    const line = claim.lines.find((l) => l.id === m.lineId);
    const svc = clp.services[m.svcIndex];
    const adjs = cas(svc.adjustments);
    if (!line || !adjs) return null;
    const allowed = svc.amounts.find((a) => a.qualifier === 'B6')?.amount ?? null;
    const prior = byLine.get(line.id);
    if (prior) {
      prior.chargeCents += svc.charge;
      prior.paidCents += svc.paid;
      prior.paidUnits += svc.units ?? 1;
      prior.allowedCents = prior.allowedCents !== null && allowed !== null ? (prior.allowedCents ?? 0) + allowed : null;
      prior.adjustments.push(...adjs);
      prior.remarks.push(...svc.remarks.map((r) => r.code));
      continue;
    }
    byLine.set(line.id, {
      lineNumber: line.lineNumber,
      procedureCode: svc.procedure.code,
      modifiers: [...svc.procedure.modifiers],
      revenueCode: svc.revenueCode ?? null,
      chargeCents: svc.charge,
      paidCents: svc.paid,
      paidUnits: svc.units ?? 1,
      allowedCents: allowed,
      adjustments: adjs,
      remarks: svc.remarks.filter((r) => r.qualifier === 'HE').map((r) => r.code),
    });
  }
  const remarks = clp.outpatient?.remarks ?? clp.inpatient?.remarks ?? [];
  const lines = [...byLine.values()];
  const pr = [...claimCas, ...lines.flatMap((l) => l.adjustments)]
    .filter((a) => a.group === 'PR')
    .reduce((t, a) => t + a.amountCents, 0);
  return {
    source: '835',
    payerClaimNumber: clp.payerClaimControlNumber || null,
    statusCode: clp.status,
    adjudicationDate,
    chargeCents: clp.charge,
    paidCents: clp.paid,
    patientResponsibilityCents: pr,
    adjustments: claimCas,
    remarks: [...remarks],
    crossover: isCrossover(clp.status, remarks),
    crossoverPayerName: clp.crossoverCarrier?.lastName || null,
    lines,
  };
}
