/** read837: the ST..SE segments of one 837P/837I transaction → the typed claim file plus every issue found. */
import { pushAll } from '../../syntax/push-all.ts';
import { DEFAULT_DELIMITERS, type Delimiters, type Segment, type X12Issue } from '../../syntax/types.ts';
import type {
  BillingProviderLoop,
  Claim837,
  ClaimFile837,
  ClaimKind,
  PatientLoop,
  SubscriberLoop,
} from './claim-model.ts';
import { check837 } from './check-837.ts';
import { Cursor } from './common/cursor.ts';
import { HlSplitter, type HlNode } from './common/hl-tree.ts';
import { IssueSink, TX_CODES, txIssue } from './common/issues.ts';
import { compact, readParty, readSpecialty, type Party } from './common/party.ts';
import { el } from './common/values.ts';
import { readClaim, readSbr, type ReadCtx } from './read-claim.ts';
import { transactionBody } from './transaction-body.ts';

export interface Read837Options {
  /** separators of the file the segments came from (component separator splits composites) */
  delimiters?: Delimiters;
}

export interface Read837Result {
  value: ClaimFile837;
  issues: X12Issue[];
}

const EMPTY_PARTY: Party = { name: { entityType: '2', lastName: '' } };

export function read837(segments: readonly Segment[], opts: Read837Options = {}): Read837Result {
  const sink = new IssueSink();
  const { st, bht, body } = transactionBody(segments, '837', sink);
  const reader = new Claim837Reader(st, bht, detectKind(st, body), opts.delimiters ?? DEFAULT_DELIMITERS, sink);
  for (const s of body) reader.accept(s);
  return reader.finish();
}

/**
 * Reads one 837 transaction body segment by segment (after ST and BHT, without SE). Each HL loop is read
 * as soon as the next HL starts, and its segments are then let go, so a streaming caller holds only the
 * claim model, not the file's segments. `read837` and `read837File` both use it.
 */
export class Claim837Reader {
  private readonly ctx: ReadCtx;
  private readonly file: ClaimFile837;
  private readonly hl: HlSplitter;
  private headerRead = false;

  constructor(
    private readonly st: Segment | undefined,
    bht: Segment | undefined,
    kind: ClaimKind,
    d: Delimiters,
    private readonly sink: IssueSink = new IssueSink(),
  ) {
    this.ctx = { kind, d, sink, clmOf: new Map() };
    this.file = {
      kind,
      controlNumber: st ? el(st, 2) : '',
      header: {
        purpose: bht ? el(bht, 2) : '',
        referenceId: bht ? el(bht, 3) : '',
        date: bht ? el(bht, 4) : '',
        time: bht ? el(bht, 5) : '',
        claimType: bht ? el(bht, 6) : '',
      },
      submitter: EMPTY_PARTY,
      receiver: EMPTY_PARTY,
      billingProviders: [],
    };
    this.hl = new HlSplitter({ '20': [], '22': ['20'], '23': ['22'] }, sink, (node) => this.readNode(node));
  }

  accept(s: Segment): void {
    if (s.id === 'HL' && !this.headerRead) this.readHeaderOnce();
    this.hl.accept(s);
  }

  finish(): Read837Result {
    this.readHeaderOnce();
    this.hl.finish();
    const { file, ctx, sink } = this;
    for (const node of this.hl.tree.nodes) {
      const loop = node.level === '22' ? (node.value as SubscriberLoop | undefined) : undefined;
      if (loop && loop.claims.length === 0 && loop.patients.length === 0) {
        sink.add(
          txIssue(TX_CODES.requiredLoopMissing, `subscriber HL ${node.id} has no claim (2300) and no patient (2000C)`, {
            seg: node.hl,
            loop: '2300',
          }),
        );
      }
    }
    if (file.billingProviders.length === 0)
      sink.add(
        txIssue(TX_CODES.requiredLoopMissing, 'no billing provider loop (2000A HL*20)', {
          seg: this.st,
          loop: '2000A',
        }),
      );
    pushAll(
      sink.issues,
      check837(file, (c) => ctx.clmOf.get(c)),
    );
    return { value: file, issues: sink.issues };
  }

  private readHeaderOnce(): void {
    if (this.headerRead) return;
    this.headerRead = true;
    readHeader(this.hl.tree.header, this.file, this.sink);
    this.hl.tree.header.length = 0;
  }

  /** A node's own segments are complete (its parent was read before it). */
  private readNode(node: HlNode): void {
    const parent = node.parent;
    const parentLoop = parent?.value;
    if (node.level === '20' && !parent) {
      const bp = readBillingProvider(node, this.ctx);
      this.file.billingProviders.push(bp);
      node.value = bp;
    } else if (node.level === '22' && parent?.level === '20' && parentLoop) {
      const sub = readSubscriber(node, this.ctx);
      if (sub.claims.length > 0 && sub.claims.length <= 16) sub.claims = sub.claims.slice(); // exact size (see compact)
      (parentLoop as BillingProviderLoop).subscribers.push(sub);
      node.value = sub;
    } else if (node.level === '23' && parent?.level === '22' && parentLoop) {
      (parentLoop as SubscriberLoop).patients.push(readPatient(node, this.ctx));
    }
    node.segments = [];
  }
}

