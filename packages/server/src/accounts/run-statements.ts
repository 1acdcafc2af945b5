/**
 * Statement runs as jobs. startStatementRun records the run (running, how many accounts); processStatementRun
 * goes through the accounts a batch at a time — each batch loaded for its own accounts, decided by the rules,
 * its statements stored with one audit row naming its patients, in one transaction — and hands each stored
 * batch to the caller (who prints it) before loading the next, so memory stays flat for any number of accounts
 * and the run's row says how far it is. planStatementRun does both and keeps the statements (small runs, tests).
 */
import { accounts } from '@medbill/core';
import { sql } from 'kysely';
import type { Actor } from '../actor.ts';
import { AppError, notFound, messageForPeople } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { failInterruptedRuns, thisRunner } from './interrupted-runs.ts';
import { planBatch, type PlannedStatement } from './statement-batch.ts';
import type { UseCaseContext } from './use-case-context.ts';

export type { PlannedStatement } from './statement-batch.ts';

export interface StatementRunResult {
  runId: number;
  asOf: string;
  statements: PlannedStatement[];
  skipped: Record<string, number>;
  totalDueCents: number;
}

export type StatementDeps = Pick<Deps, 'db' | 'auditKey'> & { claims: Pick<Deps['claims'], 'now'> };

export interface ProcessOptions {
  runId: number;
  rules?: accounts.StatementRules;
  describe?: (code: string) => string;
  /** accounts per batch (one transaction each) */
  batchSize?: number;
  /** called with each stored batch, after its transaction commits (print it here) */
  onBatch?: (statements: PlannedStatement[], progress: { done: number; total: number }) => Promise<void>;
}

