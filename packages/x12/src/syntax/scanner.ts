import type { Delimiters, IssueLocation, SegmentSink, X12Issue } from './types.ts';

export type { SegmentSink } from './types.ts';
import { SYNTAX_CODES, syntaxIssue } from './issues.ts';
import { readIsaHeader } from './isa-header.ts';

const UNKNOWN = -2;
const NONE = -1;
const MAX_ISSUES = 1000;
/** Bound on the shared short-value table (memory stays flat for any input). */
const MAX_SHARED = 1 << 16;

function growCuts(cuts: Int32Array): Int32Array {
  const bigger = new Int32Array(cuts.length * 2);
  bigger.set(cuts);
  return bigger;
}
/** Longest segment the streaming reader buffers (memory bound for files with a wrong terminator). */
export const MAX_SEGMENT = 1 << 20;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function validId(id: string): boolean {
  if (id.length < 2 || id.length > 3) return false;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return false;
  }
  return true;
}

/**
 * Incremental segment scanner shared by `tokenize` (one chunk) and `tokenizeStream` (many chunks).
 * Keeps only the unfinished tail of the input, so memory stays flat for any file size.
 * Offsets are character offsets in the decoded text (equal to bytes for ASCII X12).
 */
export class SegmentScanner {
  delimiters: Delimiters | null = null;
  readonly issues: X12Issue[] = [];
  private buf = '';
  private bufOffset = 0; // absolute offset of buf[0]
  private index = 0; // segments emitted so far
  private line = 1; // line number at absolute offset lfFrom
  private lfFrom = 0;
  private nextLF = UNKNOWN;
  private failed = false;
  private current: Delimiters | null = null; // delimiters of the interchange being read
  private cuts: Int32Array = new Int32Array(64); // element separator positions of the segment being split
  /** 2-3 character values and ids, allocated once: an open-addressing table on their packed characters */
  private sharedKeys = new Int32Array(1024);
  private sharedValues: string[] = new Array<string>(1024);
  private sharedCount = 0;

  constructor(private readonly file?: string) {}

  /** Separators of the interchange being read now (differs from `delimiters` after a second ISA). */
  get active(): Delimiters | null {
    return this.current;
  }

  /** Append text and emit every complete segment into `out` (`active` is current while a segment is pushed). */
  push(text: string, out: SegmentSink): void {
    if (this.failed) return;
    if (this.nextLF === NONE) this.nextLF = UNKNOWN;
    const cut = this.buf.length && this.current ? text.indexOf(this.current.segment) : -1;
    if (cut >= 0) {
      // finish the pending segment with the head of the chunk, then scan the chunk in place
      // (avoids copying every chunk into a new concatenated string)
      this.buf += text.slice(0, cut + 1);
      this.scan(out, false);
      if (this.failed) return;
      text = text.slice(cut + 1);
      if (this.nextLF === NONE) this.nextLF = UNKNOWN;
    }
    this.buf = this.buf.length ? this.buf + text : text;
    this.scan(out, false);
  }

  /** The input is complete: emit the tail. */
  end(out: SegmentSink): void {
    if (this.failed) return;
    this.scan(out, true);
    this.buf = '';
  }

  private lineAt(abs: number): number {
    for (;;) {
      if (this.nextLF === UNKNOWN) {
        const r = this.buf.indexOf('\n', Math.max(0, this.lfFrom - this.bufOffset));
        if (r < 0) {
          this.nextLF = NONE;
          this.lfFrom = this.bufOffset + this.buf.length;
        } else this.nextLF = r + this.bufOffset;
      }
      if (this.nextLF === NONE || this.nextLF >= abs) return this.line;
      this.line++;
      this.lfFrom = this.nextLF + 1;
      this.nextLF = UNKNOWN;
    }
  }

  private where(pos: number): IssueLocation {
    const abs = this.bufOffset + pos;
    const loc: IssueLocation = { offset: abs, line: this.lineAt(abs), segmentIndex: this.index + 1 };
    if (this.file !== undefined) loc.file = this.file;
    return loc;
  }

