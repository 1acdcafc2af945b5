/**
 * runStatements: one statement per account that the rules let through (minimum balance, insurance pending held,
 * one per cycle, no hold, not placed), each a PDF with a print-vendor CSV row. Loads everything set-wise, decides
 * in pure code, stores the run and its statements (what was printed, to print it again) in one transaction with
 * one audit row naming every patient, then renders the PDFs outside the transaction.
 */
import { accounts } from '@medbill/core';
import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import type { StatementContent } from '../print/statement-pdf.ts';
import { creditsOnAccount, openItems, type LedgerItem } from './open-items.ts';
import { paymentsSince, termsOf } from './plan-status.ts';
import type { DescribeCode } from './get-account.ts';
import type { UseCaseContext } from './use-case-context.ts';

export interface PlannedStatement {
  statementId: number;
  accountId: number;
  patientIds: number[];
  content: StatementContent;
  level: accounts.DunningLevel;
}

export interface StatementRunResult {
  runId: number;
  asOf: string;
  statements: PlannedStatement[];
  skipped: Record<string, number>;
  totalDueCents: number;
}

interface AccountRow {
  id: number;
  guarantor_id: number | null;
  patient_id: number | null;
  statement_hold: boolean;
}

export async function planStatementRun(
  ctx: UseCaseContext,
  opts: { asOf: string; rules?: accounts.StatementRules; describe?: DescribeCode },
): Promise<StatementRunResult> {
  const rules = opts.rules ?? accounts.DEFAULT_STATEMENT_RULES;
  const describe = opts.describe ?? ((c: string) => accounts.describeProcedure(c));
  const t = ctx.tenantId;
  return withTenant(ctx.db, t, async (tx) => {
    await ensureAccounts(tx, t);
    const items = await openItems(tx, t, null);
    const credits = await creditsOnAccount(tx, t, null);
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
      .execute();
    const patientById = new Map(patients.map((p) => [p.id, p]));
    const accountsRows = (await tx
      .selectFrom('patient_account')
      .select(['id', 'guarantor_id', 'patient_id', 'statement_hold'])
      .where('tenant_id', '=', t)
      .execute()) as AccountRow[];
    const byGuarantor = new Map(accountsRows.filter((a) => a.guarantor_id).map((a) => [a.guarantor_id!, a]));
    const bySelf = new Map(accountsRows.filter((a) => a.patient_id).map((a) => [a.patient_id!, a]));
    const itemsByAccount = new Map<number, LedgerItem[]>();
    for (const i of items) {
      const p = patientById.get(i.patientId);
      const a = p?.guarantor_id ? byGuarantor.get(p.guarantor_id) : bySelf.get(i.patientId);
      if (!a) continue;
      const list = itemsByAccount.get(a.id) ?? [];
      list.push(i);
      itemsByAccount.set(a.id, list);
    }
    const history = await statementHistory(tx, t);
    const placed = new Set(
      (
        await tx
          .selectFrom('collection_placement')
          .select('account_id')
          .where('tenant_id', '=', t)
          .where('status', '=', 'placed')
          .execute()
      ).map((r) => r.account_id),
    );
    const plans = await tx
      .selectFrom('payment_plan')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('status', '=', 'active')
      .execute();
    const guarantors = new Map(
      (await tx.selectFrom('guarantor').selectAll().where('tenant_id', '=', t).execute()).map((g) => [g.id, g]),
    );
    const practices = await tx.selectFrom('practice').selectAll().where('tenant_id', '=', t).orderBy('id').execute();
    const skipped: Record<string, number> = {};
    const planned: Array<Omit<PlannedStatement, 'statementId'>> = [];
    for (const a of accountsRows) {
      const list = itemsByAccount.get(a.id);
      if (!list) continue;
      const patientIds = [...new Set(list.map((i) => i.patientId))];
      const credit = patientIds.reduce((s, id) => s + (credits.get(id) ?? 0), 0);
      const withCredit = credit
        ? [...list, { ...list[0]!, lineId: -1, balanceCents: -credit, insurancePendingCents: 0 }]
        : list;
      const h = history.get(a.id);
      const planRow = plans.find((p) => p.account_id === a.id);
      const plan = planRow
        ? accounts.planStatus(termsOf(planRow), await paymentsSince(tx, t, patientIds, planRow.start_date), opts.asOf)
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
        rules,
        opts.asOf,
      );
      if (!decision.send) {
        skipped[decision.reason] = (skipped[decision.reason] ?? 0) + 1;
        continue;
      }
      const first = patientById.get(patientIds[0]!)!;
      const g = a.guarantor_id ? guarantors.get(a.guarantor_id) : undefined;
      const practice = practices.find((p) => p.id === list[0]!.practiceId) ?? practices[0]!;
      planned.push({
        accountId: a.id,
        patientIds,
        level: decision.level,
        content: {
          statementNumber: '',
          statementDate: opts.asOf,
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
          guarantor: g
            ? {
                name: `${g.first_name} ${g.last_name}`,
                line1: g.line1,
                line2: g.line2,
                city: g.city,
                state: g.state,
                zip: g.zip,
              }
            : {
                name: `${first.first_name} ${first.last_name}`,
                line1: first.line1,
                line2: first.line2,
                city: first.city,
                state: first.state,
                zip: first.zip,
              },
          items: list
            .filter((i) => i.insurancePendingCents === 0 && i.balanceCents !== 0)
            .sort((x, y) => x.serviceDate.localeCompare(y.serviceDate))
            .map((i) => {
              const p = patientById.get(i.patientId)!;
              return {
                date: i.serviceDate,
                patient: `${p.first_name} ${p.last_name}`,
                description: describe(i.code),
                code: i.code,
                chargeCents: i.chargeCents,
                insuranceCents: i.chargeCents - i.balanceCents - i.patientPaidCents,
                patientOwesCents: i.balanceCents,
              };
            }),
          payments: [],
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
    return storeRun(tx, ctx, opts.asOf, planned, skipped);
  });
}

async function ensureAccounts(tx: Tx, t: number): Promise<void> {
  await sql`INSERT INTO patient_account (tenant_id, guarantor_id)
            SELECT DISTINCT tenant_id, guarantor_id FROM patient WHERE tenant_id = ${t} AND guarantor_id IS NOT NULL
            ON CONFLICT DO NOTHING`.execute(tx);
  await sql`INSERT INTO patient_account (tenant_id, patient_id)
            SELECT tenant_id, id FROM patient WHERE tenant_id = ${t} AND guarantor_id IS NULL
            ON CONFLICT DO NOTHING`.execute(tx);
}

async function statementHistory(tx: Tx, t: number): Promise<Map<number, { last: string; count: number }>> {
  const rows = await tx
    .selectFrom('statement')
    .select(['account_id'])
    .select((eb) => [eb.fn.max('statement_date').as('last'), eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', t)
    .groupBy('account_id')
    .execute();
  return new Map(rows.map((r) => [r.account_id, { last: String(r.last), count: Number(r.n) }]));
}

async function storeRun(
  tx: Tx,
  ctx: UseCaseContext,
  asOf: string,
  planned: Array<Omit<PlannedStatement, 'statementId'>>,
  skipped: Record<string, number>,
): Promise<StatementRunResult> {
  const t = ctx.tenantId;
  const totalDueCents = planned.reduce((s, p) => s + p.content.amountDueCents, 0);
  const run = await tx
    .insertInto('statement_run')
    .values({
      tenant_id: t,
      as_of: asOf,
      started_by: ctx.actor.username ?? 'system',
      started_at: ctx.now(),
      statements: planned.length,
      total_due_cents: totalDueCents,
      skipped: JSON.stringify(skipped),
      finished_at: ctx.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const out: PlannedStatement[] = [];
  for (let i = 0; i < planned.length; i += 500) {
    const slice = planned.slice(i, i + 500);
    const ids = await tx
      .insertInto('statement')
      .values(
        slice.map((p) => ({
          tenant_id: t,
          run_id: run.id,
          account_id: p.accountId,
          statement_date: asOf,
          due_date: p.content.dueDate,
          amount_due_cents: p.content.amountDueCents,
          balance_cents: p.content.balanceCents,
          dunning_level: p.level,
          content: JSON.stringify(p.content),
        })),
      )
      .returning('id')
      .execute();
    slice.forEach((p, k) => {
      const statementId = ids[k]!.id;
      out.push({ ...p, statementId, content: { ...p.content, statementNumber: `S${run.id}-${statementId}` } });
    });
  }
  const patientIds = [...new Set(out.flatMap((s) => s.patientIds))].sort((a, b) => a - b);
  await recordAudit(tx, ctx.auditKey, ctx.actor, {
    action: 'print',
    resourceType: 'statement_run',
    resourceId: run.id,
    patientId: patientIds.length === 1 ? patientIds[0] : null,
    dataCategory: 'account',
    details: { asOf, statements: out.length, skipped, patientIds },
  });
  return { runId: run.id, asOf, statements: out, skipped, totalDueCents };
}
