/**
 * Hierarchical levels (HL): split a transaction body into HL nodes and check the links
 * (HL01 numbering, HL02 parent exists and is of the right level, HL04 child code).
 */
import type { Segment } from '../../../syntax/types.ts';
import { type IssueSink, TX_CODES, txIssue } from './issues.ts';
import { el, seg } from './values.ts';

export interface HlNode {
  hl: Segment;
  id: string;
  parentId: string;
  /** HL03 level code: 20 information source / billing provider, 21 receiver, 19 provider, 22 subscriber, 23 dependent, PT patient */
  level: string;
  /** HL04 as sent ('' when absent) */
  childCode: string;
  /** segments after the HL up to the next HL */
  segments: Segment[];
  children: HlNode[];
  /** the node this one was attached under (undefined for roots) */
  parent?: HlNode;
  /** what a reader made of this node's loop (set by streaming readers) */
  value?: unknown;
}

export interface HlTree {
  /** segments before the first HL (BHT, 1000A/B, ...) */
  header: Segment[];
  roots: HlNode[];
  /** every node in file order */
  nodes: HlNode[];
}

/** allowed parent levels per level; [] = must be a root */
export type HlRules = Record<string, readonly string[]>;

export function splitHl(body: readonly Segment[], rules: HlRules, sink: IssueSink): HlTree {
  const splitter = new HlSplitter(rules, sink);
  for (const s of body) splitter.accept(s);
  return splitter.finish();
}

/**
 * splitHl one segment at a time. `onNode` is called when a node's own segments are complete (at the
 * next HL or at `finish`); parents always complete before their children. A streaming reader reads the
 * node there and may empty `node.segments` so the segments can be collected.
 */
export class HlSplitter {
  readonly tree: HlTree = { header: [], roots: [], nodes: [] };
  private readonly byId = new Map<string, HlNode>();
  private current: HlNode | undefined;

  constructor(
    private readonly rules: HlRules,
    private readonly sink: IssueSink,
    private readonly onNode?: (node: HlNode) => void,
  ) {}

  accept(s: Segment): void {
    if (s.id !== 'HL') {
      (this.current ? this.current.segments : this.tree.header).push(s);
      return;
    }
    if (this.current && this.onNode) this.onNode(this.current);
    const node: HlNode = {
      hl: s,
      id: el(s, 1),
      parentId: el(s, 2),
      level: el(s, 3),
      childCode: el(s, 4),
      segments: [],
      children: [],
    };
    const { tree, byId, rules } = this;
    checkNode(node, tree.nodes.length + 1, byId, rules, this.sink);
    const parent = parentFor(node, byId, tree.nodes, rules);
    (parent ? parent.children : tree.roots).push(node);
    if (parent) node.parent = parent;
    if (!byId.has(node.id)) byId.set(node.id, node);
    tree.nodes.push(node);
    this.current = node;
  }

  finish(): HlTree {
    if (this.current && this.onNode) this.onNode(this.current);
    this.current = undefined;
    for (const n of this.tree.nodes) checkChildCode(n, this.sink);
    return this.tree;
  }
}

function checkNode(n: HlNode, ordinal: number, byId: Map<string, HlNode>, rules: HlRules, sink: IssueSink): void {
  if (n.id !== String(ordinal)) {
    sink.add(
      txIssue(TX_CODES.hlNumbering, `HL01 is "${n.id}", expected ${ordinal}`, { seg: n.hl, element: 1 }, 'warning'),
    );
  }
  const allowed = rules[n.level];
  if (!allowed) {
    sink.add(
      txIssue(TX_CODES.hlLevelInvalid, `HL03 level code "${n.level}" is not used in this transaction`, {
        seg: n.hl,
        element: 3,
      }),
    );
    return;
  }
  if (n.parentId === '') {
    if (allowed.length > 0)
      sink.add(
        txIssue(
          TX_CODES.hlParentInvalid,
          `HL ${n.id} (level ${n.level}) has no parent; expected a parent of level ${allowed.join('/')}`,
          { seg: n.hl, element: 2 },
        ),
      );
    return;
  }
  const parent = byId.get(n.parentId);
  if (!parent) {
    sink.add(
      txIssue(TX_CODES.hlParentInvalid, `HL ${n.id} names parent ${n.parentId}, which is not an earlier HL`, {
        seg: n.hl,
        element: 2,
      }),
    );
  } else if (!allowed.includes(parent.level)) {
    const want = allowed.length ? `level ${allowed.join('/')}` : 'no parent';
    sink.add(
      txIssue(
        TX_CODES.hlParentInvalid,
        `HL ${n.id} (level ${n.level}) has parent ${parent.id} of level ${parent.level}; expected ${want}`,
        { seg: n.hl, element: 2 },
      ),
    );
  }
}

/** The named parent when valid; otherwise (already reported) the latest node of an allowed parent level, so data is not lost. */
function parentFor(n: HlNode, byId: Map<string, HlNode>, nodes: HlNode[], rules: HlRules): HlNode | undefined {
  const allowed = rules[n.level] ?? [];
  const named = n.parentId ? byId.get(n.parentId) : undefined;
  if (named && allowed.includes(named.level)) return named;
  if (allowed.length === 0) return named;
  for (let i = nodes.length - 1; i >= 0; i--) if (allowed.includes(nodes[i]!.level)) return nodes[i];
  return named;
}

function checkChildCode(n: HlNode, sink: IssueSink): void {
  if (n.childCode === '') return;
  const want = n.children.length > 0 ? '1' : '0';
  if (n.childCode !== want) {
    // a warning: the hierarchy is read from HL02, and payers' AAA rejection responses often keep HL04 = 1 without children
    sink.add(
      txIssue(
        TX_CODES.hlChildCode,
        `HL ${n.id} has HL04 "${n.childCode}" but ${n.children.length} child level(s)`,
        { seg: n.hl, element: 4 },
        'warning',
      ),
    );
  }
}

/** Allocates HL numbers while building; `open` returns the HL segment (HL04 patched by `close`). */
export class HlNumberer {
  private n = 0;
  open(parent: string | undefined, level: string, hasChildren: boolean | undefined): { id: string; segment: Segment } {
    const id = String(++this.n);
    const child = hasChildren === undefined ? undefined : hasChildren ? '1' : '0';
    return { id, segment: seg('HL', id, parent ?? '', level, child) };
  }
}
