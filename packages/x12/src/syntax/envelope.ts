import type { Segment, X12Issue } from './types.ts';
import { EnvelopeChecker } from './envelope-checker.ts';

export { EnvelopeChecker, ENVELOPE_CODES, type EnvelopeRole } from './envelope-checker.ts';
export {
  buildInterchange,
  interchangeSegments,
  type InterchangeSpec,
  type GroupSpec,
  type TransactionSpec,
  type Party as InterchangeParty,
} from './envelope-writer.ts';

/** One ST..SE transaction set; `segments` runs from ST to SE inclusive. */
export interface TransactionEnvelope {
  st01: string;
  controlNumber: string;
  /** ST03 when present, else the group's GS08 */
  version: string;
  segments: Segment[];
  st: Segment;
  se?: Segment;
}

export interface GroupEnvelope {
  functionalId: string;
  appSender: string;
  appReceiver: string;
  date: string;
  time: string;
  controlNumber: string;
  version: string;
  gs: Segment;
  ge?: Segment;
  transactions: TransactionEnvelope[];
}

export interface InterchangeEnvelope {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  date: string;
  time: string;
  version: string;
  controlNumber: string;
  ackRequested: string;
  usage: string;
  isa: Segment;
  iea?: Segment;
  /** TA1 acknowledgments carried directly in the interchange */
  ta1: Segment[];
  groups: GroupEnvelope[];
}

export interface EnvelopeResult {
  interchanges: InterchangeEnvelope[];
  issues: X12Issue[];
}

const el = (s: Segment, n: number) => s.elements[n - 1] ?? '';

function interchangeOf(isa: Segment): InterchangeEnvelope {
  return {
    senderQualifier: el(isa, 5),
    senderId: el(isa, 6).trim(),
    receiverQualifier: el(isa, 7),
    receiverId: el(isa, 8).trim(),
    date: el(isa, 9),
    time: el(isa, 10),
    version: el(isa, 12),
    controlNumber: el(isa, 13),
    ackRequested: el(isa, 14),
    usage: el(isa, 15),
    isa,
    ta1: [],
    groups: [],
  };
}

function groupOf(gs: Segment): GroupEnvelope {
  return {
    functionalId: el(gs, 1),
    appSender: el(gs, 2),
    appReceiver: el(gs, 3),
    date: el(gs, 4),
    time: el(gs, 5),
    controlNumber: el(gs, 6),
    version: el(gs, 8),
    gs,
    transactions: [],
  };
}

/**
 * Read the ISA/GS/ST envelopes of tokenized segments, checking control numbers and counts.
 * Broken nesting is reported as issues; the tree holds whatever could be read.
 */
export function readEnvelopes(segments: readonly Segment[], opts: { file?: string } = {}): EnvelopeResult {
  const checker = new EnvelopeChecker(opts.file);
  const interchanges: InterchangeEnvelope[] = [];
  let ic: InterchangeEnvelope | null = null;
  let group: GroupEnvelope | null = null;
  let tx: TransactionEnvelope | null = null;
  for (const seg of segments) {
    const role = checker.accept(seg);
    switch (role) {
      case 'isa':
        ic = interchangeOf(seg);
        interchanges.push(ic);
        group = tx = null;
        break;
      case 'gs':
        group = groupOf(seg);
        ic?.groups.push(group);
        tx = null;
        break;
      case 'st':
        tx = {
          st01: el(seg, 1),
          controlNumber: el(seg, 2),
          version: el(seg, 3) || group?.version || '',
          segments: [seg],
          st: seg,
        };
        group?.transactions.push(tx);
        break;
      case 'body':
        tx?.segments.push(seg);
        break;
      case 'se':
        if (tx) {
          tx.segments.push(seg);
          tx.se = seg;
        }
        tx = null;
        break;
      case 'ge':
        if (group) group.ge = seg;
        group = tx = null;
        break;
      case 'iea':
        if (ic) ic.iea = seg;
        ic = group = tx = null;
        break;
      case 'ta1':
        ic?.ta1.push(seg);
        break;
      case 'stray':
        break;
    }
  }
  checker.end();
  return { interchanges, issues: checker.issues };
}

/** Every transaction of every group of every interchange, in file order. */
export function allTransactions(result: EnvelopeResult): TransactionEnvelope[] {
  return result.interchanges.flatMap((i) => i.groups.flatMap((g) => g.transactions));
}
