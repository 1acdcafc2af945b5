/** The 835 readers: whole transaction (`read835`) and streaming claim by claim (`stream835`). */
import type { Delimiters, Segment, X12Issue } from '../../syntax/types.ts';
import { DEFAULT_DELIMITERS } from '../../syntax/types.ts';
import { EnvelopeChecker } from '../../syntax/envelope-checker.ts';
import { SegmentStream } from '../../syntax/tokenizer.ts';
import { pushAll } from '../../syntax/push-all.ts';
import type { ClaimPayment, HeaderNumber, Remittance835 } from './model.ts';
import { Remit835Builder } from './remit-builder.ts';

export interface Read835Context {
  file?: string;
  delimiters?: Delimiters;
}

/**
 * Read one 835 transaction set (the segments from ST to SE) into typed loops, with balancing checks
 * (service line, claim, and whole payment) reported as issues.
 */
export function read835(
  segments: readonly Segment[],
  ctx: Read835Context = {},
): { value: Remittance835; issues: X12Issue[] } {
  const st = segments[0];
  const builder = new Remit835Builder(st?.id === 'ST' ? (st.elements[1] ?? '') : '', {
    delims: ctx.delimiters ?? DEFAULT_DELIMITERS,
    ...(ctx.file !== undefined ? { file: ctx.file } : {}),
  });
  let se: Segment | undefined;
  for (const seg of segments) {
    if (seg.id === 'SE') se = seg;
    builder.accept(seg);
  }
  return { value: builder.finish(se), issues: builder.issues };
}

/** What the streaming reader yields: every claim as its loop closes, and each finished transaction. */
export type Remit835Event =
  | { kind: 'claim'; claim: ClaimPayment; header: HeaderNumber; transactionControlNumber: string }
  | { kind: 'transaction'; remittance: Remittance835 };

/**
 * Stream an 835 file claim by claim. Claims are not kept (`remittance.headers[].claims` stays empty),
 * so memory is flat in file size. Envelope, syntax and balancing issues collect in `issues`.
 * Events come in batches (one per input chunk) for speed.
 */
export class Remit835Stream implements AsyncIterable<Remit835Event[]> {
  readonly issues: X12Issue[] = [];
  private readonly segments: SegmentStream;

  constructor(
    chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
    private readonly opts: { file?: string } = {},
  ) {
    this.segments = new SegmentStream(chunks, opts);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Remit835Event[]> {
    const envelope = new EnvelopeChecker(this.opts.file);
    let builder: Remit835Builder | null = null;
    let out: Remit835Event[] = [];
    const onClaim = (claim: ClaimPayment, header: HeaderNumber) => {
      out.push({ kind: 'claim', claim, header, transactionControlNumber: builder?.remit.controlNumber ?? '' });
    };
    for await (const batch of this.segments) {
      for (const seg of batch) {
        const role = envelope.accept(seg);
        if (role === 'body') {
          builder?.accept(seg);
        } else if (role === 'st') {
          builder = new Remit835Builder(seg.elements[1] ?? '', {
            delims: this.segments.activeDelimiters ?? DEFAULT_DELIMITERS,
            issues: this.issues,
            retainClaims: false,
            onClaim,
            ...(this.opts.file !== undefined ? { file: this.opts.file } : {}),
          });
          builder.accept(seg); // the ST positions end-of-input issues of a transaction cut short after it
        } else if (role === 'se' && builder) {
          out.push({ kind: 'transaction', remittance: builder.finish(seg) });
          builder = null;
        }
      }
      if (out.length) {
        yield out;
        out = [];
      }
    }
    if (builder) out.push({ kind: 'transaction', remittance: builder.finish() });
    envelope.end();
    const own = this.issues.splice(0); // tokenizer issues first, then this reader's, then the envelope's
    for (const list of [this.segments.issues, own, envelope.issues]) pushAll(this.issues, list);
    if (out.length) yield out;
  }
}

export function stream835(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  opts: { file?: string } = {},
): Remit835Stream {
  return new Remit835Stream(chunks, opts);
}
