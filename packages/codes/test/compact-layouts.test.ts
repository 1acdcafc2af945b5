/**
 * Compact layouts of the code sets in memory (issue 8: the idle server's memory): each answers as the plain
 * structure it replaced.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CodeCatalog } from '../src/catalog/code-catalog.ts';
import { IndexTermTable } from '../src/catalog/index-terms.ts';
import { TabularRules } from '../src/catalog/tabular-rules.ts';
import type { IndexTerm } from '../src/import/index-xml.ts';
import { importTabularXml, NOTE_KINDS, type TabularEntry } from '../src/import/tabular-xml.ts';
import { lowerBound, SortedKeys } from '../src/search/search-util.ts';
import { dataText, dataTitle, hasData } from './shared-data.ts';

describe("SortedKeys (the search index's code keys, one string with offsets)", () => {
  const plain = ['E119', 'E11', 'A000', 'E1165', 'Z99', 'E11', '0DTJ4ZZ', 'É1', 'E1'];
  const keys = SortedKeys.of(plain);
  const sorted = [...new Set(plain)].sort();

  it('holds the distinct keys in the order of a sorted array', () => {
    expect(keys.length).toBe(sorted.length);
    expect(Array.from({ length: keys.length }, (_, i) => keys.at(i))).toEqual(sorted);
  });

  it('finds the same place as a binary search of the array, for keys present, absent and prefixes', () => {
    for (const x of ['', '0', 'A', 'E1', 'E11', 'E110', 'E116', 'E12', 'Z', 'Z99', 'Z999', 'É', 'ÿ'])
      expect(keys.lowerBound(x)).toBe(lowerBound(sorted, x));
  });

  it('is empty when made from no keys', () => {
    const none = SortedKeys.of([]);
    expect(none.length).toBe(0);
    expect(none.lowerBound('E11')).toBe(0);
  });
});

/** a term with its keys in the order the importers write them (path first; source and line last) */
const term = ({ source = 'index', ...t }: Omit<IndexTerm, 'line' | 'source'> & Partial<IndexTerm>, line: number) =>
  ({ ...t, source, line }) as IndexTerm;

describe('Index terms kept compact (a pool of strings and numbers per term)', () => {
  const terms: IndexTerm[] = [
    term({ path: ['Diabetes, diabetic (mellitus) (sugar)'], code: 'E11.9' }, 1),
    term({ path: ['Diabetes, diabetic (mellitus) (sugar)', 'type 2'], nemod: '(with)', code: 'E11.9' }, 2),
    term({ path: ['Diabetes, diabetic (mellitus) (sugar)', 'with', 'neuropathy'], code: 'E11.40', manif: 'G63' }, 3),
    term({ path: ['Sugar'], see: 'Diabetes', seeAlso: 'Hyperglycemia' }, 4),
    term({ path: ['Ménière’s disease — “vertigo”'], code: 'H81.0-' }, 5),
    term({ path: ['Aspirin'], cells: { poisoning: 'T39.011', adverse: 'T39.015' }, source: 'drug' }, 6),
    term({ path: ['Abdomen'], cells: {}, source: 'neoplasm' }, 7),
    term({ path: ['Accident'], source: 'eindex' }, 8),
  ];

  it('makes terms equal to those stored, field for field, none added', () => {
    const back = IndexTermTable.of(terms).terms();
    expect(back).toStrictEqual(terms);
    expect(back.map((t) => Object.keys(t).join())).toEqual(terms.map((t) => Object.keys(t).join()));
    // one string per distinct path element within a call, as the parsed snapshot shared them
    expect(back[1].path[0]).toBe(back[2].path[0]);
  });

  it('answers the catalog’s Index as before once compact, and replaces the terms of a source set again', () => {
    const catalog = new CodeCatalog();
    catalog.setIndexTerms(terms.filter((t) => t.source !== 'drug'));
    catalog.setIndexTerms(terms.filter((t) => t.source === 'drug'));
    const before = catalog.index;
    expect(before).toStrictEqual([...terms.filter((t) => t.source !== 'drug'), terms[5]]);
    const version = catalog.version;
    catalog.compact();
    expect(catalog.version).toBe(version); // the same terms: a search index built before is not stale
    const after = catalog.index;
    expect(after).not.toBe(before);
    expect(after).toStrictEqual(before);
    expect(catalog.index).toBe(after); // made once while held
    const replaced = term({ path: ['Sugar'], code: 'R73.9' }, 9);
    catalog.setIndexTerms([replaced]);
    expect(catalog.version).toBe(version + 1);
    // the other sources' terms in their order, then the new ones
    expect(catalog.index).toStrictEqual([terms[6], terms[7], terms[5], replaced]);
    catalog.compact();
    catalog.setIndexTerms([]);
    expect(catalog.index).toStrictEqual([terms[6], terms[7], terms[5], replaced]);
  });
});

/** Everything a Tabular answers about some codes (the objects' contents, not their identity). */
function tabularAnswers(rules: TabularRules, codes: readonly string[]): unknown[] {
  return codes.map((code) => [
    rules.get(code),
    rules.lineage(code),
    NOTE_KINDS.map((k) => rules.notes(code, k)),
    rules.seventhCharacter(code),
    rules.isManifestation(code),
  ]);
}

