import { beforeAll, describe, expect, it } from 'vitest';
import type { IndexTerm } from '../src/import/index-xml.ts';
import type { CodeCatalog } from '../src/catalog/code-catalog.ts';
import { CodeSearch } from '../src/search/code-search.ts';
import type { ImportResult } from '../src/types.ts';
import { tokens } from '../src/search/normalize.ts';
import { queryVariants } from '../src/search/query-variants.ts';
import { defaultAdjust, queryContext } from '../src/search/rank-defaults.ts';
import { EVAL_SETS, INDEX_PATH_TARGET, indexPathEval, readEvalQueries, runEval } from './search-eval.ts';
import { setHash, verifiedBlindSet } from './blind-sets.ts';
import { hasData, loadAll, dataTitle } from './shared-data.ts';

describe('word forms', () => {
  it('reads adjective forms as the noun the Index uses, on both sides of a match', () => {
    // "Cardiomyopathy, alcoholic" and a path under "Alcohol" share a word; "cardiac septa" is "heart septum".
    expect(tokens('Alcoholic cardiomyopathy')).toEqual(tokens('alcohol cardiomyopathy'));
    expect(tokens('cardiac septa')).toEqual(tokens('heart septum'));
    expect(tokens('septal defect')).toEqual(tokens('septum defect'));
    expect(tokens('syphilitic aneurysm, stenotic valve')).toEqual(tokens('syphilis aneurysm stenosis valve'));
    expect(tokens('necrotic, sclerotic, arteriosclerotic, anomalous')).toEqual(
      tokens('necrosis sclerosis arteriosclerosis anomaly'),
    );
    // the note suggester's site adjectives are the same table
    expect(tokens('corneal ulcer')).toEqual(tokens('cornea ulcer'));
  });
});

describe('query readings', () => {
  it('expands abbreviations and lay terms, keeping the literal reading first', () => {
    expect(queryVariants('CHF').map((v) => v.tokens)).toEqual([['chf'], ['congestive', 'heart', 'failure']]);
    expect(queryVariants('high blood pressure ').map((v) => v.tokens)).toContainEqual(['hypertension']);
    expect(queryVariants('A-fib')[1].tokens).toEqual(['atrial', 'fibrillation']);
  });
  it('reads run-together words apart, fixes a one-letter typo and also reads the query without side and encounter', () => {
    const known = (w: string) => ['pre', 'eclampsia', 'pneumonia', 'ankle', 'sprain', 'left'].includes(w);
    expect(queryVariants('preeclampsia ', known).map((v) => v.tokens)).toContainEqual(['pre', 'eclampsia']);
    expect(
      queryVariants('pnuemonia ', known, known, (w) => (w === 'pnuemonia' ? 'pneumonia' : undefined)).map(
        (v) => v.tokens,
      ),
    ).toContainEqual(['pneumonia']);
    expect(queryVariants('left ankle sprain subsequent ', known).map((v) => v.tokens)).toContainEqual([
      'ankle',
      'sprain',
    ]);
  });
  it('reads the Index\'s "specified NEC" as the Tabular\'s residual "other"', () => {
    expect(queryVariants('Allergy specific NEC ').map((v) => v.tokens)).toContainEqual(['allergy', 'other']);
    expect(queryVariants('myocarditis acute specified NEC ').map((v) => v.tokens)).toContainEqual([
      'myocarditis',
      'acute',
      'other',
    ]);
    expect(queryVariants('Injury prostate specified type NEC ').map((v) => v.tokens)).toContainEqual([
      'injury',
      'prostate',
      'other',
    ]);
  });
  it('treats words that are Object members as plain words', () => {
    for (const q of ['constructor', '__proto__', 'toString valueOf', 'hasOwnProperty '])
      expect(() => queryVariants(q)).not.toThrow();
  });
});

