import type { Delimiters, Segment, X12Issue } from './types.ts';
import { SegmentScanner } from './scanner.ts';

export interface TokenizeResult {
  /** separators of the first interchange, or null when no ISA could be read */
  delimiters: Delimiters | null;
  segments: Segment[];
  issues: X12Issue[];
}

/**
 * Split X12 text into segments. The separators are read from the (fixed-width) ISA; a UTF-8 BOM,
 * leading whitespace and CR/LF/indentation after terminators are skipped. Never throws on bad input:
 * problems come back as positioned issues.
 */
export function tokenize(text: string, opts: { file?: string } = {}): TokenizeResult {
  const scanner = new SegmentScanner(opts.file);
  const segments: Segment[] = [];
  scanner.push(text, segments);
  scanner.end(segments);
  return { delimiters: scanner.delimiters, segments, issues: scanner.issues };
}

/**
 * Streaming tokenizer: an async iterable of segment batches (one batch per input chunk, possibly
 * empty batches are skipped). Memory holds only the unfinished tail, so it is flat in file size.
 * `issues` and `delimiters` fill in while iterating.
 */
export class SegmentStream implements AsyncIterable<Segment[]> {
  private readonly scanner: SegmentScanner;
  constructor(
    private readonly chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
    opts: { file?: string } = {},
  ) {
    this.scanner = new SegmentScanner(opts.file);
  }

  get issues(): X12Issue[] {
    return this.scanner.issues;
  }

  get delimiters(): Delimiters | null {
    return this.scanner.delimiters;
  }

  /** Separators of the interchange being read now. */
  get activeDelimiters(): Delimiters | null {
    return this.scanner.active;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Segment[]> {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    for await (const chunk of this.chunks) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      const out: Segment[] = [];
      this.scanner.push(text, out);
      if (out.length) yield out;
    }
    const out: Segment[] = [];
    const rest = decoder.decode();
    if (rest) this.scanner.push(rest, out);
    this.scanner.end(out);
    if (out.length) yield out;
  }

  /** Iterate segment by segment (slower than batches; convenient for small inputs). */
  async *segments(): AsyncGenerator<Segment> {
    for await (const batch of this) yield* batch;
  }
}

/** Streaming tokenizer (see `SegmentStream`): `for await (const batch of tokenizeStream(chunks))`. */
export function tokenizeStream(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  opts: { file?: string } = {},
): SegmentStream {
  return new SegmentStream(chunks, opts);
}
