/** build270 / build271: typed eligibility transaction → ST..SE segments (HL numbering included). */
import { pushAll } from '../../syntax/push-all.ts';
import { DEFAULT_DELIMITERS, type Delimiters, type Segment } from '../../syntax/types.ts';
import { writeDates, writeProcedure } from '../837/build-claim.ts';
import { HlNumberer } from '../common/hl-tree.ts';
import {
  writeAddress,
  writeContact,
  writeDemographics,
  writeName,
  writeParty,
  writeRefs,
  writeSpecialty,
} from '../common/party.ts';
import { formatCents, formatDecimal, seg } from '../common/values.ts';
import {
  ELIGIBILITY_VERSION,
  type Benefit,
  type EligibilityTransaction,
  type Member,
  type Rejection,
  type ServiceInquiry,
  type Subscriber,
  type Trace,
} from './eligibility-model.ts';

export interface BuildEligibilityOptions {
  /** separators; the repetition separator joins EQ01/EB03 service types (falls back to '^' when none) */
  delimiters?: Delimiters;
}

type Kind = '270' | '271';

export function build270(tx: EligibilityTransaction, opts: BuildEligibilityOptions = {}): Segment[] {
  return buildEligibility('270', tx, opts.delimiters ?? DEFAULT_DELIMITERS);
}

export function build271(tx: EligibilityTransaction, opts: BuildEligibilityOptions = {}): Segment[] {
  return buildEligibility('271', tx, opts.delimiters ?? DEFAULT_DELIMITERS);
}

export function writeRejections(rs: readonly Rejection[] | undefined): Segment[] {
  return (rs ?? []).map((r) => seg('AAA', r.valid, undefined, r.reason, r.followUp));
}

export function writeTraces(ts: readonly Trace[] | undefined): Segment[] {
  return (ts ?? []).map((t) => seg('TRN', t.type, t.reference, t.originatorId, t.supplementalId));
}

function buildEligibility(kind: Kind, tx: EligibilityTransaction, d: Delimiters): Segment[] {
  const h = tx.header;
  const out: Segment[] = [
    seg('ST', kind, tx.controlNumber, ELIGIBILITY_VERSION),
    seg('BHT', '0022', h.purpose, h.referenceId, h.date, h.time, h.transactionType),
  ];
  const hl = new HlNumberer();
  for (const src of tx.sources) {
    const a = hl.open(undefined, '20', src.receivers.length > 0);
    out.push(a.segment, ...writeParty(src.sourceCode, src.source), ...writeRejections(src.rejections));
    for (const rcv of src.receivers) {
      const b = hl.open(a.id, '21', rcv.subscribers.length > 0);
      out.push(b.segment, ...writeMemberParty(rcv.receiverCode, { member: rcv.receiver, rejections: rcv.rejections }));
      for (const sub of rcv.subscribers) pushAll(out, buildSubscriber(kind, sub, b.id, hl, d));
    }
  }
  out.push(seg('SE', String(out.length + 1), tx.controlNumber));
  return out;
}

function buildSubscriber(kind: Kind, sub: Subscriber, parent: string, hl: HlNumberer, d: Delimiters): Segment[] {
  const deps = sub.dependents ?? [];
  const c = hl.open(parent, '22', deps.length > 0);
  const out = [c.segment, ...buildMember(kind, 'IL', sub, d)];
  for (const dep of deps) out.push(hl.open(c.id, '23', false).segment, ...buildMember(kind, '03', dep, d));
  return out;
}

/** 2100 order: NM1, REF, N3, N4, AAA, PRV, DMG, INS, DTP. */
function writeMemberParty(
  code: string,
  m: Pick<Member, 'member' | 'rejections' | 'relationship' | 'dates'>,
): Segment[] {
  const p = m.member;
  const ins = m.relationship;
  return [
    writeName(code, p.name),
    ...writeRefs(p.refs),
    ...(p.address ? writeAddress(p.address) : []),
    ...(p.contacts ?? []).map(writeContact),
    ...writeRejections(m.rejections),
    ...writeSpecialty(p.specialty),
    ...writeDemographics(p.demographics),
    ...(ins ? [seg('INS', ins.insured, ins.relationship, ins.maintenanceType, ins.maintenanceReason)] : []),
    ...writeDates(m.dates),
  ];
}

function buildMember(kind: Kind, code: string, m: Member, d: Delimiters): Segment[] {
  const out = [...writeTraces(m.traces), ...writeMemberParty(code, m)];
  if (kind === '270') for (const q of m.inquiries ?? []) pushAll(out, writeInquiry(q, d));
  else for (const b of m.benefits ?? []) pushAll(out, writeBenefit(b, d));
  return out;
}

function writeInquiry(q: ServiceInquiry, d: Delimiters): Segment[] {
  return [
    seg('EQ', q.serviceTypes.join(d.repetition || '^'), writeProcedure(q.procedure, d), q.coverageLevel),
    ...writeDates(q.dates),
  ];
}

function writeBenefit(b: Benefit, d: Delimiters): Segment[] {
  const out: Segment[] = [
    seg(
      'EB',
      b.code,
      b.coverageLevel,
      (b.serviceTypes ?? []).join(d.repetition || '^'),
      b.insuranceType,
      b.planDescription,
      b.timePeriod,
      b.amount === undefined ? undefined : formatCents(b.amount),
      b.percent === undefined ? undefined : formatDecimal(b.percent),
      b.quantityQualifier,
      b.quantity === undefined ? undefined : formatDecimal(b.quantity),
      b.authorizationRequired,
      b.inNetwork,
      writeProcedure(b.procedure, d),
    ),
    ...writeRefs(b.refs),
    ...writeDates(b.dates),
    ...writeRejections(b.rejections),
    ...(b.messages ?? []).map((m) => seg('MSG', m)),
  ];
  if (b.relatedEntities?.length) {
    out.push(seg('LS', '2120'));
    for (const e of b.relatedEntities) pushAll(out, writeParty(e.entityCode, e));
    out.push(seg('LE', '2120'));
  }
  return out;
}