  private report(issue: X12Issue): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push(issue);
    else if (this.issues.length === MAX_ISSUES) {
      this.issues.push(
        syntaxIssue(
          SYNTAX_CODES.tooManyIssues,
          `more than ${MAX_ISSUES} issues; the rest are not listed`,
          issue.location,
        ),
      );
    }
  }

  private scan(out: SegmentSink, final: boolean): void {
    const buf = this.buf;
    const len = buf.length;
    let pos = 0;
    for (;;) {
      while (pos < len && isSpace(buf.charCodeAt(pos))) pos++;
      if (pos >= len) break;
      const d = this.current;
      const isIsa =
        buf.charCodeAt(pos) === 73 &&
        buf.charCodeAt(pos + 1) === 83 &&
        buf.charCodeAt(pos + 2) === 65 &&
        (pos + 3 >= len || !isAlnum(buf.charCodeAt(pos + 3)));
      if (d === null || isIsa) {
        const next = this.readIsa(pos, final, out);
        if (next < 0) break;
        pos = next;
        continue;
      }
      // one pass over the characters: note the element separators and find the terminator
      const ec = d.element.charCodeAt(0);
      const tc = d.segment.charCodeAt(0);
      let cuts: Int32Array = this.cuts;
      let n = 0;
      let i = pos;
      for (; i < len; i++) {
        const c = buf.charCodeAt(i);
        if (c === ec) {
          if (n === cuts.length) cuts = this.cuts = growCuts(cuts);
          cuts[n++] = i;
        } else if (c === tc) break;
      }
      if (i >= len) {
        if (!final && len - pos > MAX_SEGMENT) {
          // a wrong or missing terminator would otherwise buffer the whole file
          this.report(
            syntaxIssue(
              SYNTAX_CODES.segmentTooLong,
              `no segment terminator ${JSON.stringify(d.segment)} within ${MAX_SEGMENT} characters; reading stopped`,
              this.where(pos),
            ),
          );
          this.failed = true;
          this.buf = '';
          return;
        }
        if (!final) break;
        this.report(
          syntaxIssue(
            SYNTAX_CODES.segmentUnterminated,
            `the last segment has no terminator ${JSON.stringify(d.segment)}`,
            this.where(pos),
            'warning',
          ),
        );
      }
      const start = n > 0 ? cuts[n - 1]! + 1 : pos;
      let stop = i;
      while (stop > start && (buf.charCodeAt(stop - 1) === 13 || buf.charCodeAt(stop - 1) === 10)) stop--;
      if (n === 0 && stop === start) {
        this.report(
          syntaxIssue(
            SYNTAX_CODES.emptySegment,
            'empty segment (two terminators in a row)',
            this.where(pos),
            'warning',
          ),
        );
        pos = i + 1;
        continue;
      }
      const id = n > 0 ? this.piece(buf, pos, cuts[0]!) : this.piece(buf, pos, stop);
      // exact-size element array (a pushed array keeps 17 slots), short values shared
      const elements: string[] = new Array<string>(n);
      for (let k = 1; k < n; k++) elements[k - 1] = this.piece(buf, cuts[k - 1]! + 1, cuts[k]!);
      if (n > 0) elements[n - 1] = this.piece(buf, start, stop);
      this.emit(id, elements, pos, out);
      pos = i + 1;
    }
    if (pos > len) pos = len;
    this.lineAt(this.bufOffset + pos);
    this.bufOffset += pos;
    this.buf = pos === 0 ? buf : buf.slice(pos);
  }

  /**
   * buf[from, to) as a string. Values of 2-3 characters (segment ids, qualifiers, codes) repeat all over a file:
   * they are allocated once and shared, which keeps a tokenized file small (fewer objects for the GC to copy).
   */
  private piece(buf: string, from: number, to: number): string {
    const n = to - from;
    if (n < 2 || n > 3) return n === 0 ? '' : buf.slice(from, to);
    const a = buf.charCodeAt(from);
    const b = buf.charCodeAt(from + 1);
    const c = n === 3 ? buf.charCodeAt(from + 2) : 0;
    if ((a | b | c) > 0xff) return buf.slice(from, to);
    const key = (n << 24) | (a << 16) | (b << 8) | c;
    let keys = this.sharedKeys;
    let mask = keys.length - 1;
    let i = Math.imul(key, 0x9e3779b1) >>> 0;
    for (;;) {
      i &= mask;
      const k = keys[i]!;
      if (k === key) return this.sharedValues[i]!;
      if (k === 0) break;
      i++;
    }
    const v = buf.slice(from, to);
    if (this.sharedCount >= MAX_SHARED) return v;
    if (2 * (this.sharedCount + 1) > keys.length) {
      this.growShared();
      keys = this.sharedKeys;
      mask = keys.length - 1;
      i = Math.imul(key, 0x9e3779b1) >>> 0;
      while (keys[(i &= mask)] !== 0) i++;
    }
    keys[i] = key;
    this.sharedValues[i] = v;
    this.sharedCount++;
    return v;
  }

  private growShared(): void {
    const oldKeys = this.sharedKeys;
    const oldValues = this.sharedValues;
    const keys = new Int32Array(oldKeys.length * 2);
    const values = new Array<string>(keys.length);
    const mask = keys.length - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const key = oldKeys[j]!;
      if (key === 0) continue;
      let i = Math.imul(key, 0x9e3779b1) >>> 0;
      while (keys[(i &= mask)] !== 0) i++;
      keys[i] = key;
      values[i] = oldValues[j]!;
    }
    this.sharedKeys = keys;
    this.sharedValues = values;
  }

  /** Returns the position after the ISA, or -1 to wait for more input / stop. */
  private readIsa(pos: number, final: boolean, out: SegmentSink): number {
    const where = () => this.where(pos);
    if (this.buf.charCodeAt(pos) !== 73 || this.buf.charCodeAt(pos + 1) !== 83 || this.buf.charCodeAt(pos + 2) !== 65) {
      if (!final && this.buf.length - pos < 3) return -1;
      this.report(
        syntaxIssue(SYNTAX_CODES.isaMissing, 'the input does not start with an ISA segment', where(), 'error', {
          expected: 'ISA',
          found: JSON.stringify(this.buf.slice(pos, pos + 3)),
        }),
      );
      this.failed = true;
      return -1;
    }
    const r = readIsaHeader(this.buf, pos, final, where());
    if (r.kind === 'need-more') return -1;
    if (r.kind === 'bad') {
      this.report(r.issue);
      if (this.current === null) {
        this.failed = true;
        return -1;
      }
      return this.plainIsa(pos, final, out);
    }
    for (const i of r.issues) this.report(i);
    this.current = r.delimiters;
    if (this.delimiters === null) this.delimiters = r.delimiters;
    const abs = this.bufOffset + pos;
    out.push({ id: 'ISA', elements: r.elements, loc: { offset: abs, line: this.lineAt(abs), index: ++this.index } });
    return r.end;
  }

  /** A broken ISA inside a file: read it as an ordinary segment with the current delimiters. */
  private plainIsa(pos: number, final: boolean, out: SegmentSink): number {
    const d = this.current as Delimiters;
    let end = this.buf.indexOf(d.segment, pos);
    if (end < 0) {
      if (!final) return -1;
      end = this.buf.length;
    }
    const parts = this.buf.slice(pos, end).split(d.element);
    this.emit(parts[0], parts.slice(1), pos, out);
    return end + 1;
  }

  private emit(id: string, elements: string[], pos: number, out: SegmentSink): void {
    const abs = this.bufOffset + pos;
    const loc = { offset: abs, line: this.lineAt(abs), index: ++this.index };
    if (!validId(id)) {
      this.report(
        syntaxIssue(
          SYNTAX_CODES.segmentIdInvalid,
          `${JSON.stringify(id.slice(0, 20))} is not a segment identifier (2-3 capital letters or digits)`,
          {
            ...(this.file !== undefined ? { file: this.file } : {}),
            offset: abs,
            line: loc.line,
            segmentIndex: loc.index,
          },
        ),
      );
    }
    out.push({ id, elements, loc });
  }
}
