import type { CodeCatalog } from '../catalog/code-catalog.ts';
import { withDot } from '../catalog/tabular-rules.ts';
import type { CodeEntry } from '../types.ts';
import { type Finding, RULE_IDS } from './edit-types.ts';
import type { ValidDx } from './diagnosis-pairs.ts';

const byCategoryCache = new WeakMap<ReadonlyMap<string, CodeEntry>, Map<string, Map<string, string>>>();

/** title -> code for the billable codes of one category (cached per release). */
function titlesOf(codes: ReadonlyMap<string, CodeEntry>, category: string): Map<string, string> {
  let cache = byCategoryCache.get(codes);
  if (!cache) {
    cache = new Map();
    for (const e of codes.values()) {
      if (!e.billable) continue;
      const cat = e.code.slice(0, 3);
      let m = cache.get(cat);
      if (!m) cache.set(cat, (m = new Map()));
      m.set(e.longTitle.toLowerCase(), e.code);
    }
    byCategoryCache.set(codes, cache);
  }
  return cache.get(category) ?? new Map();
}

/** Unspecified side when the same condition has right and left codes (a warning: document laterality). */
export function checkLaterality(catalog: CodeCatalog, dxs: ValidDx[], dos: string): Finding[] {
  const codes = catalog.codesOn('icd10cm', dos);
  const release = catalog.releaseOn('icd10cm', dos);
  if (!codes || !release) return [];
  const edits: Finding[] = [];
  for (const d of dxs) {
    const title = codes.get(d.code)?.longTitle ?? '';
    if (!/\bunspecified\b/i.test(title)) continue;
    const titles = titlesOf(codes, d.code.slice(0, 3));
    const lower = title.toLowerCase();
    for (const m of lower.matchAll(/\bunspecified\b/g)) {
      const swap = (side: string) => lower.slice(0, m.index) + side + lower.slice(m.index + 'unspecified'.length);
      const right = titles.get(swap('right'));
      const left = titles.get(swap('left'));
      if (!right || !left) continue;
      edits.push({
        code: withDot(d.code),
        severity: 'warning',
        ruleId: RULE_IDS.dxLaterality,
        location: { field: 'diagnosis', index: d.index },
        source: `ICD-10-CM ${release.releaseId}: ${withDot(right)} (right) and ${withDot(left)} (left) exist`,
        message: `${withDot(d.code)} does not say which side. If the record documents it, use ${withDot(right)} (right) or ${withDot(left)} (left).`,
      });
      break;
    }
  }
  return edits;
}
