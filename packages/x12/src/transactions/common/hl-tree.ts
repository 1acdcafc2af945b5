/**
 * Hierarchical levels (HL): split a transaction body into HL nodes and check the links
 * (HL01 numbering, HL02 parent exists and is of the right level, HL04 child code).
 */
import type { Segment } from '../../syntax/types.ts';
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
  /** child nodes (filled by `splitHl`; a streaming reader gets [] and reads the links from the splitter) */
  children: HlNode[];
  /** the node this one was attached under (undefined for roots; set by `splitHl` only) */
  parent?: HlNode;
  /** 0-based position of this node in the transaction; the splitter answers `levelOf`/`valueOf` by it */
  ordinal: number;
  /** ordinal of the node this one was attached under, -1 for roots */
  parentOrdinal: number;
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
 * splitHl one segment at a time. Given `onNode`, it streams: `onNode` gets each node when its own segments are
 * complete (at the next HL or at `finish`; parents before children), nodes are not linked into `tree`, and the
 * splitter keeps only a few numbers per node (level, HL04, child count, where the HL was) for the checks at
 * `finish` — a 20,000-claim 837 then holds no HL objects. A streaming reader keeps what it made of a node with
 * `setValue` and finds a parent's with `valueOf(node.parentOrdinal)`.
 */
export class HlSplitter {
  readonly tree: HlTree = { header: [], roots: [], nodes: [] };
  /** id → ordinal of the first node with that id, for ids that are not their own ordinal + 1 */
  private readonly oddIds = new Map<string, number>();
  private readonly levels: string[] = [];
  private readonly childCodes: string[] = [];
  private readonly values: unknown[] = [];
  /** HL01 of nodes whose id is not their ordinal + 1 */
  private readonly oddIdOf = new Map<number, string>();
  private childCounts = new Int32Array(256);
  /** offset, line and index of each HL segment (NaN when the segment had no location), for issues at `finish` */
  private places = new Float64Array(3 * 256);
  private readonly lastOfLevel = new Map<string, number>();
  private current: HlNode | undefined;
  /** streaming: the segments of `current` (the first `count`) */
  private readonly buf: Segment[] = [];
  private count = 0;

  constructor(
    private readonly rules: HlRules,
    private readonly sink: IssueSink,
    private readonly onNode?: (node: HlNode) => void,
  ) {}

  accept(s: Segment): void {
    if (s.id !== 'HL') {
      if (this.current === undefined) this.tree.header.push(s);
      else if (this.onNode) this.buf[this.count++] = s;
      else this.current.segments.push(s);
      return;
    }
    if (this.current && this.onNode) this.handOver(this.current);
    const ordinal = this.levels.length;
    const node: HlNode = {
      hl: s,
      id: el(s, 1),
      parentId: el(s, 2),
      level: el(s, 3),
      childCode: el(s, 4),
      segments: [],
      children: [],
      ordinal,
      parentOrdinal: -1,
    };
    this.check(node);
    const parent = this.parentFor(node);
    node.parentOrdinal = parent;
    this.record(node);
    if (parent >= 0) this.childCounts[parent]!++;
    if (!this.onNode) {
      const p = parent >= 0 ? this.tree.nodes[parent] : undefined;
      (p ? p.children : this.tree.roots).push(node);
      if (p) node.parent = p;
      this.tree.nodes.push(node);
    }
    this.current = node;
  }

  finish(): HlTree {
    if (this.current && this.onNode) this.handOver(this.current);
    this.current = undefined;
    for (let i = 0; i < this.levels.length; i++) this.checkChildCode(i);
    return this.tree;
  }

  /**
   * Streaming: the node's segments, gathered in one buffer that keeps its size from node to node (an array grown by
   * push per node was most of the reader's garbage after the segments), handed to `onNode` as an exact-size copy.
   */
  private handOver(node: HlNode): void {
    node.segments = this.buf.slice(0, this.count);
    this.count = 0;
    this.onNode!(node);
  }

  /** Level (HL03) of the node at `ordinal` ('' for none). */
  levelOf(ordinal: number): string {
    return this.levels[ordinal] ?? '';
  }

  /** What a streaming reader made of the node at `ordinal` (see `setValue`). */
  valueOf(ordinal: number): unknown {
    return this.values[ordinal];
  }

