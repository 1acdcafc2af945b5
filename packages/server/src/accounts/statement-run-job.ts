/**
 * A statement run started from the UI: it answers once the first batch is stored (a small practice's whole run)
 * and goes on in the background, each stored batch rendered to count its pages for the print vendor; the run
 * page follows its row (accounts done, statements, printed, finished or failed with the reason).
 */
import type { StatementRunView } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { renderStatementPdf } from '../print/statement-pdf.ts';
import { describerFor } from './describe-codes.ts';
import { processStatementRun, startStatementRun, type PlannedStatement } from './run-statements.ts';
import { countPages } from './statement-files.ts';
import { runView } from './statement-run-views.ts';

type JobDeps = Pick<Deps, 'db' | 'auditKey' | 'codes'> & { claims: Pick<Deps['claims'], 'now'> };

export async function startStatementRunJob(
  deps: JobDeps,
  actor: Actor,
  input: { asOf?: string },
): Promise<StatementRunView> {
  const asOf = input.asOf ?? deps.claims.now().toISOString().slice(0, 10);
  const { runId } = await startStatementRun(deps, actor, { asOf });
  // settles when the first batch is stored (the rest goes on) or the run ends; a failure before is the answer
  const early = await new Promise<unknown>((settle) => {
    let stored = false;
    processStatementRun(deps, actor, {
      runId,
      describe: describerFor(deps),
      onBatch: async (batch) => {
        stored = true;
        settle(null);
        await countStatementPages(deps, actor.tenantId, runId, batch);
      },
    }).then(
      () => settle(null),
      // after the first batch the failure is on the run's row (status failed, problem) for the run page
      (e: unknown) => settle(stored ? null : e),
    );
  });
  if (early) throw early;
  return withTenant(deps.db, actor.tenantId, async (tx) =>
    runView(
      await tx
        .selectFrom('statement_run')
        .selectAll()
        .where('tenant_id', '=', actor.tenantId)
        .where('id', '=', runId)
        .executeTakeFirstOrThrow(),
    ),
  );
}

async function countStatementPages(deps: JobDeps, t: number, runId: number, batch: PlannedStatement[]) {
  const pages: Array<[number, number]> = [];
  for (const s of batch) pages.push([s.statementId, Math.max(1, countPages(await renderStatementPdf(s.content)))]);
  await withTenant(deps.db, t, async (tx) => {
    for (const [id, n] of pages)
      await tx.updateTable('statement').set({ pages: n }).where('tenant_id', '=', t).where('id', '=', id).execute();
    await tx
      .updateTable('statement_run')
      .set((eb) => ({ printed: eb('printed', '+', pages.length) }))
      .where('tenant_id', '=', t)
      .where('id', '=', runId)
      .execute();
  });
}
