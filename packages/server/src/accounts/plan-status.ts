/** A payment plan with its state today: installments paid, missed, broken or kept (payments from the ledger). */
import { accounts } from '@medbill/core';
import { sql } from 'kysely';
import type { Tx } from '../db/open-database.ts';
import { safeSum } from '../ledger/read-ledger.ts';
import type { AccountRef } from './account-of.ts';

export function termsOf(p: {
  total_cents: number;
  down_payment_cents: number;
  installments: number;
  first_due_date: string;
  start_date: string;
  frequency: string;
  grace_days: number;
  max_misses: number;
}): accounts.PlanTerms {
  return {
    totalCents: p.total_cents,
    downPaymentCents: p.down_payment_cents,
    installments: p.installments,
    firstDueDate: p.first_due_date,
    startDate: p.start_date,
    frequency: p.frequency === 'biweekly' ? 'biweekly' : 'monthly',
    graceDays: p.grace_days,
    maxMisses: p.max_misses,
  };
}

/** Patient payments on the account's patients since a date, by day. */
export async function paymentsSince(
  tx: Tx,
  t: number,
  patientIds: number[],
  since: string,
): Promise<Array<{ date: string; cents: number }>> {
  if (!patientIds.length) return [];
  const { rows } = await sql<{ date: string; cents: string }>`
    SELECT p.effective_date::text AS date, sum(e.amount_cents) AS cents
      FROM ledger_entry e JOIN ledger_posting p ON p.tenant_id = e.tenant_id AND p.id = e.posting_id
     WHERE e.tenant_id = ${t} AND e.account = 'cash' AND p.kind = 'patient_payment'
       AND p.patient_id IN (${sql.join(patientIds)}) AND p.effective_date >= ${since}
     GROUP BY p.effective_date ORDER BY p.effective_date`.execute(tx);
  return rows.map((r) => ({ date: r.date, cents: safeSum(r.cents) }));
}

export async function loadPlanStatus(tx: Tx, t: number, account: AccountRef, asOf: string) {
  const plan = await tx
    .selectFrom('payment_plan')
    .selectAll()
    .where('tenant_id', '=', t)
    .where('account_id', '=', account.accountId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!plan) return null;
  const terms = termsOf(plan);
  const status = accounts.planStatus(terms, await paymentsSince(tx, t, account.patientIds, plan.start_date), asOf);
  return { id: plan.id, recordedStatus: plan.status, terms, ...status };
}
