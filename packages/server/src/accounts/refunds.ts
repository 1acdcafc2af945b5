/**
 * Credit balances paid back: a rep asks (requestRefund), someone with `account:approve` decides (decideRefund);
 * only an approval moves money (one `refund` posting taking the credit out of cash). The same person may not ask
 * and approve.
 */
import type { RefundRequestView } from '@medbill/api';
import { unappliedEntries } from '@medbill/core/ledger';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import { AppError, invalid, notFound } from '../app-error.ts';
import { appendPosting } from '../ledger/index.ts';
import { creditsOnAccount } from './open-items.ts';
import { isoDay, type UseCaseContext } from './use-case-context.ts';

export async function requestRefund(
  ctx: UseCaseContext,
  input: { patientId: number; amountCents: number; reason: string },
): Promise<RefundRequestView> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const patient = await tx
      .selectFrom('patient')
      .select('id')
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', input.patientId)
      .executeTakeFirst();
    if (!patient) throw notFound('Patient');
    const credit = (await creditsOnAccount(tx, ctx.tenantId, [input.patientId])).get(input.patientId) ?? 0;
    const pending = await tx
      .selectFrom('refund_request')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('n'))
      .where('tenant_id', '=', ctx.tenantId)
      .where('patient_id', '=', input.patientId)
      .where('status', '=', 'requested')
      .executeTakeFirstOrThrow();
    if (input.amountCents > credit - Number(pending.n))
      throw invalid('amountCents', `the patient's credit available to refund is ${credit - Number(pending.n)} cents`);
    const row = await tx
      .insertInto('refund_request')
      .values({
        tenant_id: ctx.tenantId,
        patient_id: input.patientId,
        amount_cents: input.amountCents,
        reason: input.reason,
        requested_by: ctx.actor.username ?? 'system',
        requested_at: ctx.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx.auditKey, ctx.actor, {
      action: 'create',
      resourceType: 'refund_request',
      resourceId: row.id,
      patientId: input.patientId,
      dataCategory: 'account',
      details: { amountCents: input.amountCents },
    });
    return refundView(row);
  });
}

export async function decideRefund(
  ctx: UseCaseContext,
  input: { refundId: number; approve: boolean },
): Promise<RefundRequestView> {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const r = await tx
      .selectFrom('refund_request')
      .selectAll()
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', input.refundId)
      .forUpdate()
      .executeTakeFirst();
    if (!r) throw notFound('Refund request');
    if (r.status !== 'requested') throw new AppError('conflict', `This refund was already ${r.status}`);
    if (r.requested_by === ctx.actor.username)
      throw new AppError('forbidden', 'The person who asked for a refund cannot approve it');
    let postingId: number | null = null;
    if (input.approve) {
      const credit = (await creditsOnAccount(tx, ctx.tenantId, [r.patient_id])).get(r.patient_id) ?? 0;
      if (r.amount_cents > credit)
        throw new AppError('conflict', `The credit is now ${credit} cents, less than the refund asked`);
      postingId = await appendPosting(
        tx,
        ctx.tenantId,
        {
          kind: 'refund',
          effectiveDate: isoDay(ctx.now()),
          memo: `refund of credit: ${r.reason}`,
          patientId: r.patient_id,
          entries: unappliedEntries(-r.amount_cents, { patientId: r.patient_id, reference: `refund ${r.id}` }),
        },
        { userId: ctx.actor.userId, username: ctx.actor.username },
      );
    }
    const row = await tx
      .updateTable('refund_request')
      .set({
        status: input.approve ? 'approved' : 'rejected',
        decided_by: ctx.actor.username,
        decided_at: ctx.now(),
        posting_id: postingId,
      })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', r.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx.auditKey, ctx.actor, {
      action: 'update',
      resourceType: 'refund_request',
      resourceId: r.id,
      patientId: r.patient_id,
      dataCategory: 'account',
      details: { status: row.status, postingId },
    });
    return refundView(row);
  });
}

function refundView(r: {
  id: number;
  patient_id: number;
  amount_cents: number;
  reason: string;
  status: string;
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  posting_id: number | null;
}): RefundRequestView {
  return {
    id: r.id,
    patientId: r.patient_id,
    amountCents: r.amount_cents,
    reason: r.reason,
    status: r.status as RefundRequestView['status'],
    requestedBy: r.requested_by,
    requestedAt: new Date(r.requested_at).toISOString(),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    postingId: r.posting_id,
  };
}
