/** createPaymentPlan: a plan on the account (default: its whole patient balance), one kept plan at a time. */
import { accounts } from '@medbill/core';
import { recordAuditForPatients } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import { AppError, invalid } from '../app-error.ts';
import { accountOfPatient } from './account-of.ts';
import { openItems } from './open-items.ts';
import { isoDay, type UseCaseContext } from './use-case-context.ts';

export interface CreatePlanInput {
  patientId: number;
  totalCents?: number;
  downPaymentCents?: number;
  installments: number;
  firstDueDate: string;
  frequency?: 'monthly' | 'biweekly';
  graceDays?: number;
  maxMisses?: number;
}

export async function createPaymentPlan(ctx: UseCaseContext, input: CreatePlanInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const account = await accountOfPatient(tx, ctx.tenantId, input.patientId);
    const balance = (await openItems(tx, ctx.tenantId, account.patientIds)).reduce((s, i) => s + i.balanceCents, 0);
    const total = input.totalCents ?? balance;
    if (total <= 0) throw new AppError('conflict', 'The account owes nothing: there is nothing to put on a plan');
    if (total > balance)
      throw invalid('totalCents', `the plan cannot be more than the balance (${accounts.dollars(balance)})`);
    const start = isoDay(ctx.now());
    if (input.firstDueDate < start) throw invalid('firstDueDate', 'the first installment cannot be due before today');
    const terms = {
      totalCents: total,
      downPaymentCents: input.downPaymentCents ?? 0,
      installments: input.installments,
      firstDueDate: input.firstDueDate,
      startDate: start,
      frequency: input.frequency ?? 'monthly',
      graceDays: input.graceDays ?? 10,
      maxMisses: input.maxMisses ?? 2,
    } satisfies accounts.PlanTerms;
    if (terms.downPaymentCents >= total)
      throw invalid('downPaymentCents', 'the down payment must be less than the total');
    const existing = await tx
      .selectFrom('payment_plan')
      .select('id')
      .where('tenant_id', '=', ctx.tenantId)
      .where('account_id', '=', account.accountId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (existing)
      throw new AppError('conflict', `The account already has an active plan (${existing.id}); cancel it first`);
    const row = await tx
      .insertInto('payment_plan')
      .values({
        tenant_id: ctx.tenantId,
        account_id: account.accountId,
        total_cents: terms.totalCents,
        down_payment_cents: terms.downPaymentCents,
        installments: terms.installments,
        start_date: start,
        first_due_date: terms.firstDueDate,
        frequency: terms.frequency,
        grace_days: terms.graceDays,
        max_misses: terms.maxMisses,
        created_by: ctx.actor.username ?? 'system',
        created_at: ctx.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAuditForPatients(
      tx,
      ctx.auditKey,
      ctx.actor,
      {
        action: 'create',
        resourceType: 'payment_plan',
        resourceId: row.id,
        dataCategory: 'account',
        details: { totalCents: total, installments: terms.installments },
      },
      account.patientIds,
    );
    return { id: row.id, accountId: account.accountId, schedule: accounts.planSchedule(terms) };
  });
}
