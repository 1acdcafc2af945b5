/**
 * A whole 835 file held in a string → its transactions, in one pass: the tokenizer, the envelope checks and the
 * 835 reader run segment by segment, so the file's segments are collected as they are read and only the
 * remittances' model stays in memory. Same result as `tokenize` + `readEnvelopes` + `read835` per transaction, which
 * keep every segment of the file alive at once (for a 50 MB file about 500 MB of heap beside the model, issue 8).
 */
import { EnvelopeChecker } from '../../syntax/envelope-checker.ts';
import { pushAll } from '../../syntax/push-all.ts';
import { SegmentScanner, type SegmentSink } from '../../syntax/scanner.ts';
import { DEFAULT_DELIMITERS, type Delimiters, type Segment, type X12Issue } from '../../syntax/types.ts';
import type { Remittance835 } from './model.ts';
import { Remit835Builder } from './remit-builder.ts';

/** Sees the segments of one transaction set from ST to SE, in order (a content hash, say). */
export interface TransactionSegmentSink {
  push(seg: Segment): void;
}

export interface Read835TextTransaction<S extends TransactionSegmentSink> {
  /** 1-based position of the transaction set in the file (every kind counted, as `readEnvelopes` lists them) */
  index: number;
  st01: string;
  controlNumber: string;
  /** the first interchange's separators with this transaction's interchange's component separator (ISA16) */
  delimiters: Delimiters;
  /** an 835's model (undefined for another kind of transaction) */
  remit?: Remittance835;
  /** the 835 reader's issues of this transaction */
  issues: X12Issue[];
  /** what `segments` made for this 835 transaction */
  sink?: S;
}

export interface Read835TextResult<S extends TransactionSegmentSink> {
  /** tokenizer issues, then envelope issues (the 835 reader's are on each transaction) */
  issues: X12Issue[];
  transactions: Read835TextTransaction<S>[];
}

interface Open<S extends TransactionSegmentSink> {
  tx: Read835TextTransaction<S>;
  builder?: Remit835Builder;
  /** counted: its group sits in an interchange (what `readEnvelopes` keeps in its tree) */
  listed: boolean;
}

/**
 * Read every transaction of an 835 file in one pass. `segments(delimiters)` is asked for a sink per 835 transaction
 * set, which is then shown its segments from ST to SE.
 */
export function read835Text<S extends TransactionSegmentSink>(
  text: string,
  opts: { file?: string; segments?: (delimiters: Delimiters) => S } = {},
): Read835TextResult<S> {
  const scanner = new SegmentScanner(opts.file);
  const reader = new Remit835TextReader<S>(scanner, opts);
  scanner.push(text, reader);
  scanner.end(reader);
  return reader.end();
}

class Remit835TextReader<S extends TransactionSegmentSink> implements SegmentSink {
  private readonly envelope: EnvelopeChecker;
  private readonly transactions: Read835TextTransaction<S>[] = [];
  private open: Open<S> | null = null;
  /** the interchange and group now open, as `readEnvelopes` tracks them */
  private inInterchange = false;
  private groupListed: boolean | null = null;
  private component = '';
  private index = 0;

  constructor(
    private readonly scanner: SegmentScanner,
    private readonly opts: { file?: string; segments?: (delimiters: Delimiters) => S },
  ) {
    this.envelope = new EnvelopeChecker(opts.file);
  }

  push(seg: Segment): void {
    switch (this.envelope.accept(seg)) {
      case 'isa': {
        this.close(undefined);
        this.inInterchange = true;
        this.groupListed = null;
        const isa16 = seg.elements[15] ?? '';
        this.component = isa16.length === 1 ? isa16 : (this.scanner.delimiters ?? DEFAULT_DELIMITERS).component;
        break;
      }
      case 'gs':
        this.close(undefined);
        this.groupListed = this.inInterchange;
        break;
      case 'st':
        this.close(undefined);
        this.start(seg);
        break;
      case 'body':
        if (this.open) this.feed(this.open, seg);
        break;
      case 'se':
        if (this.open) this.feed(this.open, seg);
        this.close(seg);
        break;
      case 'ge':
        this.close(undefined);
        this.groupListed = null;
        break;
      case 'iea':
        this.close(undefined);
        this.inInterchange = false;
        this.groupListed = null;
        break;
      default:
        break;
    }
  }

  private start(st: Segment): void {
    const listed = this.groupListed === true;
    if (listed) this.index++;
    const first = this.scanner.delimiters ?? DEFAULT_DELIMITERS;
    const delimiters = { ...first, component: this.component || first.component };
    const st01 = st.elements[0] ?? '';
    const tx: Read835TextTransaction<S> = {
      index: this.index,
      st01,
      controlNumber: st.elements[1] ?? '',
      delimiters,
      issues: [],
    };
    const open: Open<S> = { tx, listed };
    if (listed && st01 === '835') {
      open.builder = new Remit835Builder(st.elements[1] ?? '', {
        delims: delimiters,
        issues: tx.issues,
        ...(this.opts.file !== undefined ? { file: this.opts.file } : {}),
      });
      if (this.opts.segments) tx.sink = this.opts.segments(delimiters);
    }
    this.open = open;
    this.feed(open, st);
  }

  private feed(open: Open<S>, seg: Segment): void {
    if (!open.builder) return;
    open.builder.accept(seg);
    open.tx.sink?.push(seg);
  }

  /** Finish the open transaction (at its SE, or cut short by an envelope segment or the end of input). */
  private close(se: Segment | undefined): void {
    const open = this.open;
    if (!open) return;
    this.open = null;
    if (!open.listed) return;
    if (open.builder) open.tx.remit = open.builder.finish(se);
    this.transactions.push(open.tx);
  }

  end(): Read835TextResult<S> {
    this.close(undefined);
    this.envelope.end();
    const issues: X12Issue[] = [];
    for (const list of [this.scanner.issues, this.envelope.issues]) pushAll(issues, list);
    return { issues, transactions: this.transactions };
  }
}
