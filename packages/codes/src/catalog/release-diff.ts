import type { CodeEntry } from '../types.ts';
import type { StoredRelease } from './release-types.ts';

export interface TitleChange {
  code: string;
  from: CodeEntry;
  to: CodeEntry;
}

/** What changed from release a to release b: the annual update a coder must learn. */
export interface ReleaseDiff {
  from: string;
  to: string;
  added: CodeEntry[];
  deleted: CodeEntry[];
  titleChanged: TitleChange[];
  /** Codes that became headers (gained children) or became billable. */
  billableChanged: TitleChange[];
}

export function releaseDiff(a: StoredRelease, b: StoredRelease): ReleaseDiff {
  if (a.data.kind !== 'codes' || b.data.kind !== 'codes') throw new TypeError('releaseDiff compares code releases');
  const before = a.data.entries.map;
  const after = b.data.entries.map;
  const diff: ReleaseDiff = {
    from: a.releaseId,
    to: b.releaseId,
    added: [],
    deleted: [],
    titleChanged: [],
    billableChanged: [],
  };
  for (const [code, e] of after) {
    const old = before.get(code);
    if (!old) diff.added.push(e);
    else {
      if (old.longTitle !== e.longTitle || old.shortTitle !== e.shortTitle)
        diff.titleChanged.push({ code, from: old, to: e });
      if (old.billable !== e.billable) diff.billableChanged.push({ code, from: old, to: e });
    }
  }
  for (const [code, e] of before) if (!after.has(code)) diff.deleted.push(e);
  return diff;
}
