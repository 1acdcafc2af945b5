/**
 * Scores ranked code lists against gold codes: precision and recall at k, micro-F1 at a confidence cut-off, and
 * the ceiling (gold codes found at any rank). Strict: the code as written. Lenient: a gold code that is a header
 * (split after 2018) or truncated ("W19.XXX") also matches its descendants.
 */

export interface Ranked {
  code: string;
  confidence: number;
}

export interface DocResult {
  id: string;
  /** Each gold code: alternatives that are all right ("L20.9|L20.82"). */
  gold: string[][];
  ranked: Ranked[];
}

export type Matcher = (predicted: string, gold: string) => boolean;

export const norm = (c: string) => c.replace(/\./g, '').toUpperCase();

export const strict: Matcher = (p, g) => norm(p) === norm(g);

/** `isBillable` says whether a gold code is a billable code in the release used. */
export function lenient(isBillable: (code: string) => boolean): Matcher {
  return (p, g) => {
    const np = norm(p);
    const ng = norm(g);
    if (np === ng) return true;
    if (isBillable(ng)) return false;
    const stem = ng.replace(/X+$/, '');
    return stem.length >= 3 && np.startsWith(stem);
  };
}

/** Gold codes hit by the first `k` predictions (each prediction counts for one gold code at most). */
function hits(d: DocResult, k: number, match: Matcher): { hit: number; used: number } {
  const taken = new Set<number>();
  let used = 0;
  for (const r of d.ranked.slice(0, k)) {
    used++;
    const g = d.gold.findIndex((alts, i) => !taken.has(i) && alts.some((a) => match(r.code, a)));
    if (g >= 0) taken.add(g);
  }
  return { hit: taken.size, used };
}

export interface Scores {
  docs: number;
  gold: number;
  recallAt: Record<number, number>;
  precisionAt: Record<number, number>;
  ceiling: number;
  cutoff: number;
  precision: number;
  recall: number;
  f1: number;
  /** Suggestions per note at the cut-off. */
  perDoc: number;
  /** Recall at 10 if the found gold codes were ranked first (how much ranking could still gain). */
  oracle10: number;
}

export function score(docs: DocResult[], match: Matcher, cutoff: number, ks = [1, 5, 10, 20]): Scores {
  const gold = docs.reduce((n, d) => n + d.gold.length, 0);
  const recallAt: Record<number, number> = {};
  const precisionAt: Record<number, number> = {};
  for (const k of ks) {
    let hit = 0;
    let used = 0;
    for (const d of docs) {
      const h = hits(d, k, match);
      hit += h.hit;
      used += h.used;
    }
    recallAt[k] = hit / gold;
    precisionAt[k] = used ? hit / used : 0;
  }
  let all = 0;
  let tp = 0;
  let predicted = 0;
  let oracle = 0;
  for (const d of docs) {
    const found = hits(d, d.ranked.length, match).hit;
    all += found;
    oracle += Math.min(10, found);
    const kept = d.ranked.filter((r) => r.confidence >= cutoff);
    predicted += kept.length;
    tp += hits({ ...d, ranked: kept }, kept.length, match).hit;
  }
  const precision = predicted ? tp / predicted : 0;
  const recall = tp / gold;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    docs: docs.length,
    gold,
    recallAt,
    precisionAt,
    ceiling: all / gold,
    cutoff,
    precision,
    recall,
    f1,
    perDoc: predicted / docs.length,
    oracle10: oracle / gold,
  };
}

/** The confidence cut-off with the best micro-F1 (chosen on a development split, then used unchanged). */
export function bestCutoff(docs: DocResult[], match: Matcher): number {
  let best = 0.5;
  let bestF1 = -1;
  for (let c = 0.05; c < 0.96; c += 0.01) {
    const f = score(docs, match, c, []).f1;
    if (f > bestF1 + 1e-9) {
      best = Math.round(c * 100) / 100;
      bestF1 = f;
    }
  }
  return best;
}
