import type { IndexTerm } from '../import/index-xml.ts';
import { tokens } from './normalize.ts';
import type { Pace } from './search-docs.ts';

/**
 * The Alphabetic Index is built in parallel: under "Complication, catheter, dialysis" the subterms "fibrosis",
 * "hemorrhage", "pain" lead to T82.828, T82.838, T82.848, and under "Complication, catheter, intraperitoneal
 * dialysis" the same subterms lead to T85.828, T85.838, T85.848. A query that is an Index entry plus a subterm the
 * Index prints elsewhere but not under that entry ("... intraperitoneal dialysis fibrosis") is answered by analogy:
 * a sibling subterm's code ("hemorrhage" T85.838), changed where the same two subterms' codes differ under another
 * entry (T82.838 -> T82.828), gives T85.828. Only the Index lines the catalog holds are read.
 */
/** At most this many sibling / other-entry pairs are read for one query. */
const PAIRS_READ = 10_000;

export class IndexAnalogy {
  /** entries (their elements' words) by hash: sorted hashes, and the entry id of each */
  private entryHash: Float64Array = new Float64Array(0);
  private entryOf: Int32Array = new Int32Array(0);
  /** subterms (their words) by hash, the same way */
  private subtermHash: Float64Array = new Float64Array(0);
  private subtermOf: Int32Array = new Int32Array(0);
  /** entry id -> how many Index elements it has (1: a main term) */
  private entryDepth: Uint8Array = new Uint8Array(0);
  /** entry id -> its subterms from kidsStart[id]: subterm ids (ascending) and their code ids */
  private kidsStart: Int32Array = new Int32Array(1);
  private kidsSubterm: Int32Array = new Int32Array(0);
  private kidsCode: Int32Array = new Int32Array(0);
  /** subterm id -> the entries that print it from underStart[id]: entry ids and their code ids */
  private underStart: Int32Array = new Int32Array(1);
  private underEntry: Int32Array = new Int32Array(0);
  private underCode: Int32Array = new Int32Array(0);
  private codes: string[] = [];

  static *build(terms: readonly IndexTerm[], pace: Pace): Generator<void, IndexAnalogy> {
    const elementKey = new Map<string, string>();
    const key = (p: string) => {
      let k = elementKey.get(p);
      if (k === undefined) {
        k = tokens(p).join(' ');
        elementKey.set(p, k);
      }
      return k;
    };
    // the build's own maps; the index keeps typed arrays only
    const entryIds = new Map<string, number>();
    const subtermIds = new Map<string, number>();
    const codeIds = new Map<string, number>();
    const codes: string[] = [];
    const depths: number[] = [];
    const seen = new Set<number>();
    const rows: number[] = []; // entry, subterm, code
    for (const t of terms) {
      if (pace.due()) yield;
      if (t.source !== 'index' || !t.code || t.path.length < 2) continue;
      const leaf = key(t.path[t.path.length - 1]);
      if (!leaf) continue;
      let parent = '';
      let depth = 0;
      for (let i = 0; i < t.path.length - 1; i++) {
        const k = key(t.path[i]);
        if (k) {
          parent = parent ? `${parent} ${k}` : k;
          depth++;
        }
      }
      if (!parent) continue;
      let p = entryIds.get(parent);
      if (p === undefined) {
        p = entryIds.size;
        entryIds.set(parent, p);
        depths.push(depth);
      }
      let l = subtermIds.get(leaf);
      if (l === undefined) {
        l = subtermIds.size;
        subtermIds.set(leaf, l);
      }
      if (seen.has(p * 1_048_576 + l)) continue;
      seen.add(p * 1_048_576 + l);
      const code = t.code.replace(/[.\-\s]/g, '').toUpperCase();
      let c = codeIds.get(code);
      if (c === undefined) {
        c = codes.length;
        codeIds.set(code, c);
        codes.push(code);
      }
      rows.push(p, l, c);
    }
    yield;
    const a = new IndexAnalogy();
    a.codes = codes;
    a.entryDepth = Uint8Array.from(depths, (d) => Math.min(d, 255));
    [a.entryHash, a.entryOf] = hashTable(entryIds);
    [a.subtermHash, a.subtermOf] = hashTable(subtermIds);
    yield;
    const n = rows.length / 3;
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((x, y) => rows[3 * x] - rows[3 * y] || rows[3 * x + 1] - rows[3 * y + 1]);
    a.kidsStart = new Int32Array(entryIds.size + 1);
    a.kidsSubterm = new Int32Array(n);
    a.kidsCode = new Int32Array(n);
    order.forEach((r, i) => {
      a.kidsSubterm[i] = rows[3 * r + 1];
      a.kidsCode[i] = rows[3 * r + 2];
      a.kidsStart[rows[3 * r] + 1]++;
    });
    for (let i = 0; i < entryIds.size; i++) a.kidsStart[i + 1] += a.kidsStart[i];
    yield;
    order.sort((x, y) => rows[3 * x + 1] - rows[3 * y + 1] || x - y);
    a.underStart = new Int32Array(subtermIds.size + 1);
    a.underEntry = new Int32Array(n);
    a.underCode = new Int32Array(n);
    order.forEach((r, i) => {
      a.underEntry[i] = rows[3 * r];
      a.underCode[i] = rows[3 * r + 2];
      a.underStart[rows[3 * r + 1] + 1]++;
    });
    for (let i = 0; i < subtermIds.size; i++) a.underStart[i + 1] += a.underStart[i];
    return a;
  }

