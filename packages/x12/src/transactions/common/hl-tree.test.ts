import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Segment } from '../../syntax/types.ts';
import { type HlNode, type HlRules, HlSplitter, splitHl } from './hl-tree.ts';
import { IssueSink } from './issues.ts';

const RULES: HlRules = { '20': [], '22': ['20'], '23': ['22'] };

/**
 * The HL checks written the plain way (every node kept, parents found by id in a map, HL04 checked at the end):
 * the oracle for the splitter, which keeps only a few numbers per node.
 */
function reference(hls: Segment[], rules: HlRules): { codes: string[]; parents: number[] } {
  const codes: string[] = [];
  const nodes: Array<{ id: string; level: string; childCode: string; children: number }> = [];
  const byId = new Map<string, number>();
  const parents: number[] = [];
  hls.forEach((hl, ordinal) => {
    const [id = '', parentId = '', level = '', childCode = ''] = hl.elements;
    if (id !== String(ordinal + 1)) codes.push(`HL_ID_NOT_SEQUENTIAL@${ordinal}`);
    const allowed = rules[level];
    const named = parentId ? byId.get(parentId) : undefined;
    if (!allowed) codes.push(`HL_LEVEL_INVALID@${ordinal}`);
    else if (parentId === '') {
      if (allowed.length > 0) codes.push(`HL_PARENT_INVALID@${ordinal}`);
    } else if (named === undefined || !allowed.includes(nodes[named]!.level))
      codes.push(`HL_PARENT_INVALID@${ordinal}`);
    let parent = named ?? -1;
    if (!(named !== undefined && (allowed ?? []).includes(nodes[named]!.level)) && (allowed ?? []).length > 0) {
      for (let i = nodes.length - 1; i >= 0; i--)
        if (allowed!.includes(nodes[i]!.level)) {
          parent = i;
          break;
        }
    }
    parents.push(parent);
    if (parent >= 0) nodes[parent]!.children++;
    nodes.push({ id, level, childCode, children: 0 });
    if (!byId.has(id)) byId.set(id, ordinal);
  });
  nodes.forEach((n, ordinal) => {
    if (n.childCode !== '' && n.childCode !== (n.children > 0 ? '1' : '0'))
      codes.push(`HL_CHILD_CODE_MISMATCH@${ordinal}`);
  });
  return { codes, parents };
}

function hl(ordinal: number, id: string, parent: string, level: string, child: string): Segment {
  return {
    id: 'HL',
    elements: [id, parent, level, child],
    loc: { offset: ordinal * 20, line: ordinal + 1, index: ordinal + 3 },
  };
}

/** Issues as code@ordinal (the ordinal found from the issue's HL segment index). */
function run(hls: Segment[], stream: boolean): { codes: string[]; parents: number[]; lines: number[] } {
  const sink = new IssueSink();
  const parents: number[] = [];
  if (stream) {
    const splitter = new HlSplitter(RULES, sink, (n: HlNode) => parents.push(n.parentOrdinal));
    for (const s of hls) splitter.accept(s);
    splitter.finish();
  } else {
    for (const n of splitHl(hls, RULES, sink).nodes) parents.push(n.parent ? n.parent.ordinal : -1);
  }
  const codes = sink.issues.map((i) => `${i.code}@${(i.location.segmentIndex ?? 0) - 3}`);
  return { codes, parents, lines: sink.issues.map((i) => i.location.line ?? 0) };
}

const hlList = fc
  .array(
    fc.record({
      id: fc.oneof(fc.constant('seq'), fc.integer({ min: 1, max: 8 }).map(String), fc.constant('A')),
      parent: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 8 }).map(String), fc.constant('X')),
      level: fc.constantFrom('20', '22', '23', '19'),
      child: fc.constantFrom('', '0', '1'),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((xs) => xs.map((x, i) => hl(i, x.id === 'seq' ? String(i + 1) : x.id, x.parent, x.level, x.child)));

describe('HL splitter', () => {
  it('finds the same parents and issues as the plain algorithm, streaming or not, for any HL sequence', () => {
    fc.assert(
      fc.property(hlList, (hls) => {
        const want = reference(hls, RULES);
        for (const stream of [true, false]) {
          const got = run(hls, stream);
          expect(got.parents).toEqual(want.parents);
          expect(got.codes).toEqual(want.codes);
          // every issue is located at its HL, also the HL04 ones raised after the HL segment is gone
          expect(got.lines).toEqual(got.codes.map((c) => Number(c.split('@')[1]) + 1));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('names the HL01 the file sent in an HL04 issue, even when the ids are not sequential', () => {
    const sink = new IssueSink();
    const splitter = new HlSplitter(RULES, sink, () => {});
    for (const s of [hl(0, '7', '', '20', '1'), hl(1, '9', '7', '22', '1')]) splitter.accept(s);
    splitter.finish();
    const childIssue = sink.issues.find((i) => i.code === 'HL_CHILD_CODE_MISMATCH')!;
    expect(childIssue.message).toBe('HL 9 has HL04 "1" but 0 child level(s)');
    expect(childIssue.location).toMatchObject({ segmentId: 'HL', line: 2, element: 4 });
  });
});
