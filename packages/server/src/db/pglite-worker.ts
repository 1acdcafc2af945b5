/**
 * The thread PGlite runs on when the server opens a data folder (pglite-thread.ts). PGlite is PostgreSQL compiled
 * to WebAssembly: every statement runs start to end on the thread that called it, so on the server's own thread a
 * long statement (a 50 MB file stored, an 835's thousands of ledger checks at commit) held every request until it
 * ended (issue 8 item 4). Here it holds only this thread. One request at a time, in the order they come.
 */
import v8 from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { isBigText, longTextAsBytes } from './big-text.ts';
import { PGLITE_EXTRA_PARAMS, PGLITE_PARSERS, PGLITE_WASM_FLAGS } from './pglite-options.ts';
import type { PGliteErrorFields, PGliteReply, PGliteRequest } from './pglite-protocol.ts';

let db: PGlite | undefined;

// before PGlite's WebAssembly is compiled (at 'open'): less optimized code kept for an idle server (pglite-options.ts)
v8.setFlagsFromString(PGLITE_WASM_FLAGS);

function errorFields(e: unknown): PGliteErrorFields {
  if (!(e instanceof Error)) return { message: String(e) };
  const out: PGliteErrorFields = { message: e.message, name: e.name };
  for (const [k, v] of Object.entries(e)) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  return out;
}

/** buffers the reply being built moves to the server's thread (long text as bytes) */
let moving: ArrayBuffer[] = [];

async function handle(req: PGliteRequest): Promise<PGliteReply> {
  switch (req.op) {
    case 'open':
      db = await PGlite.create({
        dataDir: req.dataDir,
        loadDataDir: req.loadDataDir ? new Blob([req.loadDataDir]) : undefined,
        startParams: [...PGlite.defaultStartParams, ...PGLITE_EXTRA_PARAMS],
        parsers: PGLITE_PARSERS,
      });
      return { id: req.id, ok: true };
    case 'query': {
      // a long text that came as bytes (big-text.ts) is text again here, on this thread
      const params = req.params.map((p) => (isBigText(p) ? new TextDecoder().decode(p.$utf8) : p));
      const res = await db!.query(req.sql, params);
      if (req.bigTextAsBytes) moving = longTextAsBytes(res.rows);
      return { id: req.id, ok: true, rows: res.rows, affectedRows: res.affectedRows };
    }
    case 'script':
      await db!.transaction(async (tx) => {
        await tx.exec(req.sql);
      });
      return { id: req.id, ok: true };
    case 'close':
      await db?.close();
      db = undefined;
      return { id: req.id, ok: true };
  }
}

let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (req: PGliteRequest) => {
  queue = queue.then(async () => {
    let reply: PGliteReply;
    moving = [];
    try {
      reply = await handle(req);
    } catch (e) {
      reply = { id: req.id, ok: false, error: errorFields(e) };
    }
    parentPort!.postMessage(reply, reply.ok ? moving : []);
  });
});
