/**
 * A statement run cut off by a restart is not left "running": a process doing a run is killed (SIGKILL) after
 * its first batch; the next start marks the run failed with how far it got, GET /api/jobs lists it beside the
 * inbound jobs, and a new run gives the remaining accounts their statements (none gets two). A run whose
 * process is alive is left alone; one of another host is judged by its last stamp; a run marked failed while
 * it works stops at its next batch.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jobList } from '@medbill/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failRunsInterruptedByRestart, STALE_RUN_MS } from '../src/accounts/interrupted-runs.ts';
import { planStatementRun, processStatementRun, startStatementRun } from '../src/accounts/run-statements.ts';
import { migrate } from '../src/db/migrate.ts';
import { openStore, withTenant, type Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { auditKeyForTests, createTenantFixture, login, testDeps, type TenantFixture } from './fixtures.ts';
import { patientWithBalance } from './patient-balance.test-util.ts';
import { createTestDatabase, onPostgres } from './test-store.ts';

const AS_OF = '2026-05-20';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-stmt-restart-'));
let pgUrl: string | undefined;
let drop = async () => {};
let fx: TenantFixture;
const NAMES = ['Ann', 'Ben', 'Cal', 'Dee'];

const open = (): Promise<Store> =>
  pgUrl ? openStore({ databaseUrl: pgUrl }) : openStore({ dataDir: path.join(dir, 'data') });

beforeAll(async () => {
  if (onPostgres) {
    const db = await createTestDatabase(process.env.DATABASE_URL!);
    pgUrl = db.url;
    drop = db.drop;
  }
  const store = await open();
  try {
    await migrate(store);
    fx = await createTenantFixture(store, 'strestart');
    for (const [i, name] of NAMES.entries())
      await patientWithBalance(store, fx, name, 10_000 + i * 1_000, '2026-05-01');
  } finally {
    await store.close();
  }
}, 300_000);
afterAll(async () => {
  await drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the child until it has stored a statement, then kills it with SIGKILL. */
function runAndKill(): Promise<{ how: string; pid: number; done: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.resolve('packages/server/test/statement-run-child.ts'), String(fx.tenantId), AS_OF],
      {
        env: {
          ...process.env,
          ...(pgUrl ? { DATABASE_URL: pgUrl } : { MEDBILL_CHILD_DATA_DIR: path.join(dir, 'data') }),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let last = 'started';
    let err = '';
    let done = 0;
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      last = d.toString().trim();
      if (!last.startsWith('{')) return;
      const batch = JSON.parse(last.split('\n').at(-1)!);
      done = batch.done;
      if (batch.statements > 0) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) =>
      resolve({ how: `${signal ?? 'exited'} after ${last} ${err}`, pid: child.pid!, done }),
    );
  });
}

