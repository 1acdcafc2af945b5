/**
 * The `medbill` command runs from the bundle made at install (bin/bundle.mjs), not through tsx: the bundle finds the
 * files that live beside the sources (migrations), and a changed source file makes the next command bundle again.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(CLI, 'bin/medbill.js');
const current = () => JSON.parse(fs.readFileSync(path.join(CLI, 'dist/current.json'), 'utf8'));
const medbill = (args: string[], env: Record<string, string> = {}) =>
  execFileSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, MEDBILL_FROM_SOURCE: '', ...env },
    timeout: 120_000,
  });

describe('the bundled medbill command', () => {
  it('is bundled from the TypeScript sources and runs from the bundle', () => {
    execFileSync(process.execPath, [path.join(CLI, 'bin/bundle.mjs')], { encoding: 'utf8', timeout: 120_000 });
    const stamp = current();
    expect(stamp.inputs).toContain('packages/cli/src/main.ts');
    expect(stamp.inputs.some((f: string) => f.startsWith('packages/server/src/'))).toBe(true);
    expect(medbill(['--help'])).toMatch(/Usage: medbill/);
    expect(current().dir).toBe(stamp.dir); // nothing changed: no new bundle
  });

  it('finds the migrations beside the server sources (import.meta.url of the source file)', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-bundle-'));
    try {
      const out = JSON.parse(medbill(['migrate', '--json'], { MEDBILL_DATA: dataDir, DATABASE_URL: '' }));
      expect(out.applied.length).toBeGreaterThan(0);
      expect(out.applied.length).toBe(out.known);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);

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
