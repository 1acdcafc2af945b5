/** 2300 claim, 2310 providers, 2320/2330 other subscribers and 2400/2430 lines as segments. */
import type { Delimiters, Segment } from '../../syntax/types.ts';
import type {
  Adjustment,
  Amount,
  Attachment,
  Claim837,
  ClaimKind,
  DateValue,
  LineAdjudication,
  Note,
  OtherSubscriber,
  PayerResponsibility,
  Procedure,
  ClaimLine,
} from './claim-model.ts';
import { writeAddress, writeName, writePartyInto, writeRefs } from './common/party.ts';
import { composite, formatCents, formatDecimal, pushAll, seg } from './common/values.ts';
import { writeHealthCodes } from './health-codes.ts';
import { healthCodesInGuideOrder, inLoopOrder, refsInGuideOrder } from './guide-order.ts';

export function dateFormat(value: string): string {
  if (value.includes('-')) return 'RD8';
  if (value.length === 12) return 'DT';
  if (value.length === 4) return 'TM';
  return 'D8';
}

export function writeDates(dates: readonly DateValue[] | undefined): Segment[] {
  return (dates ?? []).map((x) => seg('DTP', x.qualifier, x.format ?? dateFormat(x.value), x.value));
}

function writeAttachments(as: readonly Attachment[] | undefined): Segment[] {
  return (as ?? []).map((a) =>
    seg(
      'PWK',
      a.reportType,
      a.transmission,
      undefined,
      undefined,
      a.controlNumber === undefined ? undefined : 'AC',
      a.controlNumber,
    ),
  );
}

export function writeAmounts(amounts: readonly Amount[] | undefined): Segment[] {
  return (amounts ?? []).map((a) => seg('AMT', a.qualifier, formatCents(a.amount)));
}

function writeNotes(notes: readonly Note[] | undefined): Segment[] {
  return (notes ?? []).map((n) => seg('NTE', n.code, n.text));
}

export function writeAdjustments(adjs: readonly Adjustment[] | undefined): Segment[] {
  return (adjs ?? []).map((a) =>
    seg(
      'CAS',
      a.group,
      ...a.items.flatMap((i) => [
        i.reason,
        formatCents(i.amount),
        i.quantity === undefined ? undefined : formatDecimal(i.quantity),
      ]),
    ),
  );
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

/** Append the segments of one 2300 claim (and its 2310/2320/2400 loops) to `out`. */
export function buildClaim(kind: ClaimKind, c: Claim837, d: Delimiters, out: Segment[]): void {
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
  pushAll(out, writeDates(c.dates));
  if (c.institutional) {
    const i = c.institutional;
    out.push(seg('CL1', i.admissionType, i.admissionSource, i.patientStatus));
  }
  pushAll(out, writeAttachments(c.attachments));
  pushAll(out, writeAmounts(c.amounts));
  const refs = [...(c.refs ?? [])];
  if (c.priorAuthorization !== undefined) refs.unshift({ qualifier: 'G1', value: c.priorAuthorization });
  if (c.originalReference !== undefined) refs.unshift({ qualifier: 'F8', value: c.originalReference });
  pushAll(out, writeRefs(refsInGuideOrder(kind, 'claim', refs)));
  pushAll(out, writeNotes(c.notes));
  pushAll(out, writeHealthCodes(kind, healthCodesInGuideOrder(kind, c.healthInfo), d));
  for (const p of inLoopOrder(kind, 'claim', c.providers)) writePartyInto(out, p.entityCode, p);
  for (const o of c.otherSubscribers ?? []) buildOtherSubscriber(o, out);
  for (let i = 0; i < c.lines.length; i++) buildLine(kind, c.lines[i]!, i + 1, d, out);
}

function buildOtherSubscriber(o: OtherSubscriber, out: Segment[]): void {
  out.push(writeSbr(o.sbr));
  pushAll(out, writeAdjustments(o.adjustments));
  if (o.payerPaid !== undefined) out.push(seg('AMT', 'D', formatCents(o.payerPaid)));
  pushAll(out, writeAmounts(o.amounts));
  out.push(seg('OI', undefined, undefined, o.benefitsAssigned, o.patientSignatureSource, undefined, o.releaseOfInfo));
  writePartyInto(out, 'IL', o.subscriber);
  const p = o.payer;
  out.push(writeName('PR', p.name));
  if (p.address) pushAll(out, writeAddress(p.address));
  pushAll(out, writeDates(o.payerDates));
  pushAll(out, writeRefs(p.refs));
}

function buildLine(kind: ClaimKind, l: ClaimLine, n: number, d: Delimiters, out: Segment[]): void {
  out.push(seg('LX', String(n)));
  const qty = formatDecimal(l.quantity);
  if (kind === 'professional') {
    const ptr = (l.diagnosisPointers ?? []).map(String);
    out.push(
      seg(
        'SV1',
        writeProcedure(l.procedure, d),
        formatCents(l.charge),
        l.unit,
        qty,
        l.placeOfService,
        undefined,
        composite(d, ...ptr),
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
  pushAll(out, writeAttachments(l.attachments));
  pushAll(out, writeDates(l.dates));
  const refs = [...(l.refs ?? [])];
  if (l.controlNumber !== undefined) refs.unshift({ qualifier: '6R', value: l.controlNumber });
  pushAll(out, writeRefs(refsInGuideOrder(kind, 'line', refs)));
  pushAll(out, writeAmounts(l.amounts));
  pushAll(out, writeNotes(l.notes));
  if (l.drug) {
    const g = l.drug;
    out.push(
      seg('LIN', undefined, g.qualifier, g.ndc),
      seg('CTP', undefined, undefined, undefined, formatDecimal(g.quantity), g.unit),
    );
    pushAll(out, writeRefs(g.refs));
  }
  for (const p of inLoopOrder(kind, 'line', l.providers)) writePartyInto(out, p.entityCode, p);
  for (const a of l.adjudications ?? []) buildAdjudication(a, d, out);
}

function buildAdjudication(a: LineAdjudication, d: Delimiters, out: Segment[]): void {
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
  pushAll(out, writeAdjustments(a.adjustments));
  pushAll(out, writeDates(a.dates));
  pushAll(out, writeAmounts(a.amounts));
}
