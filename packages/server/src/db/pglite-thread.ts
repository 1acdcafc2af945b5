/**
 * PGlite on a thread of its own (pglite-worker.ts), with the Kysely dialect that talks to it: the server's thread only
 * sends a statement and takes the rows back, so while PGlite works (a long statement, a commit that checks thousands of
 * ledger postings) timers and requests — /api/health first of all — are answered (issue 8 item 4). One connection at
 * a time, as on the server's thread (pglite-dialect.ts); a transaction is BEGIN … COMMIT on it. The thread keeps the
 * process alive only while a request to it is pending, as PGlite on the main thread would.
 */
import type { Worker } from 'node:worker_threads';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';
import { startWorker } from '../jobs/worker-script.ts';
import { isBigText, ownsBuffer, wantsBigTextAsBytes } from './big-text.ts';
import { Mutex } from './pglite-dialect.ts';
import type { PGliteReply, PGliteRequest } from './pglite-protocol.ts';

type Pending = { resolve: (r: Extract<PGliteReply, { ok: true }>) => void; reject: (e: Error) => void };

/** An error as PGlite raised it on its thread: its message, code, constraint, detail… */
function databaseError(fields: Record<string, unknown>): Error {
  const e = new Error(String(fields.message));
  for (const [k, v] of Object.entries(fields))
    if (k !== 'message' && k !== 'name') (e as never as Record<string, unknown>)[k] = v;
  return e;
}

export class PGliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #failed: Error | undefined;

  private constructor() {
    this.#worker = startWorker('pglite-worker', new URL('./pglite-worker.ts', import.meta.url));
    this.#worker.unref();
    this.#worker.on('message', (m: PGliteReply) => this.#reply(m));
    this.#worker.on('error', (e) => this.#failAll(new Error(`the database thread failed: ${e.message}`)));
    this.#worker.on('exit', (code) => this.#failAll(new Error(`the database thread stopped (exit code ${code})`)));
  }

  static async open(opts: { dataDir?: string; loadDataDir?: Blob }): Promise<PGliteThread> {
    const t = new PGliteThread();
    try {
      await t.#send({
        op: 'open',
        dataDir: opts.dataDir,
        loadDataDir: opts.loadDataDir ? await opts.loadDataDir.arrayBuffer() : undefined,
      });
    } catch (e) {
      await t.#worker.terminate();
      throw e;
    }
    return t;
  }

  async query<R>(
    sql: string,
    params: readonly unknown[],
    opts: { bigTextAsBytes?: boolean } = {},
  ): Promise<{ rows: R[]; affectedRows?: number }> {
    const r = await this.#send({
      op: 'query',
      sql,
      params: [...params],
      ...(opts.bigTextAsBytes ? { bigTextAsBytes: true } : {}),
    });
    return { rows: (r.rows ?? []) as R[], affectedRows: r.affectedRows };
  }

  async script(sql: string): Promise<void> {
    await this.#send({ op: 'script', sql });
  }

  async close(): Promise<void> {
    if (this.#failed) return;
    try {
      await this.#send({ op: 'close' });
    } finally {
      await this.#worker.terminate();
    }
  }

  #send(req: DistributiveOmit<PGliteRequest, 'id'>): Promise<Extract<PGliteReply, { ok: true }>> {
    if (this.#failed) return Promise.reject(this.#failed);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (!this.#pending.size) this.#worker.ref();
      this.#pending.set(id, { resolve, reject });
      // a long text sent as bytes (big-text.ts) is moved to the database thread, not copied
      const moved =
        req.op === 'query'
          ? req.params.filter(isBigText).flatMap((p) => (ownsBuffer(p.$utf8) ? [p.$utf8.buffer as ArrayBuffer] : []))
          : [];
      this.#worker.postMessage({ ...req, id } as PGliteRequest, moved);
    });
  }

  #reply(m: PGliteReply) {
    const p = this.#pending.get(m.id);
    if (!p) return;
    this.#pending.delete(m.id);
    if (!this.#pending.size) this.#worker.unref();
    if (m.ok) p.resolve(m);
    else p.reject(databaseError(m.error));
  }

  #failAll(e: Error) {
    this.#failed ??= e;
    for (const p of this.#pending.values()) p.reject(e);
    this.#pending.clear();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

class ThreadConnection implements DatabaseConnection {
  constructor(readonly thread: PGliteThread) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const res = await this.thread.query<R>(query.sql, query.parameters, {
      bigTextAsBytes: wantsBigTextAsBytes(query),
    });
    const affected = res.affectedRows;
    return {
      rows: res.rows,
      numAffectedRows: affected !== undefined && affected !== null ? BigInt(affected) : undefined,
    };
  }

  // biome-ignore lint/correctness/useYield: Kysely requires the method; PGlite cannot stream
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite dialect does not stream query results');
  }
}

class ThreadDriver implements Driver {
  readonly #mutex = new Mutex();
  readonly #releases = new WeakMap<DatabaseConnection, () => void>();
  constructor(readonly thread: PGliteThread) {}

  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#mutex.lock();
    const conn = new ThreadConnection(this.thread);
    this.#releases.set(conn, release);
    return conn;
  }
  async beginTransaction(conn: DatabaseConnection): Promise<void> {
    await (conn as ThreadConnection).thread.query('BEGIN', []);
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await (conn as ThreadConnection).thread.query('COMMIT', []);
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await (conn as ThreadConnection).thread.query('ROLLBACK', []);
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    this.#releases.get(conn)?.();
    this.#releases.delete(conn);
  }
  async destroy(): Promise<void> {}
}

export class PGliteThreadDialect implements Dialect {
  constructor(readonly thread: PGliteThread) {}
  createDriver(): Driver {
    return new ThreadDriver(this.thread);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
}
