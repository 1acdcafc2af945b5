/** Read one 2300 claim (with 2310, 2320/2330 and 2400/2430) from a cursor positioned at CLM. */
import { pushAll } from '../../syntax/push-all.ts';
import type { Delimiters, Segment } from '../../syntax/types.ts';
import type {
  Adjustment,
  Amount,
  Attachment,
  Claim837,
  ClaimKind,
  ClaimProvider,
  DateValue,
  DrugIdentification,
  HealthCode,
  LineAdjudication,
  Note,
  OtherSubscriber,
  PayerResponsibility,
  Procedure,
  Reference,
  ClaimLine,
} from './claim-model.ts';
import type { Cursor } from './common/cursor.ts';
import type { IssueSink } from './common/issues.ts';
import { compact, readParty, type Party } from './common/party.ts';
import { centsAt, centsReq, decimalAt } from './common/read-values.ts';
import { comps, el, opt } from './common/values.ts';
import { dateFormat } from './build-claim.ts';
import { healthCodesInGuideOrder, inLoopOrder, refsInGuideOrder } from './guide-order.ts';
import { readHealthCodes } from './health-codes.ts';

export interface ReadCtx {
  kind: ClaimKind;
  d: Delimiters;
  sink: IssueSink;
  /** CLM segment of each claim read, for issue locations */
  clmOf: Map<Claim837, Segment>;
}

export function readDate(s: Segment): DateValue {
  const value = el(s, 3);
  const format = el(s, 2);
  return format === dateFormat(value) ? { qualifier: el(s, 1), value } : { qualifier: el(s, 1), value, format };
}

function readAttachment(s: Segment): Attachment {
  return compact({ reportType: el(s, 1), transmission: el(s, 2), controlNumber: opt(s, 6) });
}

export function readAdjustment(s: Segment, sink: IssueSink): Adjustment {
  const items: Adjustment['items'] = [];
  for (let n = 2; n <= 17; n += 3) {
    if (el(s, n) === '' && el(s, n + 1) === '') continue;
    items.push(compact({ reason: el(s, n), amount: centsReq(s, n + 1, sink), quantity: decimalAt(s, n + 2, sink) }));
  }
  return { group: el(s, 1), items };
}

export function readSbr(s: Segment): PayerResponsibility {
  return compact({
    responsibility: el(s, 1),
    relationship: opt(s, 2),
    groupNumber: opt(s, 3),
    groupName: opt(s, 4),
    insuranceType: opt(s, 5),
    claimFilingCode: opt(s, 9),
  });
}

export function readProcedure(value: string, d: Delimiters): Procedure | undefined {
  if (value === '') return undefined;
  const p = comps(value, d);
  const mods = p.slice(2, 6);
  while (mods.length && mods[mods.length - 1] === '') mods.pop();
  return compact({ qualifier: p[0] ?? '', code: p[1] ?? '', modifiers: mods, description: p[6] || undefined });
}

function readAmount(s: Segment, sink: IssueSink): Amount {
  return { qualifier: el(s, 1), amount: centsReq(s, 2, sink) };
}

function readClm(s: Segment, ctx: ReadCtx): Claim837 {
  const f = comps(el(s, 5), ctx.d);
  const rc = comps(el(s, 11), ctx.d);
  return {
    id: el(s, 1),
    totalCharge: centsReq(s, 2, ctx.sink),
    facilityCode: f[0] ?? '',
    facilityQualifier: f[1] ?? '',
    frequency: f[2] ?? '',
    providerSignature: opt(s, 6),
    assignment: opt(s, 7),
    benefitsAssigned: opt(s, 8),
    releaseOfInfo: opt(s, 9),
    patientSignatureSource: opt(s, 10),
    relatedCauses: rc.slice(0, 3).filter((x) => x !== ''),
    accidentState: rc[3] || undefined,
    specialProgram: opt(s, 12),
    delayReason: opt(s, 20),
    healthInfo: [],
    lines: [],
  };
}

const CLAIM_END = new Set(['CLM', 'HL', 'SE']);
/** Segments that end the 2300 (or 2320) segment run: a 2310/2330 name, a 2320 SBR, a 2400 LX, or the claim's end. */
const RUN_END = new Set(['NM1', 'SBR', 'LX', ...CLAIM_END]);

