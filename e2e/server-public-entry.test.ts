/**
 * The server is reached from outside its package only through the entries its package.json exports: `.` (the use
 * cases), `./codes` and `./config` (light enough for `medbill codes valid`), and `./test-support` for other
 * packages' tests. A deep path (`@medbill/server/claims/…`) fails here naming the file and line, and would not
 * resolve anyway: the exports map has no wildcard.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const serverExports = JSON.parse(fs.readFileSync(path.join(root, 'packages/server/package.json'), 'utf8'))
  .exports as Record<string, string>;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : files(p);
    return /\.(tsx?|mjs)$/.test(e.name) ? [p] : [];
  });
}

function serverImports(file: string): Array<{ line: number; entry: string }> {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, i) =>
      [...text.matchAll(/['"]@medbill\/server(\/[^'"]*)?['"]/g)].map((m) => ({ line: i + 1, entry: `.${m[1] ?? ''}` })),
    );
}

describe('the server public entries', () => {
  it('exports named entries only, no wildcard', () => {
    expect(Object.keys(serverExports).sort()).toEqual(['.', './codes', './config', './test-support']);
    for (const target of Object.values(serverExports))
      expect(fs.existsSync(path.join(root, 'packages/server', target))).toBe(true);
  });

  it('is imported from other packages only through those entries, and test-support only by tests', () => {
    const wrong: string[] = [];
    for (const file of [
      ...files(path.join(root, 'packages')),
      ...files(path.join(root, 'e2e')),
      ...files(path.join(root, 'bench')),
    ]) {
      if (file.startsWith(path.join(root, 'packages/server/'))) continue;
      const isTest = /\.test(-util)?\.tsx?$/.test(file);
      for (const { line, entry } of serverImports(file)) {
        const where = `${path.relative(root, file)}:${line}`;
        if (!(entry in serverExports))
          wrong.push(`${where} imports @medbill/server/${entry.slice(2)} (not a public entry)`);
        else if (entry === './test-support' && !isTest) wrong.push(`${where} imports test-support outside a test`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
