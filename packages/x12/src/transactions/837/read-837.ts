/** read837: the ST..SE segments of one 837P/837I transaction → the typed claim file plus every issue found. */
import { pushAll } from '../../syntax/push-all.ts';
import { DEFAULT_DELIMITERS, type Delimiters, type Segment, type X12Issue } from '../../syntax/types.ts';
import type {
  BillingProviderLoop,
  Claim837,
  ClaimFile837,
  ClaimKind,
  PatientLoop,
  PayerResponsibility,
  SubscriberLoop,
} from './claim-model.ts';
import { Checks837 } from './check-837.ts';
import { Cursor } from '../common/cursor.ts';
import { HlSplitter, type HlNode } from '../common/hl-tree.ts';
import { IssueSink, TX_CODES, txIssue } from '../common/issues.ts';
import { PARTY_IDS, readParty, readSpecialty, type Party, type Specialty } from '../common/party.ts';
import { Interner, listOrEmpty } from '../common/read-model.ts';
import { el } from '../common/values.ts';
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
 * claim model, not the file's segments. Claims are checked as they are read (no claim → CLM map is kept), and
 * the HL splitter keeps a few numbers per loop, not the loop. `read837` and `read837File` both use it.
 */
export class Claim837Reader {
  private readonly ctx: ReadCtx;
  private readonly file: ClaimFile837;
  private readonly hl: HlSplitter;
  private readonly checks: Checks837;
  /** subscriber loops read without a claim: they need a 2000C patient by the end */
  private readonly claimless: Array<{ sub: SubscriberLoop; hl: Segment; id: string }> = [];
  /** CLM segment of each claim of the loop being read (for the checks' issue locations) */
  private readonly clms = new Map<Claim837, Segment>();
  private headerRead = false;

  constructor(
    private readonly st: Segment | undefined,
    bht: Segment | undefined,
    kind: ClaimKind,
    d: Delimiters,
    private readonly sink: IssueSink = new IssueSink(),
  ) {
    this.ctx = { kind, d, sink, t: new Interner(), onClaim: (c, clm) => this.clms.set(c, clm) };
    this.checks = new Checks837(kind);
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
    const { file, sink } = this;
    for (const { sub, hl, id } of this.claimless) {
      if (sub.patients.length > 0) continue;
      sink.add(
        txIssue(TX_CODES.requiredLoopMissing, `subscriber HL ${id} has no claim (2300) and no patient (2000C)`, {
          seg: hl,
          loop: '2300',
        }),
      );
    }
    if (file.billingProviders.length === 0)
      sink.add(
        txIssue(TX_CODES.requiredLoopMissing, 'no billing provider loop (2000A HL*20)', {
          seg: this.st,
          loop: '2000A',
        }),
      );
    pushAll(sink.issues, this.checks.issues());
    return { value: file, issues: sink.issues };
  }

  private readHeaderOnce(): void {
    if (this.headerRead) return;
    this.headerRead = true;
    readHeader(this.hl.tree.header, this.file, this.sink);
    this.hl.tree.header.length = 0;
    this.checks.party(this.file.submitter, () => 'submitter');
    this.checks.party(this.file.receiver, () => 'receiver');
  }

  /** A node's own segments are complete (its parent was read before it). */
  private readNode(node: HlNode): void {
    const { hl, file, checks } = this;
    const parentLevel = hl.levelOf(node.parentOrdinal);
    const parentLoop = hl.valueOf(node.parentOrdinal);
    if (node.level === '20' && node.parentOrdinal < 0) {
      const bp = readBillingProvider(node, this.ctx);
      file.billingProviders.push(bp);
      hl.setValue(node, bp);
      checks.party(bp.provider, () => `${this.pathOf(bp)}.provider`);
      checks.party(bp.payTo, () => `${this.pathOf(bp)}.payTo`);
    } else if (node.level === '22' && parentLevel === '20' && parentLoop) {
      this.subscriberNode(node, parentLoop as BillingProviderLoop);
    } else if (node.level === '23' && parentLevel === '22' && parentLoop) {
      this.patientNode(node, parentLoop as SubscriberLoop);
    }
    this.clms.clear();
  }

  /** Paths in issues are built only for a failing check (no closure is made per claim: tsx names each). */
  private subscriberNode(node: HlNode, bp: BillingProviderLoop): void {
    const sub = readSubscriber(node, this.ctx);
    bp.subscribers.push(sub);
    this.hl.setValue(node, sub);
    const { checks } = this;
    if (!checks.npiOk(sub.subscriber) || !checks.npiOk(sub.payer))
      checks.subscriber(sub, () => this.subscriberPath(sub));
    for (let k = 0; k < sub.claims.length; k++) {
      const c = sub.claims[k]!;
      checks.claim(c, this.clms.get(c), this.subscriberClaimPath(sub, k));
    }
    if (sub.claims.length === 0) this.claimless.push({ sub, hl: node.hl, id: node.id });
  }

