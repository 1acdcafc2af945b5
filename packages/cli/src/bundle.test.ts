/**
 * The `medbill` command runs from the bundle made at install (bin/bundle.mjs), not through tsx: the bundle finds the
 * files that live beside the sources (migrations), the bundled server answers, and a changed source file makes the
 * next command bundle again.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(CLI, 'bin/medbill.js');
const current = () => JSON.parse(fs.readFileSync(path.join(CLI, 'dist/current.json'), 'utf8'));
const medbill = (args: string[], env: NodeJS.ProcessEnv = { ...process.env, MEDBILL_FROM_SOURCE: '' }) =>
  execFileSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, timeout: 120_000 });

describe('the bundled medbill command', () => {
  it('is bundled from the TypeScript sources and runs from the bundle', () => {
    execFileSync(process.execPath, [path.join(CLI, 'bin/bundle.mjs')], { encoding: 'utf8', timeout: 120_000 });
    const stamp = current();
    expect(stamp.inputs).toContain('packages/cli/src/main.ts');
    expect(stamp.inputs.some((f: string) => f.startsWith('packages/server/src/'))).toBe(true);
    expect(medbill(['--help'])).toMatch(/Usage: medbill/);
    expect(current().dir).toBe(stamp.dir); // nothing changed: no new bundle
  });

  it('finds the migrations beside the server sources, and serves the API, its docs and the web UI', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-bundle-'));
    const env = { ...process.env, MEDBILL_FROM_SOURCE: '', MEDBILL_DATA: dataDir, DATABASE_URL: '', PORT: '0' };
    let server: ChildProcess | undefined;
    try {
      const out = JSON.parse(medbill(['migrate', '--json'], env));
      expect(out.applied.length).toBeGreaterThan(0);
      expect(out.applied.length).toBe(out.known);
      // the bundled server (fastify, zod, swagger… bundled in; PGlite and the swagger UI's assets from node_modules)
      server = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let log = '';
      server.stdout!.on('data', (d) => (log += d));
      server.stderr!.on('data', (d) => (log += d));
      await expect.poll(() => /running at (http:\S+)/.exec(log)?.[1], { timeout: 120_000, interval: 200 }).toBeTruthy();
      const url = /running at (http:\S+)/.exec(log)![1];
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
      expect((await (await fetch(`${url}/api/docs/json`)).json()).openapi).toMatch(/^3\./);
      expect((await fetch(`${url}/api/docs/static/logo.svg`)).status).toBe(200);
      if (fs.existsSync(path.join(CLI, '../web/dist/index.html')))
        expect(await (await fetch(`${url}/`)).text()).toMatch(/<!doctype html>/i);
    } finally {
      server?.kill('SIGINT');
      if (server) await new Promise((r) => server!.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);

  it('bundles again when a source file changed', () => {
    const before = current();
    const main = path.join(CLI, 'src/io.ts');
    const now = new Date();
    fs.utimesSync(main, now, now);
    expect(medbill(['--help'])).toMatch(/Usage: medbill/);
    expect(current().dir).not.toBe(before.dir);
    expect(current().startedAt).toBeGreaterThan(before.startedAt);
  });
});
