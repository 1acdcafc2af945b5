/**
 * Compact layouts of the code sets in memory (issue 8: the idle server's memory): each answers as the plain
 * structure it replaced.
 */
import { describe, expect, it } from 'vitest';
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
