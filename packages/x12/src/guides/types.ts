/**
 * Compact implementation-guide definitions (our own format). Generated files in `defs/` are produced by
 * `packages/x12/scripts/gen-guides.ts` from the pyx12 maps; the 270/271/276 ones are written by hand.
 */

/** R required, S situational, N not used (per the TR3). */
export type Usage = 'R' | 'S' | 'N';

/** X12 data element types used by the 5010 TR3s. */
export type DataType = 'AN' | 'ID' | 'DT' | 'TM' | 'R' | 'N' | 'N0' | 'N1' | 'N2' | 'N3' | 'N4' | 'B';

export interface ElementDef {
  /** 1-based position within the segment (or within the composite for components) */
  seq: number;
  name: string;
  usage: Usage;
  type: DataType;
  min: number;
  max: number;
  /** X12 data element number (e.g. '1250'), kept for messages and date-format pairing */
  de: string;
  /** valid code values (ID elements) */
  codes?: readonly string[];
  /** name of an external code list in `external-codes.ts` (e.g. 'states') */
  ext?: string;
  /** for a date/time-period element: seq of the format qualifier element (D8, RD8, TM …) */
  fmt?: number;
  regex?: string;
  /** components when this is a composite element */
  parts?: readonly ElementDef[];
}

/** How a segment (and so the loop it opens) is recognised: segment id plus a qualifier value. */
export interface Trigger {
  element: number;
  component?: number;
  codes: readonly string[];
}

export interface SegmentDef {
  seg: string;
  name: string;
  usage: Usage;
  /** maximum use; 0 = unbounded ('>1') */
  max: number;
  trigger?: Trigger;
  /** X12 syntax notes, e.g. 'P0809' (paired), 'R0203' (at least one), 'C1110', 'E0102', 'L010203' */
  syntax?: readonly string[];
  elements: readonly ElementDef[];
}

export interface LoopDef {
  loop: string;
  name: string;
  usage: Usage;
  /** maximum repeat; 0 = unbounded ('>1') */
  repeat: number;
  children: readonly GuideNode[];
}

export type GuideNode = SegmentDef | LoopDef;

export interface GuideDef {
  /** short key: '837P', '835', '999' … */
  key: string;
  name: string;
  /** ST01 */
  st01: string;
  /** GS08 / ST03 implementation convention references that select this guide */
  versions: readonly string[];
  /** GS01 functional identifier code */
  gs01: string;
  /** the transaction set body, ST … SE, with header/detail/footer wrappers flattened */
  body: LoopDef;
}

export function isLoop(node: GuideNode): node is LoopDef {
  return (node as LoopDef).loop !== undefined;
}
