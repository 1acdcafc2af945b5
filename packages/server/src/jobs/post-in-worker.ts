/**
 * Posts an 835 on the posting worker thread (post-worker.ts): the worker reads, checks and plans it and builds every
 * statement; this thread opens the job's one transaction when asked, runs each statement it is sent, and commits or
 * rolls back when told — so posting stays all or nothing, a crash leaves nothing half-posted, and this thread's
 * heap holds only the statement in flight, never the file's claims or plan (issue 8 item 4, issue 11). One worker
 * for the process, started on first use and ended after a quiet minute; it keeps the process alive only while a job
 * runs. A worker that fails fails its jobs, and their transactions roll back.
 */
import type { Worker } from 'node:worker_threads';
import { CompiledQuery } from 'kysely';
import { AppError, ERROR_STATUS } from '../app-error.ts';
import { auditAnchorOf } from '../audit/audit-anchor.ts';
import { anchorHeadAfterCommit } from '../audit/record-audit.ts';
import { bigTextFor, bigTextsIn, isBigText, ownsBuffer, wantBigTextAsBytes } from '../db/big-text.ts';
import { postgresUrlOf, withTenant, type Db, type Tx } from '../db/open-database.ts';
import {
  errorFields,
  errorFrom,
  type ErrorFields,
  type FromWorker,
  type JobProgress,
  type PostJob,
  type PostJobResult,
  type ToWorker,
} from './post-protocol.ts';
import { startWorker } from './worker-script.ts';

interface Running {
  db: Db;
  job: PostJob;
  resolve: (r: PostJobResult) => void;
  reject: (e: Error) => void;
  onProgress?: (p: JobProgress) => void;
  /** the job's open transaction, and how to end it */
  tx?: Tx;
  end?: { commit: () => void; rollback: (e: Error) => void };
  /** settles once the transaction has committed or rolled back */
  ended?: Promise<unknown>;
}

const IDLE_MS = 60_000;
let worker: Worker | undefined;
let idle: NodeJS.Timeout | undefined;
let nextId = 1;
const running = new Map<number, Running>();
/** statements this thread has run for the posting worker (none on PostgreSQL, where the worker connects itself) */
let served = 0;

/** characters of long text (≥ BIG_TEXT_CHARS) this thread has handed the posting worker as strings */
let textCharsServed = 0;

/** How many statements this thread has run for the posting worker since the process started. */
export function statementsServedForWorker(): number {
  return served;
}

/**
 * How many characters of long text this thread has handed the posting worker as strings since the process started:
 * none on the PGlite thread, which answers the worker's statements with long text as bytes that pass through here
 * moved, never read; an in-memory PGlite runs on this thread, so its rows are strings here anyway.
 */
export function longTextServedForWorker(): number {
  return textCharsServed;
}

/** The error a thread saw, as this thread throws it: an AppError keeps its code (and so its HTTP status). */
function rebuilt(fields: ErrorFields): Error {
  const code = fields.code;
  if (typeof code === 'string' && code in ERROR_STATUS)
    return new AppError(code as keyof typeof ERROR_STATUS, fields.message);
  return errorFrom(fields);
}

function failAll(e: Error) {
  for (const r of running.values()) {
    r.end?.rollback(e);
    r.reject(e);
  }
  running.clear();
  worker = undefined;
}

function theWorker(): Worker {
  if (worker) return worker;
  const w = startWorker('post-worker', new URL('./post-worker.ts', import.meta.url));
  w.unref();
  w.on('message', (m: FromWorker) => onMessage(m));
  w.on('error', (e) => failAll(new Error(`the posting worker failed: ${e.message}`)));
  w.on('exit', (code) => {
    if (worker === w) {
      if (running.size) failAll(new Error(`the posting worker stopped (exit code ${code})`));
      worker = undefined;
    }
  });
  worker = w;
  return w;
}

const reply = (m: ToWorker, moved: ArrayBuffer[] = []) => worker?.postMessage(m, moved);

