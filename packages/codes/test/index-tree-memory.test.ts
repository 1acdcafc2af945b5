/**
 * The suggester's Index tree keeps one set of word arrays per distinct title (issue 8/13 memory): nodes of one title
 * share them, frozen, and a node whose modifier adds words has its own; leaves share one empty children array.
 */
import { describe, expect, it } from 'vitest';
import type { IndexTerm } from '../src/import/index-xml.ts';
import { buildIndexTree } from '../src/suggest/index-tree.ts';

const terms: IndexTerm[] = (
  [
    { path: ['Ulcer'], code: 'L98.499', source: 'index' },
    { path: ['Ulcer', 'chronic (nonhealing)'], code: 'L98.49', source: 'index' },
    { path: ['Ulcer', 'acute'], code: 'L98.41', source: 'index' },
    { path: ['Abscess'], code: 'L02.91', source: 'index' },
    { path: ['Abscess', 'acute'], code: 'L02.91', source: 'index' },
    { path: ['Abscess', 'chronic (nonhealing)'], nemod: 'and (on) acute', code: 'L02.92', source: 'index' },
  ] as Array<Omit<IndexTerm, 'line'>>
).map((t, i) => ({ ...t, line: i + 1 }));

describe('Index tree memory', () => {
  const tree = buildIndexTree(terms);
  const node = (path: string) =>
    tree.nodes.find((n) => {
      const names: string[] = [];
      for (let i = n.id; i >= 0; i = tree.nodes[i].parent) names.unshift(tree.nodes[i].title);
      return names.join(', ') === path;
    })!;

  it('gives nodes of one title the same frozen word arrays', () => {
    const a = node('Ulcer, acute');
    const b = node('Abscess, acute');
    expect(a.alts).toEqual([['acute']]);
    expect(b.alts).toBe(a.alts);
    expect(b.optional).toBe(a.optional);
    expect(Object.isFrozen(a.alts) && Object.isFrozen(a.alts[0]) && Object.isFrozen(a.optional)).toBe(true);
    expect(() => (a.alts[0] as string[]).push('x')).toThrow(TypeError);
  });

  it('gives a node whose modifier adds words arrays of its own, leaving the shared ones as they were', () => {
    const plain = node('Ulcer, chronic (nonhealing)');
    const modified = node('Abscess, chronic (nonhealing)');
    expect(plain.alts).toEqual([['chronic']]);
    expect(modified.alts).toEqual([['chronic', 'acute']]);
    expect(modified.alts).not.toBe(plain.alts);
    expect(plain.optional).toEqual(['nonhealing']);
    expect(modified.optional).toContain('nonhealing');
  });

  it('shares one empty children array among leaves and gives a parent its own list', () => {
    const leaf = node('Ulcer, acute');
    expect(leaf.children).toEqual([]);
    expect(leaf.children).toBe(node('Abscess, acute').children);
    expect(node('Ulcer').children).toEqual([node('Ulcer, chronic (nonhealing)').id, leaf.id]);
    expect(node('Abscess').children).toEqual([node('Abscess, acute').id, node('Abscess, chronic (nonhealing)').id]);
    expect(node('Ulcer').children).not.toBe(node('Abscess').children);
  });
});
