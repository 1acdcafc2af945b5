/** build276 (and build277 / build277ca for payer simulators and tests): typed status tree → ST..SE segments. */
import { pushAll } from '../../syntax/push-all.ts';
import { DEFAULT_DELIMITERS, type Delimiters, type Segment } from '../../syntax/types.ts';
import { writeTraces } from '../270-271/build-eligibility.ts';
import { writeAmounts, writeDates, writeProcedure } from '../837/build-claim.ts';
import { HlNumberer } from '../common/hl-tree.ts';
import { writeDemographics, writeParty, writeRefs } from '../common/party.ts';
import { composite, formatCents, formatDecimal, seg } from '../common/values.ts';
import {
  STATUS_VERSION,
  type ClaimStatus,
  type ClaimStatusTransaction,
  type LevelTracking,
  type LineStatus,
  type StatusCode,
  type StatusInfo,
  type StatusNode,
} from './status-model.ts';

export interface BuildStatusOptions {
  delimiters?: Delimiters;
}

const BHT01: Record<ClaimStatusTransaction['kind'], string> = { '276': '0010', '277': '0010', '277CA': '0085' };
/** levels whose HL04 is not sent */
const NO_CHILD_CODE = new Set(['23', 'PT']);

export function build276(tx: ClaimStatusTransaction, opts: BuildStatusOptions = {}): Segment[] {
  return buildClaimStatus({ ...tx, kind: '276' }, opts);
}

/** Any of 276, 277, 277CA according to `tx.kind`. */
export function buildClaimStatus(tx: ClaimStatusTransaction, opts: BuildStatusOptions = {}): Segment[] {
  const d = opts.delimiters ?? DEFAULT_DELIMITERS;
  const h = tx.header;
  const st01 = tx.kind === '276' ? '276' : '277';
  const out: Segment[] = [
    seg('ST', st01, tx.controlNumber, STATUS_VERSION[tx.kind]),
    seg('BHT', BHT01[tx.kind], h.purpose, h.referenceId, h.date, h.time, h.transactionType),
  ];
  const hl = new HlNumberer();
  const visit = (n: StatusNode, parent: string | undefined): void => {
    const opened = hl.open(parent, n.level, NO_CHILD_CODE.has(n.level) ? undefined : n.children.length > 0);
    out.push(opened.segment, ...writeNode(n, d));
    for (const c of n.children) visit(c, opened.id);
  };
  for (const r of tx.roots) visit(r, undefined);
  out.push(seg('SE', String(out.length + 1), tx.controlNumber));
  return out;
}

function writeNode(n: StatusNode, d: Delimiters): Segment[] {
  const { demographics, ...party } = n.entity;
  const out = [...writeDemographics(demographics), ...writeParty(n.entityCode, party)];
  if (n.tracking) pushAll(out, writeTracking(n.tracking, d));
  for (const c of n.claims ?? []) pushAll(out, writeClaim(c, d));
  return out;
}

function writeTracking(t: LevelTracking, d: Delimiters): Segment[] {
  return [
    ...writeTraces(t.traces),
    ...writeStatuses(t.statuses, d),
    ...writeRefs(t.refs),
    ...(t.quantities ?? []).map((q) => seg('QTY', q.qualifier, formatDecimal(q.quantity))),
    ...writeAmounts(t.amounts),
    ...writeDates(t.dates),
  ];
}

function writeClaim(c: ClaimStatus, d: Delimiters): Segment[] {
  const out = [
    ...writeTraces([c.trace]),
    ...writeStatuses(c.statuses, d),
    ...writeRefs(c.refs),
    ...writeAmounts(c.amounts),
    ...writeDates(c.dates),
  ];
  for (const l of c.lines ?? []) pushAll(out, writeLine(l, d));
  return out;
}

function writeLine(l: LineStatus, d: Delimiters): Segment[] {
  const money = (v: number | undefined) => (v === undefined ? undefined : formatCents(v));
  return [
    seg(
      'SVC',
      writeProcedure(l.procedure, d),
      formatCents(l.charge),
      money(l.paid),
      l.revenueCode,
      undefined,
      undefined,
      l.units === undefined ? undefined : formatDecimal(l.units),
    ),
    ...writeStatuses(l.statuses, d),
    ...writeRefs(l.refs),
    ...writeDates(l.dates),
  ];
}

function writeCode(c: StatusCode | undefined, d: Delimiters): string | undefined {
  return c ? composite(d, c.category, c.code, c.entity, c.codeListQualifier) : undefined;
}

export function writeStatuses(ss: readonly StatusInfo[] | undefined, d: Delimiters): Segment[] {
  const money = (v: number | undefined) => (v === undefined ? undefined : formatCents(v));
  return (ss ?? []).map((s) =>
    seg(
      'STC',
      writeCode(s.status, d),
      s.date,
      s.actionCode,
      money(s.chargeAmount),
      money(s.paidAmount),
      s.adjudicationDate,
      s.paymentMethod,
      s.checkDate,
      s.checkNumber,
      writeCode(s.additional?.[0], d),
      writeCode(s.additional?.[1], d),
      s.message,
    ),
  );
}
