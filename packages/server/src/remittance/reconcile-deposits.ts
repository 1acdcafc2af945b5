/**
 * Reconciliation: deposits to the 835s that paid them, by TRN02, with the amounts compared; then what is left
 * unmatched on each side. A remittance that moves no money (BPR04 NON, or nothing paid) expects no deposit, and a
 * dismissed one is not counted.
 */
import type { DepositReconciliation } from '@medbill/api';
import { matchDeposits } from '@medbill/core/remittance';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import { loadDeposits, remittanceQuery, toDepositRemittance, type DepositDeps } from './deposit-rows.ts';

/** Matches what can be matched now; returns the deposits that gained a remittance. */
export async function reconcileInTx(tx: Tx, tenantId: number, now: Date): Promise<number[]> {
  // deposits still open, locked so two reconciliations at once do not both match the same remittance
  const deposits = await tx
    .selectFrom('deposit')
    .select(['id', 'trace_key', 'payer_id', 'amount_cents', 'remitted_cents'])
    .where('tenant_id', '=', tenantId)
    .where('status', 'in', ['unmatched', 'difference'])
    .orderBy('id')
    .forUpdate()
    .execute();
  if (!deposits.length) return [];
  const open = await unmatchedRemittances(tx, tenantId).execute();
  const matches = matchDeposits(
    deposits.map((d) => ({
      id: d.id,
      traceKey: d.trace_key,
      payerId: d.payer_id,
      amountCents: Number(d.amount_cents) - Number(d.remitted_cents),
    })),
    open.map((r) => ({
      id: r.id,
      traceNumber: r.trace_number,
      payerId: r.payer_id,
      paymentCents: Number(r.payment_cents),
    })),
  );
  for (const m of matches) {
    await tx
      .insertInto('deposit_remittance')
      .values(
        m.remittanceIds.map((remittanceId) => ({
          tenant_id: tenantId,
          deposit_id: m.depositId,
          remittance_id: remittanceId,
          matched_by: 'trace' as const,
          matched_at: now,
        })),
      )
      .execute();
    const d = deposits.find((x) => x.id === m.depositId)!;
    const remitted = Number(d.remitted_cents) + m.remittedCents;
    await tx
      .updateTable('deposit')
      .set({
        remitted_cents: remitted,
        status: remitted === Number(d.amount_cents) ? 'matched' : 'difference',
        reconciled_at: now,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', m.depositId)
      .execute();
  }
  return matches.map((m) => m.depositId);
}

/** Remittances that move money and no deposit has matched. */
function unmatchedRemittances(tx: Tx, tenantId: number) {
  return remittanceQuery(tx, tenantId)
    .where('r.status', '<>', 'dismissed')
    .where('r.payment_cents', '>', 0)
    .where('r.payment_method', '<>', 'NON')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('deposit_remittance as dr')
            .select('dr.remittance_id')
            .whereRef('dr.tenant_id', '=', 'r.tenant_id')
            .whereRef('dr.remittance_id', '=', 'r.id'),
        ),
      ),
    );
}

async function report(tx: Tx, tenantId: number, matched: number): Promise<DepositReconciliation> {
  const unmatchedDeposits = await loadDeposits(tx, tenantId, { status: 'unmatched', limit: 500 });
  const differences = await loadDeposits(tx, tenantId, { status: 'difference', limit: 500 });
  const remittances = (await unmatchedRemittances(tx, tenantId).orderBy('r.id', 'desc').limit(500).execute()).map(
    toDepositRemittance,
  );
  const sums = await tx
    .selectFrom('deposit')
    .select((eb) => [
      eb.fn.sum<string>('amount_cents').as('deposited'),
      eb.fn.sum<string>('remitted_cents').as('remitted'),
    ])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return {
    matched,
    unmatchedDeposits,
    differences,
    unmatchedRemittances: remittances,
    totals: {
      depositedCents: Number(sums?.deposited ?? 0),
      remittedCents: Number(sums?.remitted ?? 0),
      unmatchedDepositCents: unmatchedDeposits.reduce((s, d) => s + d.amountCents, 0),
      unmatchedRemittanceCents: remittances.reduce((s, r) => s + r.paymentCents, 0),
    },
  };
}

/** Runs the matching, then reports what is left unmatched on both sides. */
export async function reconcileDeposits(deps: DepositDeps, actor: Actor): Promise<DepositReconciliation> {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const now = deps.claims.now();
    const ids = await reconcileInTx(tx, actor.tenantId, now);
    const r = await report(tx, actor.tenantId, ids.length);
    await recordAudit(
      tx,
      deps.auditKey,
      actor,
      {
        action: 'update',
        resourceType: 'deposit',
        details: {
          matched: ids.slice(0, 100),
          unmatchedDeposits: r.unmatchedDeposits.length,
          differences: r.differences.length,
          unmatchedRemittances: r.unmatchedRemittances.length,
        },
      },
      now,
    );
    return r;
  });
}

/** The reconciliation as it stands, without matching anything. */
export async function depositReconciliation(deps: DepositDeps, actor: Actor): Promise<DepositReconciliation> {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const r = await report(tx, actor.tenantId, 0);
    await recordAudit(
      tx,
      deps.auditKey,
      actor,
      { action: 'query', resourceType: 'deposit', details: { view: 'reconciliation' } },
      deps.claims.now(),
    );
    return r;
  });
}
