#!/usr/bin/env node
// The medbill command. Runs the bundle made at install (packages/cli/dist, see bundle.mjs); when a source file
// changed since, it bundles again first (well under a second), and if bundling is impossible it runs the
// TypeScript sources through tsx (MEDBILL_FROM_SOURCE=1 forces that).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { staleReason } from '../../../scripts/build-stamp.mjs';
import { DIST, bundleCli, currentBuild } from './bundle.mjs';
import { runServerProcess, wantsServerProcess } from './server-process.mjs';

async function loadMain() {
  if (process.env.MEDBILL_FROM_SOURCE !== '1') {
    let stamp = currentBuild();
    if (staleReason(stamp)) {
      try {
        stamp = await bundleCli();
      } catch (e) {
        process.stderr.write(`medbill: could not bundle (${e.message}); running from the TypeScript sources\n`);
        stamp = undefined;
      }
    }
    if (stamp) {
      globalThis.__medbillBundleDir = path.join(DIST, stamp.dir);
      return (await import(pathToFileURL(path.join(DIST, stamp.dir, 'main.js')).href)).main;
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../src/main.ts')).main;
}

if (wantsServerProcess(process.argv.slice(2))) runServerProcess();
else {
  const main = await loadMain();
  await main(process.argv);
}
