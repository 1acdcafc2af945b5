/**
 * planRemittance: one 835 transaction set and our claims as loaded → every posting it makes (one per
 * claim, one for the provider-level adjustments), what happened to each claim, and the worklist items
 * (denials, underpayments, unmatched claims and lines). Pure: the server loads, this decides, the server
 * writes it all in one database transaction. `RemittancePlanner` does the same a few claims at a time,
 * so a caller can yield between steps (a 10,000-claim 835 never holds the event loop).
 */
import { providerAdjustmentEntries } from '../ledger/entries.ts';
import type { EntryInput } from '../ledger/ledger-types.ts';
import type { ClaimPayment, Remittance835 } from '@medbill/x12/835';
import { matchClaim } from './match-remittance.ts';
import { planMatchedClaim, planUnmatchedClaim } from './plan-claim.ts';
import type { PlanContext, RemittancePlan } from './remit-types.ts';

export class RemittancePlanner {
  readonly plan: RemittancePlan = {
    postings: [],
    claims: [],
    denials: [],
    underpayments: [],
    unmatched: [],
    cashCents: 0,
  };
  readonly ctx: PlanContext;
  private readonly clps: ClaimPayment[];
  private next = 0;

  constructor(
    private readonly remit: Remittance835,
    context: PlanContext,
  ) {
    this.clps = remit.headers.flatMap((h) => h.claims);
    this.ctx = { ...context, payerId: context.payerId ?? inferPayer(this.clps, context) };
  }

  get claimCount(): number {
    return this.clps.length;
  }

  get done(): number {
    return this.next;
  }

  /** plans up to `n` more claims; false once every claim is planned */
  step(n: number): boolean {
    const end = Math.min(this.clps.length, this.next + n);
    for (; this.next < end; this.next++) this.planClaim(this.next);
    return this.next < this.clps.length;
  }

  private planClaim(clpIndex: number): void {
    const clp = this.clps[clpIndex];
    const plan = this.plan;
    const m = matchClaim(clp, this.ctx);
    const r = m
      ? planMatchedClaim(clp, clpIndex, m.claim, m.how, this.ctx)
      : planUnmatchedClaim(clp, clpIndex, this.ctx);
    if (r.posting) {
      r.planned.postingIndex = plan.postings.length;
      plan.postings.push(r.posting);
    }
    plan.claims.push(r.planned);
    plan.denials.push(...r.denials);
    plan.underpayments.push(...r.underpayments);
    plan.unmatched.push(...r.unmatched);
  }

  /** the provider-level adjustments and the cash total, once every claim is planned */
  finish(): RemittancePlan {
    while (this.step(1000));
    const { remit, ctx, plan } = this;
    const plb: EntryInput[] = [];
    for (const p of remit.providerAdjustments)
      for (const item of p.items)
        plb.push(...providerAdjustmentEntries(ctx.payerId, item.reason, item.amount, item.reference));
    if (ctx.acceptDifferences) {
      let cash = 0;
      for (const p of plan.postings) for (const e of p.entries) if (e.account === 'cash') cash += e.amount;
      for (const e of plb) if (e.account === 'cash') cash += e.amount;
      // what BPR02 and the claims cannot explain stays visible on the payer's provider balance
      const diff = cash - (remit.payment?.total ?? 0);
      plb.push(...providerAdjustmentEntries(ctx.payerId, 'DIFF', diff, `TRN ${remit.trace?.checkOrEftNumber ?? ''}`));
    }
    if (plb.length)
      plan.postings.push({
        kind: 'remittance_settlement',
        effectiveDate: ctx.effectiveDate,
        memo: `provider-level adjustments (PLB): ${remit.providerAdjustments
          .flatMap((p) =>
            p.items.map((i) => `${i.reason}${i.reference ? ` ${i.reference}` : ''} ${(i.amount / 100).toFixed(2)}`),
          )
          .join(', ')}`,
        ...(ctx.remittanceId ? { remittanceId: ctx.remittanceId } : {}),
        ...(ctx.ediFileId ? { ediFileId: ctx.ediFileId } : {}),
        entries: plb,
      });
    plan.cashCents = 0;
    for (const p of plan.postings) for (const e of p.entries) if (e.account === 'cash') plan.cashCents += e.amount;
    return plan;
  }
}

export function planRemittance(remit: Remittance835, context: PlanContext): RemittancePlan {
  return new RemittancePlanner(remit, context).finish();
}

/** With no payer named in the file, the payer of the claims it matched by number, when they agree. */
export function inferPayer(clps: readonly ClaimPayment[], ctx: Pick<PlanContext, 'byClaimNumber'>): number | null {
  const payers = new Set<number>();
  for (const clp of clps) {
    const c = ctx.byClaimNumber.get(clp.patientControlNumber.trim());
    if (c) payers.add(c.payerId);
  }
  return payers.size === 1 ? [...payers][0] : null;
}
