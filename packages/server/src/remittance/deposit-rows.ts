/**
 * Reading deposits and the 835s linked to them: shared by recording, listing and reconciling deposits.
 */
import type { DepositItem, DepositRemittance, DepositStatus } from '@medbill/api';
import type { Tx } from '../db/open-database.ts';
import type { DenialDeps } from '../denials/denial-deps.ts';

export type DepositDeps = Pick<DenialDeps, 'db' | 'auditKey' | 'claims'>;

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