  setValue(node: HlNode, value: unknown): void {
    this.values[node.ordinal] = value;
  }

  private record(n: HlNode): void {
    const o = n.ordinal;
    this.levels.push(n.level);
    this.childCodes.push(n.childCode);
    this.values.push(undefined);
    if (o === this.childCounts.length) {
      const counts = new Int32Array(o * 2);
      counts.set(this.childCounts);
      this.childCounts = counts;
      const places = new Float64Array(o * 6);
      places.set(this.places);
      this.places = places;
    }
    const loc = n.hl.loc;
    this.places[3 * o] = loc ? loc.offset : Number.NaN;
    this.places[3 * o + 1] = loc ? loc.line : Number.NaN;
    this.places[3 * o + 2] = loc ? loc.index : Number.NaN;
    if (n.id !== String(o + 1)) {
      this.oddIdOf.set(o, n.id);
      if (!this.oddIds.has(n.id)) this.oddIds.set(n.id, o);
    }
    this.lastOfLevel.set(n.level, o);
  }

  /** The HL segment of node `o` as far as issues need it (id, HL01, location). */
  private hlSegment(o: number): Segment {
    const hl: Segment = { id: 'HL', elements: [this.oddIdOf.get(o) ?? String(o + 1)] };
    const p = this.places;
    if (!Number.isNaN(p[3 * o]!)) hl.loc = { offset: p[3 * o]!, line: p[3 * o + 1]!, index: p[3 * o + 2]! };
    return hl;
  }

  /** Ordinal of the node with HL01 `id`, -1 when there is none. */
  private ordinalOf(id: string): number {
    const odd = this.oddIds.get(id) ?? -1;
    const o = Number(id) - 1;
    const canonical =
      Number.isInteger(o) && o >= 0 && o < this.levels.length && String(o + 1) === id && !this.oddIdOf.has(o);
    if (!canonical) return odd;
    return odd >= 0 && odd < o ? odd : o;
  }

  private check(n: HlNode): void {
    const { sink } = this;
    if (n.id !== String(n.ordinal + 1)) {
      sink.add(
        txIssue(
          TX_CODES.hlNumbering,
          `HL01 is "${n.id}", expected ${n.ordinal + 1}`,
          { seg: n.hl, element: 1 },
          'warning',
        ),
      );
    }
    const allowed = this.rules[n.level];
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
    const parent = this.ordinalOf(n.parentId);
    if (parent < 0) {
      sink.add(
        txIssue(TX_CODES.hlParentInvalid, `HL ${n.id} names parent ${n.parentId}, which is not an earlier HL`, {
          seg: n.hl,
          element: 2,
        }),
      );
    } else if (!allowed.includes(this.levels[parent]!)) {
      const want = allowed.length ? `level ${allowed.join('/')}` : 'no parent';
      sink.add(
        txIssue(
          TX_CODES.hlParentInvalid,
          `HL ${n.id} (level ${n.level}) has parent ${n.parentId} of level ${this.levels[parent]}; expected ${want}`,
          { seg: n.hl, element: 2 },
        ),
      );
    }
  }

  /** The named parent when valid; otherwise (already reported) the latest node of an allowed parent level, so data is not lost. */
  private parentFor(n: HlNode): number {
    const allowed = this.rules[n.level] ?? [];
    const named = n.parentId ? this.ordinalOf(n.parentId) : -1;
    if (named >= 0 && allowed.includes(this.levels[named]!)) return named;
    if (allowed.length === 0) return named;
    let latest = -1;
    for (const level of allowed) latest = Math.max(latest, this.lastOfLevel.get(level) ?? -1);
    return latest >= 0 ? latest : named;
  }

  private checkChildCode(o: number): void {
    const code = this.childCodes[o]!;
    if (code === '') return;
    const children = this.childCounts[o]!;
    if (code === (children > 0 ? '1' : '0')) return;
    // a warning: the hierarchy is read from HL02, and payers' AAA rejection responses often keep HL04 = 1 without children
    const hl = this.hlSegment(o);
    this.sink.add(
      txIssue(
        TX_CODES.hlChildCode,
        `HL ${el(hl, 1)} has HL04 "${code}" but ${children} child level(s)`,
        { seg: hl, element: 4 },
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
