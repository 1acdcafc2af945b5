import type { IssueLocation, Segment } from '../syntax/types.ts';
import { guideIssue, type GuideIssue } from './guide-codes.ts';

/** HL01 ids seen so far in one transaction set. */
export interface HierarchyState {
  ids: Set<string>;
}

export function newHierarchyState(): HierarchyState {
  return { ids: new Set() };
}

/** HL01 must be unique; HL02, when present, must name an HL01 seen earlier in the transaction. */
export function checkHierarchy(state: HierarchyState, seg: Segment, loc: IssueLocation, out: GuideIssue[]): void {
  const id = seg.elements[0] ?? '';
  const parent = seg.elements[1] ?? '';
  if (id !== '' && state.ids.has(id)) {
    out.push(
      guideIssue(
        'HL_PARENT_INVALID',
        `HL01 '${id}' is used twice in this transaction`,
        { ...loc, element: 1 },
        { expected: 'a unique hierarchical id', found: id, dataElement: '628' },
      ),
    );
  }
  if (parent !== '' && !state.ids.has(parent)) {
    out.push(
      guideIssue(
        'HL_PARENT_INVALID',
        `HL02 '${parent}' does not name an earlier HL01`,
        { ...loc, element: 2 },
        { expected: `one of ${[...state.ids].slice(-5).join(', ') || '(none)'}`, found: parent, dataElement: '734' },
      ),
    );
  }
  if (id !== '') state.ids.add(id);
}
