/**
 * build835: the typed remittance (the reader's model in model.ts) → the ST..SE segments of one 835
 * (005010X221A1). The inverse of `read835`: building then reading gives an equal model.
 * Money is integer cents, written as X12 decimals ('123.45', '100').
 */
import { pushAll } from '../../syntax/push-all.ts';
import { DEFAULT_DELIMITERS, type Delimiters, type Segment } from '../../syntax/types.ts';
import { writeContact, writeName as writeNm1, writeRefs as writeSharedRefs } from '../common/party.ts';
import { composite, formatCents, formatDecimal, seg } from '../common/values.ts';
import type {
  Adjustment,
  AmountValue,
  ClaimPayment,
  Contact,
  DateValue,
  HeaderNumber,
  RemitParty,
  Payment,
  CodedName,
  Procedure,
  ProviderAdjustment,
  QuantityValue,
  Reference,
  Remittance835,
  ServicePayment,
} from './model.ts';

export const REMIT_835_VERSION = '005010X221A1';

export interface Build835Options {
  /** separators used inside composites (SVC01, PLB03); default * : ^ ~ */
  delimiters?: Delimiters;
}

const money = (c: number | undefined): string | undefined => (c === undefined ? undefined : formatCents(c));
const num = (n: number | undefined): string | undefined => (n === undefined ? undefined : formatDecimal(n));

/** The whole transaction set, ST through SE (SE01 counts both). Pure; never throws for a well-typed model. */
export function build835(remit: Remittance835, opts: Build835Options = {}): Segment[] {
  const d = opts.delimiters ?? DEFAULT_DELIMITERS;
  const out: Segment[] = [seg('ST', '835', remit.controlNumber, REMIT_835_VERSION)];
  if (remit.payment) out.push(writePayment(remit.payment));
  const t = remit.trace;
  if (t) out.push(seg('TRN', t.type, t.checkOrEftNumber, t.originatorId, t.originatorSupplemental));
  if (remit.currency) out.push(seg('CUR', remit.currency.entity, remit.currency.code));
  pushAll(out, writeRefs(remit.references));
  if (remit.productionDate !== undefined) out.push(seg('DTM', '405', remit.productionDate));
  if (remit.payer) pushAll(out, writeParty(remit.payer));
  if (remit.payee) pushAll(out, writeParty(remit.payee));
  for (const h of remit.headers) pushAll(out, writeHeader(h, d));
  for (const p of remit.providerAdjustments) pushAll(out, writePlb(p, d));
  out.push(seg('SE', String(out.length + 1), remit.controlNumber));
  return out;
}

function writePayment(p: Payment): Segment {
  const s = p.senderAccount;
  const r = p.receiverAccount;
  return seg(
    'BPR',
    p.handlingCode,
    formatCents(p.total),
    p.creditDebit,
    p.method,
    p.format,
    s?.dfiQualifier,
    s?.dfiId,
    s?.accountQualifier,
    s?.account,
    p.originatorCompanyId,
    undefined,
    r?.dfiQualifier,
    r?.dfiId,
    r?.accountQualifier,
    r?.account,
    p.date,
  );
}

export function writeRefs(refs: readonly Reference[] | undefined): Segment[] {
  return writeSharedRefs(refs);
}

function writeDates(dates: readonly DateValue[]): Segment[] {
  return dates.map((x) => seg('DTM', x.qualifier, x.date));
}

function writeContacts(contacts: readonly Contact[] | undefined): Segment[] {
  return (contacts ?? []).map(writeContact);
}

function writeAmounts(amounts: readonly AmountValue[]): Segment[] {
  return amounts.map((a) => seg('AMT', a.qualifier, formatCents(a.amount)));
}

function writeQuantities(qs: readonly QuantityValue[]): Segment[] {
  return qs.map((q) => seg('QTY', q.qualifier, formatDecimal(q.quantity)));
}

/** 1000A / 1000B: N1 with N3, N4 (each only when it has a value), REF, PER and (payee) RDM. */
function writeParty(p: RemitParty): Segment[] {
  const n = p.name;
  const out: Segment[] = [seg('N1', p.entityCode, n.lastName, n.idQualifier, n.id)];
  const a = p.address;
  if (a) {
    if (a.line1 || a.line2) out.push(seg('N3', a.line1, a.line2));
    if (a.city || a.state || a.postalCode || a.countryCode)
      out.push(seg('N4', a.city, a.state, a.postalCode, a.countryCode));
  }
  for (const list of [writeRefs(p.refs), writeContacts(p.contacts)]) pushAll(out, list);
  const m = p.deliveryMethod;
  if (m) out.push(seg('RDM', m.method, m.name, m.communication));
  return out;
}

