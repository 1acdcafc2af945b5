/**
 * planRemittance: one 835 transaction set and our claims as loaded → every posting it makes (one per
 * claim, one for the provider-level adjustments), what happened to each claim, and the worklist items
 * (denials, underpayments, unmatched claims and lines). Pure: the server loads, this decides, the server
 * writes it all in one database transaction.
 */
import { providerAdjustmentEntries } from '../ledger/entries.ts';
import type { EntryInput } from '../ledger/ledger-types.ts';
import type { Remittance835 } from '@medbill/x12/transactions/835/model.ts';
import { matchClaim } from './match-remittance.ts';
import { planMatchedClaim, planUnmatchedClaim } from './plan-claim.ts';
import type { PlanContext, RemittancePlan } from './remit-types.ts';

export function planRemittance(remit: Remittance835, context: PlanContext): RemittancePlan {
  const plan: RemittancePlan = {
    postings: [],
    claims: [],
    denials: [],
    underpayments: [],
    unmatched: [],
    cashCents: 0,
  };
  const clps = remit.headers.flatMap((h) => h.claims);
  const ctx = { ...context, payerId: context.payerId ?? inferPayer(clps, context) };
  clps.forEach((clp, clpIndex) => {
    const m = matchClaim(clp, ctx);
    const r = m ? planMatchedClaim(clp, clpIndex, m.claim, m.how, ctx) : planUnmatchedClaim(clp, clpIndex, ctx);
    if (r.posting) {
      r.planned.postingIndex = plan.postings.length;
      plan.postings.push(r.posting);
    }
    plan.claims.push(r.planned);
    plan.denials.push(...r.denials);
    plan.underpayments.push(...r.underpayments);
    plan.unmatched.push(...r.unmatched);
  });
  const plb: EntryInput[] = [];
  for (const p of remit.providerAdjustments)
    for (const item of p.items)
      plb.push(...providerAdjustmentEntries(ctx.payerId, item.reason, item.amount, item.reference));
  if (plb.length)
    plan.postings.push({
      kind: 'remittance_settlement',
      effectiveDate: ctx.effectiveDate,
      memo: `provider-level adjustments (PLB): ${remit.providerAdjustments.flatMap((p) => p.items.map((i) => `${i.reason}${i.reference ? ` ${i.reference}` : ''} ${(i.amount / 100).toFixed(2)}`)).join(', ')}`,
      ...(ctx.remittanceId ? { remittanceId: ctx.remittanceId } : {}),
      ...(ctx.ediFileId ? { ediFileId: ctx.ediFileId } : {}),
      entries: plb,
    });
  for (const p of plan.postings) for (const e of p.entries) if (e.account === 'cash') plan.cashCents += e.amount;
  return plan;
}

/** With no payer named in the file, the payer of the claims it matched by number, when they agree. */
function inferPayer(clps: Remittance835['headers'][number]['claims'], ctx: PlanContext): number | null {
  const payers = new Set<number>();
  for (const clp of clps) {
    const c = ctx.byClaimNumber.get(clp.patientControlNumber.trim());
    if (c) payers.add(c.payerId);
  }
  return payers.size === 1 ? [...payers][0] : null;
}
