import { allTransactions, readEnvelopes } from '../syntax/envelope.ts';
import { tokenize } from '../syntax/tokenizer.ts';
import { DEFAULT_DELIMITERS, type Delimiters, type Segment, type X12Issue } from '../syntax/types.ts';
import type { Ack999, AckStatus, ElementErrorAck, GroupAck, SegmentErrorAck, TransactionSetAck } from './ack-types.ts';

const el = (s: Segment, n: number): string => s.elements[n - 1] ?? '';
const num = (v: string): number => (/^\d+$/.test(v) ? Number(v) : 0);
const rest = (s: Segment, from: number): string[] => s.elements.slice(from - 1).filter((v) => v !== '');

function ik4(s: Segment, d: Delimiters): ElementErrorAck {
  const [pos = '', comp = '', rep = ''] = el(s, 1).split(d.component);
  const e: ElementErrorAck = { position: num(pos), code: el(s, 3) };
  if (comp) e.component = num(comp);
  if (rep) e.repetition = num(rep);
  if (el(s, 2)) e.reference = el(s, 2);
  if (el(s, 4)) e.badData = el(s, 4);
  return e;
}

function ik3(s: Segment): SegmentErrorAck {
  const e: SegmentErrorAck = { segmentId: el(s, 1), position: num(el(s, 2)), code: el(s, 4), elements: [] };
  if (el(s, 3)) e.loop = el(s, 3);
  return e;
}

/** Read the AK1 … AK9 body of one 999 transaction set into a GroupAck. */
export function read999Body(body: readonly Segment[], d: Delimiters = DEFAULT_DELIMITERS): GroupAck {
  const g: GroupAck = {
    functionalId: '',
    groupControlNumber: '',
    transactions: [],
    status: 'R',
    included: 0,
    received: 0,
    accepted: 0,
    errorCodes: [],
  };
  let tx: TransactionSetAck | null = null;
  let seg: SegmentErrorAck | null = null;
  for (const s of body) {
    switch (s.id) {
      case 'AK1':
        g.functionalId = el(s, 1);
        g.groupControlNumber = el(s, 2);
        if (el(s, 3)) g.version = el(s, 3);
        break;
      case 'AK2':
        tx = { st01: el(s, 1), controlNumber: el(s, 2), segmentErrors: [], status: 'R', errorCodes: [] };
        if (el(s, 3)) tx.version = el(s, 3);
        g.transactions.push(tx);
        seg = null;
        break;
      case 'IK3':
        seg = ik3(s);
        tx?.segmentErrors.push(seg);
        break;
      case 'IK4':
        seg?.elements.push(ik4(s, d));
        break;
      case 'IK5':
        if (tx) {
          tx.status = el(s, 1) as AckStatus;
          tx.errorCodes = rest(s, 2);
        }
        tx = seg = null;
        break;
      case 'AK9':
        g.status = el(s, 1) as AckStatus;
        g.included = num(el(s, 2));
        g.received = num(el(s, 3));
        g.accepted = num(el(s, 4));
        g.errorCodes = rest(s, 5);
        break;
      default:
        break; // CTX and unknown segments carry context only
    }
  }
  return g;
}

export interface Read999Result {
  acks: Ack999[];
  issues: X12Issue[];
}

/** Read every 999 transaction set of an X12 text into typed acknowledgments. Never throws. */
export function read999(text: string, opts: { file?: string } = {}): Read999Result {
  const tok = tokenize(text, opts);
  const env = readEnvelopes(tok.segments, opts);
  const d = tok.delimiters ?? DEFAULT_DELIMITERS;
  const acks = allTransactions(env)
    .filter((t) => t.st01 === '999')
    .map((t) => ({
      controlNumber: t.controlNumber,
      group: read999Body(t.segments.slice(1, t.se ? -1 : undefined), d),
    }));
  return { acks, issues: [...tok.issues, ...env.issues] };
}

/** Registry reader (transactions/registry.ts): one 999 transaction set, ST … SE, into a GroupAck. */
export function read999Transaction(
  segments: Segment[],
  ctx: { delimiters?: Delimiters },
): { value: GroupAck; issues: X12Issue[] } {
  const body = segments.filter((s) => s.id !== 'ST' && s.id !== 'SE');
  return { value: read999Body(body, ctx.delimiters ?? DEFAULT_DELIMITERS), issues: [] };
}
