/** read276 / read277 (and readClaimStatus for the 277CA): ST..SE segments → typed status tree plus issues. */
import { DEFAULT_DELIMITERS, type Delimiters, type Segment, type X12Issue } from '../../syntax/types.ts';
import { readTrace } from '../270-271/read-eligibility.ts';
import { Cursor } from '../common/cursor.ts';
import { splitHl, type HlNode } from '../common/hl-tree.ts';
import { IssueSink } from '../common/issues.ts';
import { compact, readParty, type Party } from '../common/party.ts';
import { centsAt, centsReq, decimalAt } from '../common/read-values.ts';
import { comps, el, opt } from '../common/values.ts';
import { readDate, readProcedure } from '../837/read-claim.ts';
import { transactionBody } from '../837/transaction-body.ts';
import type {
  ClaimStatus,
  ClaimStatusTransaction,
  LevelTracking,
  LineStatus,
  StatusCode,
  StatusInfo,
  StatusKind,
  StatusNode,
} from './status-model.ts';

export interface ReadStatusOptions {
  delimiters?: Delimiters;
}

export interface ReadStatusResult {
  value: ClaimStatusTransaction;
  issues: X12Issue[];
}

interface Ctx {
  d: Delimiters;
  sink: IssueSink;
}

const HL_RULES = { '20': [], '21': ['20'], '19': ['21'], '22': ['19'], '23': ['22'], PT: ['19'] };
const CLAIM_LEVELS = new Set(['22', '23', 'PT']);

export function read276(segments: readonly Segment[], opts: ReadStatusOptions = {}): ReadStatusResult {
  return readClaimStatus('276', segments, opts);
}

export function read277(segments: readonly Segment[], opts: ReadStatusOptions = {}): ReadStatusResult {
  return readClaimStatus('277', segments, opts);
}

export function readClaimStatus(
  kind: StatusKind,
  segments: readonly Segment[],
  opts: ReadStatusOptions = {},
): ReadStatusResult {
  const ctx: Ctx = { d: opts.delimiters ?? DEFAULT_DELIMITERS, sink: new IssueSink() };
  const { st, bht, body } = transactionBody(segments, kind === '276' ? '276' : '277', ctx.sink);
  const header = compact({
    purpose: bht ? el(bht, 2) : '',
    referenceId: bht ? el(bht, 3) : '',
    date: bht ? el(bht, 4) : '',
    time: bht ? el(bht, 5) : '',
    transactionType: bht ? opt(bht, 6) : undefined,
  });
  const tree = splitHl(body, HL_RULES, ctx.sink);
  for (const s of tree.header) ctx.sink.notModeled(s, 'header');
  const roots = tree.roots.map((n) => readNode(n, ctx));
  return { value: { kind, controlNumber: st ? el(st, 2) : '', header, roots }, issues: ctx.sink.issues };
}

function readNode(n: HlNode, ctx: Ctx): StatusNode {
  const cur = new Cursor(n.segments);
  let entity: Party = { name: { entityType: '2', lastName: '' } };
  let entityCode = '';
  let demographics: Party['demographics'];
  const claims: ClaimStatus[] = [];
  const tracking: LevelTracking = {};
  while (cur.more()) {
    const s = cur.peek()!;
    if (s.id === 'DMG' && entityCode === '')
      demographics = compact({ birthDate: opt(cur.next(), 2), gender: opt(s, 3) });
    else if (s.id === 'NM1' && entityCode === '') {
      entityCode = el(s, 1);
      entity = readParty(cur);
    } else if (s.id === 'TRN' && CLAIM_LEVELS.has(n.level)) claims.push(readClaim(cur, ctx));
    else if (!readTracking(cur, tracking, ctx)) ctx.sink.notModeled(cur.next(), n.level);
  }
  if (demographics) entity = { ...entity, demographics };
  const node: StatusNode = { level: n.level, entityCode, entity, children: n.children.map((c) => readNode(c, ctx)) };
  if (Object.keys(tracking).length) node.tracking = tracking;
  if (claims.length) node.claims = claims;
  return node;
}

