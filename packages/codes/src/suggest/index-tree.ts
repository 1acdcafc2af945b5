/**
 * The Alphabetic Index (and the Table of Neoplasms) as a tree a coder walks: main terms found by their words,
 * subterms below them, "with"/"due to" connectors, see / see-also references resolved to nodes where the path
 * is static ("see Pain, abdominal") and kept symbolic where the note decides ("by type", "by site").
 */
import type { IndexTerm } from '../import/index-xml.ts';
import { withAdditions } from './index-additions.ts';
import { termTokens } from './term-normalize.ts';

export type NodeKind = 'term' | 'with' | 'connector';

export interface IndexNode {
  id: number;
  title: string;
  parent: number;
  depth: number;
  kind: NodeKind;
  /** Alternatives of essential words ("Diabetes, diabetic" -> [diabetes]; "atrial or auricular" -> two). */
  alts: string[][];
  /** Nonessential modifiers and inverted qualifiers: they may be present and add a little when they are. */
  optional: string[];
  code?: string;
  manif?: string;
  see?: string;
  seeAlso?: string;
  /** Table of Neoplasms row: column heading -> code. */
  cells?: Record<string, string>;
  children: number[];
  source: 'index' | 'neoplasm';
  /** A main term's inverted qualifier ("Flap, liver": [liver]), not a variant of its head word. */
  qualifier?: string[];
}

export interface IndexTree {
  nodes: IndexNode[];
  /** First word of a main term's alternative -> main-term node ids. */
  mainByWord: Map<string, number[]>;
  /** Main terms by their heading text ("pain", "neoplasm") for see-references. */
  mainByTitle: Map<string, number[]>;
  /** "Neoplasm, neoplastic" in the Table of Neoplasms. */
  neoplasmRoot?: number;
}

const CONNECTOR = /^(with|in|due to|of|from|by|following|and|at|on|as|after|during)$/i;

/** Builds the tree from Index terms in document order (a term's parent is the last term one level up). */
export function buildIndexTree(terms: readonly IndexTerm[]): IndexTree {
  const nodes: IndexNode[] = [];
  const mainByWord = new Map<string, number[]>();
  const mainByTitle = new Map<string, number[]>();
  const stacks: Record<'index' | 'neoplasm', number[]> = { index: [], neoplasm: [] };
  let neoplasmRoot: number | undefined;
  for (const t of withAdditions(terms)) {
    if (t.source !== 'index' && t.source !== 'neoplasm') continue;
    // The flattened Index carries instructional notes as terms ("Note: heart failure stages A, B, ..."); the
    // terms printed under a note belong to the note's parent.
    let notes = 0;
    for (const p of t.path) if (isNote(p)) notes++;
    const title = t.path[t.path.length - 1];
    if (isNote(title)) continue;
    const depth = t.path.length - 1 - notes;
    const stack = stacks[t.source];
    const parent = depth > 0 ? (stack[depth - 1] ?? -1) : -1;
    if (depth > 0 && parent < 0) continue;
    // nodes of one title share its frozen arrays, unless a modifier below adds words to them
    const parsed = t.nemod ? ownCopy(parsedTitle(title)) : parsedTitle(title);
    if (t.nemod && depth > 0) {
      // The flattened Index puts words printed after a subterm ("and (on) chronic") into the modifier field:
      // words outside its parentheses are essential, those inside optional.
      const essential = termTokens(t.nemod.replace(/\([^)]*\)/g, ' '));
      if (essential.length) {
        if (parsed.alts.length === 0) parsed.alts.push(essential);
        else for (const a of parsed.alts) a.push(...essential);
      }
      for (const w of termTokens((t.nemod.match(/\([^)]*\)/g) ?? []).join(' '))) parsed.optional.push(w);
    } else if (t.nemod) for (const w of termTokens(t.nemod)) parsed.optional.push(w);
    const node: IndexNode = {
      id: nodes.length,
      title,
      parent,
      depth,
      kind: parsed.alts.length === 0 ? (/^with$/i.test(title.trim()) ? 'with' : 'connector') : 'term',
      alts: parsed.alts,
      optional: parsed.optional,
      children: NO_CHILDREN,
      source: t.source,
    };
    if (t.code) node.code = t.code;
    if (t.manif) node.manif = t.manif;
    if (t.see) node.see = t.see;
    if (t.seeAlso) node.seeAlso = t.seeAlso;
    if (t.cells) node.cells = t.cells;
    if (depth === 0 && parsed.qualifier) node.qualifier = parsed.qualifier;
    nodes.push(node);
    stack.length = depth;
    stack.push(node.id);
    if (parent >= 0) {
      const p = nodes[parent];
      if (p.children === NO_CHILDREN) p.children = [node.id];
      else p.children.push(node.id);
    } else if (t.source === 'neoplasm') neoplasmRoot ??= node.id;
    else {
      for (const alt of node.alts) push(mainByWord, alt[0], node.id);
      push(mainByTitle, headingKey(title), node.id);
    }
  }
  // the parses live on in the nodes that share them; the cache's map need not
  titleCache.clear();
  return { nodes, mainByWord, mainByTitle, neoplasmRoot };
}

const isNote = (p: string) => /^note:/i.test(p.trim());

function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}

/** "Pain(s), chest" -> "pain"; used to find the target of a see-reference. */
export function headingKey(text: string): string {
  return text
    .replace(/\([^)]*\)/g, ' ')
    .split(',')[0]
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/**
 * Essential-word alternatives and optional words of one path element. Comma parts spelled from the same stem
 * ("Diabetes, diabetic") are variants; other comma parts ("glomerulosclerosis, intercapillary") qualify and are
 * optional; "atrial or auricular" gives alternatives; parenthesized words are nonessential.
 */
