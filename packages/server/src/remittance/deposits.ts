/**
 * Deposits: record a bank deposit (EFT or check) and list them with the 835s each one paid. Recording one
 * reconciles at once, so a deposit whose 835 is already here shows matched (or the difference) straight away.
 */
import type { DepositInput, DepositItem, DepositList, DepositRemittance, DepositStatus } from '@medbill/api';
import { traceKey } from '@medbill/core/remittance/index.ts';
import type { Actor } from '../actor.ts';
import { AppError, invalid } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import type { DenialDeps } from '../denials/denial-deps.ts';
import { reconcileInTx } from './reconcile-deposits.ts';

export type DepositDeps = Pick<DenialDeps, 'db' | 'auditKey' | 'claims'>;

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
      if (!payer) throw invalid('payerId', 'no such payer');
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
        [{ field: 'traceNumber', message: 'is already recorded' }],
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

/** Deposits with their matched remittances, newest first. */
export async function loadDeposits(
  tx: Tx,
  tenantId: number,
  f: { ids?: number[]; status?: DepositStatus | DepositStatus[]; limit?: number; offset?: number },
): Promise<DepositItem[]> {
  let q = tx
    .selectFrom('deposit as d')
    .leftJoin('payer as p', (j) => j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.id', '=', 'd.payer_id'))
    .select([
      'd.id',
      'd.deposited_on',
      'd.amount_cents',
      'd.method',
      'd.trace_number',
      'd.payer_id',
      'p.name as payer_name',
      'd.memo',
      'd.status',
      'd.remitted_cents',
      'd.created_by',
      'd.created_at',
    ])
    .where('d.tenant_id', '=', tenantId);
  if (f.ids) q = q.where('d.id', 'in', f.ids.length ? f.ids : [0]);
  if (typeof f.status === 'string') q = q.where('d.status', '=', f.status);
  else if (f.status) q = q.where('d.status', 'in', f.status);
  const rows = await q
    .orderBy('d.deposited_on', 'desc')
    .orderBy('d.id', 'desc')
    .limit(f.limit ?? 1000)
    .offset(f.offset ?? 0)
    .execute();
  const links = rows.length
    ? await remittanceQuery(tx, tenantId)
        .innerJoin('deposit_remittance as dr', (j) =>
          j.onRef('dr.tenant_id', '=', 'r.tenant_id').onRef('dr.remittance_id', '=', 'r.id'),
        )
        .select('dr.deposit_id')
        .where(
          'dr.deposit_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('r.id')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    depositedOn: r.deposited_on,
    amountCents: Number(r.amount_cents),
    method: r.method,
    traceNumber: r.trace_number,
    payerId: r.payer_id,
    payerName: r.payer_name ?? null,
    memo: r.memo,
    status: r.status,
    remittedCents: Number(r.remitted_cents),
    differenceCents: r.status === 'unmatched' ? 0 : Number(r.amount_cents) - Number(r.remitted_cents),
    remittances: links.filter((l) => l.deposit_id === r.id).map(toDepositRemittance),
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export function remittanceQuery(tx: Tx, tenantId: number) {
  return tx
    .selectFrom('remittance as r')
    .select([
      'r.id',
      'r.trace_number',
      'r.payer_name',
      'r.payer_id',
      'r.payment_cents',
      'r.payment_method',
      'r.payment_date',
      'r.status',
      'r.created_at',
    ])
    .where('r.tenant_id', '=', tenantId);
}

type RemittanceRow = Awaited<ReturnType<ReturnType<typeof remittanceQuery>['execute']>>[number];

export function toDepositRemittance(r: RemittanceRow): DepositRemittance {
  return {
    id: r.id,
    traceNumber: r.trace_number,
    payerName: r.payer_name,
    payerId: r.payer_id,
    paymentCents: Number(r.payment_cents),
    paymentMethod: r.payment_method,
    paymentDate: r.payment_date,
    status: r.status,
    receivedAt: new Date(r.created_at).toISOString(),
  };
}
