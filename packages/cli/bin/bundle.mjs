/**
 * Bundles the CLI (and the server it starts) from TypeScript into plain ESM with esbuild, once at install
 * (`npm install` runs this as `postinstall`) and again whenever a source file changed since (checked by
 * `bin/medbill.js` at every start). Running the bundle instead of compiling TypeScript through tsx on every
 * command is what makes `medbill --help` answer in a fraction of a second.
 *
 * - Our packages and most npm dependencies are bundled (see EXTERNAL for those that load from node_modules).
 * - Each build goes to its own folder (`dist/b<time>-<pid>`), named by `dist/current.json`, so a running server
 *   keeps its chunks while another process rebuilds; the newest builds are kept.
 * - `import.meta.url` in a source file is rewritten to that file's own URL (relative to the chunk), so code that
 *   finds files beside itself (migrations, the default payer rules) works unchanged.
 * - Worker entry points (`WORKERS`) are bundled too, as `<name>.js` beside the main chunk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, readStamp, writeAtomically } from '../../../scripts/build-stamp.mjs';

export const DIST = path.join(REPO_ROOT, 'packages/cli/dist');
export const CURRENT = path.join(DIST, 'current.json');
const KEEP_BUILDS = 3;

/** Entry points: the CLI and the worker threads the server starts (see packages/server/src/jobs/worker-script.ts). */
export const ENTRIES = {
  main: 'packages/cli/src/main.ts',
  'parse-worker': 'packages/server/src/jobs/parse-worker.ts',
  'pglite-worker': 'packages/server/src/db/pglite-worker.ts',
  'post-worker': 'packages/server/src/jobs/post-worker.ts',
};

/**
 * npm dependencies are bundled too (resolving and reading a few thousand small files of fastify, zod, kysely… was
 * 40% of a start's CPU), except those that find files beside themselves (PGlite's WebAssembly and data, the
 * swagger UI's assets, pino's transport worker), load native add-ons (ssh2, pg's optional native driver), or are
 * tools.
 */
const EXTERNAL = [
  '@electric-sql/pglite',
  '@fastify/swagger-ui',
  'pino',
  'ssh2',
  'ssh2-sftp-client',
  'cpu-features',
  'pg',
  'pg-native',
  'esbuild',
  'vite',
  'tsx',
  'playwright-core',
];
const externalDependencies = {
  name: 'external-dependencies',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      return EXTERNAL.includes(name) ? { path: args.path, external: true } : undefined;
    });
  },
};

function importMetaUrlOfSource(outdir) {
  return {
    name: 'import-meta-url-of-source',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        const text = await fs.promises.readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
        const rel = path.relative(outdir, args.path).split(path.sep).join('/');
        return {
          contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`),
          loader: 'ts',
        };
      });
    },
  };
}

/** Builds the bundle and makes it current; returns its stamp. */
export async function bundleCli() {
  const esbuild = await import('esbuild');
  const startedAt = Date.now();
  const dir = `b${startedAt}-${process.pid}`;
  const outdir = path.join(DIST, dir);
  // esbuild builds in a service process it keeps for later builds (a Go program: ~300 MB resident once it has
  // bundled the CLI); a server that bundled on start would keep it for as long as it ran
  const result = await esbuild
    .build({
      absWorkingDir: REPO_ROOT,
      entryPoints: ENTRIES,
      outdir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'linked',
      metafile: true,
      logLevel: 'silent',
      // CommonJS dependencies inside an ES module bundle still call require() for Node's built-ins
      banner: {
        js: "import { createRequire as __medbillRequire } from 'node:module'; const require = __medbillRequire(import.meta.url);",
      },
      plugins: [externalDependencies, importMetaUrlOfSource(outdir)],
    })
    .finally(() => esbuild.stop());
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules'));
  // a dependency upgraded by npm changes the lockfile: bundle again
  inputs.push('package-lock.json');
  const stamp = { startedAt, dir, inputs, esbuild: esbuild.version };
  writeAtomically(CURRENT, JSON.stringify(stamp));
  pruneOldBuilds(dir);
  return stamp;
}

function pruneOldBuilds(current) {
  const builds = fs
    .readdirSync(DIST)
    .filter((d) => /^b\d+-\d+$/.test(d) && d !== current)
    .sort((a, b) => Number(b.slice(1).split('-')[0]) - Number(a.slice(1).split('-')[0]));
  for (const old of builds.slice(KEEP_BUILDS - 1)) fs.rmSync(path.join(DIST, old), { recursive: true, force: true });
}

export function currentBuild() {
  return readStamp(CURRENT);
}

// `node packages/cli/bin/bundle.mjs`: what `npm install` runs. A failed bundle never fails the install: the
// command then runs from the TypeScript sources (slower), and says so.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const t = performance.now();
  try {
    const stamp = await bundleCli();
    console.log(
      `medbill: CLI bundled (${stamp.inputs.length} files) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  } catch (e) {
    console.warn(`medbill: could not bundle the CLI (${e.message}); it will run from the TypeScript sources`);
  }
}
