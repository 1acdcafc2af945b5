/** Read one 2400 service line (SV1/SV2 with 2410 drug, 2420 providers, 2430 prior-payer adjudication) from LX on. */
import type { Delimiters } from '../../syntax/types.ts';
import type {
  Adjustment,
  Amount,
  Attachment,
  ClaimLine,
  ClaimProvider,
  DateValue,
  DrugIdentification,
  LineAdjudication,
  Note,
  Procedure,
  Reference,
} from './claim-model.ts';
import type { Cursor } from '../common/cursor.ts';
import { readCodedParty, readRef } from '../common/party.ts';
import { add, type Interner, listOf } from '../common/read-model.ts';
import { centsAt, centsReq, decimalAt } from '../common/read-values.ts';
import { comps, el, opt } from '../common/values.ts';
import { inLoopOrder, refsInGuideOrder } from './guide-order.ts';
import {
  type ReadCtx,
  readAdjustment,
  readAmount,
  readAttachment,
  readDate,
  readNote,
  readProcedure,
} from './read-parts.ts';

const LINE_END = new Set(['LX', 'CLM', 'HL', 'SE']);

export function readLine(cur: Cursor, ctx: ReadCtx): ClaimLine {
  cur.next(); // LX: numbering is rebuilt by the builder
  const { t, sink, d } = ctx;
  // SV1 / SV2 values, read into locals (no object per line); a second SV1/SV2 overrides the values it carries
  let procedure: Procedure | undefined,
    revenueCode: string | undefined,
    charge = 0,
    unit = '',
    quantity = 0,
    placeOfService: string | undefined,
    diagnosisPointers: number[] | undefined,
    emergency: string | undefined,
    epsdt: string | undefined,
    familyPlanning: string | undefined,
    nonCoveredCharge: number | undefined;
  let dates: DateValue[] | undefined,
    refs: Reference[] | undefined,
    amounts: Amount[] | undefined,
    notes: Note[] | undefined,
    adjs: LineAdjudication[] | undefined,
    providers: ClaimProvider[] | undefined,
    attachments: Attachment[] | undefined;
  let controlNumber: string | undefined;
  let drug: DrugIdentification | undefined;
  while (cur.more() && !LINE_END.has(cur.peekId())) {
    const s = cur.peek()!;
    const id = s.id;
    if (id === 'SVD') adjs = add(adjs, readAdjudication(cur, ctx));
    else if (id === 'NM1') providers = add(providers, readCodedParty(cur, t));
    else if (id === 'LIN') drug = readDrug(cur, ctx);
    else {
      cur.next();
      if (id === 'SV1') {
        // SV1 (professional)
        procedure = readProcedure(el(s, 1), d, t);
        charge = centsReq(s, 2, sink);
        unit = el(s, 3);
        quantity = decimalAt(s, 4, sink) ?? 0;
        diagnosisPointers = el(s, 7) === '' ? undefined : sharedPointers(el(s, 7), d, t);
        placeOfService = opt(s, 5);
        emergency = opt(s, 9);
        epsdt = opt(s, 11);
        familyPlanning = opt(s, 12);
      } else if (id === 'SV2') {
        // SV2 (institutional)
        revenueCode = t.opt(opt(s, 1));
        procedure = readProcedure(el(s, 2), d, t);
        charge = centsReq(s, 3, sink);
        unit = el(s, 4);
        quantity = decimalAt(s, 5, sink) ?? 0;
        nonCoveredCharge = centsAt(s, 7, sink);
      } else if (id === 'DTP') dates = add(dates, readDate(s, t));
      else if (id === 'REF' && el(s, 1) === '6R' && controlNumber === undefined) controlNumber = el(s, 2);
      else if (id === 'REF') refs = add(refs, readRef(s));
      else if (id === 'AMT') amounts = add(amounts, readAmount(s, sink));
      else if (id === 'NTE') notes = add(notes, readNote(s));
      else if (id === 'PWK') attachments = add(attachments, readAttachment(s));
      else sink.notModeled(s, '2400');
    }
  }
  return {
    procedure,
    revenueCode,
    charge,
    unit,
    quantity,
    placeOfService,
    diagnosisPointers,
    emergency,
    epsdt,
    familyPlanning,
    nonCoveredCharge,
    attachments: listOf(attachments),
    dates: ctx.t.sharedList(dates),
    controlNumber,
    refs: refs && listOf(refsInGuideOrder(ctx.kind, 'line', refs)),
    amounts: listOf(amounts),
    notes: listOf(notes),
    drug,
    providers: providers && ctx.t.sharedList(inLoopOrder(ctx.kind, 'line', providers)),
    adjudications: listOf(adjs),
  };
}

/** SV107's pointers, one array per value read (pointers are read-only like the rest of the read model). */
function sharedPointers(value: string, d: Delimiters, t: Interner): number[] | undefined {
  const known = t.objectOf<number[]>('SV107', value);
  if (known !== undefined) return known;
  const made = readPointers(value, d);
  return made === undefined ? made : t.keepObject('SV107', value, made);
}

/** SV107 "1:2" → [1, 2] (empty components skipped) without splitting: one digit per pointer is the rule. */
function readPointers(value: string, d: Delimiters): number[] | undefined {
  if (value.length === 1) return [Number(value)];
  if (value.length === 3 && value.charCodeAt(1) === d.component.charCodeAt(0))
    return [Number(value[0]), Number(value[2])];
  const out: number[] = [];
  for (const x of comps(value, d)) if (x !== '') out.push(Number(x));
  return listOf(out);
}

/** 2410: LIN (NDC), CTP (quantity and unit), REF (XZ prescription, VY link sequence). */
function readDrug(cur: Cursor, ctx: ReadCtx): DrugIdentification {
  const lin = cur.next();
  const ctp = cur.take('CTP');
  const quantity = ctp ? (decimalAt(ctp, 4, ctx.sink) ?? 0) : 0;
  const unit = ctp ? (comps(el(ctp, 5), ctx.d)[0] ?? '') : '';
  const refs: Reference[] = [];
  while (cur.peekId() === 'REF' && ['XZ', 'VY'].includes(el(cur.peek()!, 1))) refs.push(readRef(cur.next()));
  return { qualifier: el(lin, 2), ndc: ctx.t.get(el(lin, 3)), quantity, unit, refs: listOf(refs) };
}

function readAdjudication(cur: Cursor, ctx: ReadCtx): LineAdjudication {
  const { sink, t, d } = ctx;
  const s = cur.next();
  const bundled = opt(s, 6);
  const payerId = t.get(el(s, 1));
  const paid = centsReq(s, 2, sink);
  const procedure = readProcedure(el(s, 3), d, t);
  const revenueCode = t.opt(opt(s, 4));
  const paidUnits = decimalAt(s, 5, sink) ?? 0;
  const adjustments: Adjustment[] = [],
    dates: DateValue[] = [],
    amounts: Amount[] = [];
  while (cur.peekId() === 'CAS' || cur.peekId() === 'DTP' || cur.peekId() === 'AMT') {
    const x = cur.next();
    if (x.id === 'CAS') adjustments.push(readAdjustment(x, sink, t));
    else if (x.id === 'AMT') amounts.push(readAmount(x, sink));
    else dates.push(readDate(x, t));
  }
  return {
    payerId,
    paid,
    procedure,
    revenueCode,
    paidUnits,
    bundledLine: bundled === undefined ? undefined : Number(bundled),
    adjustments: listOf(adjustments),
    dates: listOf(dates),
    amounts: listOf(amounts),
  };
}
