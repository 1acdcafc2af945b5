import type { ValidateFileResult } from '../guides/validate.ts';
import { buildInterchange } from '../syntax/envelope.ts';
import type { Party } from '../syntax/envelope-writer.ts';
import { DEFAULT_DELIMITERS, type Delimiters, type Segment } from '../syntax/types.ts';
import { copyValue, groupAcks } from './ack-from-validation.ts';
import type { GroupAck } from './ack-types.ts';

export const ACK_999_VERSION = '005010X231A1';

/** The AK1 … AK9 body (no ST/SE) of the 999 transaction set acknowledging one group. */
export function ack999Body(g: GroupAck, delims: Delimiters = DEFAULT_DELIMITERS): Segment[] {
  const out: Segment[] = [{ id: 'AK1', elements: [g.functionalId, g.groupControlNumber, g.version ?? ''] }];
  for (const t of g.transactions) {
    out.push({ id: 'AK2', elements: [t.st01, t.controlNumber, t.version ?? ''] });
    for (const s of t.segmentErrors) {
      out.push({ id: 'IK3', elements: [s.segmentId, String(s.position), s.loop ?? '', s.code] });
      for (const e of s.elements) {
        const pos = [
          String(e.position),
          e.component !== undefined ? String(e.component) : '',
          e.repetition !== undefined ? String(e.repetition) : '',
        ];
        while (pos.length > 1 && pos[pos.length - 1] === '') pos.pop();
        out.push({ id: 'IK4', elements: [pos.join(delims.component), e.reference ?? '', e.code, e.badData ?? ''] });
      }
    }
    out.push({ id: 'IK5', elements: [t.status, ...t.errorCodes] });
  }
  out.push({
    id: 'AK9',
    elements: [g.status, String(g.included), String(g.received), String(g.accepted), ...g.errorCodes],
  });
  return out;
}

export interface AckEnvelopeOptions {
  /** ISA13 of the acknowledgment interchange (1-9 digits) */
  controlNumber: string;
  /** GS06; defaults to controlNumber */
  groupControlNumber?: string;
  /** ST02 of the first 999 (following ones add 1); defaults to '0001' */
  firstTransactionControlNumber?: string;
  /** creation date CCYYMMDD and time HHMM (passed in: no clock in this package) */
  date: string;
  time: string;
  /** defaults: the receiver / sender of the acknowledged interchange, swapped */
  sender?: Party;
  receiver?: Party;
  usage?: 'P' | 'T';
  delimiters?: Delimiters;
  lineBreak?: boolean;
}

/** A party copied from the received ISA, made safe to write back (2-char qualifier, 1-15 char id). */
export function copyParty(qualifier: string | undefined, id: string | undefined, fallback: string): Party {
  const q = (qualifier ?? '').replace(/[^A-Z0-9]/gi, '');
  const i = copyValue(id ?? '')
    .trim()
    .slice(0, 15);
  return { qualifier: q.length === 2 ? q : 'ZZ', id: i || fallback };
}

/** Serialize 999 transaction sets (one per acknowledged group) in their own interchange. */
export function write999(
  groups: readonly GroupAck[],
  opts: AckEnvelopeOptions & { appSender?: string; appReceiver?: string },
): string {
  const first = Number(opts.firstTransactionControlNumber ?? '1');
  const delims = opts.delimiters ?? DEFAULT_DELIMITERS;
  return buildInterchange(
    {
      sender: opts.sender ?? 'MEDBILL',
      receiver: opts.receiver ?? 'SENDER',
      controlNumber: opts.controlNumber,
      date: opts.date,
      time: opts.time,
      usage: opts.usage ?? 'P',
      groups: [
        {
          functionalId: 'FA',
          appSender: opts.appSender ?? 'MEDBILL',
          appReceiver: opts.appReceiver ?? 'SENDER',
          controlNumber: opts.groupControlNumber ?? String(Number(opts.controlNumber)),
          version: ACK_999_VERSION,
          transactions: groups.map((g, i) => ({
            id: '999',
            controlNumber: String(first + i).padStart(4, '0'),
            body: ack999Body(g, delims),
          })),
        },
      ],
    },
    delims,
    { lineBreak: opts.lineBreak },
  );
}

/**
 * Build the 999 for a validated file: AK1/AK2 per group and transaction, IK3/IK4 for every positioned
 * problem, IK5 and AK9 statuses. Returns null when the file held no functional group to acknowledge.
 */
export function build999(result: ValidateFileResult, opts: AckEnvelopeOptions): string | null {
  const groups = groupAcks(result);
  if (groups.length === 0) return null;
  const ic = result.interchanges[0];
  const isa = ic.isa.elements;
  const g = ic.groups[0];
  return write999(groups, {
    ...opts,
    sender: opts.sender ?? copyParty(isa[6], isa[7], 'MEDBILL'),
    receiver: opts.receiver ?? copyParty(isa[4], isa[5], 'SENDER'),
    usage: opts.usage ?? (isa[14] === 'T' ? 'T' : 'P'),
    appSender: copyValue(g?.appReceiver ?? '').trim() || 'MEDBILL',
    appReceiver: copyValue(g?.appSender ?? '').trim() || 'SENDER',
  });
}