function onMessage(m: FromWorker) {
  const r = running.get(m.id);
  if (!r) return;
  switch (m.type) {
    case 'progress':
      r.onProgress?.(m.progress);
      return;
    case 'anchor':
      // committed on the worker's own connection: its heads go to this server's anchor file, as record-audit does
      auditAnchorOf(r.db)?.append(m.lines);
      return;
    case 'done':
    case 'failed':
      running.delete(m.id);
      // a job ends with its transaction ended; one left open (a bug) is rolled back
      r.end?.rollback(new Error('the posting worker ended its job with the transaction open'));
      if (m.type === 'done') r.resolve(m.result);
      else r.reject(rebuilt(m.error));
      if (!running.size) quiet();
      return;
    case 'db':
      void serve(r, m.req).then(
        (answer) => {
          // long text the database answered as bytes goes on to the worker moved, never a string on this thread
          const { moved, textChars } = bigTextsIn(answer.rows ?? []);
          textCharsServed += textChars;
          reply({ id: m.id, type: 'reply', seq: m.seq, ok: true, ...answer }, moved);
        },
        (e) => reply({ id: m.id, type: 'reply', seq: m.seq, ok: false, error: errorFields(e) }),
      );
  }
}

async function serve(
  r: Running,
  req: Extract<FromWorker, { type: 'db' }>['req'],
): Promise<{ rows?: unknown[]; numAffectedRows?: bigint }> {
  switch (req.op) {
    case 'begin': {
      if (r.tx) throw new Error('the posting worker asked for a second transaction');
      let opened!: () => void;
      let failed!: (e: unknown) => void;
      const open = new Promise<void>((res, rej) => {
        opened = res;
        failed = rej;
      });
      // the transaction ends when the worker says so; withTenant commits or rolls back, then the answer goes back
      const ended = withTenant(r.db, r.job.tenantId, (tx) => {
        r.tx = tx;
        const done = new Promise<void>((commit, rollback) => {
          r.end = { commit: () => commit(), rollback };
        });
        opened();
        return done;
      });
      r.ended = ended;
      ended.catch((e) => failed(e));
      await open;
      return {};
    }
    case 'query': {
      if (!r.tx) throw new Error('the posting worker sent a statement with no transaction open');
      served++;
      const params = req.params.map((x) => (isBigText(x) ? bigTextFor(r.db, x) : x));
      const res = await r.tx.executeQuery(wantBigTextAsBytes(CompiledQuery.raw(req.sql, params)));
      return {
        rows: res.rows as unknown[],
        ...(res.numAffectedRows !== undefined ? { numAffectedRows: res.numAffectedRows } : {}),
      };
    }
    case 'end': {
      const { tx, end, ended } = r;
      if (!tx || !end || !ended) throw new Error('the posting worker ended a transaction it had not opened');
      if (req.commit)
        // audit rows written on the worker are anchored outside the database once committed, as record-audit does
        await anchorHeadAfterCommit(tx, Buffer.from(r.job.auditKey), r.job.tenantId);
      r.tx = undefined;
      r.end = undefined;
      r.ended = undefined;
      if (req.commit) end.commit();
      else end.rollback(new RolledBack());
      try {
        await ended;
      } catch (e) {
        if (!(e instanceof RolledBack)) throw e;
      }
      return {};
    }
  }
}

class RolledBack extends Error {
  constructor() {
    super('rolled back by the posting worker');
  }
}

function quiet() {
  worker?.unref();
  clearTimeout(idle);
  idle = setTimeout(() => {
    if (!running.size) void worker?.terminate();
  }, IDLE_MS);
  idle.unref();
}

/**
 * Runs one posting job on the worker; `onProgress` hears how far it got. On PostgreSQL the worker connects on its own
 * (the job's statements, their parameters — the file itself — and their rows never touch this thread: node-postgres
 * builds and parses them where it runs); on PGlite it sends its statements here.
 */
export function runPostJob(db: Db, work: PostJob, onProgress?: (p: JobProgress) => void): Promise<PostJobResult> {
  clearTimeout(idle);
  const databaseUrl = postgresUrlOf(db);
  const job: PostJob = databaseUrl ? { ...work, databaseUrl } : work;
  return new Promise((resolve, reject) => {
    const id = nextId++;
    running.set(id, { db, job, resolve, reject, onProgress });
    try {
      const w = theWorker();
      w.ref();
      // a received file's bytes are moved to the worker (a 50 MB copy held this thread for up to a second)
      const moved = job.kind === 'inbound' && ownsBuffer(job.bytes) ? [job.bytes.buffer as ArrayBuffer] : [];
      w.postMessage({ id, type: 'job', job } satisfies ToWorker, moved);
    } catch (e) {
      running.delete(id);
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
