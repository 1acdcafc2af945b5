/** Small helpers for CodeSearch: top-k selection over packed scores, binary search, posting groups. */

/**
 * A lookup table without Object.prototype, so a typed word such as "constructor" or "__proto__" is just an
 * unknown word (a plain object literal would return Object's own members).
 */
export function dict<T>(entries: Record<string, T>): Record<string, T> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

const HIST = new Int32Array(20_001);

/** The best `keep` packed scores, ascending (best last); O(n) cut by a score histogram, then a sort. */
export function topFirst(buf: Float64Array, n: number, keep: number): Float64Array {
  let w = n;
  if (n > keep * 2) {
    HIST.fill(0);
    const bucket = (x: number) => Math.min(20_000, Math.floor(x / 1_048_576));
    for (let i = 0; i < n; i++) HIST[bucket(buf[i])]++;
    let cut = 20_000;
    for (let acc = 0; cut > 0 && acc + HIST[cut] < keep; cut--) acc += HIST[cut];
    w = 0;
    for (let i = 0; i < n; i++) if (bucket(buf[i]) >= cut) buf[w++] = buf[i];
  }
  return buf.subarray(0, w).sort();
}

export interface Group {
  lists: Int32Array[];
  essential: boolean[];
  exact: boolean[];
  size: number;
  prefix: boolean;
}

export function lowerBound(arr: string[], x: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A code set's distinct code keys in sorted order, as one string with an end offset per key: no string per code
 * is held (~190,000 keys with every official set; as an array of strings they held ~6 MB of heap). `at(i)` makes
 * the key's string when asked.
 */
export class SortedKeys {
  private constructor(
    private readonly text: string,
    private readonly ends: Uint32Array,
  ) {}

  /** The distinct keys, sorted as `Array.prototype.sort` orders strings. */
  static of(keys: Iterable<string>): SortedKeys {
    const sorted = [...new Set(keys)].sort();
    const ends = new Uint32Array(sorted.length);
    let end = 0;
    for (let i = 0; i < sorted.length; i++) ends[i] = end += sorted[i].length;
    return new SortedKeys(sorted.join(''), ends);
  }

  get length(): number {
    return this.ends.length;
  }

  at(i: number): string {
    return this.text.slice(i > 0 ? this.ends[i - 1] : 0, this.ends[i]);
  }

  /** The first place whose key is not below `x` (as lowerBound over the sorted array). */
  lowerBound(x: string): number {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.at(mid) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
