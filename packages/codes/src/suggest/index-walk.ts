/**
 * The coder's Index walk over a note: find a main term in the text, then take the subterm whose words are also
 * there (nearest first), level by level; follow see-references; under "with", a condition written anywhere in the
 * note links to diabetes and hypertension (the Index's "with" convention presumes the link).
 */
import { NEGATED } from './context.ts';
import type { ConceptWord } from './concept-words.ts';
import { BARE_DEFAULTS } from './index-additions.ts';
import {
  IMPLIED_LEVEL,
  LINKED_MAIN,
  LINKED_ORGANS,
  NEEDS_SUBTERM,
  NEOPLASM_COLUMNS,
  NOT_AFFIRMED,
  SKIPPED_LEVEL,
  WINDOW,
} from './walk-rules.ts';
import { childByHeading, type IndexTree, resolveSee } from './index-tree.ts';
import { termTokens } from './term-normalize.ts';

/** One walk from a main term to a code. */
export interface IndexMatch {
  /** Nodes walked, main term first (connectors included). */
  path: number[];
  /** Node whose code (or table cell) is the answer. */
  codeNode: number;
  code: string;
  manif?: string;
  /** Concept-word indices the walk matched; the first ones are the main term's. */
  words: number[];
  anchorWords: number[];
  /** Essential words matched. */
  matched: number;
  score: number;
  /** A "with" subterm was found elsewhere in the note. */
  linked: boolean;
  /** Followed a see-reference. */
  viaSee: boolean;
  /** The main term's own code, offered beside a deeper match (every mention of a finding, at its bare level). */
  bare?: boolean;
  /** The main term (or the see-target main term) reached before any subterm, when subterms followed. */
  bareNode?: number;
  /** A Tabular title or inclusion term matched instead of an Index path. */
  tabular?: { text: string; inclusion: boolean };
  /** Subterms read anywhere in the sentence, beyond the usual window (offered beside the near walk). */
  far?: boolean;
}

export interface WalkInput {
  tree: IndexTree;
  words: ConceptWord[];
  /** Trait bits per concept word. */
  bits: Uint8Array;
  /** Also walk each main term with subterms from anywhere in its sentence, when that reads more words. */
  far?: boolean;
}

/** Words either side of a main term the sentence-wide walk may take subterms from. */
const FAR_WINDOW = 40;

