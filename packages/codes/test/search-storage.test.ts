/**
 * The search index keeps its documents and postings compactly (typed arrays, one UTF-8 buffer, one posting array;
 * issue 8). These tests build the same index with the plain representation it had before (a JavaScript array or
 * string per doc, one array per word) and check that every answer is the same.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CodeCatalog } from '../src/catalog/code-catalog.ts';
import { buildIndex, CodeSearch, runToEnd, type SearchOptions } from '../src/search/code-search.ts';
import {
  CompactDocStorage,
  DOC_INDEX,
  DOC_TABLE,
  DOC_TITLE,
  type DocStorage,
  DocStore,
  Pace,
  type StoredDocs,
} from '../src/search/search-docs.ts';
import type { CodeSet } from '../src/types.ts';
import { createDemoCatalog } from '../src/index.ts';
import { EVAL_SETS, readEvalQueries } from './search-eval.ts';
import { dataTitle, hasData, loadAll } from './shared-data.ts';

/** The representation before issue 8: arrays of keys, sets and texts, a Map of word -> number[] of docs. */
class PlainDocStorage implements DocStorage {
  private readonly keys: string[] = [];
  private readonly sets: CodeSet[] = [];
  private readonly texts: string[] = [];
  private readonly kinds: number[] = [];
  private readonly lens: number[] = [];
  private readonly depths: number[] = [];
  private readonly postings = new Map<string, number[]>();
  private readonly optional = new Map<string, number[]>();
  get count(): number {
    return this.keys.length;
  }
  post(term: string, optional: boolean): void {
    const map = optional ? this.optional : this.postings;
    const p = map.get(term);
    if (p) p.push(this.keys.length);
    else map.set(term, [this.keys.length]);
  }
  push(key: string, set: CodeSet, kind: number, text: string, len: number, depth: number): void {
    this.keys.push(key);
    this.sets.push(set);
    this.kinds.push(kind);
    this.texts.push(text);
    this.lens.push(len);
    this.depths.push(depth);
  }
  finish(): StoredDocs {
    const lists = new Map<string, Int32Array>();
    for (const [t, p] of this.postings) lists.set(t, Int32Array.from(p));
    for (const [t, p] of this.optional) lists.set(`~${t}`, Int32Array.from(p));
    const { keys, sets, texts, kinds } = this;
    return {
      docs: {
        size: keys.length,
        key: (d) => keys[d],
        set: (d) => sets[d],
        text: (d) => (kinds[d] === DOC_TITLE ? undefined : texts[d]),
      },
      postings: {
        get size() {
          return lists.size;
        },
        get: (t) => lists.get(t),
        count: (t) => lists.get(t)?.length ?? 0,
        has: (t) => lists.has(t),
        terms: () => lists.keys(),
      },
      lens: Uint8Array.from(this.lens, (n) => Math.min(n, 255)),
      kinds: Uint8Array.from(kinds),
      depth: Float32Array.from(this.depths),
    };
  }
}

function both(catalog: CodeCatalog): { compact: CodeSearch; plain: CodeSearch } {
  return {
    compact: new CodeSearch(catalog),
    plain: new CodeSearch(catalog, runToEnd(buildIndex(catalog, new Pace(), new PlainDocStorage()))),
  };
}

function sameAnswers(a: CodeSearch, b: CodeSearch, queries: Array<[string, SearchOptions]>): number {
  let compared = 0;
  for (const [q, opts] of queries) {
    const got = a.search(q, opts);
    const want = b.search(q, opts);
    if (JSON.stringify(got) !== JSON.stringify(want)) expect({ q, opts, got }).toEqual({ q, opts, got: want });
    compared++;
  }
  return compared;
}

