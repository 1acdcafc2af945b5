import type { Delimiters, Segment } from '../syntax/types.ts';
import { isLoop, type GuideDef, type LoopDef, type SegmentDef, type Trigger } from './types.ts';

/** A guide node prepared for the walker: segment id and trigger resolved, loops indexed by segment id. */
export interface CompiledNode {
  index: number;
  /** id of the segment (or of the loop's first segment) */
  id: string;
  trigger?: Trigger;
  triggerSet?: Set<string>;
  segment: SegmentDef;
  loop?: CompiledLoop;
}

export interface CompiledLoop {
  def: LoopDef;
  children: CompiledNode[];
  /** segment id → child indexes that may start with it, ascending */
  byId: Map<string, number[]>;
  /** indexes of the required children, ascending (missing-checks visit only these) */
  required: number[];
}

export interface CompiledGuide {
  guide: GuideDef;
  body: CompiledLoop;
  segmentIds: Set<string>;
}

function compileLoop(def: LoopDef, ids: Set<string>): CompiledLoop {
  const children: CompiledNode[] = [];
  const byId = new Map<string, number[]>();
  for (const child of def.children) {
    const index = children.length;
    let node: CompiledNode;
    if (isLoop(child)) {
      const loop = compileLoop(child, ids);
      const first = loop.children[0]?.segment;
      if (!first) continue;
      node = { index, id: first.seg, segment: first, loop };
    } else {
      ids.add(child.seg);
      node = { index, id: child.seg, segment: child };
    }
    const trigger = node.segment.trigger;
    if (trigger) {
      node.trigger = trigger;
      node.triggerSet = new Set(trigger.codes);
    }
    children.push(node);
    const list = byId.get(node.id) ?? [];
    list.push(index);
    byId.set(node.id, list);
  }
  const required = children.filter((c) => (c.loop ? c.loop.def.usage : c.segment.usage) === 'R').map((c) => c.index);
  return { def, children, byId, required };
}

const cache = new WeakMap<GuideDef, CompiledGuide>();

export function compileGuide(guide: GuideDef): CompiledGuide {
  let c = cache.get(guide);
  if (!c) {
    const segmentIds = new Set<string>();
    c = { guide, body: compileLoop(guide.body, segmentIds), segmentIds };
    cache.set(guide, c);
  }
  return c;
}

/** The value a trigger looks at (element, or one component of it). */
export function triggerValue(seg: Segment, t: Trigger, d: Delimiters): string {
  const v = seg.elements[t.element - 1] ?? '';
  if (t.component === undefined) return v;
  const i = v.indexOf(d.component);
  if (t.component === 1) return i < 0 ? v : v.slice(0, i);
  return v.split(d.component)[t.component - 1] ?? '';
}

export function nodeMatches(node: CompiledNode, seg: Segment, d: Delimiters): boolean {
  if (node.id !== seg.id) return false;
  if (!node.trigger || !node.triggerSet) return true;
  return node.triggerSet.has(triggerValue(seg, node.trigger, d));
}
