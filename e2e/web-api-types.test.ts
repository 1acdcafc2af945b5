/**
 * The web's API types come from @medbill/api's schemas (issue 10 item 2), never written out by hand:
 * - `packages/web/src/api/` declares no object shape of its own (`interface X`, `type X = { … }`); its types
 *   are aliases of, or derived from, the contract's types;
 * - no web file types an answer inline (`api.get<{ items: … }>(…)`). The files below still did when this test
 *   was written; each may only lose such calls, and a file not listed may have none.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const webSrc = path.resolve(import.meta.dirname, '../packages/web/src');

/** Inline answer shapes left, per file: none now. */
const INLINE_ANSWERS_LEFT: Record<string, number> = {};

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** `interface X` and `type X = {` / `type X<T> = {` / `type X = Array<{` declarations, with their lines. */
function handShapes(text: string): string[] {
  const found: string[] = [];
  const decl =
    /^\s*(?:export\s+)?(?:interface\s+([\w$]+)|type\s+([\w$]+)(?:<[^=]*>)?\s*=\s*(?:\{|Array<\s*\{|\|\s*\{))/gm;
  for (const m of text.matchAll(decl)) found.push(`${m[1] ?? m[2]} (line ${lineOf(text, m.index)})`);
  return found;
}

function inlineAnswers(text: string): string[] {
  return [...text.matchAll(/\bapi\.(?:get|post|patch|put|del)<\s*\{/g)].map((m) => `line ${lineOf(text, m.index)}`);
}

describe("the web's API types come from @medbill/api", () => {
  it('packages/web/src/api declares no shape by hand', () => {
    const apiDir = path.join(webSrc, 'api');
    const shapes = files(apiDir).flatMap((f) =>
      handShapes(fs.readFileSync(f, 'utf8')).map((s) => `${path.relative(webSrc, f)}: ${s}`),
    );
    expect(shapes, 'take these types from @medbill/api (z.infer of the route schema)').toEqual([]);
  });

  it('no web file types an answer inline, beyond the calls still listed', () => {
    const over: string[] = [];
    for (const f of files(webSrc)) {
      const rel = path.relative(webSrc, f).split(path.sep).join('/');
      const found = inlineAnswers(fs.readFileSync(f, 'utf8'));
      const allowed = INLINE_ANSWERS_LEFT[rel] ?? 0;
      if (found.length > allowed) over.push(`${rel}: ${found.join(', ')} (at most ${allowed})`);
    }
    expect(over, 'type these answers with @medbill/api types (api.get<ClaimList>(…))').toEqual([]);
  });

  it('the checks find what they look for', () => {
    expect(handShapes('export interface ClaimRow {\n  id: number;\n}\ntype Page<T> = { items: T[] };')).toEqual([
      'ClaimRow (line 1)',
      'Page (line 4)',
    ]);
    expect(handShapes('export type ClaimRow = ClaimListItem;\nexport type Query = Record<string, string>;')).toEqual(
      [],
    );
    expect(inlineAnswers("api.get<{ items: X[] }>('/api/x');\napi.get<XList>('/api/x');")).toEqual(['line 1']);
  });
});