describe('the Tabular kept compact (each entry one row of a code table)', () => {
  const entries: TabularEntry[] = [
    {
      kind: 'chapter',
      id: '4',
      range: { first: 'E00', last: 'E89' },
      title: 'Endocrine diseases',
      notes: { excludes1: ['transitory endocrine disorders (P70-P74)'] },
      line: 1,
    },
    {
      kind: 'section',
      id: 'E08-E13',
      range: { first: 'E08', last: 'E13' },
      title: 'Diabetes mellitus',
      notes: {},
      line: 2,
    },
    {
      kind: 'diag',
      id: 'E11',
      title: 'Type 2 diabetes mellitus',
      notes: { includes: ['diabetes NOS'], useAdditionalCode: ['code to identify insulin use (Z79.4)'] },
      line: 3,
    },
    { kind: 'diag', id: 'E114', title: 'Type 2 diabetes mellitus with neurological complications', notes: {}, line: 4 },
    {
      kind: 'diag',
      id: 'G63',
      title: 'Polyneuropathy in diseases classified elsewhere',
      notes: { codeFirst: ['underlying disease, such as: amyloidosis (E85.-)'] },
      line: 5,
    },
    {
      kind: 'diag',
      id: 'S52',
      title: 'Fracture of forearm',
      notes: {},
      sevenChr: { A: 'initial encounter', D: 'subsequent encounter' },
      line: 6,
    },
    {
      kind: 'diag',
      id: 'H211',
      title: 'Other vascular disorders of iris — “ciliary body”',
      notes: {},
      placeholder: true,
      line: 7,
    },
    {
      kind: 'diag',
      id: 'E114',
      title: 'a later entry of the same code answers',
      notes: { inclusionTerm: ['later'] },
      line: 8,
    },
  ];
  const codes = ['E11', 'E119', 'E1140', 'E114', 'G63', 'S52501A', 'S52', 'H2111', 'Z99', 'E08'];

  it('answers every lookup as before, and makes its entries again equal to those given', () => {
    const rules = new TabularRules(entries, 'test Tabular');
    const before = tabularAnswers(rules, codes);
    expect(rules.get('E114')?.title).toBe('a later entry of the same code answers');
    rules.compact();
    expect(tabularAnswers(rules, codes)).toStrictEqual(before);
    expect(rules.entries).not.toBe(entries);
    expect(rules.entries).toStrictEqual(entries);
    expect(rules.label).toBe('test Tabular');
  });

  it.skipIf(!hasData)(
    dataTitle('answers every code of the official Tabular as before'),
    async () => {
      const { records } = await importTabularXml(
        dataText('icd10cm/xml-fy2017-structural-only/icd10cm_tabular_2017.xml.gz'),
      );
      const rules = new TabularRules(records, 'FY2017');
      const all = records.filter((e) => e.kind === 'diag').map((e, i) => (i % 3 === 0 ? `${e.id}XA` : e.id));
      const digest = () => {
        const h = createHash('sha256');
        for (const code of all) h.update(JSON.stringify(tabularAnswers(rules, [code])));
        return h.digest('hex');
      };
      const before = digest();
      rules.compact();
      expect(digest()).toBe(before);
      expect(JSON.stringify(rules.entries)).toBe(JSON.stringify(records));
    },
    120_000,
  );
});

describe('compacting in slices (the server, once its search index is built)', () => {
  it('yields between slices and answers the same at every step', () => {
    const terms = Array.from({ length: 5000 }, (_, i) =>
      term({ path: [`Term ${i % 700}`, `sub ${i}`], code: `A${String(i % 100).padStart(2, '0')}.${i % 10}` }, i + 1),
    );
    const entries: TabularEntry[] = Array.from({ length: 3000 }, (_, i) => ({
      kind: 'diag',
      id: `B${String(i).padStart(4, '0')}`,
      title: `entry ${i}`,
      notes: i % 7 ? {} : { excludes1: [`see C${i}`] },
      line: i + 1,
    }));
    const catalog = new CodeCatalog();
    catalog.setIndexTerms(terms);
    catalog.setTabular(entries, 'slices');
    const version = catalog.version;
    const steps = catalog.compactSteps(() => true);
    let slices = 0;
    while (!steps.next().done) {
      slices++;
      if (slices % 5 === 0) {
        expect(catalog.index).toStrictEqual(terms);
        expect(catalog.tabular?.get('B0007')).toStrictEqual(entries[7]);
      }
    }
    expect(slices).toBeGreaterThan(5);
    expect(catalog.version).toBe(version);
    expect(catalog.index).not.toBe(terms);
    expect(catalog.index).toStrictEqual(terms);
    expect(catalog.tabular?.entries).not.toBe(entries);
    expect(catalog.tabular?.entries).toStrictEqual(entries);
    expect(catalog.tabular?.notes('B0014', 'excludes1').map((n) => n.text)).toEqual(['see C14']);
  });
});
