/**
 * The posting worker thread: an 835 is hashed, read, checked, planned and turned into statements here, so the
 * server's thread never holds its claims, its plan or its garbage (a 50 MB 835's full collections held every request
 * for up to a second, issue 8 item 4). The server's thread holds the job's transaction and runs the statements it is
 * sent (post-in-worker.ts). Several jobs may run at once, each with its own transaction.
 */
import { parentPort } from 'node:worker_threads';
import { runThisThreadInBackground } from './thread-priority.ts';
import { AuditAnchor, attachAuditAnchor } from '../audit/audit-anchor.ts';
import { BIG_TEXT_CHARS, type BigText } from '../db/big-text.ts';
import { openStore, withTenant, type Db } from '../db/open-database.ts';
import { receive835 } from '../claims/inbound/receive-835.ts';
import { postRemittance } from '../remittance/post-remittance.ts';
import { read835File } from '../remittance/read-835-file.ts';
import { matchUnmatched } from '../remittance/match-unmatched.ts';
import { releaseRemittance } from '../remittance/release-remittance.ts';
import {
  errorFields,
  errorFrom,
  type FromWorker,
  type JobProgress,
  type PostJob,
  type ToWorker,
} from './post-protocol.ts';
import { remoteDb } from './remote-db.ts';

const port = parentPort!;
runThisThreadInBackground();
const send = (m: FromWorker) => port.postMessage(m);
/** answers awaited, by job and request */
const waiting = new Map<
  string,
  { resolve: (r: { rows?: unknown[]; numAffectedRows?: bigint }) => void; reject: (e: Error) => void }
>();
let nextSeq = 1;

/** The server's anchor file, reached through its thread: lines committed here are appended there. */
class AnchorOnServer extends AuditAnchor {
  constructor(readonly id: number) {
    super('');
  }
  override append(lines: string[]): void {
    if (lines.length) send({ id: this.id, type: 'anchor', lines });
  }
}

async function run(id: number, job: PostJob) {
  if (!job.databaseUrl) return runOn(id, job, remoteFor(id));
  // PostgreSQL: a connection of this thread's own, closed with the job (an open transaction dies with it)
  const store = await openStore({ databaseUrl: job.databaseUrl });
  try {
    attachAuditAnchor(store.db, new AnchorOnServer(id));
    return await runOn(id, job, store.db);
  } finally {
    await store.close();
  }
}

/** A database whose statements the server's thread runs in the transaction it holds for job `id` (PGlite). */
function remoteFor(id: number): Db {
  return remoteDb(
    (req) =>
      new Promise((resolve, reject) => {
        const seq = nextSeq++;
        waiting.set(`${id}:${seq}`, { resolve, reject });
        if (req.op !== 'query') return send({ id, type: 'db', seq, req });
        // a long text (the file itself) goes as its bytes, moved, not copied by the server's thread
        const moved: ArrayBuffer[] = [];
        const params = req.params.map((x) => {
          if (typeof x !== 'string' || x.length < BIG_TEXT_CHARS) return x;
          const big: BigText = { $utf8: new TextEncoder().encode(x) };
          moved.push(big.$utf8.buffer as ArrayBuffer);
          return big;
        });
        port.postMessage({ id, type: 'db', seq, req: { ...req, params } } satisfies FromWorker, moved);
      }),
  );
}

async function runOn(id: number, job: PostJob, db: Db) {
  const progress = (p: JobProgress) => send({ id, type: 'progress', progress: p });
  const key = Buffer.from(job.auditKey);
  const readHere = async (text: string, fileName: string) => read835File(text, fileName);
  if (job.kind === 'release')
    return releaseRemittance(db, job.tenantId, job.remittanceId, {
      action: 'post',
      reason: job.reason,
      actor: job.actor,
      audit: { key, sourceIp: job.actor.sourceIp },
      onProgress: progress,
      read: readHere,
      inWorker: false,
    });
  if (job.kind === 'match')
    return matchUnmatched({ db, auditKey: key }, job.actor, job.input, { read: readHere, inWorker: false });
  if (job.kind === 'post') {
    return postRemittance(db, job.tenantId, job.input, {
      actor: job.actor,
      audit: { key, sourceIp: job.actor.sourceIp },
      onProgress: progress,
      // read here, on this thread, before the transaction opens
      read: async (text, fileName) => read835File(text, fileName),
      inWorker: false,
    });
  }
  progress({ phase: 'reading', done: 0, total: 0 });
  const text = new TextDecoder().decode(job.bytes);
  // the text is the file from here on: its bytes are not held beside it while it is read and posted
  job.bytes = new Uint8Array(0);
  const read = read835File(text, job.fileName);
  const claims = read.remittances.reduce((t, r) => t + r.remit.headers.reduce((s, h) => s + h.claims.length, 0), 0);
  progress({ phase: 'reading', done: claims, total: claims });
  return withTenant(db, job.tenantId, (tx) =>
    receive835(
      tx,
      key,
      job.actor,
      { fileName: job.fileName, text, read835: read },
      { clearinghouseId: job.clearinghouseId, onProgress: progress },
    ),
  );
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'job') {
    run(m.id, m.job).then(
      (result) => send({ id: m.id, type: 'done', result }),
      (e) => send({ id: m.id, type: 'failed', error: errorFields(e) }),
    );
    return;
  }
  const w = waiting.get(`${m.id}:${m.seq}`);
  if (!w) return;
  waiting.delete(`${m.id}:${m.seq}`);
  if (m.ok) w.resolve(m);
  else w.reject(errorFrom(m.error));
});
