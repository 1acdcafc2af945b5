/**
 * Compact layouts of the code sets in memory (issue 8: the idle server's memory): each answers as the plain
 * structure it replaced.
 */
import { describe, expect, it } from 'vitest';
import { CodeCatalog } from '../src/catalog/code-catalog.ts';
import { IndexTermTable } from '../src/catalog/index-terms.ts';
import type { IndexTerm } from '../src/import/index-xml.ts';
import { lowerBound, SortedKeys } from '../src/search/search-util.ts';

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
    const back = new IndexTermTable(terms).terms();
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
    catalog.compactIndexTerms();
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
    catalog.compactIndexTerms();
    catalog.setIndexTerms([]);
    expect(catalog.index).toStrictEqual([terms[6], terms[7], terms[5], replaced]);
  });
});
