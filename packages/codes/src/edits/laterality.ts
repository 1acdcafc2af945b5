import type { CodeCatalog } from '../catalog/code-catalog.ts';
import { CodeMap } from '../catalog/code-table.ts';
import { withDot } from '../catalog/tabular-rules.ts';
import type { CodeEntry } from '../types.ts';
import { type Finding, RULE_IDS } from './edit-types.ts';
import type { ValidDx } from './diagnosis-pairs.ts';

/** Categories asked about recently, per release: a claim's codes recur; bounded so no release's titles are all copied. */
const byCategoryCache = new WeakMap<ReadonlyMap<string, CodeEntry>, Map<string, Map<string, string>>>();
const CATEGORIES_KEPT = 256;

/** title -> code for the billable codes of one category (the release's codes starting with it). */
function titlesOf(codes: ReadonlyMap<string, CodeEntry>, category: string): Map<string, string> {
  let cache = byCategoryCache.get(codes);
  if (!cache) byCategoryCache.set(codes, (cache = new Map()));
  let m = cache.get(category);
  if (m) return m;
  m = new Map();
  const add = (e: CodeEntry) => {
    if (e.billable && e.code.slice(0, 3) === category) m.set(e.longTitle.toLowerCase(), e.code);
  };
  if (codes instanceof CodeMap) {
    // a compact release: only the category's rows are read (the codes are not all made into entries)
    const t = codes.table;
    for (const i of t.entriesStartingWith(category)) if (t.isFirstOfCode(i)) add(codes.get(t.codeAt(i))!);
  } else for (const e of codes.values()) add(e);
  if (cache.size >= CATEGORIES_KEPT) cache.clear();
  cache.set(category, m);
  return m;
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
