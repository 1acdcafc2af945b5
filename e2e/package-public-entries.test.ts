/**
 * Each workspace package is reached from outside only through the entries its package.json exports, and no
 * exports map has a wildcard: the server's `.` (the use cases), `./codes` and `./config` (light enough for `medbill
 * codes valid`) and `./test-support`; the pure packages' `.` and a few named parts (`@medbill/x12/835`,
 * `@medbill/core/ledger` …); `./test-util` fixtures for other packages' tests. A deep path
 * (`@medbill/server/claims/…`, `@medbill/x12/syntax/…`) fails here naming the file and line, and would not resolve
 * anyway. The web and the CLI are applications: they export nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const packageDirs = fs.readdirSync(path.join(root, 'packages')).filter((d) => {
  return fs.existsSync(path.join(root, 'packages', d, 'package.json'));
});
const exportsOf = new Map(
  packageDirs.map((d) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'packages', d, 'package.json'), 'utf8'));
    return [pkg.name as string, { dir: d, exports: (pkg.exports ?? {}) as Record<string, string> }];
  }),
);
const TEST_ONLY = new Set(['./test-support', './test-util']);

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : files(p);
    return /\.(tsx?|mjs)$/.test(e.name) ? [p] : [];
  });
}

function packageImports(file: string): Array<{ line: number; pkg: string; entry: string }> {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, i) =>
      [...text.matchAll(/['"](@medbill\/[a-z0-9-]+)(\/[^'"]*)?['"]/g)].map((m) => ({
        line: i + 1,
        pkg: m[1],
        entry: `.${m[2] ?? ''}`,
      })),
    );
}

describe('the packages public entries', () => {
  it('export named entries only, no wildcard, each to a file that exists', () => {
    expect(exportsOf.get('@medbill/server')?.exports).toEqual({
      '.': './src/index.ts',
      './codes': './src/codes/index.ts',
      './config': './src/config.ts',
      './test-support': './src/test-support.ts',
    });
    expect(Object.keys(exportsOf.get('@medbill/web')?.exports ?? { x: 1 })).toEqual([]);
    expect(Object.keys(exportsOf.get('@medbill/cli')?.exports ?? { x: 1 })).toEqual([]);
    for (const [name, { dir, exports }] of exportsOf) {
      for (const [entry, target] of Object.entries(exports)) {
        expect(entry.includes('*') || target.includes('*'), `${name} exports ${entry}`).toBe(false);
        expect(fs.existsSync(path.join(root, 'packages', dir, target)), `${name} ${entry} -> ${target}`).toBe(true);
      }
    }
  });

  it('are imported from other packages only through those entries, and test fixtures only by tests', () => {
    const wrong: string[] = [];
    for (const file of [
      ...files(path.join(root, 'packages')),
      ...files(path.join(root, 'e2e')),
      ...files(path.join(root, 'bench')),
    ]) {
      const rel = path.relative(root, file);
      if (file === import.meta.filename) continue;
      const isTest = /\.test(-util)?\.tsx?$/.test(file) || rel.split(path.sep).includes('test');
      for (const { line, pkg, entry } of packageImports(file)) {
        const target = exportsOf.get(pkg);
        if (!target || rel.startsWith(`packages/${target.dir}/`)) continue;
        const where = `${rel}:${line}`;
        if (!(entry in target.exports)) wrong.push(`${where} imports ${pkg}/${entry.slice(2)} (not a public entry)`);
        else if (TEST_ONLY.has(entry) && !isTest)
          wrong.push(`${where} imports ${pkg}/${entry.slice(2)} outside a test`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