/** One tracking segment (TRN/STC/REF/QTY/AMT/DTP) into `t`; false when the segment is something else. */
function readTracking(cur: Cursor, t: LevelTracking, ctx: Ctx): boolean {
  const s = cur.peek()!;
  const push = <K extends keyof LevelTracking>(k: K, v: NonNullable<LevelTracking[K]>[number]) =>
    ((t[k] ??= [] as never) as unknown[]).push(v);
  if (s.id === 'TRN') push('traces', readTrace(s));
  else if (s.id === 'STC') push('statuses', readStatus(s, ctx));
  else if (s.id === 'REF') push('refs', { qualifier: el(s, 1), value: el(s, 2) });
  else if (s.id === 'QTY') push('quantities', { qualifier: el(s, 1), quantity: decimalAt(s, 2, ctx.sink) ?? 0 });
  else if (s.id === 'AMT') push('amounts', { qualifier: el(s, 1), amount: centsReq(s, 2, ctx.sink) });
  else if (s.id === 'DTP') push('dates', readDate(s));
  else return false;
  cur.next();
  return true;
}

function readClaim(cur: Cursor, ctx: Ctx): ClaimStatus {
  const trace = readTrace(cur.next());
  const t: LevelTracking = {};
  const lines: LineStatus[] = [];
  while (cur.more() && cur.peekId() !== 'TRN') {
    if (cur.peekId() === 'SVC') lines.push(readLine(cur, ctx));
    else if (!readTracking(cur, t, ctx)) ctx.sink.notModeled(cur.next(), '2200');
  }
  for (const q of t.quantities ?? [])
    ctx.sink.add({
      code: 'SEGMENT_NOT_MODELED',
      layer: 'guide',
      severity: 'warning',
      message: `QTY*${q.qualifier} on a claim is not kept`,
      location: { loop: '2200' },
    });
  return compact({ trace, statuses: t.statuses, refs: t.refs, amounts: t.amounts, dates: t.dates, lines });
}

function readLine(cur: Cursor, ctx: Ctx): LineStatus {
  const s = cur.next();
  const l: LineStatus = compact({
    procedure: readProcedure(el(s, 1), ctx.d),
    charge: centsReq(s, 2, ctx.sink),
    paid: centsAt(s, 3, ctx.sink),
    revenueCode: opt(s, 4),
    units: decimalAt(s, 7, ctx.sink),
  });
  const t: LevelTracking = {};
  while (cur.more() && !['TRN', 'SVC'].includes(cur.peekId())) {
    if (!readTracking(cur, t, ctx)) ctx.sink.notModeled(cur.next(), '2220');
  }
  return compact({ ...l, statuses: t.statuses, refs: t.refs, dates: t.dates });
}

function readCode(value: string, d: Delimiters): StatusCode | undefined {
  if (value === '') return undefined;
  const p = comps(value, d);
  return compact({
    category: p[0] ?? '',
    code: p[1] ?? '',
    entity: p[2] || undefined,
    codeListQualifier: p[3] || undefined,
  });
}

export function readStatus(s: Segment, ctx: Ctx): StatusInfo {
  const additional = [readCode(el(s, 10), ctx.d), readCode(el(s, 11), ctx.d)].filter(
    (c): c is StatusCode => c !== undefined,
  );
  return compact({
    status: readCode(el(s, 1), ctx.d) ?? { category: '', code: '' },
    date: opt(s, 2),
    actionCode: opt(s, 3),
    chargeAmount: centsAt(s, 4, ctx.sink),
    paidAmount: centsAt(s, 5, ctx.sink),
    adjudicationDate: opt(s, 6),
    paymentMethod: opt(s, 7),
    checkDate: opt(s, 8),
    checkNumber: opt(s, 9),
    additional,
    message: opt(s, 12),
  });
}