export async function startStatementRun(
  deps: StatementDeps,
  actor: Actor,
  input: { asOf: string },
): Promise<{ runId: number; accountsTotal: number }> {
  const t = actor.tenantId;
  return withTenant(deps.db, t, async (tx) => {
    await failInterruptedRuns(tx, deps.auditKey, actor);
    const running = await tx
      .selectFrom('statement_run')
      .select('id')
      .where('tenant_id', '=', t)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (running) throw new AppError('conflict', `Statement run ${running.id} is still running: wait for it to finish`);
    await ensureAccounts(tx, t);
    const total = await tx
      .selectFrom('patient_account')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', t)
      .executeTakeFirstOrThrow();
    const now = deps.claims.now();
    const run = await tx
      .insertInto('statement_run')
      .values({
        tenant_id: t,
        as_of: input.asOf,
        started_by: actor.username ?? 'system',
        started_at: now,
        status: 'running',
        runner: thisRunner(),
        heartbeat_at: new Date(),
        accounts_total: Number(total.n),
        skipped: JSON.stringify({}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { runId: run.id, accountsTotal: Number(total.n) };
  });
}

export async function processStatementRun(
  deps: StatementDeps,
  actor: Actor,
  o: ProcessOptions,
): Promise<{ statements: number; totalDueCents: number; skipped: Record<string, number> }> {
  const t = actor.tenantId;
  const size = o.batchSize ?? 500;
  const { run, accountIds, practices } = await withTenant(deps.db, t, async (tx) => {
    const run = await tx
      .selectFrom('statement_run')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('id', '=', o.runId)
      .executeTakeFirst();
    if (!run) throw notFound('Statement run');
    if (run.status !== 'running') throw new AppError('conflict', `Statement run ${run.id} is ${run.status}`);
    await tx
      .updateTable('statement_run')
      .set({ runner: thisRunner(), heartbeat_at: new Date() })
      .where('tenant_id', '=', t)
      .where('id', '=', run.id)
      .execute();
    const ids = await tx.selectFrom('patient_account').select('id').where('tenant_id', '=', t).orderBy('id').execute();
    const practices = await tx.selectFrom('practice').selectAll().where('tenant_id', '=', t).orderBy('id').execute();
    return { run, accountIds: ids.map((r) => r.id), practices };
  });
  const batchOptions = {
    asOf: run.as_of,
    rules: o.rules ?? accounts.DEFAULT_STATEMENT_RULES,
    describe: o.describe ?? ((c: string) => accounts.describeProcedure(c)),
    practices,
  };
  const skipped: Record<string, number> = {};
  let statements = 0;
  let totalDueCents = 0;
  try {
    for (let i = 0; i < accountIds.length; i += size) {
      const slice = accountIds.slice(i, i + size);
      const stored = await withTenant(deps.db, t, async (tx) => {
        const batch = await planBatch(tx, t, slice, batchOptions);
        for (const [k, v] of Object.entries(batch.skipped)) skipped[k] = (skipped[k] ?? 0) + v;
        const out = await storeBatch(tx, deps, actor, run.id, run.as_of, batch.planned);
        statements += out.length;
        totalDueCents += out.reduce((s, p) => s + p.content.amountDueCents, 0);
        const still = await tx
          .updateTable('statement_run')
          .set({
            accounts_done: Math.min(i + size, accountIds.length),
            statements,
            total_due_cents: totalDueCents,
            skipped: JSON.stringify(skipped),
            heartbeat_at: new Date(),
          })
          .where('tenant_id', '=', t)
          .where('id', '=', run.id)
          .where('status', '=', 'running')
          .returning('id')
          .executeTakeFirst();
        // marked failed meanwhile (taken for dead): this batch is not stored, the run stops here
        if (!still) throw new AppError('conflict', `Statement run ${run.id} was stopped before it finished`);
        return out;
      });
      if (o.onBatch) await o.onBatch(stored, { done: Math.min(i + size, accountIds.length), total: accountIds.length });
    }
    await finish(deps, t, run.id, { status: 'finished', problem: null });
  } catch (e) {
    await finish(deps, t, run.id, { status: 'failed', problem: messageForPeople(e) }).catch(() => {});
    throw e;
  }
  return { statements, totalDueCents, skipped };
}

/** A whole run kept in memory: for small tenants and tests (the CLI, the server and the bench stream instead). */
export async function planStatementRun(
  ctx: UseCaseContext,
  opts: { asOf: string; rules?: accounts.StatementRules; describe?: (code: string) => string },
): Promise<StatementRunResult> {
  const deps = { db: ctx.db, auditKey: ctx.auditKey, claims: { now: ctx.now } };
  const actor = { ...ctx.actor, tenantId: ctx.tenantId };
  const { runId } = await startStatementRun(deps, actor, { asOf: opts.asOf });
  const kept: PlannedStatement[] = [];
  const done = await processStatementRun(deps, actor, {
    runId,
    ...(opts.rules ? { rules: opts.rules } : {}),
    ...(opts.describe ? { describe: opts.describe } : {}),
    onBatch: async (batch) => {
      kept.push(...batch);
    },
  });
  return { runId, asOf: opts.asOf, statements: kept, skipped: done.skipped, totalDueCents: done.totalDueCents };
}

async function finish(
  deps: StatementDeps,
  t: number,
  runId: number,
  end: { status: 'finished' | 'failed'; problem: string | null },
): Promise<void> {
  await withTenant(deps.db, t, (tx) =>
    tx
      .updateTable('statement_run')
      .set({ ...end, finished_at: deps.claims.now() })
      .where('tenant_id', '=', t)
      .where('id', '=', runId)
      .where('status', '=', 'running')
      .execute(),
  );
}

async function ensureAccounts(tx: Tx, t: number): Promise<void> {
  await sql`INSERT INTO patient_account (tenant_id, guarantor_id)
            SELECT DISTINCT tenant_id, guarantor_id FROM patient WHERE tenant_id = ${t} AND guarantor_id IS NOT NULL
            ON CONFLICT DO NOTHING`.execute(tx);
  await sql`INSERT INTO patient_account (tenant_id, patient_id)
            SELECT tenant_id, id FROM patient WHERE tenant_id = ${t} AND guarantor_id IS NULL
            ON CONFLICT DO NOTHING`.execute(tx);
}

async function storeBatch(
  tx: Tx,
  deps: StatementDeps,
  actor: Actor,
  runId: number,
  asOf: string,
  planned: Array<Omit<PlannedStatement, 'statementId'>>,
): Promise<PlannedStatement[]> {
  const t = actor.tenantId;
  if (!planned.length) return [];
  const ids = await tx
    .insertInto('statement')
    .values(
      planned.map((p) => ({
        tenant_id: t,
        run_id: runId,
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
  const out = planned.map((p, k) => {
    const statementId = ids[k]!.id;
    return { ...p, statementId, content: { ...p.content, statementNumber: `S${runId}-${statementId}` } };
  });
  const patientIds = [...new Set(out.flatMap((s) => s.patientIds))].sort((a, b) => a - b);
  await recordAudit(tx, deps.auditKey, actor, {
    action: 'print',
    resourceType: 'statement_run',
    resourceId: runId,
    patientId: patientIds.length === 1 ? patientIds[0] : null,
    dataCategory: 'account',
    details: { asOf, statements: out.length, patientIds },
  });
  return out;
}