  /** The code id entry `p` gives subterm `l`, or -1 (its subterms are in ascending order). */
  private codeAt(p: number, l: number): number {
    let lo = this.kidsStart[p];
    let hi = this.kidsStart[p + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.kidsSubterm[mid];
      if (v === l) return this.kidsCode[mid];
      if (v < l) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /**
   * Codes for query words read as an Index entry followed by a subterm the entry lacks, best first with their
   * votes (how many sibling / other-entry pairs agree). Empty when the words are no such pair.
   */
  guess(
    words: readonly string[],
  ): Array<{ code: string; votes: number; share: number; entryDepth: number; kind: 'pair' | 'same' | 'elsewhere' }> {
    for (let k = words.length - 1; k >= 1 && k >= words.length - 5; k--) {
      const p = lookup(this.entryHash, this.entryOf, words.slice(0, k).join(' '));
      if (p < 0) continue;
      const l = lookup(this.subtermHash, this.subtermOf, words.slice(k).join(' '));
      if (l < 0) continue;
      if (this.codeAt(p, l) >= 0) return [];
      const votes = new Map<string, number>();
      let kind: 'pair' | 'elsewhere' = 'pair';
      // codes reached because a sibling has the very same code under the other entry (no character to change)
      const bySame = new Set<string>();
      const from = this.underStart[l];
      const to = Math.min(this.underStart[l + 1], from + 2000);
      // A main term with hundreds of subterms and a subterm printed under hundreds of entries would make a
      // million pairs: the first ones read are enough (and keep a search within its time).
      const kidsEnd = Math.min(
        this.kidsStart[p + 1],
        this.kidsStart[p] + Math.max(1, Math.floor(PAIRS_READ / (to - from || 1))),
      );
      for (let i = this.kidsStart[p]; i < kidsEnd; i++) {
        const sib = this.kidsSubterm[i];
        const code = this.codes[this.kidsCode[i]];
        for (let j = from; j < to; j++) {
          const c2 = this.codeAt(this.underEntry[j], sib);
          if (c2 < 0) continue;
          const target = this.codes[this.underCode[j]];
          // The sibling leads to the same code under both entries: the subterm likely does too ("Fistula" +
          // "rectourethral" as under a parallel entry whose other subterms share this entry's codes).
          const same = c2 === this.kidsCode[i] && target !== code;
          const out = same ? target : transform(code, this.codes[c2], target);
          if (same) bySame.add(target);
          if (out) votes.set(out, (votes.get(out) ?? 0) + 1);
        }
      }
      if (votes.size === 0) {
        // No sibling pair: the codes the same subterm has under other entries, in a category this entry's own
        // subterms lead to ("Hypoglycemia" + "in infant of diabetic mother": P70.1 as under "Syndrome").
        const cats = new Set<string>();
        for (let i = this.kidsStart[p]; i < this.kidsStart[p + 1]; i++)
          cats.add(this.codes[this.kidsCode[i]].slice(0, 3));
        for (let j = from; j < to; j++) {
          const c = this.codes[this.underCode[j]];
          if (cats.has(c.slice(0, 3))) votes.set(c, (votes.get(c) ?? 0) + 1);
        }
        if (votes.size === 0) return [];
        kind = 'elsewhere';
      }
      let total = 0;
      for (const n of votes.values()) total += n;
      const entryDepth = this.entryDepth[p];
      return [...votes]
        .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
        .map(([code, n]) => ({
          code,
          votes: n,
          share: n / total,
          entryDepth,
          kind: kind === 'pair' && bySame.has(code) ? ('same' as const) : kind,
        }));
    }
    return [];
  }
}

/**
 * `code` changed as `from` becomes `to` (same length, same category): each character where they differ must be
 * `from`'s in `code` and becomes `to`'s. undefined when the change does not apply.
 */
export function transform(code: string, from: string, to: string): string | undefined {
  if (code.length !== from.length || from.length !== to.length || from.slice(0, 3) !== to.slice(0, 3)) return undefined;
  let out = '';
  for (let i = 0; i < code.length; i++) {
    if (from[i] === to[i]) out += code[i];
    else if (code[i] === from[i]) out += to[i];
    else return undefined;
  }
  return out === code ? undefined : out;
}

/** A 53-bit hash of a string (two 32-bit FNV-style hashes): the index keeps the hashes, not the strings. */
function hash53(s: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 13;
  }
  return (h1 >>> 0) * 2_097_152 + ((h2 >>> 0) & 0x1fffff);
}

function hashTable(ids: Map<string, number>): [Float64Array, Int32Array] {
  const pairs = [...ids].map(([k, id]) => [hash53(k), id] as const).sort((x, y) => x[0] - y[0]);
  return [Float64Array.from(pairs, (x) => x[0]), Int32Array.from(pairs, (x) => x[1])];
}

function lookup(hashes: Float64Array, ids: Int32Array, key: string): number {
  const h = hash53(key);
  let lo = 0;
  let hi = hashes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = hashes[mid];
    if (v === h) return ids[mid];
    if (v < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