function detectKind(st: Segment | undefined, body: readonly Segment[]): ClaimKind {
  return (
    kindOfVersion(st ? el(st, 3) : '') ??
    (body.some((s) => s.id === 'SV2' || s.id === 'CL1') ? 'institutional' : 'professional')
  );
}

/** The claim kind an implementation guide version names (ST03 or GS08), if it names one. */
export function kindOfVersion(version: string): ClaimKind | undefined {
  if (version.includes('X223')) return 'institutional';
  if (version.includes('X222')) return 'professional';
  return undefined;
}

function readHeader(header: Segment[], file: ClaimFile837, sink: IssueSink): void {
  const cur = new Cursor(header);
  let seen41 = false;
  let seen40 = false;
  while (cur.more()) {
    const s = cur.peek()!;
    if (s.id === 'NM1' && el(s, 1) === '41') {
      file.submitter = readParty(cur);
      seen41 = true;
    } else if (s.id === 'NM1' && el(s, 1) === '40') {
      file.receiver = readParty(cur);
      seen40 = true;
    } else sink.notModeled(cur.next(), '1000');
  }
  if (!seen41)
    sink.add(txIssue(TX_CODES.requiredLoopMissing, 'submitter name loop 1000A (NM1*41) is missing', { loop: '1000A' }));
  if (!seen40)
    sink.add(txIssue(TX_CODES.requiredLoopMissing, 'receiver name loop 1000B (NM1*40) is missing', { loop: '1000B' }));
}

function readBillingProvider(node: HlNode, ctx: ReadCtx): BillingProviderLoop {
  const bp: BillingProviderLoop = { provider: EMPTY_PARTY, subscribers: [] };
  const cur = new Cursor(node.segments);
  let seen85 = false;
  while (cur.more()) {
    const s = cur.peek()!;
    if (s.id === 'PRV') bp.specialty = readSpecialty(cur.next());
    else if (s.id === 'NM1' && el(s, 1) === '85') {
      bp.provider = readParty(cur);
      seen85 = true;
    } else if (s.id === 'NM1' && el(s, 1) === '87') bp.payTo = readParty(cur);
    else ctx.sink.notModeled(cur.next(), '2000A');
  }
  if (!seen85)
    ctx.sink.add(
      txIssue(TX_CODES.requiredLoopMissing, `billing provider name loop 2010AA (NM1*85) is missing in HL ${node.id}`, {
        seg: node.hl,
        loop: '2010AA',
      }),
    );
  return compact(bp, ['subscribers']);
}

function readSubscriber(node: HlNode, ctx: ReadCtx): SubscriberLoop {
  const sub: SubscriberLoop = {
    sbr: { responsibility: '' },
    subscriber: EMPTY_PARTY,
    payer: EMPTY_PARTY,
    claims: [],
    patients: [],
  };
  const cur = new Cursor(node.segments);
  const seen = new Set<string>();
  while (cur.more()) {
    const s = cur.peek()!;
    seen.add(s.id === 'NM1' ? `NM1${el(s, 1)}` : s.id);
    if (s.id === 'SBR') sub.sbr = readSbr(cur.next());
    else if (s.id === 'NM1' && el(s, 1) === 'IL') sub.subscriber = readParty(cur);
    else if (s.id === 'NM1' && el(s, 1) === 'PR') sub.payer = readParty(cur);
    else if (s.id === 'CLM') sub.claims.push(readClaim(cur, ctx));
    else ctx.sink.notModeled(cur.next(), '2000B');
  }
  const missing = [
    ['SBR', 'SBR (2000B)'],
    ['NM1IL', 'subscriber name 2010BA (NM1*IL)'],
    ['NM1PR', 'payer name 2010BB (NM1*PR)'],
  ].filter(([k]) => !seen.has(k!));
  for (const [, what] of missing)
    ctx.sink.add(
      txIssue(TX_CODES.requiredLoopMissing, `${what} is missing in HL ${node.id}`, { seg: node.hl, loop: '2000B' }),
    );
  return sub;
}

function readPatient(node: HlNode, ctx: ReadCtx): PatientLoop {
  const p: PatientLoop = { relationship: '', patient: EMPTY_PARTY, claims: [] as Claim837[] };
  const cur = new Cursor(node.segments);
  while (cur.more()) {
    const s = cur.peek()!;
    if (s.id === 'PAT') p.relationship = el(cur.next(), 1);
    else if (s.id === 'NM1' && el(s, 1) === 'QC') p.patient = readParty(cur);
    else if (s.id === 'CLM') p.claims.push(readClaim(cur, ctx));
    else ctx.sink.notModeled(cur.next(), '2000C');
  }
  if (p.claims.length === 0)
    ctx.sink.add(
      txIssue(TX_CODES.requiredLoopMissing, `patient HL ${node.id} has no claim (2300)`, {
        seg: node.hl,
        loop: '2300',
      }),
    );
  return p;
}
