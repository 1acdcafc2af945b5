/**
 * Read one 2300 claim (with 2310, 2320/2330 and 2400/2430) from a cursor positioned at CLM. Every model object is
 * made by one literal with all its keys (absent ones undefined) and repeated values are shared: see read-model.ts.
 */
import { pushAll } from '../../syntax/push-all.ts';
import type { Segment } from '../../syntax/types.ts';
import type {
  Adjustment,
  Amount,
  Attachment,
  Claim837,
  ClaimLine,
  ClaimProvider,
  DateValue,
  HealthCode,
  InstitutionalInfo,
  Note,
  OtherSubscriber,
  Reference,
} from './claim-model.ts';
import type { Cursor } from '../common/cursor.ts';
import { type Party, readCodedParty, readParty, readRef } from '../common/party.ts';
import { add, listOf, listOrEmpty } from '../common/read-model.ts';
import { centsReq } from '../common/read-values.ts';
import { comps, el, opt } from '../common/values.ts';
import { healthCodesInGuideOrder, inLoopOrder, refsInGuideOrder } from './guide-order.ts';
import { readHealthCodes } from './health-codes.ts';
import { readLine } from './read-line.ts';
import { type ReadCtx, readAdjustment, readAmount, readAttachment, readDate, readNote, readSbr } from './read-parts.ts';

export { readAdjustment, readDate, readProcedure, readSbr, type ReadCtx } from './read-parts.ts';

const NO_CAUSES: readonly string[] = [];
const CLAIM_END = new Set(['CLM', 'HL', 'SE']);
/** Segments that end the 2300 (or 2320) segment run: a 2310/2330 name, a 2320 SBR, a 2400 LX, or the claim's end. */
const RUN_END = new Set(['NM1', 'SBR', 'LX', ...CLAIM_END]);

export function readClaim(cur: Cursor, ctx: ReadCtx): Claim837 {
  const { t, d, sink, kind } = ctx;
  const clm = cur.next();
  const totalCharge = centsReq(clm, 2, sink);
  let dates: DateValue[] | undefined,
    amounts: Amount[] | undefined,
    refs: Reference[] | undefined,
    notes: Note[] | undefined,
    pwk: Attachment[] | undefined;
  const hi: HealthCode[] = [];
  let institutional: InstitutionalInfo | undefined;
  let priorAuthorization: string | undefined;
  let originalReference: string | undefined;
  while (cur.more() && !RUN_END.has(cur.peekId())) {
    const s = cur.next();
    const id = s.id;
    if (id === 'DTP') dates = add(dates, readDate(s, t));
    else if (id === 'HI') pushAll(hi, readHealthCodes(s, d, sink, t));
    else if (id === 'REF') {
      const q = el(s, 1);
      if (q === 'G1' && priorAuthorization === undefined) priorAuthorization = el(s, 2);
      else if (q === 'F8' && originalReference === undefined) originalReference = el(s, 2);
      else refs = add(refs, readRef(s));
    } else if (id === 'NTE') notes = add(notes, readNote(s));
    else if (id === 'AMT') amounts = add(amounts, readAmount(s, sink));
    else if (id === 'CL1')
      institutional = { admissionType: opt(s, 1), admissionSource: opt(s, 2), patientStatus: opt(s, 3) };
    else if (id === 'PWK') pwk = add(pwk, readAttachment(s));
    else sink.notModeled(s, '2300');
  }
  const providers: ClaimProvider[] = [],
    others: OtherSubscriber[] = [],
    lines: ClaimLine[] = [];
  while (cur.more() && !CLAIM_END.has(cur.peekId())) {
    const id = cur.peekId();
    if (id === 'NM1' && others.length === 0 && lines.length === 0) providers.push(readCodedParty(cur, t));
    else if (id === 'SBR' && lines.length === 0) others.push(readOtherSubscriber(cur, ctx));
    else if (id === 'LX') lines.push(readLine(cur, ctx));
    else sink.notModeled(cur.next(), '2300');
  }
  const f = comps(el(clm, 5), d);
  const rc = el(clm, 11) === '' ? NO_CAUSES : comps(el(clm, 11), d);
  let causes: string[] | undefined;
  for (let i = 0; i < 3 && i < rc.length; i++) if (rc[i] !== '') causes = add(causes, rc[i]!);
  const claim: Claim837 = {
    id: el(clm, 1),
    totalCharge,
    facilityCode: t.get(f[0] ?? ''),
    facilityQualifier: t.get(f[1] ?? ''),
    frequency: t.get(f[2] ?? ''),
    providerSignature: opt(clm, 6),
    assignment: opt(clm, 7),
    benefitsAssigned: opt(clm, 8),
    releaseOfInfo: opt(clm, 9),
    patientSignatureSource: opt(clm, 10),
    relatedCauses: listOf(causes),
    accidentState: rc[3] || undefined,
    specialProgram: opt(clm, 12),
    delayReason: opt(clm, 20),
    dates: t.sharedList(dates),
    institutional,
    attachments: listOf(pwk),
    amounts: listOf(amounts),
    priorAuthorization,
    originalReference,
    refs: refs && listOf(refsInGuideOrder(kind, 'claim', refs)),
    notes: listOf(notes),
    healthInfo: t.sharedList(healthCodesInGuideOrder(kind, hi)) ?? [],
    providers: t.sharedList(inLoopOrder(kind, 'claim', providers)),
    otherSubscribers: listOf(others),
    lines: listOrEmpty(lines),
  };
  ctx.onClaim?.(claim, clm);
  return claim;
}

