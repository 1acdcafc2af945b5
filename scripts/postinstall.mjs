/**
 * `npm install` / `npm ci`: bundle the CLI and build the web UI once, so neither `medbill` nor `npm start` compiles
 * anything on an unchanged tree. A failure here never fails the install: both are retried (and explained) at use.
 */
import { bundleCli } from '../packages/cli/bin/bundle.mjs';
import { buildWeb, webBuildStaleReason } from './build-web.mjs';

const seconds = (t) => `${((performance.now() - t) / 1000).toFixed(1)} s`;
let t = performance.now();
try {
  const stamp = await bundleCli();
  console.log(`medbill: CLI bundled (${stamp.inputs.length} files) in ${seconds(t)}`);
} catch (e) {
  console.warn(`medbill: could not bundle the CLI (${e.message}); it will run from the TypeScript sources`);
}
t = performance.now();
try {
  if (webBuildStaleReason()) {
    await buildWeb();
    console.log(`medbill: web UI built in ${seconds(t)}`);
  }
} catch (e) {
  console.warn(`medbill: could not build the web UI (${e.message}); npm start will try again`);
}