describe('default-code ranking', () => {
  const adj = (title: string, query: string) =>
    defaultAdjust(title, queryContext(query, [queryVariants(query).flatMap((v) => v.tokens)]));
  it('prefers the unspecified side and the initial encounter when the query names neither', () => {
    expect(
      adj('Sprain of unspecified ligament of unspecified ankle, initial encounter', 'ankle sprain'),
    ).toBeGreaterThan(adj('Sprain of unspecified ligament of right ankle, initial encounter', 'ankle sprain'));
    expect(
      adj('Sprain of unspecified ligament of unspecified ankle, initial encounter', 'ankle sprain'),
    ).toBeGreaterThan(adj('Sprain of unspecified ligament of unspecified ankle, subsequent encounter', 'ankle sprain'));
    // Below any other code the words match nearly as well: the three encounters of one code do not fill a page.
    expect(adj('Burn of unspecified degree of right finger, subsequent encounter', 'burn finger')).toBeLessThan(
      adj(
        'Other superficial bite of unspecified finger with damage to nail and a long title, initial encounter',
        'burn finger',
      ) - 20,
    );
  });
  it('follows the side and encounter the query names', () => {
    expect(adj('Pain in left knee', 'knee pain lt')).toBeGreaterThan(adj('Pain in unspecified knee', 'knee pain lt'));
    expect(adj('Pain in left knee', 'knee pain lt')).toBeGreaterThan(adj('Pain in right knee', 'knee pain lt'));
    expect(
      adj(
        'Fracture of unspecified part of neck of unspecified femur, subsequent encounter for closed fracture with routine healing',
        'hip fracture subsequent',
      ),
    ).toBeGreaterThan(
      adj(
        'Fracture of unspecified part of neck of unspecified femur, initial encounter for closed fracture',
        'hip fracture subsequent',
      ),
    );
  });
  it('does not read "with X" as "without X", and prefers unspecified to other', () => {
    expect(
      adj(
        'Concussion with loss of consciousness of unspecified duration, initial encounter',
        'concussion with loss of consciousness',
      ),
    ).toBeGreaterThan(
      adj('Concussion without loss of consciousness, initial encounter', 'concussion with loss of consciousness'),
    );
    expect(
      adj(
        'Unspecified fracture of shaft of humerus, right arm, initial encounter for closed fracture',
        'fracture shaft humerus right',
      ),
    ).toBeGreaterThan(
      adj(
        'Other fracture of shaft of right humerus, initial encounter for closed fracture',
        'fracture shaft humerus right',
      ),
    );
  });
});