const titleCache = new Map<string, ParsedTitle>();

/**
 * parseTitle, memoized (subterm titles such as "acute", "with", "left" recur thousands of times), frozen: the nodes
 * of one title share its arrays (a walk never changes a node), one set per distinct title rather than per node.
 */
function parsedTitle(title: string): ParsedTitle {
  let p = titleCache.get(title);
  if (!p) {
    const parsed = parseTitle(title);
    p = {
      alts: Object.freeze(parsed.alts.map((a) => Object.freeze(a) as string[])) as string[][],
      optional: Object.freeze(parsed.optional) as string[],
      ...(parsed.qualifier ? { qualifier: Object.freeze(parsed.qualifier) as string[] } : {}),
    };
    if (titleCache.size < 200_000) titleCache.set(title, p);
  }
  return p;
}

/** A node's own arrays, for a title its modifier adds words to. */
function ownCopy(p: ParsedTitle): ParsedTitle {
  return {
    alts: p.alts.map((a) => [...a]),
    optional: [...p.optional],
    ...(p.qualifier ? { qualifier: p.qualifier } : {}),
  };
}

/** Every leaf's children: one frozen empty array, replaced by the node's own at its first child. */
const NO_CHILDREN = Object.freeze([]) as unknown as number[];

interface ParsedTitle {
  alts: string[][];
  optional: string[];
  /** Words after the comma that are not variants of the head ("Flap, liver": liver). */
  qualifier?: string[];
}

function parseTitle(title: string): ParsedTitle {
  if (CONNECTOR.test(title.trim())) return { alts: [], optional: [] };
  const optional = termTokens((title.match(/\([^)]*\)/g) ?? []).join(' '));
  const clean = title.replace(/\([^)]*\)/g, ' ').replace(/\s-\s.*$/, ' ');
  const parts = clean
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { alts: [], optional };
  // A single letter is a subterm of its own ("Hemophilia, A"), not the article "a".
  if (parts.length === 1 && /^a$/i.test(parts[0])) return { alts: [['a']], optional };
  const stem4 = parts[0].toLowerCase().slice(0, 4);
  const variants = parts.length > 1 && parts.every((p) => p.toLowerCase().slice(0, 4) === stem4);
  const heads = variants ? parts : [parts[0]];
  const qualifier = variants ? [] : termTokens(parts.slice(1).join(' '));
  optional.push(...qualifier);
  const alts: string[][] = [];
  const seen = new Set<string>();
  for (const h of heads) {
    // "atrial or auricular" are alternatives; "Goldblatt's hypertension or kidney" is one name with a choice.
    const ors = h.split(/\s+or\s+/i);
    const single = ors.every((o) => termTokens(o).length <= 1);
    if (!single) optional.push(...termTokens(ors.slice(1).join(' ')));
    for (const alt of single ? ors : [ors[0]]) {
      const toks = withoutSoftWords(termTokens(alt), optional);
      const k = toks.join(' ');
      if (toks.length && !seen.has(k)) {
        seen.add(k);
        alts.push(toks);
      }
    }
  }
  return qualifier.length ? { alts, optional, qualifier } : { alts, optional };
}

/**
 * Words an Index subterm carries that notes leave out ("lumbar region", "transaminase level"): optional when the
 * subterm has other words.
 */
const SOFT_WORDS = new Set(['region', 'area', 'level']);

function withoutSoftWords(toks: string[], optional: string[]): string[] {
  if (toks.length < 2 || !toks.some((t) => SOFT_WORDS.has(t))) return toks;
  const kept = toks.filter((t) => !SOFT_WORDS.has(t));
  if (kept.length === 0) return toks;
  for (const t of toks) if (SOFT_WORDS.has(t)) optional.push(t);
  return kept;
}

/** Child of `node` whose heading matches one part of a see-reference ("abdominal" under "Pain"). */
export function childByHeading(tree: IndexTree, node: number, part: string): number | undefined {
  const want = part.trim().toLowerCase().replace(/\s+/g, ' ');
  const wantTokens = termTokens(part).join(' ');
  for (const c of tree.nodes[node].children) {
    const n = tree.nodes[c];
    if (headingKey(n.title) === want || n.title.trim().toLowerCase() === want) return c;
  }
  for (const c of tree.nodes[node].children) {
    if (tree.nodes[c].alts.some((a) => a.join(' ') === wantTokens)) return c;
  }
  return undefined;
}

export interface SeeTarget {
  /** Deepest node the reference names. */
  node: number;
  /** Parts the walk must resolve from the note: "by type", "by site", a neoplasm behaviour. */
  dynamic: string[];
  neoplasm: boolean;
}

/** Resolves "Pain, abdominal", "Diabetes, by type, with neuropathy", "Neoplasm, by site, malignant". */
export function resolveSee(tree: IndexTree, ref: string): SeeTarget | undefined {
  const parts = ref
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || /^condition$/i.test(parts[0])) return undefined;
  const head = headingKey(parts[0]);
  if (/^neoplasm/.test(head) && tree.neoplasmRoot !== undefined) {
    return { node: tree.neoplasmRoot, dynamic: parts.slice(1), neoplasm: true };
  }
  const mains = tree.mainByTitle.get(head);
  if (!mains) return undefined;
  let node = mains[0];
  const dynamic: string[] = [];
  for (const part of parts.slice(1)) {
    if (/^by (type|site)$/i.test(part)) {
      dynamic.push(part.toLowerCase());
      continue;
    }
    const next = childByHeading(tree, node, part);
    if (next === undefined) {
      dynamic.push(part);
      continue;
    }
    node = next;
  }
  return { node, dynamic, neoplasm: false };
}
