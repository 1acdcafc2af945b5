/**
 * Routes only parse, call a use case and format (docs/ARCHITECTURE.md): no route file builds a query. Every
 * `*-routes.ts` file (and the route table) is read and any Kysely query call or raw `sql` template fails the test
 * with the file and line, so a query that creeps back into a route is caught before review.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = path.resolve(import.meta.dirname, '..');
const QUERY_CALL =
  /\b(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\s*\(|\bsql\s*(<[^>]*>)?\s*`|\.execute(TakeFirst(OrThrow)?)?\s*\(/;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(p);
    return /-routes\.ts$/.test(e.name) || p === path.join(srcDir, 'http', 'routes.ts') ? [p] : [];
  });
}

/** Each line of a route file that calls the database, as `file:line: text`. */
export function queryCalls(file: string, text: string): string[] {
  return text
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => !/^\s*(\/\/|\*|\/\*)/.test(line) && QUERY_CALL.test(line))
    .map(({ line, n }) => `${path.relative(srcDir, file)}:${n}: ${line.trim()}`);
}

describe('routes hold no SQL', () => {
  const files = routeFiles(srcDir);

  it('finds the route files (the walk itself works)', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files.map((f) => path.relative(srcDir, f))).toContain(path.join('claims', 'claim-routes.ts'));
  });

  it('catches a query call in a route file', () => {
    const sample = [
      "const row = await tx.selectFrom('claim').selectAll().executeTakeFirst();",
      'await tx',
      "  .updateTable('claim')",
      'const n = await sql<number>`select 1`.execute(tx);',
      '// tx.selectFrom in a comment is fine',
    ].join('\n');
    expect(queryCalls('x-routes.ts', sample)).toHaveLength(3);
  });

  it('no route file calls the database', () => {
    const found = files.flatMap((f) => queryCalls(f, fs.readFileSync(f, 'utf8')));
    expect(found, 'move these into the stage’s use-case functions').toEqual([]);
  });
});