describe('blind evaluation sets', () => {
  it('are measured only when their committed hash matches', () => {
    for (const set of EVAL_SETS.filter((x) => x.blind)) expect(() => verifiedBlindSet(set.file)).not.toThrow();
    expect(() => verifiedBlindSet('search-eval-dev1.tsv')).toThrow(/not a registered blind set/);
    expect(setHash(verifiedBlindSet('search-eval-blind.tsv'))).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe.skipIf(!hasData)(dataTitle('search over ICD-10-CM, Index and HCPCS'), () => {
  let search: CodeSearch;
  let results: Record<string, ImportResult<unknown>>;
  let catalog: CodeCatalog;
  beforeAll(async () => {
    // All sets loaded, as the benchmark does (ICD-10-PCS and the Tabular inclusion terms compete too).
    const loaded = await loadAll({ pcs: true });
    results = loaded.results;
    catalog = loaded.catalog;
    search = new CodeSearch(catalog);
  });

  it('imported the FY2025 index CSV and the Drug, Neoplasm and External Cause XML into one term shape', () => {
    const terms = (name: string) => results[name].records as IndexTerm[];
    expect(Object.values(results).every((r) => r.ok)).toBe(true);
    expect(terms('index FY2025 csv').find((t) => t.path.join(', ') === 'Aberrant, artery, basilar NEC')?.code).toBe(
      'Q28.1',
    );
    expect(terms('neoplasm table xml')[0]).toMatchObject({
      path: ['Neoplasm, neoplastic'],
      cells: { 'Malignant Primary': 'C80.1' },
    });
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
  it('scores the blind sets (the headline) and the held-out Index paths beside them, then the sets tuned on', () => {
    const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;
    const scores = new Map(
      EVAL_SETS.map((set) => {
        const r = runEval(search, readEvalQueries(set.file), '2025-11-01');
        const label = set.blind ? 'blind, never tuned on' : 'tuned on: a training score';
        console.log(
          `search eval ${set.name.padEnd(6)} (${r.total} queries, ${label}): top-1 ${pct(r.top1, r.total)}  top-3 ${pct(r.top3, r.total)}`,
        );
        const misses = r.misses.map((m) => `${m.q.query} -> ${m.q.expected.join('|')} got ${m.got.join(' ')}`);
        return [
          set.name,
          { r, misses: set.blind ? `${r.misses.length} misses (not shown: blind)` : misses.join('\n') },
        ];
      }),
    );
    const ip = indexPathEval(catalog);
    console.log(
      `held-out Index paths (${ip.total}, engine built without them): top-3 ${pct(ip.top3, ip.total)} (target ${pct(INDEX_PATH_TARGET, 1)})`,
    );
    const get = (name: string) => scores.get(name)!;
    expect(get('dev1').r.total).toBeGreaterThanOrEqual(200);
    expect(get('blind2').r.total).toBeGreaterThanOrEqual(150);
    // Blind: 94.3% (blind) and 89.8% (blind2) when these floors were set; a few points under, so not flaky.
    expect(get('blind').r.top3 / get('blind').r.total, get('blind').misses).toBeGreaterThanOrEqual(0.9);
    expect(get('blind2').r.top3 / get('blind2').r.total, get('blind2').misses).toBeGreaterThanOrEqual(0.85);
    // Tuned on (training scores, kept from regressing): dev1 97.6%, dev2 96.7% when set.
    expect(get('dev1').r.top3 / get('dev1').r.total, get('dev1').misses).toBeGreaterThanOrEqual(0.94);
    expect(get('dev2').r.top3 / get('dev2').r.total, get('dev2').misses).toBeGreaterThanOrEqual(0.92);
    // 73.1% when this floor was set (54.9% before categoryTitles and containedMatches, 65.1% before "specified
    // NEC" read as "other" and unasked encounters ranked below other codes, 68.5% before two forms of one word,
    // subentries' default, side siblings and main terms in Tabular words); the target is 80%.
    expect(ip.top3 / ip.total).toBeGreaterThanOrEqual(0.71);
  }, 240_000);
  it('finds an Index entry left out of the index from its subentries, its two word forms and its side', () => {
    const all = catalog.index;
    const drop = new Set([
      'Corrosion, above elbow',
      'Madarosis',
      'Aneurysm, aorta, aortic, thorax, thoracic',
      'Anomaly, anomalous, clitoris',
    ]);
    catalog.setIndexTerms(all.filter((t) => !(t.source === 'index' && drop.has(t.path.join(', ')))));
    try {
      const held = new CodeSearch(catalog);
      const top3 = (q: string) => held.search(q, { kind: 'diagnosis', limit: 3 }).map((h) => h.code);
      // Only "..., right" / "..., left" subentries remain: the subcategory's unspecified code.
      expect(top3('Corrosion above elbow ')).toContain('T22.439A');
      // Only sided subentries remain: the unspecified eye and eyelid.
      expect(top3('Madarosis ')).toContain('H02.729');
      // Both forms of each word typed, as the Index element lists them: one word each, not four.
      expect(top3('Aneurysm aorta aortic thorax thoracic ')).toContain('I71.20');
      // "Anomaly" is what the Tabular calls "congenital malformation".
      expect(top3('Anomaly anomalous clitoris ')).toContain('Q52.6');
    } finally {
      catalog.setIndexTerms([...all]);
    }
  }, 120_000);
  it('picks the default code: unspecified side, initial encounter, unless the query says otherwise', () => {
    expect(search.search('wrist sprain', { kind: 'diagnosis' })[0].code).toBe('S63.509A');
    expect(search.search('left wrist sprain subsequent encounter', { kind: 'diagnosis' })[0].code).toBe('S63.502D');
    expect(search.search('cellulitis rt leg', { kind: 'diagnosis' })[0].code).toBe('L03.115');
    expect(search.search('pnuemonia', { kind: 'diagnosis' })[0].code).toBe('J18.9');
    expect(search.search('cold sore', { kind: 'diagnosis', limit: 3 }).map((h) => h.code)).toContain('B00.1');
    // No encounter asked: one initial-encounter code per injury, not its three encounters, on the first page.
    const burns = search.search('burn of finger third degree ', { kind: 'diagnosis', limit: 3 }).map((h) => h.code);
    expect(burns.filter((c) => /[DS]$/.test(c))).toEqual([]);
  });
  it('answers words that are Object members like any unknown word', () => {
    for (const q of ['constructor', '__proto__', 'toString', 'hasOwnProperty '])
      expect(Array.isArray(search.search(q, { kind: q as 'diagnosis' }))).toBe(true);
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
    expect(search.search('diabetes with neuropathy')[0]).toMatchObject({
      code: 'E11.40',
      indexPath: 'Diabetes, diabetic, with, neuropathy',
    });
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
