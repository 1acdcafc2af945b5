/**
 * Deposits: record a bank deposit (EFT or check) and list them with the 835s each one paid. Recording one
 * reconciles at once, so a deposit whose 835 is already here shows matched (or the difference) straight away.
 */
import { issueAt } from '@medbill/api';
import type { DepositInput, DepositItem, DepositList, DepositStatus } from '@medbill/api';
import { traceKey } from '@medbill/core/remittance';
import type { Actor } from '../actor.ts';
import { AppError, invalid } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import { loadDeposits, type DepositDeps } from './deposit-rows.ts';
import { reconcileInTx } from './reconcile-deposits.ts';

export type { DepositDeps };

export async function recordDeposit(deps: DepositDeps, actor: Actor, input: DepositInput): Promise<DepositItem> {
  const t = actor.tenantId;
  const trace = input.traceNumber.trim();
  const key = traceKey(trace);
  return withTenant(deps.db, t, async (tx) => {
    if (input.payerId !== undefined) {
      const payer = await tx
        .selectFrom('payer')
        .select('id')
        .where('tenant_id', '=', t)
        .where('id', '=', input.payerId)
        .executeTakeFirst();
      if (!payer) throw invalid('payerId', 'no such payer', 'no-such-record');
    }
    let same = tx
      .selectFrom('deposit')
      .select(['id', 'deposited_on'])
      .where('tenant_id', '=', t)
      .where('method', '=', input.method)
      .where('trace_key', '=', key);
    same =
      input.payerId === undefined ? same.where('payer_id', 'is', null) : same.where('payer_id', '=', input.payerId);
    const dup = await same.executeTakeFirst();
    if (dup)
      throw new AppError(
        'conflict',
        `Deposit #${dup.id} of ${dup.deposited_on} already has ${input.method} trace ${trace}: a bank line is recorded once`,
        [issueAt('traceNumber', 'duplicate', 'is already recorded')],
      );
    const row = await tx
      .insertInto('deposit')
      .values({
        tenant_id: t,
        deposited_on: input.depositedOn,
        amount_cents: input.amountCents,
        method: input.method,
        trace_number: trace,
        trace_key: key,
        payer_id: input.payerId ?? null,
        memo: input.memo?.trim() ?? '',
        created_by: actor.username,
        created_at: deps.claims.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      tx,
      deps.auditKey,
      actor,
      {
        action: 'create',
        resourceType: 'deposit',
        resourceId: row.id,
        details: { method: input.method, trace, amountCents: input.amountCents, depositedOn: input.depositedOn },
      },
      deps.claims.now(),
    );
    await reconcileInTx(tx, t, deps.claims.now());
    const [item] = await loadDeposits(tx, t, { ids: [row.id] });
    return item;
  });
}

export async function listDeposits(
  deps: DepositDeps,
  actor: Actor,
  input: { status?: DepositStatus; limit?: number; offset?: number } = {},
): Promise<DepositList> {
  const limit = Math.min(input.limit ?? 50, 500);
  const offset = input.offset ?? 0;
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    let q = tx.selectFrom('deposit').where('tenant_id', '=', actor.tenantId);
    if (input.status) q = q.where('status', '=', input.status);
    const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
    const items = await loadDeposits(tx, actor.tenantId, { status: input.status, limit, offset });
    await recordAudit(
      tx,
      deps.auditKey,
      actor,
      { action: 'query', resourceType: 'deposit', details: { status: input.status ?? null, returned: items.length } },
      deps.claims.now(),
    );
    return { items, total, limit, offset };
  });
}
