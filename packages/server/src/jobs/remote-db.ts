/**
 * The posting worker's database (post-worker.ts): a Kysely whose statements are compiled here and run by the server's
 * thread inside the one transaction it holds for the job (post-in-worker.ts). BEGIN, COMMIT and ROLLBACK are asks to
 * open, commit or roll back that transaction, so the code that posts an 835 runs unchanged on either thread.
 */
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';
import { bigTextsAsText } from '../db/big-text.ts';
import type { Database } from '../db/schema.ts';
import { Mutex } from '../db/pglite-dialect.ts';
import type { DbRequest } from './post-protocol.ts';

/** Sends one request to the server's thread and resolves with its answer. */
export type AskServer = (req: DbRequest) => Promise<{ rows?: unknown[]; numAffectedRows?: bigint }>;

class RemoteConnection implements DatabaseConnection {
  inTransaction = false;
  constructor(readonly ask: AskServer) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.inTransaction) throw new Error('the posting worker runs statements only inside its transaction');
    const r = await this.ask({ op: 'query', sql: query.sql, params: [...query.parameters] });
    // long text the PGlite thread answered as bytes (a stored 835) is text again here, on this thread
    bigTextsAsText(r.rows ?? []);
    return {
      rows: (r.rows ?? []) as R[],
      ...(r.numAffectedRows !== undefined ? { numAffectedRows: r.numAffectedRows } : {}),
    };
  }

  // biome-ignore lint/correctness/useYield: Kysely requires the method; the server's thread does not stream to us
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the posting worker does not stream query results');
  }
}

class RemoteDriver implements Driver {
  readonly #mutex = new Mutex();
  readonly #releases = new WeakMap<DatabaseConnection, () => void>();
  constructor(readonly ask: AskServer) {}

  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#mutex.lock();
    const conn = new RemoteConnection(this.ask);
    this.#releases.set(conn, release);
    return conn;
  }
  async beginTransaction(conn: DatabaseConnection): Promise<void> {
    await this.ask({ op: 'begin' });
    (conn as RemoteConnection).inTransaction = true;
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    (conn as RemoteConnection).inTransaction = false;
    await this.ask({ op: 'end', commit: true });
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    (conn as RemoteConnection).inTransaction = false;
    await this.ask({ op: 'end', commit: false });
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    this.#releases.get(conn)?.();
    this.#releases.delete(conn);
  }
  async destroy(): Promise<void> {}
}

export function remoteDb(ask: AskServer): Kysely<Database> {
  const dialect: Dialect = {
    createDriver: () => new RemoteDriver(ask),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createAdapter: () => new PostgresAdapter(),
    createIntrospector: (db) => new PostgresIntrospector(db),
  };
  return new Kysely<Database>({ dialect });
}