describe('compact document storage', () => {
  it('keeps postings in doc order under word numbers, "~word" for nonessential words, and each wording as written', () => {
    const add = (store: DocStore) => {
      store.add('E119', 'icd10cm', DOC_TITLE, 'Type 2 diabetes', ['type', '2', 'diabetes'], ['mellitus']);
      store.add('K140', 'icd10cm', DOC_INDEX, 'Abscess, tongue — Malignant Primary', ['abscess', 'tongue'], [], 2, 0.5);
      store.add('NONE', 'icd10cm', DOC_INDEX, 'no words', []);
      store.add('K140', 'hcpcs', DOC_TABLE, 'Pre-eclampsia, tongue', ['pre', 'eclampsia', 'tongue'], ['type']);
      return store.finish();
    };
    const compact = add(new DocStore(new CompactDocStorage()));
    const plain = add(new DocStore(new PlainDocStorage()));
    expect(compact.docs.size).toBe(3);
    for (const s of [compact, plain]) {
      expect([0, 1, 2].map((d) => [s.docs.key(d), s.docs.set(d), s.docs.text(d)])).toEqual([
        ['E119', 'icd10cm', undefined],
        ['K140', 'icd10cm', 'Abscess, tongue — Malignant Primary'],
        ['K140', 'hcpcs', 'Pre-eclampsia, tongue'],
      ]);
      expect([...(s.postings.get('tongue') ?? [])]).toEqual([1, 2]);
      expect([...(s.postings.get('~type') ?? [])]).toEqual([2]);
      expect([...(s.postings.get('type') ?? [])]).toEqual([0]);
      expect([...(s.postings.get('preeclampsia') ?? [])]).toEqual([2]);
      expect(s.postings.has('mellitus')).toBe(false);
      expect([s.postings.count('tongue'), s.postings.count('~mellitus'), s.postings.count('mellitus')]).toEqual([
        2, 1, 0,
      ]);
      expect(s.postings.has('~mellitus')).toBe(true);
    }
    expect([...compact.postings.terms()].sort()).toEqual([...plain.postings.terms()].sort());
    expect([...compact.lens]).toEqual([...plain.lens]);
    expect([...compact.kinds]).toEqual([...plain.kinds]);
    expect([...compact.depth]).toEqual([...plain.depth]);
  });

  it('answers every demo search as the plain representation does', () => {
    const { compact, plain } = both(createDemoCatalog());
    expect(compact.size).toEqual(plain.size);
    const queries: Array<[string, SearchOptions]> = [];
    for (const q of ['diabetes', 'knee pain', 'E11', 'office vis', 'hypertens', 'injection', 'A', 'zz'])
      for (let n = 1; n <= q.length; n++) queries.push([q.slice(0, n), {}], [q.slice(0, n), { kind: 'diagnosis' }]);
    expect(sameAnswers(compact, plain, queries)).toBe(queries.length);
  });
});

describe.skipIf(!hasData)(dataTitle('compact search index with every official code set'), () => {
  let catalog: CodeCatalog;
  let compact: CodeSearch;
  let plain: CodeSearch;
  beforeAll(async () => {
    catalog = (await loadAll({ pcs: true })).catalog;
    ({ compact, plain } = both(catalog));
  });

  it('answers the evaluation queries, their typed prefixes and Index paths as the plain representation does', () => {
    expect(compact.size).toEqual(plain.size);
    const queries: Array<[string, SearchOptions]> = [];
    // every evaluation set (the blind ones through their hash check), whole and as typed
    for (const set of EVAL_SETS)
      for (const q of readEvalQueries(set.file)) {
        queries.push([q.query, { kind: q.kind }], [q.query, { kind: q.kind, on: '2025-11-01', limit: 3 }]);
        for (let n = 3; n < q.query.length; n += 7) queries.push([q.query.slice(0, n), { kind: q.kind }]);
      }
    // Index paths as the held-out Index check searches them, and Drug, Neoplasm and External Cause rows
    catalog.index.forEach((t, i) => {
      if (i % 97 === 0) queries.push([`${t.path.join(' ')} `, t.source === 'index' ? { kind: 'diagnosis' } : {}]);
    });
    for (const q of ['E11', 'Z00.00', '0DB', 'J1100', 'HA', 'a', 'pnuemonia', 'oxygen concentrator'])
      queries.push([q, {}]);
    expect(sameAnswers(compact, plain, queries)).toBeGreaterThan(2000);
  });
});
