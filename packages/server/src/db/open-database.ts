/**
 * Opens the store: embedded PGlite in a data folder by default, PostgreSQL when DATABASE_URL is set.
 * Both return the same Kysely<Database>, with the same type parsers (int8 → number, date → 'YYYY-MM-DD').
 */
import path from 'node:path';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import { carriesBigText } from './big-text.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { DATE, INT8, int8ToNumber, PGLITE_EXTRA_PARAMS, PGLITE_PARSERS } from './pglite-options.ts';
import { PGliteThread, PGliteThreadDialect } from './pglite-thread.ts';
import { acquireDataFolderLock, type DataFolderLock } from './data-lock.ts';

export type DatabaseKind = 'pglite' | 'postgresql';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export interface Store {
  db: Db;
  /** the embedded engine, when kind is 'pglite' (dumps for backups and test templates) */
  pglite?: import('@electric-sql/pglite').PGlite;
  kind: DatabaseKind;
  /** runs a multi-statement SQL script in one transaction */
  runScript(script: string): Promise<void>;
  /** the data-folder lock, for PGlite on disk */
  lock?: DataFolderLock;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite data folder; 'memory' for an in-memory database (tests) */
  dataDir?: string;
  /** a PGlite data dump to start from (test templates) */
  loadDataDir?: Blob;
  purpose?: string;
  /**
   * where PGlite runs: 'worker', a thread of its own (the default for a data folder: the server stays responsive while
   * a long statement runs, see pglite-thread.ts), or 'main', this thread (the default in memory: tests, dumps). The
   * environment variable MEDBILL_PGLITE_THREAD (main|worker) overrides the default.
   */
  thread?: 'main' | 'worker';
}

function pgliteThread(opts: OpenOptions, inMemory: boolean): 'main' | 'worker' {
  const env = process.env.MEDBILL_PGLITE_THREAD;
  if (opts.thread) return opts.thread;
  if (env === 'main' || env === 'worker') return env;
  return inMemory ? 'main' : 'worker';
}

export { PGLITE_EXTRA_PARAMS };

/** Where each PostgreSQL store connects: the posting worker opens a connection of its own there (post-in-worker.ts). */
const postgresUrls = new WeakMap<object, string>();

/** The connection string `db` was opened with, when it is a PostgreSQL store (undefined for PGlite). */
export function postgresUrlOf(db: Db): string | undefined {
  return postgresUrls.get(db);
}

export async function openStore(opts: OpenOptions): Promise<Store> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPGlite(opts);
}

