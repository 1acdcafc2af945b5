/**
 * A small gradient-boosted tree ranker (logistic loss, Newton leaves, depth-limited trees over quantile bins),
 * learnt from an office's own coded notes: it weighs a suggestion's features (Index confidence and its parts, the
 * office's lexicon share and code counts, the codes of similar coded notes) in combination, which one logistic
 * model cannot (a lexicon share means more when the Index also names the code). Pure and deterministic: same rows,
 * same trees; plain numbers only, so a model can be stored as JSON.
 */

export interface RankerTree {
  /** Per node: feature index (-1 for a leaf), threshold (goes left when x[f] <= t), children, leaf value. */
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

export interface Ranker {
  base: number;
  rate: number;
  trees: RankerTree[];
}

export interface RankerSettings {
  trees: number;
  depth: number;
  rate: number;
  /** Least Hessian weight in a leaf. */
  minLeaf: number;
  /** L2 on leaf values. */
  lambda: number;
  bins: number;
}

export const RANKER_SETTINGS: RankerSettings = { trees: 150, depth: 3, rate: 0.1, minLeaf: 5, lambda: 1, bins: 32 };

/** The ranker's score (log-odds) for one feature row. */
export function rankerScore(model: Ranker, x: readonly number[]): number {
  let z = model.base;
  for (const t of model.trees) {
    let i = 0;
    while (t.feature[i] >= 0) i = x[t.feature[i]] <= t.threshold[i] ? t.left[i] : t.right[i];
    z += model.rate * t.value[i];
  }
  return z;
}

/** Learns the trees from feature rows and 0/1 labels. */
export function fitRanker(x: readonly (readonly number[])[], y: readonly number[], s = RANKER_SETTINGS): Ranker {
  const steps = fitRankerSteps(x, y, s);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Work (rows times features looked at) between two yields of `fitRankerSteps`: ~10 ms of CPU, so a server that
 * learns an office's ranker still answers other requests promptly (a root split over 45,000 rows and 29 features
 * is 1.3 million).
 */
const WORK_PER_STEP = 200_000;

/**
 * `fitRanker` in small steps, so a server can run other work between them: yields the trees grown so far after
 * each tree, and also within one (after each feature's thresholds, each split searched, each few features of a
 * large node's search), never doing more than about `WORK_PER_STEP` between yields. Yielding changes nothing learnt.
 */
export function* fitRankerSteps(
  x: readonly (readonly number[])[],
  y: readonly number[],
  s = RANKER_SETTINGS,
): Generator<number, Ranker, void> {
  const n = x.length;
  const d = x[0]?.length ?? 0;
  let work = 0;
  const trees: RankerTree[] = [];
  /** Counts work done; true when a yield is due (the caller yields). */
  const due = (w: number) => {
    work += w;
    if (work < WORK_PER_STEP) return false;
    work = 0;
    return true;
  };
  const pos = y.reduce((a, b) => a + b, 0);
  const p0 = Math.min(0.99, Math.max(0.01, (pos + 0.5) / (n + 1)));
  const base = Math.log(p0 / (1 - p0));
  // Candidate thresholds per feature: up to `bins` quantiles of its distinct values; each row's bin per feature.
  const cuts: number[][] = [];
  const bin: Uint8Array[] = [];
  for (let f = 0; f < d; f++) {
    const vals = Float64Array.from(x, (r) => r[f]).sort();
    const distinct: number[] = [];
    for (let i = 0; i < n; i++) if (i === 0 || vals[i] !== vals[i - 1]) distinct.push(vals[i]);
    const c: number[] = [];
    if (distinct.length <= s.bins) for (let i = 0; i + 1 < distinct.length; i++) c.push(distinct[i]);
    else
      for (let k = 1; k < s.bins; k++) {
        const v = vals[Math.floor((k * n) / s.bins)];
        if (c.length === 0 || v > c[c.length - 1]) c.push(v);
      }
    // Each threshold halfway to the next value seen: a model learnt from fewer notes than it is used with (its
    // shares and counts a little different) is not split on the very value it was learnt on.
    for (let k = 0; k < c.length; k++) {
      let lo = 0;
      let hi = distinct.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (distinct[mid] <= c[k]) lo = mid + 1;
        else hi = mid;
      }
      if (lo < distinct.length) c[k] = (c[k] + distinct[lo]) / 2;
    }
    cuts.push(c);
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let lo = 0;
      let hi = c.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (x[i][f] <= c[mid]) hi = mid;
        else lo = mid + 1;
      }
      b[i] = lo;
    }
    bin.push(b);
    // sorting and placing the rows: about 20 looks per row
    if (due(20 * n)) yield 0;
  }
  const z = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  for (let k = 0; k < s.trees; k++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-z[i]));
      g[i] = p - y[i];
      h[i] = Math.max(p * (1 - p), 1e-6);
    }
    if (due(n)) yield trees.length;
    const tree: RankerTree = { feature: [], threshold: [], left: [], right: [], value: [] };
    const rows = Uint32Array.from({ length: n }, (_, i) => i);
    yield* grow(tree, rows, 0);
    trees.push(tree);
    for (let i = 0; i < n; i++) {
      let j = 0;
      while (tree.feature[j] >= 0) j = x[i][tree.feature[j]] <= tree.threshold[j] ? tree.left[j] : tree.right[j];
      z[i] += s.rate * tree.value[j];
    }
    work = 0;
    yield trees.length;
  }
  return { base: Math.round(base * 1e6) / 1e6, rate: s.rate, trees };

  function* grow(tree: RankerTree, rows: Uint32Array, depth: number): Generator<number, number, void> {
    const id = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    let G = 0;
    let H = 0;
    for (const i of rows) {
      G += g[i];
      H += h[i];
    }
    tree.value.push(Math.round((-G / (H + s.lambda)) * 1e6) / 1e6);
    if (depth >= s.depth || H < 2 * s.minLeaf) return id;
    const parent = (G * G) / (H + s.lambda);
    let best = 1e-9;
    let bf = -1;
    let bb = -1;
    const hg = new Float64Array(s.bins + 1);
    const hh = new Float64Array(s.bins + 1);
    for (let f = 0; f < d; f++) {
      const c = cuts[f];
      if (c.length === 0) continue;
      hg.fill(0);
      hh.fill(0);
      const b = bin[f];
      for (const i of rows) {
        hg[b[i]] += g[i];
        hh[b[i]] += h[i];
      }
      let gl = 0;
      let hl = 0;
      for (let k = 0; k < c.length; k++) {
        gl += hg[k];
        hl += hh[k];
        const hr = H - hl;
        if (hl < s.minLeaf || hr < s.minLeaf) continue;
        const gr = G - gl;
        const gain = (gl * gl) / (hl + s.lambda) + (gr * gr) / (hr + s.lambda) - parent;
        if (gain > best) {
          best = gain;
          bf = f;
          bb = k;
        }
      }
      if (due(rows.length)) yield trees.length;
    }
    if (bf < 0) return id;
    const t = cuts[bf][bb];
    const b = bin[bf];
    const l: number[] = [];
    const r: number[] = [];
    for (const i of rows) (b[i] <= bb ? l : r).push(i);
    tree.feature[id] = bf;
    tree.threshold[id] = t;
    if (due(rows.length)) yield trees.length;
    tree.left[id] = yield* grow(tree, Uint32Array.from(l), depth + 1);
    tree.right[id] = yield* grow(tree, Uint32Array.from(r), depth + 1);
    return id;
  }
}
