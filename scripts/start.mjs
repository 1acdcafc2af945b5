/**
 * `npm start`: the web UI is rebuilt when stale (`scripts/build-web.mjs --if-stale`, in a process of its own so the
 * server never holds Vite), then `medbill serve --demo` runs in this same process: one Node start instead of two
 * on every restart (on Linux with glibc, `serve` runs the server itself in a child started with glibc's malloc
 * settings, see packages/cli/bin/server-process.mjs). Extra arguments go to `serve` (`npm start -- --port 4000`).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './build-stamp.mjs';
import { webBuildStaleReason } from './build-web.mjs';

if (webBuildStaleReason()) {
  const built = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/build-web.mjs'), '--if-stale'], {
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const medbill = path.join(REPO_ROOT, 'packages/cli/bin/medbill.js');
process.argv = [process.argv[0], medbill, 'serve', '--demo', ...process.argv.slice(2)];
await import('../packages/cli/bin/medbill.js');
