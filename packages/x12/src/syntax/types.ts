/**
 * The contract between the X12 syntax layer (tokenizer/writer/envelopes) and the transaction modules.
 * Owned by the syntax layer; transaction modules only read these shapes.
 */
import type { Issue } from '../issue.ts';

/** Separators, always taken from the ISA of the file being read (never assumed). */
export interface Delimiters {
  element: string; // ISA position 4 (usually '*')
  component: string; // ISA16 (usually ':')
  repetition: string; // ISA11 in 5010 (usually '^'); '' when ISA11 is 'U' or alphanumeric
  segment: string; // the character after ISA16 (usually '~')
}

export const DEFAULT_DELIMITERS: Delimiters = { element: '*', component: ':', repetition: '^', segment: '~' };

/** Where a segment sits in the file it was read from. */
export interface SegmentLocation {
  /** byte offset of the segment's first character in the whole input (0-based) */
  offset: number;
  /** 1-based line number of the segment's first character (counting LF) */
  line: number;
  /** 1-based ordinal of the segment in the whole file (ISA = 1) */
  index: number;
}

/**
 * One segment. `elements[0]` is X12 element 01 (e.g. for `CLM*A1*100` elements = ['A1','100']).
 * Element values are raw text; split components/repetitions with the helpers in `segment.ts`.
 */
export interface Segment {
  id: string;
  elements: string[];
  loc?: SegmentLocation;
}

/**
 * Where segments go one at a time: an array, a text writer (`SegmentTextWriter`), or a reader that takes each
 * segment as the scanner cuts it. Writing into a sink instead of returning arrays keeps no file's worth of
 * segments alive (young-generation GC copies whatever is alive).
 */
export interface SegmentSink {
  push(segment: Segment): unknown;
}

/** 'syntax' problems break the envelope or separators; 'guide' problems break the implementation guide. */
export type IssueLayer = 'syntax' | 'guide';
export type { IssueLocation, IssueSeverity } from '../issue.ts';

/** Every problem found in X12 input is a value like this; parsers collect them, never throw untyped. */
export interface X12Issue extends Issue<string, never> {
  /** stable machine code, e.g. 'SE_COUNT_MISMATCH', 'REQUIRED_SEGMENT_MISSING' */
  code: string;
  layer: IssueLayer;
  expected?: string;
  found?: string;
}
