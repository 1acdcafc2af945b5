/** The ERA list: each 835 remittance with its payer, check/EFT trace, amount and whether it is posted or held. */
import type { UseCaseContext } from '../accounts/use-case-context.ts';
import { withTenant } from '../db/open-database.ts';
import type { HoldReason } from '@medbill/core/remittance';

export interface RemittanceRow {
  id: number;
  fileId: number;
  fileName: string;
  payerName: string;
  payerId: number | null;
  traceNumber: string;
  paymentMethod: string;
  paymentCents: number;
  paymentDate: string | null;
  claimCount: number;
  status: 'posted' | 'held' | 'dismissed';
  holdReasons: HoldReason[];
  postedAt: string | null;
  postedBy: string | null;
  releaseReason: string | null;
  receivedAt: string;
  /** claims of ours it could not place */
  unmatched: number;
  denied: number;
}

export interface RemittanceFilter {
  status?: 'posted' | 'held' | 'dismissed';
  payerId?: number;
  trace?: string;
  limit?: number;
  offset?: number;
}

export async function listRemittances(
  ctx: UseCaseContext,
  f: RemittanceFilter = {},
): Promise<{ total: number; rows: RemittanceRow[] }> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    let q = tx
      .selectFrom('remittance as r')
      .innerJoin('edi_file as f', (j) => j.onRef('f.tenant_id', '=', 'r.tenant_id').onRef('f.id', '=', 'r.edi_file_id'))
      .where('r.tenant_id', '=', ctx.tenantId);
    if (f.status) q = q.where('r.status', '=', f.status);
    if (f.payerId) q = q.where('r.payer_id', '=', f.payerId);
    if (f.trace) q = q.where('r.trace_number', '=', f.trace);
    const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await q
      .select([
        'r.id',
        'r.edi_file_id',
        'f.file_name',
        'r.payer_name',
        'r.payer_id',
        'r.trace_number',
        'r.payment_method',
        'r.payment_cents',
        'r.payment_date',
        'r.claim_count',
        'r.status',
        'r.hold_reasons',
        'r.posted_at',
        'r.posted_by',
        'r.release_reason',
        'r.created_at',
      ])
      .select((eb) => [
        eb
          .selectFrom('remittance_unmatched as u')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('u.tenant_id', '=', 'r.tenant_id')
          .whereRef('u.remittance_id', '=', 'r.id')
          .where('u.status', '=', 'open')
          .as('unmatched'),
        eb
          .selectFrom('remittance_claim as c')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('c.tenant_id', '=', 'r.tenant_id')
          .whereRef('c.remittance_id', '=', 'r.id')
          .where('c.outcome', 'in', ['denied', 'paid_with_line_denials'])
          .as('denied'),
      ])
      .orderBy('r.id', 'desc')
      .limit(Math.min(f.limit ?? 100, 1000))
      .offset(f.offset ?? 0)
      .execute();
    return {
      total,
      rows: rows.map((r) => ({
        id: r.id,
        fileId: r.edi_file_id,
        fileName: r.file_name,
        payerName: r.payer_name,
        payerId: r.payer_id,
        traceNumber: r.trace_number,
        paymentMethod: r.payment_method,
        paymentCents: r.payment_cents,
        paymentDate: r.payment_date,
        claimCount: r.claim_count,
        status: r.status,
        holdReasons: r.hold_reasons as HoldReason[],
        postedAt: r.posted_at ? new Date(r.posted_at).toISOString() : null,
        postedBy: r.posted_by,
        releaseReason: r.release_reason,
        receivedAt: new Date(r.created_at).toISOString(),
        unmatched: Number(r.unmatched ?? 0),
        denied: Number(r.denied ?? 0),
      })),
    };
  });
}
