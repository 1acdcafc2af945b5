/**
 * Opens the store: embedded PGlite in a data folder by default, PostgreSQL when DATABASE_URL is set.
 * Both return the same Kysely<Database>, with the same type parsers (int8 → number, date → 'YYYY-MM-DD').
 */
import path from 'node:path';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import { PGliteDialect } from './pglite-dialect.ts';
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
}

const INT8 = 20;
const DATE = 1082;

function int8ToNumber(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${v} is outside the safe integer range`);
  return n;
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
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
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

/**
 * PGlite's start parameters get a smaller buffer pool. initdb writes PostgreSQL's 128 MB `shared_buffers`, which the
 * WebAssembly heap then holds for the life of the process (and never gives back); one embedded office database
 * is served as well from 32 MB, since the operating system caches the files below it anyway. This took an idle
 * server's resident memory down by about 100 MB and PGlite's start by about a second (see docs/DECISIONS.md).
 */
export const PGLITE_EXTRA_PARAMS = ['-c', 'shared_buffers=32MB'];

async function openPGlite(opts: OpenOptions): Promise<Store> {
  const { PGlite } = await import('@electric-sql/pglite');
  const inMemory = !opts.dataDir || opts.dataDir === 'memory';
  const dataDir = inMemory ? undefined : path.resolve(opts.dataDir!);
  const lock = dataDir ? acquireDataFolderLock(dataDir, opts.purpose ?? 'medbill') : undefined;
  try {
    const pglite = await PGlite.create({
      dataDir: dataDir ? path.join(dataDir, 'pgdata') : undefined,
      loadDataDir: opts.loadDataDir,
      startParams: [...PGlite.defaultStartParams, ...PGLITE_EXTRA_PARAMS],
      parsers: { [INT8]: int8ToNumber, [DATE]: (v: string) => v },
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
