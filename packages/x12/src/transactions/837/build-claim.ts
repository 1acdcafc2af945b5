/**
 * 2300 claim, 2310 providers, 2320/2330 other subscribers and 2400/2430 lines as segments, written straight into a
 * sink (an array, or a text writer that turns each segment into text as it comes: no temporary arrays per loop).
 */
import type { Delimiters, Segment, SegmentSink } from '../../syntax/types.ts';
import type {
  Adjustment,
  Amount,
  Attachment,
  Claim837,
  ClaimKind,
  ClaimLine,
  DateValue,
  LineAdjudication,
  Note,
  OtherSubscriber,
  PayerResponsibility,
  Procedure,
  Reference,
} from './claim-model.ts';
import { writeAddressInto, writeName, writePartyInto, writeRefsInto } from '../common/party.ts';
import { composite, formatCents, formatDecimal, seg } from '../common/values.ts';
import { healthCodesInGuideOrder, inLoopOrder, refsInGuideOrder } from './guide-order.ts';
import { writeHealthCodesInto } from './health-codes.ts';

export function dateFormat(value: string): string {
  if (value.includes('-')) return 'RD8';
  if (value.length === 12) return 'DT';
  if (value.length === 4) return 'TM';
  return 'D8';
}

export function writeDates(dates: readonly DateValue[] | undefined): Segment[] {
  const out: Segment[] = [];
  writeDatesInto(out, dates);
  return out;
}

function writeDatesInto(out: SegmentSink, dates: readonly DateValue[] | undefined): void {
  if (dates) for (const x of dates) out.push(seg('DTP', x.qualifier, x.format ?? dateFormat(x.value), x.value));
}

function writeAttachmentsInto(out: SegmentSink, as: readonly Attachment[] | undefined): void {
  if (!as) return;
  for (const a of as) {
    const ac = a.controlNumber === undefined ? undefined : 'AC';
    out.push(seg('PWK', a.reportType, a.transmission, undefined, undefined, ac, a.controlNumber));
  }
}

export function writeAmounts(amounts: readonly Amount[] | undefined): Segment[] {
  const out: Segment[] = [];
  writeAmountsInto(out, amounts);
  return out;
}

function writeAmountsInto(out: SegmentSink, amounts: readonly Amount[] | undefined): void {
  if (amounts) for (const a of amounts) out.push(seg('AMT', a.qualifier, formatCents(a.amount)));
}

function writeNotesInto(out: SegmentSink, notes: readonly Note[] | undefined): void {
  if (notes) for (const n of notes) out.push(seg('NTE', n.code, n.text));
}

export function writeAdjustments(adjs: readonly Adjustment[] | undefined): Segment[] {
  const out: Segment[] = [];
  writeAdjustmentsInto(out, adjs);
  return out;
}

function writeAdjustmentsInto(out: SegmentSink, adjs: readonly Adjustment[] | undefined): void {
  if (!adjs) return;
  for (const a of adjs) {
    const els: Array<string | undefined> = [a.group];
    for (const i of a.items)
      els.push(i.reason, formatCents(i.amount), i.quantity === undefined ? undefined : formatDecimal(i.quantity));
    out.push(seg('CAS', ...els));
  }
}

export function writeSbr(s: PayerResponsibility): Segment {
  return seg(
    'SBR',
    s.responsibility,
    s.relationship,
    s.groupNumber,
    s.groupName,
    s.insuranceType,
    undefined,
    undefined,
    undefined,
    s.claimFilingCode,
  );
}

export function writeProcedure(p: Procedure | undefined, d: Delimiters): string | undefined {
  if (!p) return undefined;
  const m = p.modifiers ?? [];
  return composite(d, p.qualifier, p.code, m[0], m[1], m[2], m[3], p.description);
}

/** REF*G1/F8 (claim) or REF*6R (line) first, then the other REFs, in guide order. */
function writeRefsWith(
  out: SegmentSink,
  kind: ClaimKind,
  level: 'claim' | 'line',
  first: readonly Reference[],
  refs: readonly Reference[] | undefined,
): void {
  if (first.length === 0 && !refs?.length) return;
  writeRefsInto(out, refsInGuideOrder(kind, level, refs?.length ? [...first, ...refs] : first));
}