async function openPostgres(url: string): Promise<Store> {
  const pg = await import('pg');
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === INT8) return int8ToNumber;
      if (oid === DATE) return (v: string) => v;
      return pg.default.types.getTypeParser(oid, format as 'text');
    },
  };
  const pool = new pg.default.Pool({ connectionString: url, max: 10, types });
  // An idle connection the server ends (a restart, an administrator, a dropped database) is an 'error' event on
  // the pool: unhandled, it would end the whole process. The pool opens a new connection for the next query.
  pool.on('error', (e: Error & { code?: string }) => {
    process.stderr.write(
      `medbill: an idle database connection ended (${e.code ?? 'no code'}: ${e.message}); a new one is opened when needed\n`,
    );
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // a long text from the posting worker is sent as its bytes (binary parameter), never made a string here
  carriesBigText(db, 'buffer');
  postgresUrls.set(db, url);
  return {
    db,
    kind: 'postgresql',
    async runScript(script) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(script);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}

async function openPGlite(opts: OpenOptions): Promise<Store> {
  const inMemory = !opts.dataDir || opts.dataDir === 'memory';
  const dataDir = inMemory ? undefined : path.resolve(opts.dataDir!);
  const lock = dataDir ? acquireDataFolderLock(dataDir, opts.purpose ?? 'medbill') : undefined;
  const pgdata = dataDir ? path.join(dataDir, 'pgdata') : undefined;
  try {
    if (pgliteThread(opts, inMemory) === 'worker') {
      const thread = await PGliteThread.open({ dataDir: pgdata, loadDataDir: opts.loadDataDir });
      const db = new Kysely<Database>({ dialect: new PGliteThreadDialect(thread) });
      carriesBigText(db, 'as-is');
      return {
        db,
        kind: 'pglite',
        lock,
        // on a connection of its own, so it never lands inside another caller's transaction
        runScript: (script) => db.connection().execute(() => thread.script(script)),
        async close() {
          await db.destroy();
          await thread.close();
          lock?.release();
        },
      };
    }
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = await PGlite.create({
      dataDir: pgdata,
      loadDataDir: opts.loadDataDir,
      startParams: [...PGlite.defaultStartParams, ...PGLITE_EXTRA_PARAMS],
      parsers: PGLITE_PARSERS,
    });
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      kind: 'pglite',
      pglite,
      lock,
      async runScript(script) {
        await pglite.transaction(async (tx) => {
          await tx.exec(script);
        });
      },
      async close() {
        await db.destroy();
        await pglite.close();
        lock?.release();
      },
    };
  } catch (e) {
    lock?.release();
    throw e;
  }
}

/** Work to do once a transaction has committed (by name: a later one of the same name replaces it). */
const afterCommitHooks = new WeakMap<object, Map<string, (db: Db) => void>>();

export function afterCommit(tx: Tx, name: string, hook: (db: Db) => void): void {
  let hooks = afterCommitHooks.get(tx);
  if (!hooks) afterCommitHooks.set(tx, (hooks = new Map()));
  hooks.set(name, hook);
}

/**
 * Runs `work` in a transaction as the application role with the tenant set, so PostgreSQL's
 * row-level security walls off other tenants behind the application's own checks.
 */
export async function withTenant<T>(db: Db, tenantId: number, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (!Number.isSafeInteger(tenantId) || tenantId <= 0) throw new Error('withTenant needs a tenant id');
  let used: Tx | undefined;
  const result = await db.transaction().execute(async (tx) => {
    used = tx;
    await sql`SET LOCAL ROLE medbill_app`.execute(tx);
    await sql`SELECT set_config('app.tenant_id', ${String(tenantId)}, true)`.execute(tx);
    return work(tx);
  });
  const hooks = used && afterCommitHooks.get(used);
  if (hooks) for (const hook of hooks.values()) hook(db);
  return result;
}

/**
 * Runs `work` in a transaction on an owner path: one of the few places that must see every tenant (a tenant and
 * user found by name at log-in, a session by its token, jobs that visit each tenant, audit verification, demo
 * seeding). Tenant tables FORCE row-level security (migration 0029), so the owner connection sees no tenant's rows
 * unless it comes through here (or withTenant). Inside `work` use only `tx`: on PGlite a second use of `db` waits
 * for this transaction. Given a transaction, the owner path holds for `work` only, inside it.
 */
export async function asOwner<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) {
    // inside a caller's transaction (a test that tampers and verifies, then rolls back): on for `work` only
    const tx = db as Tx;
    const prior = await sql<{ v: string | null }>`SELECT current_setting('app.owner_path', true) AS v`.execute(tx);
    await sql`SELECT set_config('app.owner_path', 'on', true)`.execute(tx);
    try {
      return await work(tx);
    } finally {
      await sql`SELECT set_config('app.owner_path', ${prior.rows[0]?.v ?? ''}, true)`.execute(tx);
    }
  }
  let used: Tx | undefined;
  const result = await db.transaction().execute(async (tx) => {
    used = tx;
    await sql`SELECT set_config('app.owner_path', 'on', true)`.execute(tx);
    return work(tx);
  });
  const hooks = used && afterCommitHooks.get(used);
  if (hooks) for (const hook of hooks.values()) hook(db);
  return result;
}

/** The statement that opens an owner path in a script of its own (migrations run as one). */
export const OWNER_PATH_SQL = "SELECT set_config('app.owner_path', 'on', true);";

/** Every tenant's id, oldest first: an owner path for the jobs that visit each tenant in turn (with withTenant). */
export async function allTenantIds(db: Db): Promise<number[]> {
  const rows = await asOwner(db, (tx) => tx.selectFrom('tenant').select('id').orderBy('id').execute());
  return rows.map((r) => r.id);
}
