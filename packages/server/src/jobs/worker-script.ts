/**
 * Starts a worker thread on one of our TypeScript modules. Run from the CLI bundle (bin/medbill.js sets
 * `__medbillBundleDir`), the worker is the bundled `<name>.js` beside it (bin/bundle.mjs lists it as an entry); from
 * the sources (tests, tsx), the `.ts` file itself through tsx's require hook (Node 20 does not apply `--import` loader
 * hooks inside worker threads), found from this package so the current folder does not matter.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export type WorkerName = 'parse-worker' | 'pglite-worker' | 'post-worker';

export function startWorker(name: WorkerName, source: URL, opts: WorkerOptions = {}): Worker {
  const bundleDir = (globalThis as { __medbillBundleDir?: string }).__medbillBundleDir;
  if (bundleDir) return new Worker(path.join(bundleDir, `${name}.js`), opts);
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const boot = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(fileURLToPath(source))});`;
  return new Worker(boot, { ...opts, eval: true });
}