function readOtherSubscriber(cur: Cursor, ctx: ReadCtx): OtherSubscriber {
  const { t, sink } = ctx;
  const sbr = readSbr(cur.next(), t);
  const adjustments: Adjustment[] = [],
    amounts: Amount[] = [],
    payerDates: DateValue[] = [];
  let payerPaid: number | undefined;
  let oi: Segment | undefined;
  while (cur.more() && !RUN_END.has(cur.peekId())) {
    const s = cur.next();
    if (s.id === 'CAS') adjustments.push(readAdjustment(s, sink, t));
    else if (s.id === 'AMT' && el(s, 1) === 'D' && payerPaid === undefined) payerPaid = centsReq(s, 2, sink);
    else if (s.id === 'AMT') amounts.push(readAmount(s, sink));
    else if (s.id === 'OI') oi = s;
    else sink.notModeled(s, '2320');
  }
  let subscriber: Party = { name: { entityType: '1', lastName: '' } };
  let payer: Party = { name: { entityType: '2', lastName: '' } };
  while (cur.peekId() === 'NM1') {
    const code = el(cur.peek()!, 1);
    if (code === 'IL') subscriber = readParty(cur);
    else if (code === 'PR') payer = readPayer2330B(cur, payerDates, ctx);
    else skipParty(cur, ctx, '2330');
  }
  return {
    sbr,
    adjustments: listOf(adjustments),
    payerPaid,
    amounts: listOf(amounts),
    benefitsAssigned: oi && opt(oi, 3),
    patientSignatureSource: oi && opt(oi, 4),
    releaseOfInfo: oi && opt(oi, 6),
    subscriber,
    payer,
    payerDates: listOf(payerDates),
  };
}

const PAYER_2330B = new Set(['N3', 'N4', 'REF']);

function readPayer2330B(cur: Cursor, dates: DateValue[], ctx: ReadCtx): Party {
  const p = readParty(cur, PAYER_2330B, undefined, ctx.t);
  const refs: Reference[] = p.refs ? p.refs.slice() : [];
  while (cur.peekId() === 'DTP' || cur.peekId() === 'REF') {
    const s = cur.next();
    if (s.id === 'DTP') dates.push(readDate(s, ctx.t));
    else refs.push(readRef(s));
  }
  return {
    name: p.name,
    address: p.address,
    demographics: undefined,
    specialty: undefined,
    refs: listOf(refs),
    contacts: undefined,
  };
}

/** Skip a 2330C–I loop we do not model (NM1 + companions), with one warning. */
function skipParty(cur: Cursor, ctx: ReadCtx, loop: string): void {
  ctx.sink.notModeled(cur.next(), loop);
  while (['N3', 'N4', 'REF', 'PER', 'PRV'].includes(cur.peekId())) cur.next();
}
