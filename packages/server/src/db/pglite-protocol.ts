/** Messages between the server and the thread that runs PGlite (pglite-worker.ts, pglite-thread.ts). */

export type PGliteRequest =
  | { id: number; op: 'open'; dataDir?: string; loadDataDir?: ArrayBuffer }
  /** bigTextAsBytes: long text values in the rows come back as BigText bytes, moved (big-text.ts) */
  | { id: number; op: 'query'; sql: string; params: unknown[]; bigTextAsBytes?: boolean }
  /** a multi-statement script in one transaction (migrations) */
  | { id: number; op: 'script'; sql: string }
  | { id: number; op: 'close' };

/** A database error's fields (code, constraint, detail…), so callers see what a PGlite error on this thread shows. */
export type PGliteErrorFields = { message: string } & Record<string, string | number | undefined>;

export type PGliteReply =
  | { id: number; ok: true; rows?: unknown[]; affectedRows?: number }
  | { id: number; ok: false; error: PGliteErrorFields };
