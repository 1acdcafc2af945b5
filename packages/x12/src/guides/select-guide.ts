import { guide270, guide271 } from './defs/270-271.ts';
import { guide276 } from './defs/276.ts';
import { guide277 } from './defs/277.ts';
import { guide277CA } from './defs/277ca.ts';
import { guide835 } from './defs/835.ts';
import { guide837I } from './defs/837i.ts';
import { guide837P } from './defs/837p.ts';
import { guide999 } from './defs/999.ts';
import type { GuideDef } from './types.ts';

/** Every implementation guide we validate against. */
export const GUIDES: readonly GuideDef[] = [
  guide837P,
  guide837I,
  guide835,
  guide277CA,
  guide277,
  guide276,
  guide270,
  guide271,
  guide999,
];

export function guideByKey(key: string): GuideDef | undefined {
  return GUIDES.find((g) => g.key === key);
}

export interface GuideChoice {
  guide: GuideDef | null;
  /** set when the labels disagree or were unknown and the guide was chosen by a fallback */
  note?: string;
}

/**
 * Choose the guide for a transaction: by GS08 (with ST01), tolerating mislabelled GS08 values seen in
 * real files (837I sent with GS08 005010X222, 276 with 005010X279) by falling back on ST03, then ST01.
 */
export function selectGuide(st01: string, gs08: string, st03: string): GuideChoice {
  const candidates = GUIDES.filter((g) => g.st01 === st01);
  if (candidates.length === 0)
    return { guide: null, note: `no implementation guide for transaction set ${st01 || '(none)'}` };
  const byGs = candidates.find((g) => g.versions.includes(gs08));
  const bySt = st03 ? candidates.find((g) => g.versions.includes(st03)) : undefined;
  if (byGs && (!bySt || bySt === byGs)) return { guide: byGs };
  if (bySt)
    return {
      guide: bySt,
      note: `GS08 '${gs08}' does not match ST03 '${st03}'; validated as ${bySt.key} (${bySt.versions[0]})`,
    };
  const fallback = candidates[0];
  return {
    guide: fallback,
    note: `version '${st03 || gs08}' is not a known guide for ${st01}; validated as ${fallback.key} (${fallback.versions[0]})`,
  };
}
