/**
 * Reads an evaluation TSV and scores a CodeSearch on it (used by the eval tests and the benchmark):
 * search-eval.tsv, the set the engine was tuned on; search-eval-heldout.tsv, realistic queries written before
 * reading the engine (used while improving it); search-eval-blind.tsv, written at the same time and never inspected;
 * search-eval-blind2.tsv, a second blind set written before round 2 of tuning and never inspected; and
 * search-eval-dev.tsv, the round-2 development set (its misses were used for tuning, like the held-out set's).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeSearch, SearchKind } from '../src/search/code-search.ts';

export interface EvalQuery {
  query: string;
  expected: string[];
  kind?: SearchKind;
  category: string;
  line: number;
}

export const EVAL_FILE = 'search-eval.tsv';
export const HELDOUT_EVAL_FILE = 'search-eval-heldout.tsv';
export const BLIND_EVAL_FILE = 'search-eval-blind.tsv';
export const BLIND2_EVAL_FILE = 'search-eval-blind2.tsv';
export const DEV_EVAL_FILE = 'search-eval-dev.tsv';

export function readEvalQueries(name: string = EVAL_FILE): EvalQuery[] {
  const file = path.isAbsolute(name) ? name : path.join(path.dirname(fileURLToPath(import.meta.url)), name);
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (!line.trim() || line.startsWith('#')) return [];
      const [query, expected, kind, category] = line.split('\t');
      return [
        {
          query,
          expected: expected.split('|'),
          kind: (kind || undefined) as SearchKind | undefined,
          category: category ?? '',
          line: i + 1,
        },
      ];
    });
}

export interface EvalResult {
  top1: number;
  top3: number;
  total: number;
  misses: Array<{ q: EvalQuery; got: string[] }>;
}

const norm = (c: string) => c.replace(/\./g, '').toUpperCase();

export function runEval(search: CodeSearch, queries: EvalQuery[], on?: string): EvalResult {
  let top1 = 0;
  let top3 = 0;
  const misses: EvalResult['misses'] = [];
  for (const q of queries) {
    const got = search.search(q.query, { kind: q.kind, on, limit: 3 }).map((h) => h.code);
    const want = new Set(q.expected.map(norm));
    const rank = got.findIndex((c) => want.has(norm(c)));
    if (rank === 0) top1++;
    if (rank >= 0 && rank < 3) top3++;
    else misses.push({ q, got });
  }
  return { top1, top3, total: queries.length, misses };
}
