/**
 * Messages between the server and its posting worker (post-worker.ts, post-in-worker.ts). The worker reads, plans and
 * builds every statement of an 835's posting; the server's thread holds the one database transaction and only runs
 * the statements it is sent (remote-db.ts), so a crash anywhere leaves nothing half-posted, as before.
 */
import type { InboundFileResult, UnmatchedActionResult } from '@medbill/api';
import type { Actor } from '../actor.ts';
import type { PostRemittanceInput, PostRemittanceResult } from '../remittance/remittance-result.ts';

export type PostJob =
  /** an uploaded (or CLI) 835: postRemittance on the worker */
  (
    | { kind: 'post'; tenantId: number; input: PostRemittanceInput; actor: Actor; auditKey: Uint8Array }
    /** an 835 an inbound poll received: stored and applied (receive835), as intake does on the server's thread */
    | {
        kind: 'inbound';
        tenantId: number;
        fileName: string;
        /** the file as received (UTF-8, checked by screening): moved to the worker, not copied */
        bytes: Uint8Array;
        clearinghouseId: number;
        actor: Actor;
        auditKey: Uint8Array;
      }
    /** a held 835 a person releases: posted with its differences visible (releaseRemittance) */
    | { kind: 'release'; tenantId: number; remittanceId: number; reason: string; actor: Actor; auditKey: Uint8Array }
    /** an unmatched 835 claim a person matched to a claim of ours: posted to it (matchUnmatched) */
    | {
        kind: 'match';
        tenantId: number;
        input: { unmatchedId: number; claimId?: number; claimNumber?: string };
        actor: Actor;
        auditKey: Uint8Array;
      }
  ) & {
    /**
     * On PostgreSQL, where the server connects: the worker runs the job on a connection of its own (its transaction,
     * statements, results and the file's text never pass through the server's thread; a crash of the worker or the
     * process closes the connection and the database rolls the transaction back). Absent on PGlite, whose one engine
     * the server's thread reaches: there the worker sends its statements to the server's thread (remote-db.ts).
     */
    databaseUrl?: string;
  };

export type PostJobResult = PostRemittanceResult | InboundFileResult | UnmatchedActionResult;

export type JobProgress = { phase: 'reading' | 'planning' | 'writing'; done: number; total: number };

/** What the worker asks the server's thread to do with the job's transaction; each answered by a `Reply`. */
export type DbRequest =
  | { op: 'begin' }
  | { op: 'query'; sql: string; params: unknown[] }
  /** commit (true) or roll back (false) the open transaction */
  | { op: 'end'; commit: boolean };

/** An error's fields (message, code, constraint, detail…), so the other thread can throw what the first one saw. */
export type ErrorFields = { message: string; name?: string } & Record<string, string | number | undefined>;

export type ToWorker =
  | { id: number; type: 'job'; job: PostJob }
  | { id: number; type: 'reply'; seq: number; ok: true; rows?: unknown[]; numAffectedRows?: bigint }
  | { id: number; type: 'reply'; seq: number; ok: false; error: ErrorFields };

export type FromWorker =
  | { id: number; type: 'db'; seq: number; req: DbRequest }
  | { id: number; type: 'progress'; progress: JobProgress }
  /** audit chain heads the worker's own connection committed, for the server's anchor file (audit-anchor.ts) */
  | { id: number; type: 'anchor'; lines: string[] }
  | { id: number; type: 'done'; result: PostJobResult }
  | { id: number; type: 'failed'; error: ErrorFields };

export function errorFields(e: unknown): ErrorFields {
  if (!(e instanceof Error)) return { message: String(e) };
  const out: ErrorFields = { message: e.message, name: e.name };
  for (const [k, v] of Object.entries(e)) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  return out;
}

/** An Error carrying the fields another thread saw (a database error's code and constraint, an AppError's code). */
export function errorFrom(fields: ErrorFields): Error {
  const e = new Error(fields.message);
  for (const [k, v] of Object.entries(fields))
    if (k !== 'message' && k !== 'name') (e as unknown as Record<string, unknown>)[k] = v;
  return e;
}