export function readClaim(cur: Cursor, ctx: ReadCtx): Claim837 {
  const clm = cur.next();
  const c = readClm(clm, ctx);
  const dates: DateValue[] = [],
    amounts: Amount[] = [],
    refs: Reference[] = [],
    notes: Note[] = [],
    hi: HealthCode[] = [],
    pwk: Attachment[] = [];
  while (cur.more() && !RUN_END.has(cur.peekId())) {
    const s = cur.next();
    if (s.id === 'DTP') dates.push(readDate(s));
    else if (s.id === 'CL1')
      c.institutional = compact({ admissionType: opt(s, 1), admissionSource: opt(s, 2), patientStatus: opt(s, 3) });
    else if (s.id === 'AMT') amounts.push(readAmount(s, ctx.sink));
    else if (s.id === 'REF' && el(s, 1) === 'G1' && c.priorAuthorization === undefined) c.priorAuthorization = el(s, 2);
    else if (s.id === 'REF' && el(s, 1) === 'F8' && c.originalReference === undefined) c.originalReference = el(s, 2);
    else if (s.id === 'REF') refs.push({ qualifier: el(s, 1), value: el(s, 2) });
    else if (s.id === 'NTE') notes.push({ code: el(s, 1), text: el(s, 2) });
    else if (s.id === 'HI') pushAll(hi, readHealthCodes(s, ctx.d, ctx.sink));
    else if (s.id === 'PWK') pwk.push(readAttachment(s));
    else ctx.sink.notModeled(s, '2300');
  }
  Object.assign(c, {
    dates,
    attachments: pwk,
    amounts,
    refs: refsInGuideOrder(ctx.kind, 'claim', refs),
    notes,
    healthInfo: healthCodesInGuideOrder(ctx.kind, hi),
  });
  const providers: ClaimProvider[] = [],
    others: OtherSubscriber[] = [];
  while (cur.more() && !CLAIM_END.has(cur.peekId())) {
    const id = cur.peekId();
    if (id === 'NM1' && others.length === 0 && c.lines.length === 0) {
      const entityCode = el(cur.peek()!, 1);
      providers.push({ entityCode, ...readParty(cur) });
    } else if (id === 'SBR' && c.lines.length === 0) others.push(readOtherSubscriber(cur, ctx));
    else if (id === 'LX') c.lines.push(readLine(cur, ctx));
    else ctx.sink.notModeled(cur.next(), '2300');
  }
  Object.assign(c, { providers: inLoopOrder(ctx.kind, 'claim', providers), otherSubscribers: others });
  const claim = compact(c, ['healthInfo', 'lines']);
  ctx.clmOf.set(claim, clm);
  return claim;
}

function readOtherSubscriber(cur: Cursor, ctx: ReadCtx): OtherSubscriber {
  const o = {
    sbr: readSbr(cur.next()),
    subscriber: { name: { entityType: '1', lastName: '' } },
    payer: { name: { entityType: '2', lastName: '' } },
  } as OtherSubscriber;
  const adjustments: Adjustment[] = [],
    amounts: Amount[] = [],
    payerDates: DateValue[] = [];
  while (cur.more() && !RUN_END.has(cur.peekId())) {
    const s = cur.next();
    if (s.id === 'CAS') adjustments.push(readAdjustment(s, ctx.sink));
    else if (s.id === 'AMT' && el(s, 1) === 'D' && o.payerPaid === undefined) o.payerPaid = centsReq(s, 2, ctx.sink);
    else if (s.id === 'AMT') amounts.push(readAmount(s, ctx.sink));
    else if (s.id === 'OI')
      Object.assign(o, { benefitsAssigned: opt(s, 3), patientSignatureSource: opt(s, 4), releaseOfInfo: opt(s, 6) });
    else ctx.sink.notModeled(s, '2320');
  }
  while (cur.peekId() === 'NM1') {
    const code = el(cur.peek()!, 1);
    if (code === 'IL') o.subscriber = readParty(cur);
    else if (code === 'PR') o.payer = readPayer2330B(cur, payerDates);
    else skipParty(cur, ctx, '2330');
  }
  Object.assign(o, { adjustments, amounts, payerDates });
  return compact(o);
}

function readPayer2330B(cur: Cursor, dates: DateValue[]): Party {
  const p = readParty(cur, new Set(['N3', 'N4', 'REF']));
  const refs = [...(p.refs ?? [])];
  while (cur.peekId() === 'DTP' || cur.peekId() === 'REF') {
    const s = cur.next();
    if (s.id === 'DTP') dates.push(readDate(s));
    else refs.push({ qualifier: el(s, 1), value: el(s, 2) });
  }
  return compact({ ...p, refs });
}

/** Skip a 2330C–I loop we do not model (NM1 + companions), with one warning. */
function skipParty(cur: Cursor, ctx: ReadCtx, loop: string): void {
  ctx.sink.notModeled(cur.next(), loop);
  while (['N3', 'N4', 'REF', 'PER', 'PRV'].includes(cur.peekId())) cur.next();
}

const LINE_END = new Set(['LX', ...CLAIM_END]);

