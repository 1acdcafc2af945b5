/**
 * The worker thread that parses received files, so a 50 MB 835 never holds the server's event loop (issue 8 item 4).
 * Protocol (see parse-in-worker.ts): `{ id, kind: '835', text, fileName }` in; out, the result's skeleton (every
 * header's claims emptied), then the claims in chunks, each sent when the main thread asks for `more`, then `done` —
 * so the main thread takes the model in small pieces between other work: Node hands a thread every message waiting
 * for it in one go, so chunks sent all at once would be one long copy again.
 */
import { parentPort } from 'node:worker_threads';
import { runThisThreadInBackground } from './thread-priority.ts';
import { read835File } from '../remittance/read-835-file.ts';
import type { ParseRequest, ParseReply } from './parse-protocol.ts';

const CLAIMS_PER_MESSAGE = 250;
runThisThreadInBackground();

function send(reply: ParseReply) {
  parentPort!.postMessage(reply);
}

/** chunks still to send, by request */
const queued = new Map<number, ParseReply[]>();

function sendNext(id: number) {
  const q = queued.get(id);
  const next = q?.shift();
  if (!next) return;
  if (!q!.length) queued.delete(id);
  send(next);
}

parentPort?.on('message', (req: ParseRequest) => {
  if (req.kind === 'more') return sendNext(req.id);
  try {
    const read = read835File(req.text, req.fileName);
    const chunks: Array<Extract<ParseReply, { type: 'claims' }>> = [];
    const skeleton = {
      ...read,
      remittances: read.remittances.map((r, ri) => ({
        ...r,
        remit: {
          ...r.remit,
          headers: r.remit.headers.map((h, hi) => {
            for (let i = 0; i < h.claims.length; i += CLAIMS_PER_MESSAGE)
              chunks.push({
                id: req.id,
                type: 'claims',
                remittance: ri,
                header: hi,
                claims: h.claims.slice(i, i + CLAIMS_PER_MESSAGE),
              });
            return { ...h, claims: [] };
          }),
        },
      })),
    };
    send({ id: req.id, type: 'skeleton', value: skeleton, claims: chunks.reduce((n, c) => n + c.claims.length, 0) });
    queued.set(req.id, [...chunks, { id: req.id, type: 'done' }]);
  } catch (e) {
    send({ id: req.id, type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});
