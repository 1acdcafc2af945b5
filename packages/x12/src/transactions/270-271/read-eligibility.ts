/** read270 / read271: ST..SE segments → typed eligibility transaction plus every issue found. */
import { DEFAULT_DELIMITERS, type Delimiters, type Segment, type X12Issue } from '../../syntax/types.ts';
import { Cursor } from '../common/cursor.ts';
import { splitHl, type HlNode } from '../common/hl-tree.ts';
import { IssueSink } from '../common/issues.ts';
import { PARTY_IDS, compact, readParty, type Party } from '../common/party.ts';
import { decimalAt, centsAt } from '../common/read-values.ts';
import { el, opt, reps } from '../common/values.ts';
import { readDate, readProcedure } from '../837/read-claim.ts';
import { transactionBody } from '../837/transaction-body.ts';
import type {
  Benefit,
  DateValue,
  EligibilityTransaction,
  InformationReceiver,
  InformationSource,
  Member,
  Rejection,
  ServiceInquiry,
  Subscriber,
  Trace,
} from './eligibility-model.ts';

export interface ReadEligibilityOptions {
  delimiters?: Delimiters;
}

export interface ReadEligibilityResult {
  value: EligibilityTransaction;
  issues: X12Issue[];
}

interface Ctx {
  d: Delimiters;
  sink: IssueSink;
}

export const HL_RULES_27X = { '20': [], '21': ['20'], '22': ['21'], '23': ['22'] };

export function read270(segments: readonly Segment[], opts: ReadEligibilityOptions = {}): ReadEligibilityResult {
  return readEligibility('270', segments, opts);
}

export function read271(segments: readonly Segment[], opts: ReadEligibilityOptions = {}): ReadEligibilityResult {
  return readEligibility('271', segments, opts);
}

function readEligibility(
  kind: string,
  segments: readonly Segment[],
  opts: ReadEligibilityOptions,
): ReadEligibilityResult {
  const ctx: Ctx = { d: opts.delimiters ?? DEFAULT_DELIMITERS, sink: new IssueSink() };
  const { st, bht, body } = transactionBody(segments, kind, ctx.sink);
  const header = compact({
    purpose: bht ? el(bht, 2) : '',
    referenceId: bht ? el(bht, 3) : '',
    date: bht ? el(bht, 4) : '',
    time: bht ? el(bht, 5) : '',
    transactionType: bht ? opt(bht, 6) : undefined,
  });
  const tree = splitHl(body, HL_RULES_27X, ctx.sink);
  for (const s of tree.header) ctx.sink.notModeled(s, 'header');
  const sources = tree.roots.filter((n) => n.level === '20').map((n) => readSource(n, ctx));
  return { value: { controlNumber: st ? el(st, 2) : '', header, sources }, issues: ctx.sink.issues };
}

export function readRejection(s: Segment): Rejection {
  return compact({ valid: el(s, 1), reason: el(s, 3), followUp: opt(s, 4) });
}

export function readTrace(s: Segment): Trace {
  return compact({ type: el(s, 1), reference: el(s, 2), originatorId: opt(s, 3), supplementalId: opt(s, 4) });
}

/** NM1 + companions + AAA/INS/DTP of a 2100 loop; leading AAA/TRN collected too. */
function readEntity(node: HlNode, ctx: Ctx, loop: string): { code: string; party: Party; member: Member; cur: Cursor } {
  const cur = new Cursor(node.segments);
  const rejections: Rejection[] = [],
    traces: Trace[] = [],
    dates: DateValue[] = [];
  const member: Member = { member: { name: { entityType: '2', lastName: '' } } };
  let code = '';
  const extra = (s: Segment): boolean => {
    if (s.id === 'AAA') rejections.push(readRejection(s));
    else if (s.id === 'DTP') dates.push(readDate(s));
    else if (s.id === 'INS')
      member.relationship = compact({
        insured: el(s, 1),
        relationship: el(s, 2),
        maintenanceType: opt(s, 3),
        maintenanceReason: opt(s, 4),
      });
    else return false;
    return true;
  };
  while (cur.more() && !['EQ', 'EB'].includes(cur.peekId())) {
    const s = cur.peek()!;
    if (s.id === 'NM1' && code === '') {
      code = el(s, 1);
      member.member = readParty(cur, PARTY_IDS, extra);
    } else if (s.id === 'TRN') traces.push(readTrace(cur.next()));
    else if (extra(s)) cur.next();
    else ctx.sink.notModeled(cur.next(), loop);
  }
  Object.assign(member, { traces, rejections, dates });
  return { code, party: member.member, member: compact(member), cur };
}