/** Index of the first element >= x in an ascending list. */
function firstAtLeast(list: number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A node's subterms, directly or through one connector, in Index order, by the first word of each alternative. */
interface ChildIndex {
  nodes: number[];
  /** Connector walked through, or -1. */
  via: number[];
  byFirst: Map<string, number[]>;
  withNodes: number[];
}

const childIndexes = new WeakMap<IndexTree, Map<number, ChildIndex>>();

/** Built once per node per tree (the tree never changes after it is built). */
function childIndex(tree: IndexTree, node: number): ChildIndex {
  let perTree = childIndexes.get(tree);
  if (!perTree) {
    perTree = new Map();
    childIndexes.set(tree, perTree);
  }
  const known = perTree.get(node);
  if (known) return known;
  const idx: ChildIndex = { nodes: [], via: [], byFirst: new Map(), withNodes: [] };
  const add = (c: number, via: number) => {
    const e = idx.nodes.length;
    idx.nodes.push(c);
    idx.via.push(via);
    for (const alt of tree.nodes[c].alts) {
      if (alt.length === 0) continue;
      const list = idx.byFirst.get(alt[0]);
      if (!list) idx.byFirst.set(alt[0], [e]);
      else if (list[list.length - 1] !== e) list.push(e);
    }
  };
  for (const c of tree.nodes[node].children) {
    const n = tree.nodes[c];
    if (n.kind === 'term') {
      add(c, -1);
      continue;
    }
    if (n.kind === 'with') idx.withNodes.push(c);
    for (const g of n.children) if (tree.nodes[g].kind === 'term') add(g, c);
  }
  perTree.set(node, idx);
  return idx;
}

const letterParentsOf = new WeakMap<IndexTree, Set<string>>();

/** The words of Index entries that have a single-letter subterm "A" ("Hemophilia" > "A", "vitamin" > "A"). */
function letterParentWords(tree: IndexTree): Set<string> {
  let out = letterParentsOf.get(tree);
  if (out) return out;
  out = new Set();
  for (const n of tree.nodes) {
    if (n.parent < 0 || !n.alts.some((a) => a.length === 1 && a[0] === 'a')) continue;
    for (const a of tree.nodes[n.parent].alts) if (a.length) out.add(a[a.length - 1]);
  }
  letterParentsOf.set(tree, out);
  return out;
}

interface Candidate {
  via: number[];
  node: number;
  words: number[];
  gain: number;
  linked: boolean;
}

export class IndexWalker {
  private readonly byNorm = new Map<string, number[]>();
  private window = WINDOW;

  /** Positions of an "a" the note writes as a label ("hemophilia A", "hepatitis A"), not as an article. */
  private readonly labels = new Set<number>();

  constructor(private readonly input: WalkInput) {
    const letterParents = letterParentWords(input.tree);
    input.words.forEach((w, i) => {
      // "A" right after a word whose Index entry has a subterm "A" of its own is that subterm, not an article.
      const prev = input.words[i - 1];
      if (w.stop && w.norm === 'a' && prev && !prev.stop && prev.sentence === w.sentence && prev.last === w.tok - 1)
        if (letterParents.has(prev.norm)) this.labels.add(i);
      if (w.stop && !this.labels.has(i)) return;
      const list = this.byNorm.get(w.norm);
      if (list) list.push(i);
      else this.byNorm.set(w.norm, [i]);
    });
  }

  /** Every main term found in the note, each walked to its best code. */
  walkAll(): IndexMatch[] {
    const { words, tree } = this.input;
    const out: IndexMatch[] = [];
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (w.stop || w.norm.length < 3) continue;
      let best: IndexMatch | undefined;
      let bestFrom: [number, number[]] | undefined;

      let alone: IndexMatch | undefined;
      for (const main of tree.mainByWord.get(w.norm) ?? []) {
        for (const alt of tree.nodes[main].alts) {
          if (alt[0] !== w.norm) continue;
          const anchor = this.contiguous(i, alt);
          if (!anchor) continue;
          const m = this.walk(main, anchor);
          if (!m) {
            // A main term written alone that the Index leaves without a code ("Disease, diseased - see also
            // Syndrome"): its supplemented default, a bare mention (coded under every-mention rules only).
            const code = BARE_DEFAULTS[tree.nodes[main].title];
            if (code && !alone)
              alone = {
                ...this.result([main], main, code, anchor, anchor, alt.length, alt.length, false, false),
                bare: true,
              };
            continue;
          }
          if (NEEDS_SUBTERM.has(alt[0]) && m.matched <= alt.length) continue;
          if (!best || m.score > best.score) {
            best = m;
            bestFrom = [main, anchor];
          }
        }
      }
      if (this.input.far && best && bestFrom) {
        // "Mass ... in the abdomen", "pain ... in the left flank": subterms written farther away in the sentence,
        // offered beside the near walk. (Main terms the near walk left without a code stay uncoded: measured on
        // CodiEsp dev, walking those too added more wrong codes than right ones.)
        this.window = FAR_WINDOW;
        const far = this.walk(bestFrom[0], bestFrom[1]);
        this.window = WINDOW;
        if (far && far.code !== best.code && far.matched > best.matched) out.push({ ...far, far: true });
      }
      best ??= alone;
      if (best) {
        out.push(best);
        const bare = best.bareNode !== undefined ? tree.nodes[best.bareNode] : undefined;
        const code = bare ? (bare.code ?? BARE_DEFAULTS[bare.title]) : undefined;
        if (bare && code && code !== best.code) {
          const a = best.anchorWords;
          out.push({ ...this.result([bare.id], bare.id, code, a, a, a.length, a.length, false, false), bare: true });
        }
        // Every coded level between the main term and the code ("Disease > heart" I51.9 above "... > ischemic"
        // I25.9): the less specific readings a coder may keep, offered as bare mentions (every-mention rules only).
        const seen = new Set([best.code, code]);
        for (let k = 1; k < best.path.length - 1; k++) {
          const n = tree.nodes[best.path[k]];
          if (!n.code || seen.has(n.code) || n.kind !== 'term') continue;
          seen.add(n.code);
          const a = best.anchorWords;
          const level = this.result(
            best.path.slice(0, k + 1),
            n.id,
            n.code,
            best.words,
            a,
            a.length + k,
            a.length + k,
            false,
            false,
          );
          out.push({ ...level, bare: true });
        }
      }
    }
    return out;
  }

  /** Word indices of `alt` written in order from i (stop words between allowed). */
  private contiguous(i: number, alt: string[]): number[] | undefined {
    const { words } = this.input;
    const got = [i];
    let j = i + 1;
    for (let k = 1; k < alt.length; k++) {
      while (j < words.length && words[j].stop && words[j].sentence === words[i].sentence) j++;
      if (j >= words.length || words[j].norm !== alt[k] || words[j].sentence !== words[i].sentence) return undefined;
      got.push(j++);
    }
    return got;
  }

  private walk(main: number, anchor: number[]): IndexMatch | undefined {
    const { tree } = this.input;
    const used = new Set(anchor);
    const path = [main];
    const words = [...anchor];
    let score = anchor.length;
    let matched = anchor.length;
    let linked = false;
    let viaSee = false;
    let node = main;
    let bareNode = main;
    let subterms = 0;
    for (let guard = 0; guard < 4; guard++) {
      for (const c of this.bestPath(node, anchor, used, main, 0).steps) {
        subterms++;
        path.push(...c.via, c.node);
        for (const w of c.words) used.add(w);
        words.push(...c.words);
        score += c.gain;
        matched += c.words.length;
        linked ||= c.linked;
        node = c.node;
      }
      const n = tree.nodes[node];
      const ref = !n.code && !n.cells ? (n.see ?? n.seeAlso) : undefined;
      const target = ref ? this.followSee(ref, path, anchor, used) : undefined;
      if (target === undefined || path.includes(target.node)) break;
      viaSee = true;
      if (target.cell) {
        // The site words the Table of Neoplasms row was found by are part of the evidence.
        const all = [...words, ...(target.words ?? [])];
        return this.result(path, target.node, target.cell, all, anchor, matched, score, linked, true);
      }
      path.push(target.node);
      node = target.node;
      if (subterms === 0) bareNode = node;
    }
    const m = this.finish(path, words, anchor, matched, score, linked, viaSee);
    if (m && subterms > 0) m.bareNode = bareNode;
    return m;
  }

  /**
   * The best chain of subterms below `node`: every matching child is tried with its own best continuation, so
   * "chronic systolic heart failure" reaches "heart, systolic, chronic" rather than stopping at a nearer word.
   */
  private bestPath(
    node: number,
    anchor: number[],
    used: Set<number>,
    main: number,
    depth: number,
  ): { steps: Candidate[]; total: number } {
    let best: { steps: Candidate[]; total: number } = { steps: [], total: 0 };
    if (depth > 8) return best;
    for (const c of this.childMatches(node, anchor, used, main)) {
      const next = new Set(used);
      for (const w of c.words) next.add(w);
      const rest = this.bestPath(c.node, anchor, next, main, depth + 1);
      const total = c.gain + rest.total;
      if (total > best.total + 1e-9) best = { steps: [c, ...rest.steps], total };
    }
    return best;
  }

  private finish(
    path: number[],
    words: number[],
    anchor: number[],
    matched: number,
    score: number,
    linked: boolean,
    viaSee: boolean,
  ): IndexMatch | undefined {
    const { tree } = this.input;
    for (let k = path.length - 1; k >= 0; k--) {
      const n = tree.nodes[path[k]];
      if (n.code) return this.result(path.slice(0, k + 1), n.id, n.code, words, anchor, matched, score, linked, viaSee);
    }
    return undefined;
  }

  private result(
    path: number[],
    codeNode: number,
    code: string,
    words: number[],
    anchor: number[],
    matched: number,
    score: number,
    linked: boolean,
    viaSee: boolean,
  ): IndexMatch {
    const manif = this.input.tree.nodes[codeNode].manif;
    return {
      path,
      codeNode,
      code,
      ...(manif ? { manif } : {}),
      words,
      anchorWords: anchor,
      matched,
      score,
      linked,
      viaSee,
    };
  }

  /** Subterms (through connectors) whose words are near the main term; "with" may link across the note. */
  private childMatches(node: number, anchor: number[], used: Set<number>, main: number): Candidate[] {
    const { tree } = this.input;
    const out: Candidate[] = [];
    const idx = childIndex(tree, node);
    for (const e of this.childrenNear(idx, anchor)) {
      const m = this.matchLocal(idx.nodes[e], idx.via[e] < 0 ? [] : [idx.via[e]], anchor, used);
      if (m) out.push(m);
    }
    const withNodes = idx.withNodes;
    // A subterm one level further down when the level between is not written ("knee pain": Pain > joint > knee).
    if (out.length === 0) {
      for (const c of tree.nodes[node].children) {
        if (tree.nodes[c].kind !== 'term' || !IMPLIED_LEVEL.test(tree.nodes[c].title)) continue;
        for (const g of tree.nodes[c].children) {
          if (tree.nodes[g].kind !== 'term') continue;
          const m = this.matchLocal(g, [c], anchor, used);
          if (m) out.push({ ...m, gain: m.gain - SKIPPED_LEVEL });
        }
      }
    }
    const affirmed = (this.input.bits[anchor[0]] & NOT_AFFIRMED) === 0;
    if (out.length === 0 && affirmed && LINKED_MAIN.test(tree.nodes[main].title)) {
      for (const w of withNodes) {
        for (const g of tree.nodes[w].children) {
          const m = this.matchLinked(g, [w], used);
          if (m) out.push(m);
        }
      }
      // Hypertension and chronic kidney disease or heart failure are linked by presumption (Guidelines I.C.9.a).
      if (node === main && out.length === 0) {
        for (const c of tree.nodes[node].children) {
          const companion = LINKED_ORGANS[tree.nodes[c].alts[0]?.join(' ') ?? ''];
          const m =
            companion && /^hypertension/i.test(tree.nodes[main].title)
              ? this.matchLinked(c, [], used, companion)
              : undefined;
          if (m) out.push(m);
        }
      }
    }
    return out;
  }

  /**
   * Subterms (in Index order) whose first word is written within the window around the main term: only they can
   * match, so a main term with hundreds of subterms costs the window's words, not its subterm count.
   */
  private childrenNear(idx: ChildIndex, anchor: number[]): number[] {
    const { words } = this.input;
    const lo = Math.max(0, anchor[0] - this.window);
    const hi = Math.min(words.length - 1, anchor[anchor.length - 1] + this.window);
    const sentence = words[anchor[0]].sentence;
    let out: number[] | undefined;
    for (let p = lo; p <= hi; p++) {
      const w = words[p];
      if ((w.stop && !this.labels.has(p)) || w.sentence !== sentence) continue;
      const es = idx.byFirst.get(w.norm);
      if (!es) continue;
      out ??= [];
      for (const e of es) out.push(e);
    }
    if (!out) return [];
    out.sort((a, b) => a - b);
    return out.filter((e, i) => i === 0 || out[i - 1] !== e);
  }

  /** A subterm whose every word is within the window around the main term, not used yet, not negated apart. */
  private matchLocal(node: number, via: number[], anchor: number[], used: Set<number>): Candidate | undefined {
    const { tree, words, bits } = this.input;
    const n = tree.nodes[node];
    const sentence = words[anchor[0]].sentence;
    const lo = anchor[0] - this.window;
    const hi = anchor[anchor.length - 1] + this.window;
    const anchorNeg = bits[anchor[0]] & NEGATED;
    let best: Candidate | undefined;
    for (const alt of n.alts) {
      const got: number[] = [];
      let dist = 0;
      for (const t of alt) {
        let pick = -1;
        let pickDist = Infinity;
        const ps = this.byNorm.get(t);
        if (!ps) break;
        for (let q = firstAtLeast(ps, lo); q < ps.length && ps[q] <= hi; q++) {
          const p = ps[q];
          if (used.has(p) || got.includes(p) || words[p].sentence !== sentence) continue;
          if (words[p].closed && words[p].tok !== words[anchor[0]].tok) continue;
          if ((bits[p] & NEGATED) !== anchorNeg && !/^(without|no)\b/i.test(n.title)) continue;
          const d = p < anchor[0] ? anchor[0] - p : p - anchor[anchor.length - 1];
          if (d < pickDist) {
            pick = p;
            pickDist = d;
          }
        }
        if (pick < 0) break;
        got.push(pick);
        dist += pickDist;
      }
      if (got.length !== alt.length) continue;
      // "varices or edemas" names two findings, not one "with" the other.
      if (via.length && tree.nodes[via[0]].kind === 'with' && this.orBetween(anchor, got)) continue;
      const opt = this.optionalNear(n.optional, lo, hi, sentence, used);
      const gain = alt.length + 0.3 * opt - 0.02 * dist;
      if (!best || gain > best.gain) best = { via, node, words: got, gain, linked: false };
    }
    return best;
  }

  /** A "with" condition written elsewhere in the note: its words together in one sentence, affirmed. */
  private matchLinked(node: number, via: number[], used: Set<number>, companion?: string[]): Candidate | undefined {
    const { tree, words, bits } = this.input;
    const n = tree.nodes[node];
    let best: Candidate | undefined;
    for (const alt of n.alts) {
      for (const p0 of this.byNorm.get(alt[0]) ?? []) {
        if (used.has(p0) || bits[p0] & NOT_AFFIRMED || words[p0].closed) continue;
        const got = [p0];
        for (const t of alt.slice(1)) {
          const p = (this.byNorm.get(t) ?? []).find(
            (q) =>
              !used.has(q) &&
              !got.includes(q) &&
              Math.abs(q - p0) <= alt.length + 3 &&
              words[q].sentence === words[p0].sentence,
          );
          if (p === undefined) break;
          got.push(p);
        }
        if (got.length !== alt.length) continue;
        if (companion && !companion.some((c) => this.near(c, p0, 3))) continue;
        const gain = alt.length - 0.5;
        if (!best || gain > best.gain) best = { via, node, words: got, gain, linked: true };
        break;
      }
    }
    return best;
  }

  /** A word `norm` within `d` words of position p, in its sentence. */
  private near(norm: string, p: number, d: number): boolean {
    const ps = this.byNorm.get(norm);
    if (!ps) return false;
    for (let q = firstAtLeast(ps, p - d); q < ps.length && ps[q] <= p + d; q++)
      if (this.input.words[ps[q]].sentence === this.input.words[p].sentence) return true;
    return false;
  }

  private orBetween(anchor: number[], got: number[]): boolean {
    const { words } = this.input;
    const lo = Math.min(...anchor, ...got);
    const hi = Math.max(...anchor, ...got);
    for (let i = lo + 1; i < hi; i++) if (words[i].norm === 'or' || words[i].norm === 'nor') return true;
    return false;
  }

  private optionalNear(optional: string[], lo: number, hi: number, sentence: number, used: Set<number>): number {
    let n = 0;
    for (const t of optional) {
      const ps = this.byNorm.get(t);
      if (!ps) continue;
      for (let q = firstAtLeast(ps, lo); q < ps.length && ps[q] <= hi; q++) {
        if (!used.has(ps[q]) && this.input.words[ps[q]].sentence === sentence) {
          n++;
          break;
        }
      }
    }
    return n;
  }

  /** Resolves a see-reference from the walk's position: "by type" under the type found, neoplasms by site. */
  private followSee(
    ref: string,
    path: number[],
    anchor: number[],
    used: Set<number>,
  ): { node: number; cell?: string; words?: number[] } | undefined {
    const { tree } = this.input;
    const target = resolveSee(tree, ref);
    if (!target) return undefined;
    if (target.neoplasm) return this.neoplasm(target.dynamic, anchor, used);
    if (target.dynamic.includes('by type')) {
      const typeNode = path.find((p) => /^type \d|^specified type|^due to/i.test(tree.nodes[p].title));
      if (typeNode !== undefined) {
        let node = typeNode;
        const parts = ref.split(',').map((p) => p.trim());
        for (const part of parts.slice(parts.findIndex((p) => /^by type$/i.test(p)) + 1)) {
          const next = childByHeading(tree, node, part);
          if (next === undefined) break;
          node = next;
        }
        return { node };
      }
    }
    return { node: target.node };
  }

  /** Table of Neoplasms: walk the sites from the note, then take the column the behaviour names. */
  private neoplasm(
    dynamic: string[],
    anchor: number[],
    used: Set<number>,
  ): { node: number; cell?: string; words?: number[] } | undefined {
    const { tree, words } = this.input;
    if (tree.neoplasmRoot === undefined) return undefined;
    let node = tree.neoplasmRoot;
    const siteWords: number[] = [];
    for (const c of this.bestPath(node, anchor, used, node, 0).steps) {
      for (const w of c.words) used.add(w);
      siteWords.push(...c.words);
      node = c.node;
    }
    const near = words
      .slice(Math.max(0, anchor[0] - WINDOW), anchor[anchor.length - 1] + WINDOW)
      .map((w) => w.norm)
      .join(' ');
    const behaviour = dynamic.filter((d) => d !== 'by site').join(' ');
    const column =
      NEOPLASM_COLUMNS.find(([re]) => re.test(near))?.[1] ??
      NEOPLASM_COLUMNS.find(([re]) => re.test(behaviour))?.[1] ??
      'Unspecified Behavior';
    // A row that only refers to another ("lymph, node - see also Neoplasm, lymph gland"): that row's cell.
    if (!tree.nodes[node].cells) {
      const ref = tree.nodes[node].see ?? tree.nodes[node].seeAlso;
      const target = ref && /^neoplasm\b/i.test(ref) ? neoplasmRow(tree, ref) : undefined;
      if (target !== undefined) node = target;
    }
    const cell = tree.nodes[node].cells?.[column];
    return cell ? { node, cell, words: siteWords } : undefined;
  }
}

/**
 * The Table of Neoplasms row a reference names ("Neoplasm, lymph gland"): from the table's root, the child whose
 * essential words begin the rest of the reference, then the same below it ("lymph" > "gland").
 */
export function neoplasmRow(tree: IndexTree, ref: string): number | undefined {
  if (tree.neoplasmRoot === undefined) return undefined;
  const rest = termTokens(
    ref.replace(/^neoplasm\w*,?/i, ' ').replace(/\b(by site|malignant|secondary|benign)\b/gi, ' '),
  );
  let node = tree.neoplasmRoot;
  let i = 0;
  while (i < rest.length) {
    let next: number | undefined;
    let took = 0;
    for (const c of tree.nodes[node].children) {
      for (const alt of tree.nodes[c].alts) {
        // Of two rows with the same words ("gastric" -> see "stomach", and "stomach"), the one with the codes.
        const better = alt.length > took || (alt.length === took && next !== undefined && !tree.nodes[next].cells);
        if (better && alt.every((w, k) => rest[i + k] === w)) {
          next = c;
          took = alt.length;
        }
      }
    }
    if (next === undefined) break;
    node = next;
    i += took;
  }
  return i === rest.length && node !== tree.neoplasmRoot ? node : undefined;
}
