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
  const all: [string, string][] = [
    ['element separator', delims.element],
    ['segment terminator', delims.segment],
    ['component separator', delims.component],
    ['repetition separator', delims.repetition],
  ];
  const plain = opts.strict ? all : all.slice(0, 2);
  const isaSeps = all.slice(0, 2);
  const end = opts.lineBreak ? `${delims.segment}\n` : delims.segment;
  const parts: string[] = [];
  let index = 0;
  for (const s of segments) {
    index++;
    check(s.id, all, index, s.id, 0);
    const isa = s.id === 'ISA';
    const els = s.elements;
    let line = s.id;
    let pending = ''; // element separators owed before the next non-empty value (trailing empties are dropped)
    for (let i = 0; i < els.length; i++) {
      const value = elementText(els[i]!, isa ? isaSeps : plain, all, delims, index, s.id, i + 1);
      pending += delims.element;
      if (value !== '' || isa) {
        line += pending + value;
        pending = '';
      }
    }
    parts.push(line);
  }
  return parts.length ? parts.join(end) + end : '';
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
