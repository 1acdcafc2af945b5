import type { Delimiters, Segment, SegmentSink } from './types.ts';
import { syntaxIssue } from './issues.ts';
import { SegmentTextWriter, X12WriteError } from './writer.ts';

/** An interchange party: a bare id means qualifier 'ZZ' (mutually defined). */
export type Party = string | { qualifier: string; id: string };

export interface TransactionSpec {
  controlNumber: string;
  /** ST01; defaults from the group's functional id (HC → 837, HP → 835, ...) */
  id?: string;
  /**
   * The transaction body without ST and SE, or a function that writes it segment by segment into `out` (then
   * `buildInterchange` turns each segment into text as it comes and no array of the body is held).
   */
  body: Segment[] | ((out: SegmentSink) => void);
  /** leave ST03 out (the 835 guide makes it situational and payers' 835s carry none); GS08 still names the version */
  omitVersion?: boolean;
}

export interface GroupSpec {
  functionalId: string;
  appSender: string;
  appReceiver: string;
  controlNumber: string;
  version: string; // GS08 and ST03, e.g. '005010X222A1'
  transactions: TransactionSpec[];
}

export interface InterchangeSpec {
  sender: Party;
  receiver: Party;
  controlNumber: string; // up to 9 digits; zero-padded into ISA13
  /** creation date: a Date (UTC parts used) or 'CCYYMMDD' */
  date: Date | string;
  /** 'HHMM'; taken from `date` when it is a Date, else '0000' */
  time?: string;
  usage: 'P' | 'T';
  ackRequested?: '0' | '1';
  groups: GroupSpec[];
}

const ST01_BY_FUNCTIONAL_ID: Record<string, string> = {
  HC: '837',
  HP: '835',
  HS: '270',
  HB: '271',
  HR: '276',
  HN: '277',
  FA: '999',
};

function invalid(message: string, segmentId: string, element: number): never {
  throw new X12WriteError(syntaxIssue('ENVELOPE_INVALID', message, { segmentId, element }));
}

function dateParts(date: Date | string, time?: string): { ccyymmdd: string; hhmm: string } {
  if (typeof date === 'string') {
    if (!/^\d{8}$/.test(date)) invalid(`date ${JSON.stringify(date)} is not CCYYMMDD`, 'GS', 4);
    return { ccyymmdd: date, hhmm: time ?? '0000' };
  }
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const ccyymmdd = `${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}`;
  return { ccyymmdd, hhmm: time ?? `${p(date.getUTCHours())}${p(date.getUTCMinutes())}` };
}

function party(p: Party): { qualifier: string; id: string } {
  const v = typeof p === 'string' ? { qualifier: 'ZZ', id: p } : p;
  if (v.id.length > 15) invalid(`interchange id ${JSON.stringify(v.id)} is longer than 15 characters`, 'ISA', 6);
  return v;
}

/** The segments of a whole interchange: ISA, GS, ST, body, SE, GE, IEA with correct counts. */
export function interchangeSegments(spec: InterchangeSpec, delims: Delimiters): Segment[] {
  const out: Segment[] = [];
  writeInterchange(spec, delims, out, () => out.length);
  return out;
}

/** Write the interchange into `out`; `written()` counts the segments `out` holds so far (for SE01). */
function writeInterchange(spec: InterchangeSpec, delims: Delimiters, out: SegmentSink, written: () => number): void {
  if (!/^\d{1,9}$/.test(spec.controlNumber)) invalid('the interchange control number must be 1-9 digits', 'ISA', 13);
  const { ccyymmdd, hhmm } = dateParts(spec.date, spec.time);
  if (!/^\d{4}$/.test(hhmm)) invalid(`time ${JSON.stringify(hhmm)} is not HHMM`, 'GS', 5);
  const s = party(spec.sender);
  const r = party(spec.receiver);
  const isa13 = spec.controlNumber.padStart(9, '0');
  out.push({
    id: 'ISA',
    elements: [
      '00',
      ' '.repeat(10),
      '00',
      ' '.repeat(10),
      s.qualifier,
      s.id.padEnd(15),
      r.qualifier,
      r.id.padEnd(15),
      ccyymmdd.slice(2),
      hhmm,
      delims.repetition || 'U',
      '00501',
      isa13,
      spec.ackRequested ?? '0',
      spec.usage,
      delims.component,
    ],
  });
  for (const g of spec.groups) {
    if (!/^\d{1,9}$/.test(g.controlNumber)) invalid('the group control number must be 1-9 digits', 'GS', 6);
    out.push({
      id: 'GS',
      elements: [g.functionalId, g.appSender, g.appReceiver, ccyymmdd, hhmm, g.controlNumber, 'X', g.version],
    });
    for (const t of g.transactions) {
      const st01 = t.id ?? ST01_BY_FUNCTIONAL_ID[g.functionalId];
      if (!st01) invalid(`no transaction set id for functional id ${g.functionalId}; give TransactionSpec.id`, 'ST', 1);
      if (!/^\d{4,9}$/.test(t.controlNumber)) invalid('the transaction control number must be 4-9 digits', 'ST', 2);
      out.push({ id: 'ST', elements: t.omitVersion ? [st01, t.controlNumber] : [st01, t.controlNumber, g.version] });
      const before = written();
      if (typeof t.body === 'function') t.body(out);
      else for (const b of t.body) out.push(b);
      out.push({ id: 'SE', elements: [String(written() - before + 2), t.controlNumber] });
    }
    out.push({ id: 'GE', elements: [String(g.transactions.length), g.controlNumber] });
  }
  out.push({ id: 'IEA', elements: [String(spec.groups.length), isa13] });
}

/**
 * Wrap transaction bodies in ISA/GS/ST envelopes and serialize them. Throws `X12WriteError` (typed,
 * with an issue naming segment and element) on bad control numbers or separator-bearing data.
 */
export function buildInterchange(
  spec: InterchangeSpec,
  delims: Delimiters,
  opts: { lineBreak?: boolean } = {},
): string {
  const w = new SegmentTextWriter(delims, opts);
  writeInterchange(spec, delims, w, () => w.count);
  return w.text();
}