/** Append the segments of one 2300 claim (and its 2310/2320/2400 loops) to `out`. */
export function buildClaim(kind: ClaimKind, c: Claim837, d: Delimiters, out: SegmentSink): void {
  const causes = c.relatedCauses ?? [];
  const related =
    causes.length || c.accidentState ? composite(d, causes[0], causes[1], causes[2], c.accidentState) : undefined;
  out.push(
    seg(
      'CLM',
      c.id,
      formatCents(c.totalCharge),
      undefined,
      undefined,
      composite(d, c.facilityCode, c.facilityQualifier, c.frequency),
      c.providerSignature,
      c.assignment,
      c.benefitsAssigned,
      c.releaseOfInfo,
      c.patientSignatureSource,
      related,
      c.specialProgram,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      c.delayReason,
    ),
  );
  writeDatesInto(out, c.dates);
  if (c.institutional) {
    const i = c.institutional;
    out.push(seg('CL1', i.admissionType, i.admissionSource, i.patientStatus));
  }
  writeAttachmentsInto(out, c.attachments);
  writeAmountsInto(out, c.amounts);
  const first: Reference[] = [];
  if (c.originalReference !== undefined) first.push({ qualifier: 'F8', value: c.originalReference });
  if (c.priorAuthorization !== undefined) first.push({ qualifier: 'G1', value: c.priorAuthorization });
  writeRefsWith(out, kind, 'claim', first, c.refs);
  writeNotesInto(out, c.notes);
  writeHealthCodesInto(out, kind, healthCodesInGuideOrder(kind, c.healthInfo), d);
  if (c.providers) for (const p of inLoopOrder(kind, 'claim', c.providers)) writePartyInto(out, p.entityCode, p);
  if (c.otherSubscribers) for (const o of c.otherSubscribers) buildOtherSubscriber(o, out);
  for (let i = 0; i < c.lines.length; i++) buildLine(kind, c.lines[i]!, i + 1, d, out);
}

function buildOtherSubscriber(o: OtherSubscriber, out: SegmentSink): void {
  out.push(writeSbr(o.sbr));
  writeAdjustmentsInto(out, o.adjustments);
  if (o.payerPaid !== undefined) out.push(seg('AMT', 'D', formatCents(o.payerPaid)));
  writeAmountsInto(out, o.amounts);
  out.push(seg('OI', undefined, undefined, o.benefitsAssigned, o.patientSignatureSource, undefined, o.releaseOfInfo));
  writePartyInto(out, 'IL', o.subscriber);
  const p = o.payer;
  out.push(writeName('PR', p.name));
  if (p.address) writeAddressInto(out, p.address);
  writeDatesInto(out, o.payerDates);
  writeRefsInto(out, p.refs);
}

/** SV1 pointers as one composite ('1:2:3'). */
function pointers(ptrs: readonly number[] | undefined, d: Delimiters): string | undefined {
  if (!ptrs || ptrs.length === 0) return undefined;
  if (ptrs.length === 1) return String(ptrs[0]);
  return composite(d, ...ptrs.map(String));
}

function buildLine(kind: ClaimKind, l: ClaimLine, n: number, d: Delimiters, out: SegmentSink): void {
  out.push(seg('LX', String(n)));
  const qty = formatDecimal(l.quantity);
  if (kind === 'professional') {
    out.push(
      seg(
        'SV1',
        writeProcedure(l.procedure, d),
        formatCents(l.charge),
        l.unit,
        qty,
        l.placeOfService,
        undefined,
        pointers(l.diagnosisPointers, d),
        undefined,
        l.emergency,
        undefined,
        l.epsdt,
        l.familyPlanning,
      ),
    );
  } else {
    const nonCovered = l.nonCoveredCharge === undefined ? undefined : formatCents(l.nonCoveredCharge);
    out.push(
      seg(
        'SV2',
        l.revenueCode,
        writeProcedure(l.procedure, d),
        formatCents(l.charge),
        l.unit,
        qty,
        undefined,
        nonCovered,
      ),
    );
  }
  writeAttachmentsInto(out, l.attachments);
  writeDatesInto(out, l.dates);
  const first: Reference[] = l.controlNumber === undefined ? [] : [{ qualifier: '6R', value: l.controlNumber }];
  writeRefsWith(out, kind, 'line', first, l.refs);
  writeAmountsInto(out, l.amounts);
  writeNotesInto(out, l.notes);
  if (l.drug) {
    const g = l.drug;
    out.push(seg('LIN', undefined, g.qualifier, g.ndc));
    out.push(seg('CTP', undefined, undefined, undefined, formatDecimal(g.quantity), g.unit));
    writeRefsInto(out, g.refs);
  }
  if (l.providers) for (const p of inLoopOrder(kind, 'line', l.providers)) writePartyInto(out, p.entityCode, p);
  if (l.adjudications) for (const a of l.adjudications) buildAdjudication(a, d, out);
}

function buildAdjudication(a: LineAdjudication, d: Delimiters, out: SegmentSink): void {
  const bundled = a.bundledLine === undefined ? undefined : String(a.bundledLine);
  out.push(
    seg(
      'SVD',
      a.payerId,
      formatCents(a.paid),
      writeProcedure(a.procedure, d),
      a.revenueCode,
      formatDecimal(a.paidUnits),
      bundled,
    ),
  );
  writeAdjustmentsInto(out, a.adjustments);
  writeDatesInto(out, a.dates);
  writeAmountsInto(out, a.amounts);
}