  private patientNode(node: HlNode, sub: SubscriberLoop): void {
    const p = readPatient(node, this.ctx);
    sub.patients.push(p);
    const { checks } = this;
    if (!checks.npiOk(p.patient)) checks.party(p.patient, () => `${this.patientPath(sub, p)}.patient`);
    for (let k = 0; k < p.claims.length; k++) {
      const c = p.claims[k]!;
      checks.claim(c, this.clms.get(c), () => `${this.patientPath(sub, p)}.claims[${k}]`);
    }
  }

  /** The path of a subscriber's claim, made when a check fails (one shared function for a claim at index 0). */
  private subscriberClaimPath(sub: SubscriberLoop, k: number): () => string {
    this.pathSub = sub;
    if (k === 0) return this.firstClaimPath;
    return () => `${this.subscriberPath(sub)}.claims[${k}]`;
  }

  /** the subscriber loop `firstClaimPath` names (the one being checked) */
  private pathSub: SubscriberLoop | undefined;
  private readonly firstClaimPath = (): string => `${this.subscriberPath(this.pathSub!)}.claims[0]`;

  private subscriberPath(sub: SubscriberLoop): string {
    const bp = this.file.billingProviders.find((b) => b.subscribers.includes(sub))!;
    return `${this.pathOf(bp)}.subscribers[${bp.subscribers.indexOf(sub)}]`;
  }

  private patientPath(sub: SubscriberLoop, p: PatientLoop): string {
    return `${this.subscriberPath(sub)}.patients[${sub.patients.indexOf(p)}]`;
  }

  private pathOf(bp: BillingProviderLoop): string {
    return `billingProviders[${this.file.billingProviders.indexOf(bp)}]`;
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
  let specialty: Specialty | undefined;
  let provider: Party | undefined;
  let payTo: Party | undefined;
  const cur = new Cursor(node.segments);
  while (cur.more()) {
    const s = cur.peek()!;
    if (s.id === 'PRV') specialty = readSpecialty(cur.next());
    else if (s.id === 'NM1' && el(s, 1) === '85') provider = readParty(cur);
    else if (s.id === 'NM1' && el(s, 1) === '87') payTo = readParty(cur);
    else ctx.sink.notModeled(cur.next(), '2000A');
  }
  if (!provider)
    ctx.sink.add(
      txIssue(TX_CODES.requiredLoopMissing, `billing provider name loop 2010AA (NM1*85) is missing in HL ${node.id}`, {
        seg: node.hl,
        loop: '2010AA',
      }),
    );
  return { specialty, provider: provider ?? EMPTY_PARTY, payTo, subscribers: [] };
}

function readSubscriber(node: HlNode, ctx: ReadCtx): SubscriberLoop {
  let sbr: PayerResponsibility | undefined;
  let subscriber: Party | undefined;
  let payer: Party | undefined;
  const claims: Claim837[] = [];
  const cur = new Cursor(node.segments);
  while (cur.more()) {
    const s = cur.peek()!;
    if (s.id === 'SBR') sbr = readSbr(cur.next(), ctx.t);
    else if (s.id === 'NM1' && el(s, 1) === 'IL') subscriber = readParty(cur);
    else if (s.id === 'NM1' && el(s, 1) === 'PR') payer = readParty(cur, PARTY_IDS, undefined, ctx.t);
    else if (s.id === 'CLM') claims.push(readClaim(cur, ctx));
    else ctx.sink.notModeled(cur.next(), '2000B');
  }
  if (!sbr) loopMissing(ctx, node, 'SBR (2000B)');
  if (!subscriber) loopMissing(ctx, node, 'subscriber name 2010BA (NM1*IL)');
  if (!payer) loopMissing(ctx, node, 'payer name 2010BB (NM1*PR)');
  return {
    sbr: sbr ?? { responsibility: '' },
    subscriber: subscriber ?? EMPTY_PARTY,
    payer: payer ?? EMPTY_PARTY,
    claims: listOrEmpty(claims),
    patients: [],
  };
}

function loopMissing(ctx: ReadCtx, node: HlNode, what: string): void {
  ctx.sink.add(
    txIssue(TX_CODES.requiredLoopMissing, `${what} is missing in HL ${node.id}`, { seg: node.hl, loop: '2000B' }),
  );
}

function readPatient(node: HlNode, ctx: ReadCtx): PatientLoop {
  let relationship = '';
  let patient: Party | undefined;
  const claims: Claim837[] = [];
  const cur = new Cursor(node.segments);
  while (cur.more()) {
    const s = cur.peek()!;
    if (s.id === 'PAT') relationship = el(cur.next(), 1);
    else if (s.id === 'NM1' && el(s, 1) === 'QC') patient = readParty(cur);
    else if (s.id === 'CLM') claims.push(readClaim(cur, ctx));
    else ctx.sink.notModeled(cur.next(), '2000C');
  }
  if (claims.length === 0)
    ctx.sink.add(
      txIssue(TX_CODES.requiredLoopMissing, `patient HL ${node.id} has no claim (2300)`, {
        seg: node.hl,
        loop: '2300',
      }),
    );
  return { relationship, patient: patient ?? EMPTY_PARTY, claims: listOrEmpty(claims) };
}
