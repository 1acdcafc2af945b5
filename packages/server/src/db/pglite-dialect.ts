/**
 * Kysely dialect for PGlite. PGlite is one session with no locks of its own, so every Kysely
 * connection holds a mutex for its lifetime, and transactions run inside `pglite.transaction()`
 * (so non-Kysely users of the same PGlite, e.g. a job queue, wait instead of joining our BEGIN).
 * Modelled on kysely 0.29's built-in PGliteDialect; replace with it once we move to Node 22.
 */
import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

export class Mutex {
  #tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}

class PGliteConnection implements DatabaseConnection {
  tx: PGliteTransaction | null = null;
  #finishTx: ((commit: boolean) => void) | null = null;
  #txDone: Promise<unknown> | null = null;
  constructor(readonly pglite: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const runner = this.tx ?? this.pglite;
    const res = await runner.query<R>(query.sql, query.parameters as unknown[]);
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

  begin(): Promise<void> {
    return new Promise<void>((started, failed) => {
      this.#txDone = this.pglite
        .transaction(
          (tx) =>
            new Promise<void>((finish, abort) => {
              this.tx = tx;
              this.#finishTx = (commit) => (commit ? finish() : tx.rollback().then(finish, abort));
              started();
            }),
        )
        .catch((e) => {
          failed(e);
          throw e;
        });
    });
  }

  async end(commit: boolean): Promise<void> {
    const finish = this.#finishTx;
    const done = this.#txDone;
    this.#finishTx = null;
    this.#txDone = null;
    finish?.(commit);
    try {
      await done;
    } finally {
      this.tx = null;
    }
  }
}

class PGliteDriver implements Driver {
  readonly #mutex = new Mutex();
  readonly #releases = new WeakMap<DatabaseConnection, () => void>();
  constructor(readonly pglite: PGlite) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#mutex.lock();
    const conn = new PGliteConnection(this.pglite);
    this.#releases.set(conn, release);
    return conn;
  }

  async beginTransaction(conn: DatabaseConnection): Promise<void> {
    await (conn as PGliteConnection).begin();
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await (conn as PGliteConnection).end(true);
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await (conn as PGliteConnection).end(false);
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    this.#releases.get(conn)?.();
    this.#releases.delete(conn);
  }
  async destroy(): Promise<void> {}
}

export class PGliteDialect implements Dialect {
  constructor(readonly pglite: PGlite) {}
  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
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
