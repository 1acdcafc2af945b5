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
export class IndexAnalogy {
  /** entry (its elements' words) -> id */
  private readonly entryIds = new Map<string, number>();
  /** subterm (its words) -> id */
  private readonly subtermIds = new Map<string, number>();
  /** entry id -> how many Index elements it has (1: a main term) */
  private readonly entryDepth: number[] = [];
  /** entry id -> [subterm id, code id, ...] */
  private readonly kids: number[][] = [];
  /** subterm id -> [entry id, code id, ...] */
  private readonly under: number[][] = [];
  /** entry id * 2^20 + subterm id -> code id */
  private readonly codeAt = new Map<number, number>();
  private readonly codes: string[] = [];
  private readonly codeIds = new Map<string, number>();

  static *build(terms: readonly IndexTerm[], pace: Pace): Generator<void, IndexAnalogy> {
    const a = new IndexAnalogy();
    const elementKey = new Map<string, string>();
    const key = (p: string) => {
      let k = elementKey.get(p);
      if (k === undefined) {
        k = tokens(p).join(' ');
        elementKey.set(p, k);
      }
      return k;
    };
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
      a.add(parent, depth, leaf, t.code.replace(/[.\-\s]/g, '').toUpperCase());
    }
    return a;
  }

  private add(parent: string, depth: number, leaf: string, code: string): void {
    let p = this.entryIds.get(parent);
    if (p === undefined) {
      p = this.kids.length;
      this.entryIds.set(parent, p);
      this.kids.push([]);
      this.entryDepth.push(depth);
    }
    let l = this.subtermIds.get(leaf);
    if (l === undefined) {
      l = this.under.length;
      this.subtermIds.set(leaf, l);
      this.under.push([]);
    }
    const at = p * 1_048_576 + l;
    if (this.codeAt.has(at)) return;
    let c = this.codeIds.get(code);
    if (c === undefined) {
      c = this.codes.length;
      this.codeIds.set(code, c);
      this.codes.push(code);
    }
    this.codeAt.set(at, c);
    this.kids[p].push(l, c);
    this.under[l].push(p, c);
  }

  /**
   * Codes for query words read as an Index entry followed by a subterm the entry lacks, best first with their
   * votes (how many sibling / other-entry pairs agree). Empty when the words are no such pair.
   */
  guess(
    words: readonly string[],
  ): Array<{ code: string; votes: number; share: number; entryDepth: number; kind: 'pair' | 'same' | 'elsewhere' }> {
    for (let k = words.length - 1; k >= 1 && k >= words.length - 5; k--) {
      const p = this.entryIds.get(words.slice(0, k).join(' '));
      if (p === undefined) continue;
      const l = this.subtermIds.get(words.slice(k).join(' '));
      if (l === undefined) continue;
      if (this.codeAt.has(p * 1_048_576 + l)) return [];
      const votes = new Map<string, number>();
      let kind: 'pair' | 'elsewhere' = 'pair';
      const siblings = this.kids[p];
      // codes reached because a sibling has the very same code under the other entry (no character to change)
      const bySame = new Set<string>();
      const others = this.under[l];
      const limit = Math.min(others.length, 4000);
      for (let i = 0; i < siblings.length; i += 2) {
        const sib = siblings[i];
        const code = this.codes[siblings[i + 1]];
        for (let j = 0; j < limit; j += 2) {
          const p2 = others[j];
          const c2 = this.codeAt.get(p2 * 1_048_576 + sib);
          if (c2 === undefined) continue;
          // The sibling leads to the same code under both entries: the subterm likely does too ("Fistula" +
          // "rectourethral" as under a parallel entry whose other subterms share this entry's codes).
          const same = c2 === siblings[i + 1] && this.codes[others[j + 1]] !== code;
          const out = same ? this.codes[others[j + 1]] : transform(code, this.codes[c2], this.codes[others[j + 1]]);
          if (same) bySame.add(this.codes[others[j + 1]]);
          if (out) votes.set(out, (votes.get(out) ?? 0) + 1);
        }
      }
      if (votes.size === 0) {
        // No sibling pair: the codes the same subterm has under other entries, in a category this entry's own
        // subterms lead to ("Hypoglycemia" + "in infant of diabetic mother": P70.1 as under "Syndrome").
        const cats = new Set<string>();
        for (let i = 1; i < siblings.length; i += 2) cats.add(this.codes[siblings[i]].slice(0, 3));
        for (let j = 0; j < limit; j += 2) {
          const c = this.codes[others[j + 1]];
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
