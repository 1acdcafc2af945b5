import type { Delimiters, Segment, X12Issue } from './types.ts';
import { SYNTAX_CODES, syntaxIssue } from './issues.ts';

/**
 * An element for the writer: a plain string (written as is — it may already hold component or
 * repetition separators of a composite), an array of components (each checked), or an array of
 * repetitions, each an array of components.
 */
export type WriteElement = string | readonly string[] | readonly (readonly string[])[];

export interface WritableSegment {
  id: string;
  elements: readonly WriteElement[];
}

export interface WriteOptions {
  /** put a '\n' after every segment terminator (readable; readers skip it) */
  lineBreak?: boolean;
  /** also reject component/repetition separators inside plain string elements */
  strict?: boolean;
}

/** Thrown by `writeSegments` when data holds a separator; `issue` names the segment and element. */
export class X12WriteError extends Error {
  readonly code = SYNTAX_CODES.dataContainsSeparator;
  constructor(readonly issue: X12Issue) {
    super(issue.message);
    this.name = 'X12WriteError';
  }
}

function fail(segIndex: number, id: string, element: number, what: string, value: string, component?: number): never {
  const location = { segmentIndex: segIndex, segmentId: id, element, ...(component ? { component } : {}) };
  const pos = `${id}${String(element).padStart(2, '0')}${component ? `-${component}` : ''}`;
  throw new X12WriteError(
    syntaxIssue(
      SYNTAX_CODES.dataContainsSeparator,
      `${pos} (segment ${segIndex}) holds the ${what} ${JSON.stringify(value)}`,
      location,
    ),
  );
}

function check(value: string, seps: [string, string][], segIndex: number, id: string, e: number, c?: number): void {
  if (value.length === 0) return;
  for (let i = 0; i < seps.length; i++) {
    const sep = seps[i]![1];
    if (sep && value.indexOf(sep) >= 0) fail(segIndex, id, e, seps[i]![0], sep, c);
  }
}

function trimEnd(values: string[]): string[] {
  let n = values.length;
  while (n > 0 && values[n - 1] === '') n--;
  return n === values.length ? values : values.slice(0, n);
}

/**
 * Serialize segments with the given separators. Trailing empty elements (and components) are
 * trimmed, except in the fixed-width ISA. Throws `X12WriteError` naming segment and element when any
 * data holds a separator it must not hold.
 */
export function writeSegments(
  segments: Iterable<Segment | WritableSegment>,
  delims: Delimiters,
  opts: WriteOptions = {},
): string {
  const w = new SegmentTextWriter(delims, opts);
  for (const s of segments) w.push(s);
  return w.text();
}

/**
 * The writer copies the common segment (plain ASCII strings) straight into byte blocks of this size, checking for
 * separators in the same pass: no string per element, per segment or per line is made, so a 20,000-claim batch leaves
 * little garbage. The blocks become one string at the end, in one decode (decoding block by block and joining the
 * strings measured twice as slow).
 */
const BLOCK_BYTES = 1 << 18;

/**
 * Byte blocks holding only ASCII → one string. Every encoding reads ASCII the same; Node's Buffer does it in one copy
 * (twice as fast as TextDecoder, measured), and TextDecoder serves where there is no Buffer (a browser).
 */
function asciiText(blocks: Uint8Array[]): string {
  if (typeof Buffer === 'function') return Buffer.concat(blocks).toString('latin1');
  let bytes = blocks[0]!;
  if (blocks.length > 1) {
    bytes = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
    let at = 0;
    for (const b of blocks) {
      bytes.set(b, at);
      at += b.length;
    }
  }
  return new TextDecoder().decode(bytes);
}

/**
 * `writeSegments` one segment at a time (a `SegmentSink`): a builder can write into it directly, so no array of the
 * file's segments is ever held. `count` is the number of segments written so far.
 */
export class SegmentTextWriter {
  count = 0;
  private readonly all: [string, string][];
  private readonly plain: [string, string][];
  private readonly isaSeps: [string, string][];
  private readonly end: string;
  /** segment ids already checked for separators */
  private readonly okIds = new Set<string>();
  /** what was written, in order: full byte blocks, and texts of segments the slow path wrote */
  private readonly parts: Array<Uint8Array | string> = [];
  private buf = new Uint8Array(BLOCK_BYTES);
  private pos = 0;
  /** the fast path's separator codes (-1: not checked there) and the terminator's bytes; fast false when any is not ASCII */
  private readonly fast: boolean;
  private readonly eCode: number;
  private readonly sCode: number;
  private readonly cCode: number;
  private readonly rCode: number;
  private readonly endCodes: number[];