function readLine(cur: Cursor, ctx: ReadCtx): ClaimLine {
  cur.next(); // LX: numbering is rebuilt by the builder
  const l = { charge: 0, unit: '', quantity: 0 } as ClaimLine;
  const dates: DateValue[] = [],
    refs: Reference[] = [],
    amounts: Amount[] = [],
    notes: Note[] = [],
    adjs: LineAdjudication[] = [];
  const providers: ClaimProvider[] = [],
    attachments: Attachment[] = [];
  while (cur.more() && !LINE_END.has(cur.peekId())) {
    const s = cur.peek()!;
    if (s.id === 'SVD') {
      adjs.push(readAdjudication(cur, ctx));
      continue;
    }
    if (s.id === 'NM1') {
      providers.push({ entityCode: el(s, 1), ...readParty(cur) });
      continue;
    }
    if (s.id === 'LIN') {
      l.drug = readDrug(cur, ctx);
      continue;
    }
    cur.next();
    if (s.id === 'SV1' || s.id === 'SV2') readService(s, l, ctx);
    else if (s.id === 'DTP') dates.push(readDate(s));
    else if (s.id === 'REF' && el(s, 1) === '6R' && l.controlNumber === undefined) l.controlNumber = el(s, 2);
    else if (s.id === 'REF') refs.push({ qualifier: el(s, 1), value: el(s, 2) });
    else if (s.id === 'AMT') amounts.push(readAmount(s, ctx.sink));
    else if (s.id === 'NTE') notes.push({ code: el(s, 1), text: el(s, 2) });
    else if (s.id === 'PWK') attachments.push(readAttachment(s));
    else ctx.sink.notModeled(s, '2400');
  }
  Object.assign(l, {
    attachments,
    dates,
    refs: refsInGuideOrder(ctx.kind, 'line', refs),
    amounts,
    notes,
    providers: inLoopOrder(ctx.kind, 'line', providers),
    adjudications: adjs,
  });
  return compact(l);
}

/** 2410: LIN (NDC), CTP (quantity and unit), REF (XZ prescription, VY link sequence). */
function readDrug(cur: Cursor, ctx: ReadCtx): DrugIdentification {
  const lin = cur.next();
  const drug: DrugIdentification = { qualifier: el(lin, 2), ndc: el(lin, 3), quantity: 0, unit: '' };
  const ctp = cur.take('CTP');
  if (ctp) Object.assign(drug, { quantity: decimalAt(ctp, 4, ctx.sink) ?? 0, unit: comps(el(ctp, 5), ctx.d)[0] ?? '' });
  const refs: Reference[] = [];
  while (cur.peekId() === 'REF' && ['XZ', 'VY'].includes(el(cur.peek()!, 1))) {
    const r = cur.next();
    refs.push({ qualifier: el(r, 1), value: el(r, 2) });
  }
  return compact({ ...drug, refs });
}

function readService(s: Segment, l: ClaimLine, ctx: ReadCtx): void {
  const sink = ctx.sink;
  if (s.id === 'SV1') {
    const ptrs =
      el(s, 7) === ''
        ? []
        : comps(el(s, 7), ctx.d)
            .filter((x) => x !== '')
            .map(Number);
    Object.assign(l, {
      procedure: readProcedure(el(s, 1), ctx.d),
      charge: centsReq(s, 2, sink),
      unit: el(s, 3),
      quantity: decimalAt(s, 4, sink) ?? 0,
      placeOfService: opt(s, 5),
      diagnosisPointers: ptrs,
      emergency: opt(s, 9),
      epsdt: opt(s, 11),
      familyPlanning: opt(s, 12),
    });
  } else {
    Object.assign(l, {
      revenueCode: opt(s, 1),
      procedure: readProcedure(el(s, 2), ctx.d),
      charge: centsReq(s, 3, sink),
      unit: el(s, 4),
      quantity: decimalAt(s, 5, sink) ?? 0,
      nonCoveredCharge: centsAt(s, 7, sink),
    });
  }
}

function readAdjudication(cur: Cursor, ctx: ReadCtx): LineAdjudication {
  const s = cur.next();
  const bundled = opt(s, 6);
  const a: LineAdjudication = {
    payerId: el(s, 1),
    paid: centsReq(s, 2, ctx.sink),
    procedure: readProcedure(el(s, 3), ctx.d),
    revenueCode: opt(s, 4),
    paidUnits: decimalAt(s, 5, ctx.sink) ?? 0,
    bundledLine: bundled === undefined ? undefined : Number(bundled),
  };
  const adjustments: Adjustment[] = [],
    dates: DateValue[] = [],
    amounts: Amount[] = [];
  while (cur.peekId() === 'CAS' || cur.peekId() === 'DTP' || cur.peekId() === 'AMT') {
    const x = cur.next();
    if (x.id === 'CAS') adjustments.push(readAdjustment(x, ctx.sink));
    else if (x.id === 'AMT') amounts.push(readAmount(x, ctx.sink));
    else dates.push(readDate(x));
  }
  Object.assign(a, { adjustments, dates, amounts });
  return compact(a);
}
