/**
 * build277ca: a claim acknowledgment model → the ST..SE segments of one 277CA (005010X214): information
 * source (HL 20), receiver (21), billing provider (19) and patient (PT) levels with TRN/STC/QTY/AMT/REF/DTP.
 */
import { pushAll } from '../../syntax/push-all.ts';
import { DEFAULT_DELIMITERS, type Delimiters, type Segment } from '../../syntax/types.ts';
import { composite, formatCents, seg } from '../common/values.ts';
import type {
  ClaimAck277,
  ClaimAcknowledgment277,
  EntityName277,
  Status277,
  StatusCode277,
  Totals277,
} from './build-277ca-model.ts';

export * from './build-277ca-model.ts';

export const CLAIM_ACK_277_VERSION = '005010X214';

export interface Build277caOptions {
  delimiters?: Delimiters;
}

/** HL numbering: each call opens the next level under `parent`. */
class Hl {
  private n = 0;
  open(parent: string | undefined, level: string, hasChild: boolean | undefined): { id: string; segment: Segment } {
    const id = String(++this.n);
    return { id, segment: seg('HL', id, parent, level, hasChild === undefined ? undefined : hasChild ? '1' : '0') };
  }
}

/** The whole transaction set, ST through SE. Pure. */
export function build277ca(ack: ClaimAcknowledgment277, opts: Build277caOptions = {}): Segment[] {
  const d = opts.delimiters ?? DEFAULT_DELIMITERS;
  const hl = new Hl();
  const out: Segment[] = [
    seg('ST', '277', ack.controlNumber, CLAIM_ACK_277_VERSION),
    seg('BHT', '0085', '08', ack.referenceId, ack.date, ack.time, 'TH'),
  ];
  const a = hl.open(undefined, '20', true);
  out.push(
    a.segment,
    seg(
      'NM1',
      'PR',
      '2',
      ack.source.name,
      undefined,
      undefined,
      undefined,
      undefined,
      ack.source.idQualifier,
      ack.source.id,
    ),
  );
  out.push(
    seg('TRN', '1', ack.receiptTrace),
    seg('DTP', '050', 'D8', ack.receivedDate),
    seg('DTP', '009', 'D8', ack.processedDate),
  );
  const r = ack.receiver;
  const b = hl.open(a.id, '21', r.providers.length > 0);
  out.push(b.segment, writeName('41', r.name), seg('TRN', '2', r.trace));
  pushAll(
    out,
    r.statuses.map((s) => writeStc(s, d, true)),
  );
  pushAll(out, writeTotals(r.totals, ['90', 'AA']));
  for (const p of r.providers) {
    const c = hl.open(b.id, '19', true);
    out.push(c.segment, writeName('85', p.name), seg('TRN', '1', p.trace));
    pushAll(
      out,
      p.statuses.map((s) => writeStc(s, d, false)),
    );
    if (p.reference) out.push(seg('REF', p.reference.qualifier, p.reference.value));
    pushAll(out, writeTotals(p.totals, ['QA', 'QC']));
    for (const pt of p.patients) {
      const dLevel = hl.open(c.id, 'PT', undefined);
      out.push(dLevel.segment, writeName('QC', pt.name));
      for (const claim of pt.claims) pushAll(out, writeClaim(claim, d));
    }
  }
  out.push(seg('SE', String(out.length + 1), ack.controlNumber));
  return out;
}

function writeName(entity: string, n: EntityName277): Segment {
  return seg(
    'NM1',
    entity,
    n.entityType,
    n.lastName,
    n.firstName,
    n.middleName,
    undefined,
    n.suffix,
    n.idQualifier,
    n.id,
  );
}

function statusComposite(d: Delimiters, s: StatusCode277 | undefined): string | undefined {
  return s ? composite(d, s.category, s.code, s.entity) : undefined;
}

/** STC: the provider level (2200C) does not use STC02 (date); the other levels require it. */
function writeStc(s: Status277, d: Delimiters, withDate: boolean): Segment {
  const more = s.more ?? [];
  return seg(
    'STC',
    statusComposite(d, s.status),
    withDate ? s.date : undefined,
    s.action,
    s.amount === undefined ? undefined : formatCents(s.amount),
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    statusComposite(d, more[0]),
    statusComposite(d, more[1]),
    s.message,
  );
}

function writeTotals(t: Totals277, qty: [accepted: string, rejected: string]): Segment[] {
  const out: Segment[] = [];
  if (t.acceptedCount) out.push(seg('QTY', qty[0], String(t.acceptedCount)));
  if (t.rejectedCount) out.push(seg('QTY', qty[1], String(t.rejectedCount)));
  if (t.acceptedAmount !== undefined && t.acceptedCount) out.push(seg('AMT', 'YU', formatCents(t.acceptedAmount)));
  if (t.rejectedAmount !== undefined && t.rejectedCount) out.push(seg('AMT', 'YY', formatCents(t.rejectedAmount)));
  return out;
}

function writeClaim(c: ClaimAck277, d: Delimiters): Segment[] {
  const out: Segment[] = [seg('TRN', '2', c.patientControlNumber), ...c.statuses.map((s) => writeStc(s, d, true))];
  if (c.payerClaimControlNumber !== undefined) out.push(seg('REF', '1K', c.payerClaimControlNumber));
  if (c.clearinghouseTrace !== undefined) out.push(seg('REF', 'D9', c.clearinghouseTrace));
  if (c.billType !== undefined) out.push(seg('REF', 'BLT', c.billType));
  out.push(seg('DTP', '472', c.serviceDate.includes('-') ? 'RD8' : 'D8', c.serviceDate));
  return out;
}

/** Claim counts and totals of a set of claim acknowledgments (accepted when the first status has action WQ). */
export function totalsOf(claims: readonly ClaimAck277[]): Totals277 {
  const t = { acceptedCount: 0, rejectedCount: 0, acceptedAmount: 0, rejectedAmount: 0 };
  for (const c of claims) {
    const s = c.statuses[0];
    const amount = s?.amount ?? 0;
    if (s?.action === 'WQ') {
      t.acceptedCount++;
      t.acceptedAmount += amount;
    } else {
      t.rejectedCount++;
      t.rejectedAmount += amount;
    }
  }
  return t;
}