  constructor(
    private readonly delims: Delimiters,
    opts: WriteOptions = {},
  ) {
    this.all = [
      ['element separator', delims.element],
      ['segment terminator', delims.segment],
      ['component separator', delims.component],
      ['repetition separator', delims.repetition],
    ];
    this.plain = opts.strict ? this.all : this.all.slice(0, 2);
    this.isaSeps = this.all.slice(0, 2);
    this.end = opts.lineBreak ? `${delims.segment}\n` : delims.segment;
    const code = (sep: string) => (sep.length === 1 ? sep.charCodeAt(0) : -1);
    this.eCode = code(delims.element);
    this.sCode = code(delims.segment);
    this.cCode = opts.strict ? code(delims.component) : -1;
    this.rCode = opts.strict ? code(delims.repetition) : -1;
    this.endCodes = Array.from(this.end, (c) => c.charCodeAt(0));
    const ascii = (sep: string) => sep.length <= 1 && (sep === '' || sep.charCodeAt(0) < 0x80);
    this.fast =
      delims.element.length === 1 &&
      delims.segment.length === 1 &&
      this.plain.every(([, sep]) => ascii(sep)) &&
      this.endCodes.every((c) => c < 0x80);
  }

  push(s: Segment | WritableSegment): void {
    const index = ++this.count;
    if (!this.okIds.has(s.id)) {
      check(s.id, this.all, index, s.id, 0);
      this.okIds.add(s.id);
    }
    if (s.id === 'ISA' || !this.fast || !this.copyPlain(s)) this.pushText(this.slowLine(s, index) + this.end);
  }

  /** The text written so far (every segment followed by the terminator). */
  text(): string {
    this.endBlock();
    let text = '';
    for (let i = 0; i < this.parts.length; ) {
      const part = this.parts[i]!;
      if (typeof part === 'string') {
        text += part;
        i++;
        continue;
      }
      let j = i;
      while (j < this.parts.length && typeof this.parts[j] !== 'string') j++;
      text += asciiText(this.parts.slice(i, j) as Uint8Array[]);
      i = j;
    }
    this.parts.splice(0, this.parts.length, text);
    return text;
  }

  /** Close the byte block being written (a new one is started when needed). */
  private endBlock(): void {
    if (this.pos === 0) return;
    this.parts.push(this.buf.subarray(0, this.pos));
    this.buf =
      this.buf.length - this.pos >= BLOCK_BYTES / 4 ? this.buf.subarray(this.pos) : new Uint8Array(BLOCK_BYTES);
    this.pos = 0;
  }

  private pushText(text: string): void {
    this.endBlock();
    this.parts.push(text);
  }

  /**
   * The common case, copied into the byte buffer: every element a plain ASCII string holding no separator it must not
   * hold, trailing empty elements dropped. False (nothing written) when the slow path must decide: composites given as
   * arrays, a character outside ASCII, or a separator inside data (which the slow path reports).
   */
  private copyPlain(s: Segment | WritableSegment): boolean {
    const els = s.elements;
    const id = s.id;
    let n = els.length;
    while (n > 0 && els[n - 1] === '') n--;
    let size = id.length + n + this.endCodes.length;
    for (let i = 0; i < n; i++) {
      const v = els[i];
      if (typeof v !== 'string') return false;
      size += v.length;
    }
    if (size > BLOCK_BYTES) return false;
    if (this.pos + size > this.buf.length) {
      this.endBlock();
      if (size > this.buf.length) this.buf = new Uint8Array(BLOCK_BYTES);
    }
    const buf = this.buf;
    const { eCode, sCode, cCode, rCode } = this;
    let p = this.pos;
    for (let k = 0; k < id.length; k++) {
      const c = id.charCodeAt(k);
      if (c >= 0x80) return false;
      buf[p++] = c;
    }
    for (let i = 0; i < n; i++) {
      buf[p++] = eCode;
      const v = els[i] as string;
      for (let k = 0; k < v.length; k++) {
        const c = v.charCodeAt(k);
        if (c >= 0x80 || c === eCode || c === sCode || c === cCode || c === rCode) return false;
        buf[p++] = c;
      }
    }
    const end = this.endCodes;
    for (let k = 0; k < end.length; k++) buf[p++] = end[k]!;
    this.pos = p;
    return true;
  }

  private slowLine(s: Segment | WritableSegment, index: number): string {
    const isa = s.id === 'ISA';
    const els = s.elements;
    const { delims, all } = this;
    let line = s.id;
    let pending = ''; // element separators owed before the next non-empty value (trailing empties are dropped)
    for (let i = 0; i < els.length; i++) {
      const value = elementText(els[i]!, isa ? this.isaSeps : this.plain, all, delims, index, s.id, i + 1);
      pending += delims.element;
      if (value !== '' || isa) {
        line += pending + value;
        pending = '';
      }
    }
    return line;
  }
}

function elementText(
  el: WriteElement,
  plain: [string, string][],
  all: [string, string][],
  delims: Delimiters,
  index: number,
  id: string,
  e: number,
): string {
  if (typeof el === 'string') {
    check(el, plain, index, id, e);
    return el;
  }
  if (el.length > 0 && Array.isArray(el[0])) {
    const reps = (el as readonly (readonly string[])[]).map((r) => joinComponents(r, all, delims, index, id, e));
    return trimEnd(reps).join(delims.repetition);
  }
  return joinComponents(el as readonly string[], all, delims, index, id, e);
}

function joinComponents(
  comps: readonly string[],
  seps: [string, string][],
  delims: Delimiters,
  index: number,
  id: string,
  e: number,
): string {
  comps.forEach((c, k) => {
    check(c, seps, index, id, e, k + 1);
  });
  return trimEnd([...comps]).join(delims.component);
}
