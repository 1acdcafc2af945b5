import type { Delimiters, IssueLocation, Segment } from '../syntax/types.ts';
import { compileGuide, nodeMatches, type CompiledLoop, type CompiledNode } from './compile-guide.ts';
import { checkElements, type ElementContext } from './element-rules.ts';
import { guideIssue, type GuideIssue } from './guide-codes.ts';
import { checkHierarchy, newHierarchyState } from './hierarchy.ts';
import type { GuideDef } from './types.ts';

export interface WalkContext {
  delimiters: Delimiters;
  file?: string;
}

interface Frame {
  loop: CompiledLoop;
  pos: number;
  counts: number[];
}

/**
 * A state machine over the guide's loop tree (pyx12 style): a segment is matched at the current position
 * of the innermost open loop, then of each enclosing loop; matching a child loop's first segment opens
 * (or repeats) that loop. The HL-based 837/277 hierarchy falls out of the nested loop definitions.
 */
class TransactionWalker {
  private readonly stack: Frame[] = [];
  private readonly hier = newHierarchyState();
  readonly out: GuideIssue[] = [];
  private cur: Segment | null = null;
  private curLoc: IssueLocation | null = null;
  private readonly elementCtx: ElementContext;
  // result of find(): depth and node of the match
  private mDepth = -1;
  private mNode: CompiledNode | null = null;

  constructor(
    private readonly guide: GuideDef,
    private readonly body: CompiledLoop,
    private readonly ids: Set<string>,
    private readonly ctx: WalkContext,
  ) {
    this.stack.push({ loop: body, pos: -1, counts: new Array<number>(body.children.length).fill(0) });
    this.elementCtx = {
      delimiters: ctx.delimiters,
      out: this.out,
      where: () => ({ ...this.loc(), loop: this.loopId() }),
    };
  }

  private loopId(): string {
    const top = this.stack[this.stack.length - 1];
    return top.loop === this.body ? 'ST' : top.loop.def.loop;
  }

  /** location of the current segment, built only when an issue needs it */
  private loc(): IssueLocation {
    if (this.curLoc) return this.curLoc;
    const seg = this.cur;
    const loc: IssueLocation = { segmentId: seg?.id };
    if (this.ctx.file !== undefined) loc.file = this.ctx.file;
    if (seg?.loc) {
      loc.offset = seg.loc.offset;
      loc.line = seg.loc.line;
      loc.segmentIndex = seg.loc.index;
    }
    return (this.curLoc = loc);
  }

  private setMatch(depth: number, node: CompiledNode | null): boolean {
    this.mDepth = depth;
    this.mNode = node;
    return node !== null;
  }

  /** Search the open loops, innermost first, for a child at or after the current position. */
  private find(seg: Segment): boolean {
    const d = this.ctx.delimiters;
    let oDepth = -1;
    let oNode: CompiledNode | null = null;
    for (let depth = this.stack.length - 1; depth >= 0; depth--) {
      const f = this.stack[depth];
      const cands = f.loop.byId.get(seg.id);
      if (!cands) continue;
      for (const i of cands) {
        if (i < f.pos) continue;
        const node = f.loop.children[i];
        if (!nodeMatches(node, seg, d)) continue;
        const max = node.loop ? node.loop.def.repeat : node.segment.max;
        if (max > 0 && f.counts[i] >= max) {
          if (!oNode) [oDepth, oNode] = [depth, node];
          continue;
        }
        return this.setMatch(depth, node);
      }
    }
    if (!oNode && seg.id === 'HL') return this.findEarlierLevel(seg);
    return this.setMatch(oDepth, oNode);
  }

  /**
   * Guides whose HL levels are siblings in the transaction body (277 X212 keeps 2000A … 2000E in one
   * repeating detail table) may go back to an earlier level: a new HL opens it again.
   */
  private findEarlierLevel(seg: Segment): boolean {
    const f = this.stack[0];
    for (const i of f.loop.byId.get('HL') ?? []) {
      const node = f.loop.children[i];
      if (i < f.pos && node.loop && nodeMatches(node, seg, this.ctx.delimiters)) return this.setMatch(0, node);
    }
    return this.setMatch(-1, null);
  }

  /** Same-id child ahead of the current position whose qualifier did not match (reported by element checks). */
  private findLoose(seg: Segment): boolean {
    for (let depth = this.stack.length - 1; depth >= 0; depth--) {
      const f = this.stack[depth];
      for (const i of f.loop.byId.get(seg.id) ?? []) {
        if (i >= f.pos && (f.counts[i] === 0 || i === f.pos)) return this.setMatch(depth, f.loop.children[i]);
      }
    }
    return false;
  }

  private isOutOfOrder(seg: Segment): boolean {
    const d = this.ctx.delimiters;
    return this.stack.some((f) =>
      (f.loop.byId.get(seg.id) ?? []).some((i) => i < f.pos && nodeMatches(f.loop.children[i], seg, d)),
    );
  }

