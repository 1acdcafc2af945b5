/**
 * Tabular verification of an Index code on the date of service: the release in force, a billable leaf (the
 * default child, or the side and encounter the note states), and what the note leaves unsaid (laterality,
 * 7th character) named so the coder can ask.
 */
import type { CodeCatalog } from '../catalog/code-catalog.ts';
import { withDot } from '../catalog/tabular-rules.ts';
import { adjustFor, type QueryContext, titleInfo } from '../search/rank-defaults.ts';
import type { CodeEntry, IsoDate } from '../types.ts';

export interface VerifiedCode {
  /** Without dot. */
  key: string;
  entry: CodeEntry;
  checks: string[];
  needs: string[];
}

/** Billable codes of one ICD-10-CM release in code order, for prefix (descendant) scans. */
export class ReleaseCodes {
  private readonly sorted = new Map<string, string[]>();

  constructor(private readonly catalog: CodeCatalog) {}

  billableUnder(on: IsoDate, prefix: string): Array<[string, CodeEntry]> {
    const codes = this.catalog.codesOn('icd10cm', on);
    const release = this.catalog.releaseOn('icd10cm', on);
    if (!codes || !release) return [];
    let keys = this.sorted.get(release.releaseId);
    if (!keys) {
      keys = [...codes.keys()].sort();
      this.sorted.set(release.releaseId, keys);
    }
    const out: Array<[string, CodeEntry]> = [];
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < keys.length && keys[i].startsWith(prefix); i++) {
      const e = codes.get(keys[i]);
      if (e?.billable) out.push([keys[i], e]);
    }
    return out;
  }
}

/**
 * The billable code for an Index code on a date. `ctx` carries the note's words around the finding, its side and
 * encounter, so "M25.56-" with "left" becomes M25.562 and an injury without an encounter becomes the initial one.
 */
export function verifyCode(
  raw: string,
  ctx: QueryContext,
  on: IsoDate,
  release: ReleaseCodes,
  catalog: CodeCatalog,
): VerifiedCode | undefined {
  const key = raw.replace(/[.\-\s]/g, '').toUpperCase();
  // An Index cell with no code ("-") names no category: never a scan of the whole release.
  if (key.length < 3) return undefined;
  const codes = catalog.codesOn('icd10cm', on);
  const own = codes?.get(key);
  const checks: string[] = [];
  const needs: string[] = [];
  let kids = own?.billable ? [] : release.billableUnder(on, key);
  if (own?.billable) {
    // A code whose title leaves the side open when the note states it: take the sided sibling.
    const info = titleInfo(own.longTitle);
    if (ctx.side && !info.side && key.length > 4) {
      const sibs = release
        .billableUnder(on, key.slice(0, -1))
        .filter(([, e]) => titleInfo(e.longTitle).side & ctx.side);
      if (sibs.length) kids = release.billableUnder(on, key.slice(0, -1));
    }
    if (kids.length === 0) {
      checks.push(`${withDot(key)} is billable in ${releaseLabel(catalog, on)}`);
      // "Pain in unspecified knee" where right and left codes exist: the note should say which.
      if (!ctx.side && !info.side && /\bunspecified\b/i.test(own.longTitle) && key.length > 4) {
        const sibs = release.billableUnder(on, key.slice(0, -1));
        if (sibs.some(([, e]) => titleInfo(e.longTitle).side))
          needs.push('laterality (the note does not say right or left)');
      }
      return { key, entry: own, checks, needs };
    }
  }
  if (kids.length === 0) return undefined;
  let best = kids[0];
  let bestScore = -Infinity;
  for (const k of kids) {
    const s = adjustFor(titleInfo(k[1].longTitle), ctx) - k[0].length * 0.01;
    if (s > bestScore) {
      best = k;
      bestScore = s;
    }
  }
  const info = titleInfo(best[1].longTitle);
  const sided = kids.some(([, e]) => titleInfo(e.longTitle).side);
  if (sided && !ctx.side) needs.push('laterality (the note does not say right or left)');
  const encounters = kids.some(([, e]) => titleInfo(e.longTitle).encounter);
  if (encounters && !ctx.encounter) needs.push('7th character (encounter: initial assumed)');
  checks.push(
    `${withDot(key)} is not billable in ${releaseLabel(catalog, on)}: ${withDot(best[0])} chosen among ${kids.length} codes below it${info.side && ctx.side ? ' (side from the note)' : ''}`,
  );
  return { key: best[0], entry: best[1], checks, needs };
}

function releaseLabel(catalog: CodeCatalog, on: IsoDate): string {
  return `ICD-10-CM ${catalog.releaseOn('icd10cm', on)?.releaseId ?? ''}`.trim();
}
