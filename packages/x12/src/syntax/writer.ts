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
 * Segment texts are joined into one chunk once they reach this many characters: the strings waiting for their join
 * stay few (the scavenger copies whatever is alive), and the chunks are joined once at the end. 32K measured
 * faster than 8K (more chunks) and 128K (more pending strings).
 */
const CHUNK_CHARS = 1 << 15;

/**
 * `writeSegments` one segment at a time (a `SegmentSink`): a builder can write into it directly, so no array of
 * the file's segments is ever held. `count` is the number of segments written so far.
 */
export class SegmentTextWriter {
  count = 0;
  private readonly all: [string, string][];
  private readonly plain: [string, string][];
  private readonly isaSeps: [string, string][];
  private readonly end: string;
  private readonly e: string;
  private readonly eCode: number;
  /** segment ids already checked for separators */
  private readonly okIds = new Set<string>();
  private lines: string[] = [];
  private pending = 0;
  private readonly chunks: string[] = [];

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
    this.e = delims.element;
    this.eCode = delims.element.charCodeAt(0);
  }

  push(s: Segment | WritableSegment): void {
    const index = ++this.count;
    if (!this.okIds.has(s.id)) {
      check(s.id, this.all, index, s.id, 0);
      this.okIds.add(s.id);
    }
    const body = s.id === 'ISA' ? undefined : this.fastBody(s);
    const line = body === undefined ? this.slowLine(s, index) : body === '' ? s.id : s.id + this.e + body;
    this.lines.push(line);
    this.pending += line.length + this.end.length;
    if (this.pending >= CHUNK_CHARS) this.flush();
  }

  /** The text written so far (every segment followed by the terminator). */
  text(): string {
    this.flush();
    return this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('');
  }

  private flush(): void {
    if (this.lines.length === 0) return;
    this.lines.push('');
    this.chunks.push(this.lines.join(this.end));
    this.lines = [];
    this.pending = 0;
  }

  /**
   * The elements of the common case in one join: plain strings, none holding a separator (checked on the joined
   * text: it must hold exactly one element separator between elements and no other separator). '' when there is no
   * element to write; undefined when the slow path must decide (composites given as arrays, or a separator inside
   * data, which it reports).
   */
  private fastBody(s: Segment | WritableSegment): string | undefined {
    const els = s.elements;
    let n = els.length;
    while (n > 0 && els[n - 1] === '') n--;
    if (n === 0) return '';
    for (let i = 0; i < n; i++) if (typeof els[i] !== 'string') return undefined;
    const body = (n === els.length ? (els as readonly string[]) : (els as readonly string[]).slice(0, n)).join(this.e);
    let seps = 0;
    for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) === this.eCode) seps++;
    if (seps !== n - 1) return undefined;
    for (let k = 1; k < this.plain.length; k++) {
      const sep = this.plain[k]![1];
      if (sep && body.indexOf(sep) >= 0) return undefined;
    }
    return body;
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
