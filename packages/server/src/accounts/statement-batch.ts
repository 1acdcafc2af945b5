/**
 * One batch of a statement run: the accounts named, their open items, credits, history, plans and placements
 * loaded set-wise for those accounts only, each decided by the rules in pure code. What a statement prints:
 * the items owed, the payments since the last statement and that statement's balance.
 */
import { accounts } from '@medbill/core';
import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { Tx } from '../db/open-database.ts';
import type { PracticeTable } from '../db/schema.ts';
import { safeSum } from '../ledger/read-ledger.ts';
import type { StatementContent } from '../print/statement-pdf.ts';
import { creditsOnAccount, openItems, type LedgerItem } from './open-items.ts';
import { paymentsSince, termsOf } from './plan-status.ts';

export interface PlannedStatement {
  statementId: number;
  accountId: number;
  patientIds: number[];
  content: StatementContent;
  level: accounts.DunningLevel;
}

export interface BatchOptions {
  asOf: string;
  rules: accounts.StatementRules;
  describe: (code: string) => string;
  practices: Array<Selectable<PracticeTable>>;
}

/** Payments older than this before the statement date are not listed on a first statement. */
const FIRST_STATEMENT_PAYMENT_DAYS = 90;

export async function planBatch(
  tx: Tx,
  t: number,
  accountIds: number[],
  o: BatchOptions,
): Promise<{ planned: Array<Omit<PlannedStatement, 'statementId'>>; skipped: Record<string, number> }> {
  const skipped: Record<string, number> = {};
  const planned: Array<Omit<PlannedStatement, 'statementId'>> = [];
  if (!accountIds.length) return { planned, skipped };
  const accountsRows = await tx
    .selectFrom('patient_account')
    .select(['id', 'guarantor_id', 'patient_id', 'statement_hold'])
    .where('tenant_id', '=', t)
    .where('id', 'in', accountIds)
    .orderBy('id')
    .execute();
  const gIds = accountsRows.flatMap((a) => (a.guarantor_id ? [a.guarantor_id] : []));
  const selfIds = accountsRows.flatMap((a) => (a.patient_id ? [a.patient_id] : []));
  const patients = await tx
    .selectFrom('patient')
    .select([
      'id',
      'first_name',
      'last_name',
      'account_number',
      'guarantor_id',
      'line1',
      'line2',
      'city',
      'state',
      'zip',
    ])
    .where('tenant_id', '=', t)
    .where((eb) =>
      eb.or([
        ...(gIds.length ? [eb('guarantor_id', 'in', gIds)] : []),
        ...(selfIds.length ? [eb('id', 'in', selfIds)] : []),
      ]),
    )
    .execute();
  const patientById = new Map(patients.map((p) => [p.id, p]));
  const accountOfPatient = new Map<number, number>();
  const byGuarantor = new Map(accountsRows.filter((a) => a.guarantor_id).map((a) => [a.guarantor_id!, a.id]));
  for (const p of patients)
    accountOfPatient.set(
      p.id,
      p.guarantor_id ? byGuarantor.get(p.guarantor_id)! : accountsRows.find((a) => a.patient_id === p.id)!.id,
    );
  const patientIds = patients.map((p) => p.id);
  const items = await openItems(tx, t, patientIds);
  const credits = await creditsOnAccount(tx, t, patientIds);
  const itemsByAccount = new Map<number, LedgerItem[]>();
  for (const i of items) {
    const a = accountOfPatient.get(i.patientId);
    if (a === undefined) continue;
    const list = itemsByAccount.get(a) ?? [];
    list.push(i);
    itemsByAccount.set(a, list);
  }
  const history = await statementHistory(tx, t, accountIds);
  const placed = new Set(
    (
      await tx
        .selectFrom('collection_placement')
        .select('account_id')
        .where('tenant_id', '=', t)
        .where('status', '=', 'placed')
        .where('account_id', 'in', accountIds)
        .execute()
    ).map((r) => r.account_id),
  );
  const plans = await tx
    .selectFrom('payment_plan')
    .selectAll()
    .where('tenant_id', '=', t)
    .where('status', '=', 'active')
    .where('account_id', 'in', accountIds)
    .execute();
  const guarantors = new Map(
    gIds.length
      ? (await tx.selectFrom('guarantor').selectAll().where('tenant_id', '=', t).where('id', 'in', gIds).execute()).map(
          (g) => [g.id, g],
        )
      : [],
  );
  const payments = await recentPayments(
    tx,
    t,
    [...itemsByAccount.values()].flat().map((i) => i.patientId),
    o.asOf,
  );
  for (const a of accountsRows) {
    const list = itemsByAccount.get(a.id);
    if (!list) continue;
    const ids = [...new Set(list.map((i) => i.patientId))];
    const credit = ids.reduce((s, id) => s + (credits.get(id) ?? 0), 0);
    const withCredit = credit
      ? [...list, { ...list[0]!, lineId: -1, balanceCents: -credit, insurancePendingCents: 0 }]
      : list;
    const h = history.get(a.id);
    const planRow = plans.find((p) => p.account_id === a.id);
    const plan = planRow
      ? accounts.planStatus(termsOf(planRow), await paymentsSince(tx, t, ids, planRow.start_date), o.asOf)
      : null;
    const decision = accounts.decideStatement(
      {
        items: withCredit,
        lastStatementDate: h?.last ?? null,
        statementsSent: h?.count ?? 0,
        onHold: a.statement_hold,
        placed: placed.has(a.id),
        plan,
      },
      o.rules,
      o.asOf,
    );
    if (!decision.send) {
      skipped[decision.reason] = (skipped[decision.reason] ?? 0) + 1;
      continue;
    }
    const first = patientById.get(ids[0]!)!;
    const g = a.guarantor_id ? guarantors.get(a.guarantor_id) : undefined;
    const practice = o.practices.find((p) => p.id === list[0]!.practiceId) ?? o.practices[0]!;
    const since = h?.last ?? accounts.addDays(o.asOf, -FIRST_STATEMENT_PAYMENT_DAYS);
    const who = g ?? first;
    planned.push({
      accountId: a.id,
      patientIds: ids,
      level: decision.level,
      content: {
        statementNumber: '',
        statementDate: o.asOf,
        dueDate: decision.dueDate,
        accountNumber: first.account_number,
        practice: {
          name: practice.legal_name,
          line1: practice.service_line1,
          city: practice.service_city,
          state: practice.service_state,
          zip: practice.service_zip,
          phone: practice.phone,
        },
        guarantor: {
          name: `${who.first_name} ${who.last_name}`,
          line1: who.line1,
          line2: who.line2,
          city: who.city,
          state: who.state,
          zip: who.zip,
        },
        items: list
          .filter((i) => i.insurancePendingCents === 0 && i.balanceCents !== 0)
          .sort((x, y) => x.serviceDate.localeCompare(y.serviceDate))
          .map((i) => {
            const p = patientById.get(i.patientId)!;
            return {
              date: i.serviceDate,
              patient: `${p.first_name} ${p.last_name}`,
              description: o.describe(i.code),
              code: i.code,
              chargeCents: i.chargeCents,
              insuranceCents: i.chargeCents - i.balanceCents - i.patientPaidCents,
              patientOwesCents: i.balanceCents,
            };
          }),
        payments: ids
          .flatMap((id) => payments.get(id) ?? [])
          .filter((p) => p.date > since)
          .sort((x, y) => x.date.localeCompare(y.date))
          .map(({ date, cents, method }) => ({ date, cents, method })),
        previous: h ? { date: h.last, balanceCents: h.balanceCents } : null,
        aging: decision.aging,
        balanceCents: decision.balanceCents,
        amountDueCents: decision.amountDueCents,
        heldCents: decision.heldCents,
        message: decision.message,
        plan:
          plan && plan.state === 'kept' && plan.nextDue
            ? {
                installmentCents: plan.nextDue.amountCents,
                remainingCents: plan.remainingCents,
                nextDueDate: plan.nextDue.dueDate,
              }
            : null,
      },
    });
  }
  return { planned, skipped };
}