  /** Report required children never seen from `from` up to (not including) `to`. */
  private missing(f: Frame, from: number, to: number): void {
    for (const i of f.loop.required) {
      if (i < from) continue;
      if (i >= to) break;
      if (f.counts[i] > 0) continue;
      const node = f.loop.children[i];
      const loopId = f.loop === this.body ? 'ST' : f.loop.def.loop;
      const where = { ...this.loc(), segmentId: node.id, loop: node.loop ? node.loop.def.loop : loopId };
      if (node.loop) {
        const l = node.loop.def;
        this.out.push(
          guideIssue(
            'REQUIRED_LOOP_MISSING',
            `required loop ${l.loop} (${l.name}) is missing in loop ${loopId}`,
            where,
            { expected: `loop ${l.loop} starting with ${node.id}`, found: this.cur?.id },
          ),
        );
      } else {
        this.out.push(
          guideIssue(
            'REQUIRED_SEGMENT_MISSING',
            `required segment ${node.id} (${node.segment.name}) is missing in loop ${loopId}`,
            where,
            { expected: node.id, found: this.cur?.id },
          ),
        );
      }
    }
  }

  private closeAbove(depth: number): void {
    while (this.stack.length - 1 > depth) {
      const f = this.stack.pop()!;
      this.missing(f, f.pos, f.loop.children.length);
    }
  }

  private apply(depth: number, node: CompiledNode, seg: Segment): void {
    this.closeAbove(depth);
    const f = this.stack[depth];
    const i = node.index;
    if (i >= f.pos) this.missing(f, f.pos, i);
    else this.missing(f, f.pos + 1, f.loop.children.length);
    f.pos = i;
    const n = ++f.counts[i];
    if (node.loop) this.openLoop(node.loop, n);
    else this.useSegment(node, n);
    checkElements(seg, node.segment, this.elementCtx);
    if (seg.id === 'HL') checkHierarchy(this.hier, seg, { ...this.loc(), loop: this.loopId() }, this.out);
  }

  private openLoop(loop: CompiledLoop, n: number): void {
    const l = loop.def;
    if (l.repeat > 0 && n > l.repeat) {
      this.out.push(
        guideIssue(
          'LOOP_OVER_MAX',
          `loop ${l.loop} (${l.name}) occurs ${n} times, at most ${l.repeat} allowed`,
          { ...this.loc(), loop: l.loop },
          { expected: `at most ${l.repeat}`, found: String(n) },
        ),
      );
    }
    if (l.usage === 'N')
      this.out.push(
        guideIssue('NOT_USED_SEGMENT_PRESENT', `loop ${l.loop} (${l.name}) is not used in this guide`, {
          ...this.loc(),
          loop: l.loop,
        }),
      );
    const counts = new Array<number>(loop.children.length).fill(0);
    counts[0] = 1;
    this.stack.push({ loop, pos: 0, counts });
  }

  private useSegment(node: CompiledNode, n: number): void {
    const s = node.segment;
    if (s.max > 0 && n > s.max) {
      this.out.push(
        guideIssue(
          'SEGMENT_OVER_MAX_USE',
          `${s.seg} (${s.name}) used ${n} times, at most ${s.max} allowed`,
          { ...this.loc(), loop: this.loopId() },
          { expected: `at most ${s.max}`, found: String(n) },
        ),
      );
    }
    if (s.usage === 'N')
      this.out.push(
        guideIssue('NOT_USED_SEGMENT_PRESENT', `${s.seg} (${s.name}) is not used in this guide`, {
          ...this.loc(),
          loop: this.loopId(),
        }),
      );
  }

  step(seg: Segment): void {
    this.cur = seg;
    this.curLoc = null;
    if (this.find(seg)) return this.apply(this.mDepth, this.mNode!, seg);
    const where = { ...this.loc(), loop: this.loopId() };
    if (!this.ids.has(seg.id)) {
      this.out.push(
        guideIssue(
          'UNRECOGNIZED_SEGMENT',
          `segment ${seg.id} is not part of ${this.guide.key} (${this.guide.versions[0]})`,
          where,
          { found: seg.id },
        ),
      );
    } else if (this.isOutOfOrder(seg)) {
      this.out.push(
        guideIssue('SEGMENT_OUT_OF_ORDER', `segment ${seg.id} is out of order in loop ${where.loop}`, where, {
          found: seg.id,
        }),
      );
    } else if (this.findLoose(seg)) {
      this.apply(this.mDepth, this.mNode!, seg);
    } else {
      this.out.push(
        guideIssue('UNEXPECTED_SEGMENT', `segment ${seg.id} is not expected here (loop ${where.loop})`, where, {
          found: seg.id,
        }),
      );
    }
  }

  /** ids of the open loops, outermost first (the transaction body itself is left out) */
  path(): string[] {
    return this.stack.slice(1).map((f) => f.loop.def.loop);
  }

  finish(): void {
    this.closeAbove(0);
    const f = this.stack[0];
    this.missing(f, f.pos, f.loop.children.length);
  }
}

function walker(guide: GuideDef, ctx: WalkContext): TransactionWalker {
  const c = compileGuide(guide);
  return new TransactionWalker(guide, c.body, c.segmentIds, ctx);
}

/** Walk one transaction set (ST … SE inclusive) through the guide, returning guide-layer issues. */
export function walkTransaction(segments: readonly Segment[], guide: GuideDef, ctx: WalkContext): GuideIssue[] {
  const w = walker(guide, ctx);
  for (const seg of segments) w.step(seg);
  w.finish();
  return w.out;
}

/** The loop path (e.g. ['2000A', '2000B', '2300']) each segment was placed in; for tools and tests. */
export function traceLoops(segments: readonly Segment[], guide: GuideDef, ctx: WalkContext): string[][] {
  const w = walker(guide, ctx);
  return segments.map((seg) => {
    w.step(seg);
    return w.path();
  });
}
