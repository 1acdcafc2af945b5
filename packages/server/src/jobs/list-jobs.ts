/**
 * What GET /api/jobs lists: this process's long work (polls reading responses) and the tenant's statement runs
 * from their rows — so a run the CLI is doing, or one cut off by a restart (failed, with how far it got), shows
 * too — running ones and those finished in the last ten minutes, newest first.
 */
import type { Job } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { jobs, KEEP_FINISHED_MS } from './job-registry.ts';

type ListDeps = Pick<Deps, 'db'> & { claims: Pick<Deps['claims'], 'now'> };

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function listJobs(deps: ListDeps, actor: Actor): Promise<Job[]> {
  const t = actor.tenantId;
  const since = new Date(deps.claims.now().getTime() - KEEP_FINISHED_MS);
  const runs = await withTenant(deps.db, t, (tx) =>
    tx
      .selectFrom('statement_run')
      .select(['id', 'as_of', 'status', 'started_at', 'finished_at', 'accounts_done', 'accounts_total', 'problem'])
      .where('tenant_id', '=', t)
      .where((eb) => eb.or([eb('status', '=', 'running'), eb('finished_at', '>=', since)]))
      .orderBy('id', 'desc')
      .limit(20)
      .execute(),
  );
  const statementJobs: Job[] = runs.map((r) => ({
    id: r.id,
    kind: 'statements',
    label: `Statement run ${r.id} (as of ${r.as_of})`,
    state: r.status === 'running' ? 'running' : r.status === 'finished' ? 'done' : 'failed',
    startedAt: iso(r.started_at)!,
    finishedAt: iso(r.finished_at),
    progress: {
      item: `Statements as of ${r.as_of}`,
      index: 1,
      items: 1,
      phase: 'accounts',
      done: r.accounts_done,
      total: r.accounts_total,
    },
    error: r.problem,
  }));
  return [...jobs.list(t), ...statementJobs].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}