/** Per account: the last statement's date and balance, and how many were sent. */
async function statementHistory(
  tx: Tx,
  t: number,
  accountIds: number[],
): Promise<Map<number, { last: string; count: number; balanceCents: number }>> {
  const { rows } = await sql<{ account_id: number; last: string; n: string; balance: string }>`
    SELECT DISTINCT ON (account_id) account_id, statement_date::text AS last, balance_cents AS balance,
           count(*) OVER (PARTITION BY account_id) AS n
      FROM statement
     WHERE tenant_id = ${t} AND account_id IN (${sql.join(accountIds)})
     ORDER BY account_id, statement_date DESC, id DESC`.execute(tx);
  return new Map(
    rows.map((r) => [r.account_id, { last: r.last, count: Number(r.n), balanceCents: safeSum(r.balance) }]),
  );
}

/** Each patient's payments (cash in) up to the statement date, within the window a statement can list. */
async function recentPayments(
  tx: Tx,
  t: number,
  patientIds: number[],
  asOf: string,
): Promise<Map<number, Array<{ date: string; cents: number; method: string }>>> {
  const out = new Map<number, Array<{ date: string; cents: number; method: string }>>();
  if (!patientIds.length) return out;
  const { rows } = await sql<{ patient_id: number; date: string; cents: string; memo: string }>`
    SELECT p.patient_id, p.effective_date::text AS date, sum(e.amount_cents) AS cents, min(p.memo) AS memo
      FROM ledger_posting p JOIN ledger_entry e ON e.tenant_id = p.tenant_id AND e.posting_id = p.id
     WHERE p.tenant_id = ${t} AND p.kind = 'patient_payment' AND e.account = 'cash'
       AND p.patient_id IN (${sql.join([...new Set(patientIds)])})
       AND p.effective_date <= ${asOf} AND p.effective_date > ${accounts.addDays(asOf, -366)}
     GROUP BY p.id, p.patient_id, p.effective_date`.execute(tx);
  for (const r of rows) {
    const list = out.get(r.patient_id) ?? [];
    list.push({ date: r.date, cents: safeSum(r.cents), method: methodOf(r.memo) });
    out.set(r.patient_id, list);
  }
  return out;
}

/** "patient payment (check 1042)" → "check 1042" */
function methodOf(memo: string): string {
  return /\(([^)]+)\)/.exec(memo)?.[1] ?? 'payment';
}