function writeHeader(h: HeaderNumber, d: Delimiters): Segment[] {
  const out: Segment[] = [];
  if (h.number !== '') out.push(seg('LX', h.number));
  if (h.providerSummary) out.push(seg('TS3', ...h.providerSummary));
  if (h.supplementalSummary) out.push(seg('TS2', ...h.supplementalSummary));
  for (const c of h.claims) pushAll(out, writeClaim(c, d));
  return out;
}

/**
 * CAS segments: consecutive adjustments of one group share a segment (at most six triplets each), so
 * the order of the adjustments survives a round trip.
 */
export function writeCas(adjs: readonly Adjustment[]): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  while (i < adjs.length) {
    const group = adjs[i].group;
    const items: Array<string | undefined> = [];
    let n = 0;
    for (; i < adjs.length && adjs[i].group === group && n < 6; i++, n++) {
      const a = adjs[i];
      items.push(a.reason, formatCents(a.amount), num(a.quantity));
    }
    out.push(seg('CAS', group, ...items));
  }
  return out;
}

function writeName(p: CodedName | undefined): Segment[] {
  return p ? [writeNm1(p.entityCode, p)] : [];
}

function writeClaim(c: ClaimPayment, d: Delimiters): Segment[] {
  const out: Segment[] = [
    seg(
      'CLP',
      c.patientControlNumber,
      c.status,
      formatCents(c.charge),
      formatCents(c.paid),
      money(c.patientResponsibility),
      c.filingIndicator,
      c.payerClaimControlNumber,
      c.facilityType,
      c.frequency,
      undefined,
      c.drg,
      num(c.drgWeight),
      num(c.dischargeFraction),
    ),
    ...writeCas(c.adjustments),
  ];
  for (const p of [
    c.patient,
    c.insured,
    c.correctedPatient,
    c.serviceProvider,
    c.crossoverCarrier,
    c.priorityPayer,
    c.otherSubscriber,
  ]) {
    pushAll(out, writeName(p));
  }
  if (c.inpatient) out.push(seg('MIA', ...c.inpatient.values));
  const o = c.outpatient;
  if (o) {
    const r = o.remarks;
    out.push(
      seg(
        'MOA',
        num(o.reimbursementRate),
        money(o.hcpcsPayable),
        r[0],
        r[1],
        r[2],
        r[3],
        r[4],
        money(o.esrdPayment),
        money(o.nonPayableProfessional),
      ),
    );
  }
  for (const list of [
    writeRefs(c.references),
    writeDates(c.dates),
    writeContacts(c.contacts),
    writeAmounts(c.amounts),
    writeQuantities(c.quantities),
  ])
    pushAll(out, list);
  for (const s of c.services) pushAll(out, writeService(s, d));
  return out;
}

export function writeProcedure(p: Procedure, d: Delimiters): string {
  const m = p.modifiers;
  return composite(d, p.qualifier, p.code, m[0], m[1], m[2], m[3], p.description);
}

function writeService(s: ServicePayment, d: Delimiters): Segment[] {
  return [
    seg(
      'SVC',
      writeProcedure(s.procedure, d),
      formatCents(s.charge),
      formatCents(s.paid),
      s.revenueCode,
      num(s.units),
      s.submittedProcedure ? writeProcedure(s.submittedProcedure, d) : undefined,
      num(s.submittedUnits),
    ),
    ...writeDates(s.dates),
    ...writeCas(s.adjustments),
    ...writeRefs(s.references),
    ...writeAmounts(s.amounts),
    ...writeQuantities(s.quantities),
    ...s.remarks.map((r) => seg('LQ', r.qualifier, r.code)),
  ];
}

/** PLB: at most six reason/amount pairs per segment; longer lists continue in further PLB segments. */
function writePlb(p: ProviderAdjustment, d: Delimiters): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < p.items.length; i += 6) {
    const pairs = p.items
      .slice(i, i + 6)
      .flatMap((it) => [composite(d, it.reason, it.reference), formatCents(it.amount)]);
    out.push(seg('PLB', p.providerId, p.fiscalPeriodDate, ...pairs));
  }
  return out;
}