function readSource(node: HlNode, ctx: Ctx): InformationSource {
  const e = readEntity(node, ctx, '2000A');
  drain(e.cur, ctx, '2000A');
  const receivers = node.children.filter((c) => c.level === '21').map((c) => readReceiver(c, ctx));
  return compact({ rejections: e.member.rejections, source: e.party, sourceCode: e.code, receivers }, ['receivers']);
}

function readReceiver(node: HlNode, ctx: Ctx): InformationReceiver {
  const e = readEntity(node, ctx, '2000B');
  drain(e.cur, ctx, '2000B');
  const subscribers = node.children.filter((c) => c.level === '22').map((c) => readSubscriber(c, ctx));
  return compact({ rejections: e.member.rejections, receiver: e.party, receiverCode: e.code, subscribers }, [
    'subscribers',
  ]);
}

function readSubscriber(node: HlNode, ctx: Ctx): Subscriber {
  const sub: Subscriber = readMember(node, ctx, '2000C');
  sub.dependents = node.children.filter((c) => c.level === '23').map((c) => readMember(c, ctx, '2000D'));
  return compact(sub);
}

function readMember(node: HlNode, ctx: Ctx, loop: string): Member {
  const { member, cur } = readEntity(node, ctx, loop);
  const inquiries: ServiceInquiry[] = [],
    benefits: Benefit[] = [];
  while (cur.more()) {
    const s = cur.peek()!;
    if (s.id === 'EQ') inquiries.push(readInquiry(cur, ctx));
    else if (s.id === 'EB') benefits.push(readBenefit(cur, ctx));
    else ctx.sink.notModeled(cur.next(), loop);
  }
  return compact({ ...member, inquiries, benefits });
}

function drain(cur: Cursor, ctx: Ctx, loop: string): void {
  while (cur.more()) ctx.sink.notModeled(cur.next(), loop);
}

function readInquiry(cur: Cursor, ctx: Ctx): ServiceInquiry {
  const s = cur.next();
  const dates: DateValue[] = [];
  while (cur.more() && cur.peekId() !== 'EQ') {
    const x = cur.next();
    if (x.id === 'DTP') dates.push(readDate(x));
    else ctx.sink.notModeled(x, '2110');
  }
  return compact(
    { serviceTypes: reps(el(s, 1), ctx.d), procedure: readProcedure(el(s, 2), ctx.d), coverageLevel: opt(s, 3), dates },
    ['serviceTypes'],
  );
}

function readBenefit(cur: Cursor, ctx: Ctx): Benefit {
  const s = cur.next();
  const b: Benefit = compact({
    code: el(s, 1),
    coverageLevel: opt(s, 2),
    serviceTypes: reps(el(s, 3), ctx.d),
    insuranceType: opt(s, 4),
    planDescription: opt(s, 5),
    timePeriod: opt(s, 6),
    amount: centsAt(s, 7, ctx.sink),
    percent: decimalAt(s, 8, ctx.sink),
    quantityQualifier: opt(s, 9),
    quantity: decimalAt(s, 10, ctx.sink),
    authorizationRequired: opt(s, 11),
    inNetwork: opt(s, 12),
    procedure: readProcedure(el(s, 13), ctx.d),
  });
  const refs: NonNullable<Benefit['refs']> = [],
    dates: DateValue[] = [],
    rejections: Rejection[] = [],
    messages: string[] = [];
  const relatedEntities: NonNullable<Benefit['relatedEntities']> = [];
  while (cur.more() && cur.peekId() !== 'EB') {
    const x = cur.peek()!;
    if (x.id === 'LS') {
      cur.next();
      while (cur.peekId() === 'NM1') relatedEntities.push({ entityCode: el(cur.peek()!, 1), ...readParty(cur) });
      if (cur.peekId() === 'LE') cur.next();
      continue;
    }
    cur.next();
    if (x.id === 'REF') refs.push({ qualifier: el(x, 1), value: el(x, 2) });
    else if (x.id === 'DTP') dates.push(readDate(x));
    else if (x.id === 'AAA') rejections.push(readRejection(x));
    else if (x.id === 'MSG') messages.push(el(x, 1));
    else ctx.sink.notModeled(x, '2110');
  }
  return compact({ ...b, refs, dates, rejections, messages, relatedEntities });
}
