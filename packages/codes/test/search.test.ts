import { beforeAll, describe, expect, it } from 'vitest';
import type { IndexTerm } from '../src/import/index-xml.ts';
import { CodeSearch } from '../src/search/code-search.ts';
import type { ImportResult } from '../src/types.ts';
import { queryVariants } from '../src/search/query-variants.ts';
import { readEvalQueries, runEval } from './search-eval.ts';
import { hasData, loadAll, NO_DATA_MESSAGE } from './shared-data.ts';

describe('query readings', () => {
  it('expands abbreviations and lay terms, keeping the literal reading first', () => {
    expect(queryVariants('CHF').map((v) => v.tokens)).toEqual([['chf'], ['congestive', 'heart', 'failure']]);
    expect(queryVariants('high blood pressure ').map((v) => v.tokens)).toContainEqual(['hypertension']);
    expect(queryVariants('A-fib')[1].tokens).toEqual(['atrial', 'fibrillation']);
  });
});

describe.skipIf(!hasData)(`search over ICD-10-CM, Index and HCPCS (${hasData ? 'present' : NO_DATA_MESSAGE})`, () => {
  let search: CodeSearch;
  let results: Record<string, ImportResult<unknown>>;
  beforeAll(async () => {
    const loaded = await loadAll({ tabular: false });
    results = loaded.results;
    search = new CodeSearch(loaded.catalog);
  });

  it('imported the FY2025 index CSV and the Drug, Neoplasm and External Cause XML into one term shape', () => {
    const terms = (name: string) => results[name].records as IndexTerm[];
    expect(Object.values(results).every((r) => r.ok)).toBe(true);
    expect(terms('index FY2025 csv').find((t) => t.path.join(', ') === 'Aberrant, artery, basilar NEC')?.code).toBe('Q28.1');
    expect(terms('neoplasm table xml')[0]).toMatchObject({ path: ['Neoplasm, neoplastic'], cells: { 'Malignant Primary': 'C80.1' } });
    expect(terms('drug table xml')[0].cells?.['Poisoning Accidental (unintentional)']).toBe('T51.3X1');
    expect(terms('external cause index xml').length).toBeGreaterThan(8000);
  });

  it('puts the expected code in the top 3 for at least 95% of the evaluation queries', () => {
    const queries = readEvalQueries();
    expect(queries.length).toBeGreaterThanOrEqual(150);
    const r = runEval(search, queries, '2025-11-01');
    const misses = r.misses.map((m) => `${m.q.query} -> ${m.q.expected.join('|')} got ${m.got.join(' ')}`);
    expect(r.top3 / r.total, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });
  it('finds codes by exact code and prefix, with or without the dot', () => {
    expect(search.search('E11.40')[0]).toMatchObject({ code: 'E11.40', matchedBy: 'code', billable: true });
    expect(search.search('e1140', { kind: 'diagnosis' })[0].code).toBe('E11.40');
    const prefix = search.search('E11.6', { limit: 5 }).map((h) => h.code);
    expect(prefix[0]).toBe('E11.6');
    expect(prefix.slice(1).every((c) => c.startsWith('E11.6'))).toBe(true);
  });
  it('ranks billable codes above headers and shows the index path', () => {
    const hits = search.search('knee pain', { limit: 4 });
    expect(hits.slice(0, 3).every((h) => h.billable)).toBe(true);
    expect(hits[0].indexPath).toBe('Pain, joint, knee');
    expect(search.search('diabetes with neuropathy')[0]).toMatchObject({ code: 'E11.40', indexPath: 'Diabetes, diabetic, with, neuropathy' });
  });
  it('matches the last word as a prefix while typing', () => {
    expect(search.search('diabetes with neur')[0].code).toBe('E11.40');
    expect(search.search('pneumo')[0].code).toBe('J18.9');
  });
  it('filters by validity on the date given', () => {
    const codesOn = (on: string) => search.search('Demodex', { on, limit: 5 }).map((h) => h.code);
    expect(codesOn('2025-10-01')).toContain('B88.01');
    expect(codesOn('2025-09-30')).not.toContain('B88.01');
  });
  it('finds a code by number only on dates it is valid', () => {
    expect(search.search('B88.01', { on: '2025-10-01' })[0].code).toBe('B88.01');
    expect(search.search('B88.01', { on: '2025-09-30' }).map((h) => h.code)).not.toContain('B88.01');
    expect(search.search('B88.0', { on: '2025-09-30' })[0]).toMatchObject({ code: 'B88.0', billable: true });
    expect(search.search('B88.0', { on: '2025-10-01' })[0]).toMatchObject({ code: 'B88.0', billable: false });
  });
  it('filters by kind', () => {
    expect(search.search('wheelchair', { kind: 'hcpcs' }).every((h) => h.codeSet === 'hcpcs')).toBe(true);
    expect(search.search('left side', { kind: 'modifier' })[0].code).toBe('LT');
  });
  it('answers a typical query in well under 5 ms once warm (median of the eval set)', () => {
    const queries = readEvalQueries();
    const times: number[] = [];
    for (const q of queries) {
      const t0 = performance.now();
      search.search(q.query, { kind: q.kind, limit: 10 });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    expect(times[Math.floor(times.length / 2)]).toBeLessThan(5);
  });
});