const runRow = (store: Store, id: number) =>
  withTenant(store.db, fx.tenantId, (tx) =>
    tx
      .selectFrom('statement_run')
      .selectAll()
      .where('tenant_id', '=', fx.tenantId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
  );

describe('a statement run cut off by a restart', () => {
  it('is marked failed at the next start, listed in /api/jobs, and a new run does the rest', async () => {
    const { how, pid, done } = await runAndKill();
    expect(how).toMatch(/^SIGKILL after \{/);
    const store = await open();
    try {
      const runs = await withTenant(store.db, fx.tenantId, (tx) =>
        tx.selectFrom('statement_run').selectAll().where('tenant_id', '=', fx.tenantId).execute(),
      );
      expect(runs).toHaveLength(1);
      const cut = runs[0]!;
      expect(cut).toMatchObject({ status: 'running', accounts_done: done, runner: `${os.hostname()}:${pid}` });
      expect(done).toBeLessThan(cut.accounts_total);
      const key = auditKeyForTests();
      // what the server does when it starts
      expect(await failRunsInterruptedByRestart(store.db, key)).toEqual([
        { tenantId: fx.tenantId, runId: cut.id, accountsDone: done, accountsTotal: cut.accounts_total },
      ]);
      const failed = await runRow(store, cut.id);
      expect(failed.status).toBe('failed');
      expect(failed.problem).toBe(
        `Interrupted after ${done} of ${cut.accounts_total} accounts: the process running it stopped (a restart). The statements it stored stand; a new run skips those accounts and does the rest.`,
      );
      expect(failed.finished_at).not.toBeNull();
      expect(await failRunsInterruptedByRestart(store.db, key)).toEqual([]);

      const deps = testDeps(store);
      deps.claims.now = () => new Date(`${AS_OF}T12:05:00Z`);
      const app = await buildApp(deps);
      try {
        const cookie = await login(app, fx.users.account_rep.username);
        const res = await app.inject({ method: 'GET', url: '/api/jobs', headers: { cookie } });
        expect(res.statusCode, res.body).toBe(200);
        const job = jobList.parse(res.json()).items.find((j) => j.kind === 'statements' && j.id === cut.id);
        expect(job).toMatchObject({ state: 'failed', label: `Statement run ${cut.id} (as of ${AS_OF})` });
        expect(job?.progress).toMatchObject({ done, total: cut.accounts_total });
        expect(job?.error).toBe(failed.problem);
      } finally {
        await app.close();
      }

      // a new run: the account stated before the kill is skipped (one statement per cycle), the rest get theirs
      const again = await planStatementRun(
        {
          db: store.db,
          tenantId: fx.tenantId,
          actor: { tenantId: fx.tenantId, userId: null, username: 'rep', sourceIp: null },
          auditKey: key,
          now: deps.claims.now,
        },
        { asOf: AS_OF },
      );
      const stated = await withTenant(store.db, fx.tenantId, (tx) =>
        tx.selectFrom('statement').select(['account_id', 'run_id']).where('tenant_id', '=', fx.tenantId).execute(),
      );
      const accounts = stated.map((s) => s.account_id);
      expect(new Set(accounts).size).toBe(accounts.length);
      expect(stated.filter((s) => s.run_id === cut.id)).toHaveLength(1);
      expect(again.statements.length).toBe(NAMES.length - 1);
      expect((await runRow(store, again.runId)).status).toBe('finished');
    } finally {
      await store.close();
    }
  }, 300_000);

  it('leaves a live run alone, judges another host by its last stamp, and stops a run marked failed', async () => {
    const store = await open();
    try {
      const key = auditKeyForTests();
      const deps = { db: store.db, auditKey: key, claims: { now: () => new Date(`${AS_OF}T13:00:00Z`) } };
      const actor = { tenantId: fx.tenantId, userId: null, username: 'rep', sourceIp: null };
      const { runId } = await startStatementRun(deps, actor, { asOf: '2026-05-21' });
      // this process is doing it: a start (another server on the same database) leaves it running
      expect(await failRunsInterruptedByRestart(store.db, key)).toEqual([]);
      const setRunner = (runner: string, heartbeat: Date) =>
        withTenant(store.db, fx.tenantId, (tx) =>
          tx
            .updateTable('statement_run')
            .set({ runner, heartbeat_at: heartbeat })
            .where('tenant_id', '=', fx.tenantId)
            .where('id', '=', runId)
            .execute(),
        );
      await setRunner('another-host:4242', new Date());
      expect(await failRunsInterruptedByRestart(store.db, key)).toEqual([]);
      await setRunner('another-host:4242', new Date(Date.now() - STALE_RUN_MS - 60_000));
      const marked = await failRunsInterruptedByRestart(store.db, key);
      expect(marked.map((m) => m.runId)).toEqual([runId]);
      // the process that was thought dead goes on: it stores nothing more and stops
      await expect(processStatementRun(deps, actor, { runId })).rejects.toThrow(/is failed/);
      expect((await runRow(store, runId)).status).toBe('failed');
    } finally {
      await store.close();
    }
  }, 300_000);
});
