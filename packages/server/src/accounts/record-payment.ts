/**
 * recordPatientPayment: cash, check or a card reference (no card processing: only the record), applied to the
 * chosen lines or the account's oldest first; what is left over stays as the patient's credit. One ledger posting.
 */
import { accounts } from '@medbill/core';
import { patientPaymentPosting } from '@medbill/core/ledger';
import { recordAuditForPatients } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import { invalid } from '../app-error.ts';
import { appendPosting } from '../ledger/index.ts';
import { accountOfPatient } from './account-of.ts';
import { openItems } from './open-items.ts';
import { isoDay, type UseCaseContext } from './use-case-context.ts';

export const PAYMENT_METHODS = ['cash', 'check', 'card', 'money_order', 'agency'] as const;

export interface PatientPaymentInput {
  patientId: number;
  amountCents: number;
  method: (typeof PAYMENT_METHODS)[number];
  /** check number, card reference (last four and authorization), receipt number */
  reference?: string;
  /** apply to these service lines, in this order; default: oldest first */
  lineIds?: number[];
  /** YYYY-MM-DD; default today */
  date?: string;
}

export interface PaymentResult {
  postingId: number;
  applied: Array<{ lineId: number; claimId: number; amountCents: number }>;
  onAccountCents: number;
}

export async function recordPatientPayment(ctx: UseCaseContext, input: PatientPaymentInput): Promise<PaymentResult> {
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0)
    throw invalid('amountCents', 'a payment is more than zero cents');
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const account = await accountOfPatient(tx, ctx.tenantId, input.patientId);
    const items = await openItems(tx, ctx.tenantId, account.patientIds);
    const unknown = (input.lineIds ?? []).filter((id) => !items.some((i) => i.lineId === id && i.balanceCents > 0));
    if (unknown.length) throw invalid('lineIds', `nothing is owed on line ${unknown.join(', ')} of this account`);
    const { allocations, onAccountCents } = accounts.allocatePayment(items, input.amountCents, input.lineIds);
    const date = input.date ?? isoDay(ctx.now());
    const postingId = await appendPosting(
      tx,
      ctx.tenantId,
      patientPaymentPosting({
        patientId: input.patientId,
        effectiveDate: date,
        method: input.method,
        ...(input.reference ? { reference: input.reference } : {}),
        allocations: allocations.map((a) => ({
          line: {
            serviceLineId: a.item.lineId,
            claimId: a.item.claimId,
            patientId: a.item.patientId,
            practiceId: a.item.practiceId,
          },
          amount: a.amountCents,
        })),
        onAccount: onAccountCents,
      }),
      { userId: ctx.actor.userId, username: ctx.actor.username },
    );
    const touched = [...new Set([input.patientId, ...allocations.map((a) => a.item.patientId)])];
    await recordAuditForPatients(
      tx,
      ctx.auditKey,
      ctx.actor,
      {
        action: 'create',
        resourceType: 'patient_payment',
        resourceId: postingId,
        dataCategory: 'account',
        details: { amountCents: input.amountCents, method: input.method, onAccountCents, accountId: account.accountId },
      },
      touched,
    );
    return {
      postingId,
      applied: allocations.map((a) => ({ lineId: a.item.lineId, claimId: a.item.claimId, amountCents: a.amountCents })),
      onAccountCents,
    };
  });
}
