/**
 * No import cycle among the packages' modules (what `madge --circular` checks, without its TypeScript 5 parser:
 * the repo type-checks with TypeScript 7). Every value import and re-export of every source file is followed —
 * relative paths and workspace packages (`@medbill/x`, `@medbill/x/deep/path.ts`) — and a cycle fails the test
 * with its files in order. `import type` and `export type` are left out: they are erased and form no cycle at
 * run time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const packagesDir = path.join(root, 'packages');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Module specifiers a file imports as values (static, re-exports and dynamic imports). */
function valueImports(text: string): string[] {
  const found: string[] = [];
  const statement = /(?:^|[;\n])\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(statement)) {
    const typeOnly = Boolean(m[2]) || /^\{\s*(type\s+[\w$]+\s*(as\s+[\w$]+)?\s*,?\s*)+\}$/.test(m[3].trim());
    if (!typeOnly) found.push(m[4]);
  }
  for (const m of text.matchAll(/(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]/g)) found.push(m[1]);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]);
  return found;
}

function resolve(from: string, spec: string): string | null {
  let target: string;
  if (spec.startsWith('.')) target = path.resolve(path.dirname(from), spec);
  else if (spec.startsWith('@medbill/')) {
    const [, pkg, ...rest] = spec.split('/');
    target = path.join(packagesDir, pkg, rest.length ? path.join('src', ...rest) : path.join('src', 'index.ts'));
  } else return null;
  for (const candidate of [target, `${target}.ts`, `${target}.tsx`, path.join(target, 'index.ts')])
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  return null;
}

/** Every cycle's files, each cycle once (strongly connected components with more than one file, or a self-import). */
function findCycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.reverse());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return cycles;
}

describe('import cycles', () => {
  it('finds a cycle when there is one, and reads type-only imports as none', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(findCycles(g)).toEqual([['a', 'b', 'c']]);
    expect(
      valueImports(
        "import type { A } from './a.ts';\nimport { type B } from './b.ts';\nimport { c, type C } from './c.ts';\nexport * from './d.ts';\nimport './e.ts';\nconst f = await import('./f.ts');",
      ),
    ).toEqual(['./c.ts', './d.ts', './e.ts', './f.ts']);
  });

  it('no package module imports itself back, directly or through others', () => {
    const files = fs.readdirSync(packagesDir).flatMap((p) => {
      const src = path.join(packagesDir, p, 'src');
      return fs.existsSync(src) ? sourceFiles(src) : [];
    });
    expect(files.length).toBeGreaterThan(200);
    const graph = new Map<string, string[]>();
    for (const f of files)
      graph.set(
        f,
        valueImports(fs.readFileSync(f, 'utf8'))
          .map((s) => resolve(f, s))
          .filter((x): x is string => x !== null),
      );
    const cycles = findCycles(graph).map((c) => c.map((f) => path.relative(root, f)));
    expect(cycles, 'import cycles (break each with a leaf module both sides import)').toEqual([]);
  });
});
