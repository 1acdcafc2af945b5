/**
 * Reading statement runs: the recent runs with their progress, one run with a page of its statements, and the
 * print vendor's CSV of a run. Reads naming guarantors are audited; the CSV is audited as an export.
 */
import type { StatementRunDetail, StatementRunList, StatementRunView } from '@medbill/api';
import { sql, type Selectable } from 'kysely';
import type { Actor } from '../actor.ts';
import { notFound } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import type { StatementRunTable } from '../db/schema-accounts.ts';
import type { Deps } from '../deps.ts';
import { toCsv } from '../http/csv.ts';
import type { StatementContent } from '../print/statement-pdf.ts';
import { PRINT_VENDOR_COLUMNS, printVendorRow } from './statement-files.ts';

type ReadDeps = Pick<Deps, 'db' | 'auditKey'>;

export function runView(r: Selectable<StatementRunTable>): StatementRunView {
  return {
    id: r.id,
    asOf: r.as_of,
    status: r.status,
    startedBy: r.started_by,
    startedAt: new Date(r.started_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
    accountsTotal: r.accounts_total,
    accountsDone: r.accounts_done,
    statements: r.statements,
    printed: r.printed,
    totalDueCents: Number(r.total_due_cents),
    skipped: (r.skipped ?? {}) as Record<string, number>,
    problem: r.problem,
  };
}

async function loadRun(tx: Tx, t: number, runId: number) {
  const r = await tx
    .selectFrom('statement_run')
    .selectAll()
    .where('tenant_id', '=', t)
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!r) throw notFound('Statement run');
  return r;
}

/** The patients of these accounts (a guarantor's, or the patient who answers for themself). */
async function patientsOf(tx: Tx, t: number, accountIds: number[]): Promise<number[]> {
  if (!accountIds.length) return [];
  const { rows } = await sql<{ id: number }>`
    SELECT DISTINCT p.id FROM patient_account a
      JOIN patient p ON p.tenant_id = a.tenant_id AND (p.id = a.patient_id OR p.guarantor_id = a.guarantor_id)
     WHERE a.tenant_id = ${t} AND a.id IN (${sql.join([...new Set(accountIds)])}) ORDER BY p.id`.execute(tx);
  return rows.map((r) => r.id);
}

/** The newest runs and their progress (no patient data: not audited). */
export async function listStatementRuns(deps: ReadDeps, actor: Actor): Promise<StatementRunList> {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const rows = await tx
      .selectFrom('statement_run')
      .selectAll()
      .where('tenant_id', '=', actor.tenantId)
      .orderBy('id', 'desc')
      .limit(20)
      .execute();
    return { items: rows.map(runView) };
  });
}

export async function getStatementRun(
  deps: ReadDeps,
  actor: Actor,
  input: { runId: number; limit: number; offset: number },
): Promise<StatementRunDetail> {
  const t = actor.tenantId;
  return withTenant(deps.db, t, async (tx) => {
    const run = await loadRun(tx, t, input.runId);
    const rows = await tx
      .selectFrom('statement')
      .select(['id', 'account_id', 'amount_due_cents', 'balance_cents', 'dunning_level', 'pages', 'content'])
      .where('tenant_id', '=', t)
      .where('run_id', '=', run.id)
      .orderBy('id')
      .limit(input.limit)
      .offset(input.offset)
      .execute();
    if (rows.length)
      await recordAudit(tx, deps.auditKey, actor, {
        action: 'read',
        resourceType: 'statement_run',
        resourceId: run.id,
        dataCategory: 'account',
        details: {
          statements: rows.length,
          patientIds: await patientsOf(
            tx,
            t,
            rows.map((r) => r.account_id),
          ),
        },
      });
    return {
      run: runView(run),
      statements: rows.map((r) => {
        const c = r.content as StatementContent;
        return {
          id: r.id,
          number: `S${run.id}-${r.id}`,
          accountId: r.account_id,
          accountNumber: c.accountNumber,
          guarantor: c.guarantor.name,
          amountDueCents: Number(r.amount_due_cents),
          balanceCents: Number(r.balance_cents),
          level: r.dunning_level,
          pages: r.pages,
        };
      }),
      total: run.statements,
      limit: input.limit,
      offset: input.offset,
    };
  });
}

/** The print vendor's file of a run (docs/accounts-files.md), read back from the stored statements. */
export async function printVendorFile(
  deps: ReadDeps,
  actor: Actor,
  input: { runId: number },
): Promise<{ fileName: string; csv: string }> {
  const t = actor.tenantId;
  return withTenant(deps.db, t, async (tx) => {
    const run = await loadRun(tx, t, input.runId);
    const rows: unknown[][] = [];
    let after = 0;
    for (;;) {
      const chunk = await tx
        .selectFrom('statement')
        .select(['id', 'account_id', 'dunning_level', 'pages', 'content'])
        .where('tenant_id', '=', t)
        .where('run_id', '=', run.id)
        .where('id', '>', after)
        .orderBy('id')
        .limit(1000)
        .execute();
      for (const s of chunk) {
        const content = { ...(s.content as StatementContent), statementNumber: `S${run.id}-${s.id}` };
        rows.push(
          printVendorRow(
            { statementId: s.id, accountId: s.account_id, patientIds: [], level: s.dunning_level as never, content },
            s.pages ?? 1,
          ),
        );
      }
      if (chunk.length < 1000) break;
      after = chunk.at(-1)!.id;
    }
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'export',
      resourceType: 'statement_run',
      resourceId: run.id,
      dataCategory: 'account',
      details: { file: 'print_vendor', statements: rows.length, runId: run.id },
    });
    return { fileName: `print-vendor-${run.id}.csv`, csv: toCsv([...PRINT_VENDOR_COLUMNS], rows) };
  });
}
