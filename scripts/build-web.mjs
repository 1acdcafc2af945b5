/**
 * Builds the web UI (packages/web/dist) with Vite and stamps the build with the files it was made from.
 * `--if-stale` (what `npm start` and `npm install` run) builds only when one of those files, or anything under
 * packages/web/src, changed since the last build, so a restart does not rebuild an unchanged UI.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, readStamp, staleReason, writeAtomically } from './build-stamp.mjs';

const WEB = path.join(REPO_ROOT, 'packages/web');
const STAMP = path.join(WEB, 'dist/.build-stamp.json');
const ALWAYS = [
  'packages/web/vite.config.ts',
  'packages/web/index.html',
  'packages/web/package.json',
  'package-lock.json',
];

export function webBuildStaleReason() {
  return staleReason(readStamp(STAMP), ['packages/web/src']);
}

export async function buildWeb() {
  const { build } = await import('vite');
  const startedAt = Date.now();
  let inputs = [];
  const recordInputs = {
    name: 'medbill-build-inputs',
    generateBundle() {
      inputs = [...this.getModuleIds()]
        .filter((id) => path.isAbsolute(id) && !id.includes('node_modules') && id.startsWith(REPO_ROOT))
        .map((id) => path.relative(REPO_ROOT, id.split('?')[0]));
    },
  };
  await build({
    configFile: path.join(WEB, 'vite.config.ts'),
    logLevel: 'warn',
    plugins: [recordInputs],
  });
  writeAtomically(STAMP, JSON.stringify({ startedAt, inputs: [...new Set([...ALWAYS, ...inputs])] }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const reason = process.argv.includes('--if-stale') ? webBuildStaleReason() : 'asked';
  if (reason) {
    const t = performance.now();
    await buildWeb();
    console.log(
      `medbill: web UI built in ${((performance.now() - t) / 1000).toFixed(1)} s${reason === 'asked' ? '' : ` (${reason})`}`,
    );
  }
}
