/**
 * A statement run is done by one process (the server's job or the CLI), named on its row as host:pid, which
 * stamps the row at every stored batch. A run whose process is gone — the server restarted, the CLI was killed
 * — is marked failed, with how far it got, at the next start and before the next run, so it is never left
 * "running". Its stored statements stay: a new run skips those accounts (one statement per cycle), so starting
 * again picks up where it stopped. A run of another host is judged by its last stamp.
 */
import os from 'node:os';
import type { Actor } from '../actor.ts';
import { systemActor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { allTenantIds, withTenant, type Db, type Tx } from '../db/open-database.ts';

/** A run on another host that stored nothing for this long is taken for dead. */
export const STALE_RUN_MS = 10 * 60 * 1000;

export const thisRunner = (): string => `${os.hostname()}:${process.pid}`;

function processGone(runner: string | null, lastStamp: Date | null, now: Date): boolean {
  const at = runner?.lastIndexOf(':') ?? -1;
  if (!runner || at < 0) return true;
  const [host, pid] = [runner.slice(0, at), Number(runner.slice(at + 1))];
  if (host !== os.hostname()) return !lastStamp || now.getTime() - lastStamp.getTime() > STALE_RUN_MS;
  if (!Number.isSafeInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return false; // alive (ours included: a run this process is doing)
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Marks the tenant's running runs whose process is gone failed; one audit row; returns what it marked. */
export async function failInterruptedRuns(
  tx: Tx,
  auditKey: Buffer,
  actor: Actor,
): Promise<Array<{ runId: number; accountsDone: number; accountsTotal: number }>> {
  const t = actor.tenantId;
  const running = await tx
    .selectFrom('statement_run')
    .select(['id', 'runner', 'heartbeat_at', 'accounts_done', 'accounts_total'])
    .where('tenant_id', '=', t)
    .where('status', '=', 'running')
    .orderBy('id')
    .execute();
  const now = new Date();
  const gone = running.filter((r) => processGone(r.runner, r.heartbeat_at ? new Date(r.heartbeat_at) : null, now));
  for (const r of gone)
    await tx
      .updateTable('statement_run')
      .set({
        status: 'failed',
        finished_at: now,
        problem: `Interrupted after ${r.accounts_done} of ${r.accounts_total} accounts: the process running it stopped (a restart). The statements it stored stand; a new run skips those accounts and does the rest.`,
      })
      .where('tenant_id', '=', t)
      .where('id', '=', r.id)
      .where('status', '=', 'running')
      .execute();
  if (gone.length)
    await recordAudit(tx, auditKey, actor, {
      action: 'update',
      resourceType: 'statement_run',
      resourceId: gone.length === 1 ? gone[0]!.id : null,
      dataCategory: 'account',
      details: { interrupted: gone.map((r) => r.id), status: 'failed' },
    });
  return gone.map((r) => ({ runId: r.id, accountsDone: r.accounts_done, accountsTotal: r.accounts_total }));
}

/** At start: every tenant's runs cut off by the stop before, marked failed. */
export async function failRunsInterruptedByRestart(
  db: Db,
  auditKey: Buffer,
): Promise<Array<{ tenantId: number; runId: number; accountsDone: number; accountsTotal: number }>> {
  const out = [];
  for (const tenant_id of await allTenantIds(db)) {
    const marked = await withTenant(db, tenant_id, (tx) => failInterruptedRuns(tx, auditKey, systemActor(tenant_id)));
    out.push(...marked.map((m) => ({ tenantId: tenant_id, ...m })));
  }
  return out;
}
