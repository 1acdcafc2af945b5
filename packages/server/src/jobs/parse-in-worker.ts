/**
 * Reads an 835 on the parse worker thread (parse-worker.ts): the main thread only takes the parsed claims in, a
 * chunk a message, between other work. One worker for the process, started on first use, ended after a quiet
 * minute; it never keeps the process alive. A worker that fails (or cannot start) fails that read with its reason.
 */
import type { Worker } from 'node:worker_threads';
import type { Read835FileResult } from '../remittance/read-835-file.ts';
import type { ParseReply, ParseRequest } from './parse-protocol.ts';
import { startWorker } from './worker-script.ts';

export interface ParseProgress {
  /** claims taken in so far, of `total` */
  done: number;
  total: number;
}

interface Pending {
  resolve: (r: Read835FileResult) => void;
  reject: (e: Error) => void;
  onProgress?: (p: ParseProgress) => void;
  result?: Read835FileResult;
  total: number;
  done: number;
}

const IDLE_MS = 60_000;
let worker: Worker | undefined;
let idle: NodeJS.Timeout | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(e: Error) {
  for (const p of pending.values()) p.reject(e);
  pending.clear();
  worker = undefined;
}

function theWorker(): Worker {
  if (worker) return worker;
  const w = startWorker('parse-worker', new URL('./parse-worker.ts', import.meta.url));
  w.unref();
  w.on('message', (m: ParseReply) => onReply(m));
  w.on('error', (e) => failAll(new Error(`the parse worker failed: ${e.message}`)));
  w.on('exit', (code) => {
    if (pending.size) failAll(new Error(`the parse worker stopped (exit code ${code})`));
    worker = undefined;
  });
  worker = w;
  return w;
}

function onReply(m: ParseReply) {
  const p = pending.get(m.id);
  if (!p) return;
  switch (m.type) {
    case 'skeleton':
      p.result = m.value;
      p.total = m.claims;
      setImmediate(() => worker?.postMessage({ id: m.id, kind: 'more' } satisfies ParseRequest));
      break;
    case 'claims': {
      const claims = p.result!.remittances[m.remittance].remit.headers[m.header].claims;
      for (const c of m.claims) claims.push(c);
      p.done += m.claims.length;
      p.onProgress?.({ done: p.done, total: p.total });
      // the next chunk once the event loop has gone round (timers and requests first)
      setImmediate(() => worker?.postMessage({ id: m.id, kind: 'more' } satisfies ParseRequest));
      break;
    }
    case 'done':
      pending.delete(m.id);
      p.resolve(p.result!);
      break;
    case 'error':
      pending.delete(m.id);
      p.reject(new Error(m.message));
      break;
  }
  if (!pending.size) {
    clearTimeout(idle);
    idle = setTimeout(() => {
      if (!pending.size) void worker?.terminate();
    }, IDLE_MS);
    idle.unref();
  }
}

/** read835File, on the worker thread. */
export function read835InWorker(
  text: string,
  fileName: string,
  onProgress?: (p: ParseProgress) => void,
): Promise<Read835FileResult> {
  clearTimeout(idle);
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject, onProgress, total: 0, done: 0 });
    const req: ParseRequest = { id, kind: '835', text, fileName };
    try {
      theWorker().postMessage(req);
    } catch (e) {
      pending.delete(id);
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
