/** Incremental 835 reader: feed the segments of one ST..SE in order; claims complete as they close. */
import type { Delimiters, Segment, X12Issue } from '../../syntax/types.ts';
import { centsToString as c$ } from '../../syntax/numbers.ts';
import type { Address, ClaimPayment, HeaderNumber, RemitParty, Remittance835, ServicePayment } from './model.ts';
import { guideIssue, money, optMoney, optNumber, REMIT_CODES, type ReadContext } from './segments.ts';
import * as S from './segments.ts';

export interface BuilderOptions {
  file?: string;
  delims: Delimiters;
  issues?: X12Issue[];
  /** keep claims in `headers[].claims` (false for streaming: memory stays flat) */
  retainClaims?: boolean;
  /** called with every claim when its loop closes */
  onClaim?: (claim: ClaimPayment, header: HeaderNumber) => void;
}

/** NM101 → where the 2100 name goes. */
const NAME_SLOTS = new Map<
  string,
  | 'patient'
  | 'insured'
  | 'correctedPatient'
  | 'serviceProvider'
  | 'crossoverCarrier'
  | 'priorityPayer'
  | 'otherSubscriber'
>([
  ['QC', 'patient'],
  ['IL', 'insured'],
  ['74', 'correctedPatient'],
  ['82', 'serviceProvider'],
  ['TT', 'crossoverCarrier'],
  ['PR', 'priorityPayer'],
  ['GB', 'otherSubscriber'],
]);

/**
 * A loop's lists at their exact length: an array grown by push keeps 17 slots for one element, which made a read
 * file's model about a fifth larger (a 50 MB 835's claims stay in memory while it is planned, issue 8).
 */
function exact<T>(a: T[]): T[] {
  return a.length ? a.slice() : a;
}

const emptyAddress = (): Address => ({ line1: '', city: '' });

type State = 'header' | '1000A' | '1000B' | '2000' | '2100' | '2110' | 'footer';

const sum = (xs: { amount: number }[]): number => {
  let t = 0;
  for (const x of xs) t += x.amount;
  return t;
};

export class Remit835Builder {
  readonly remit: Remittance835;
  readonly ctx: ReadContext;
  private state: State = 'header';
  private party: RemitParty | null = null;
  private seenN3 = false;
  private seenN4 = false;
  private header: HeaderNumber | null = null;
  private claim: ClaimPayment | null = null;
  private service: ServicePayment | null = null;
  private readonly retain: boolean;
  private lastSeg: Segment | null = null;

  constructor(
    controlNumber: string,
    private readonly opts: BuilderOptions,
  ) {
    this.ctx = { delims: opts.delims, issues: opts.issues ?? [], loop: 'HEADER' };
    if (opts.file !== undefined) this.ctx.file = opts.file;
    this.retain = opts.retainClaims ?? true;
    this.remit = {
      controlNumber,
      references: [],
      headers: [],
      providerAdjustments: [],
      totals: { claimsPaid: 0, providerAdjustments: 0, claimCount: 0 },
    };
  }

  get issues(): X12Issue[] {
    return this.ctx.issues;
  }

  accept(seg: Segment): void {
    this.lastSeg = seg;
    switch (seg.id) {
      case 'CLP':
        return this.openClaim(seg);
      case 'SVC':
        return this.openService(seg);
      case 'CAS':
        if (this.service) return S.adjustments(this.ctx, seg, this.service.adjustments);
        if (this.claim) return S.adjustments(this.ctx, seg, this.claim.adjustments);
        return this.unexpected(seg);
      case 'DTM':
        return this.dtm(seg);
      case 'REF':
        return this.ref(seg);
      case 'AMT':
        return this.toTarget(seg, (t) => t.amounts.push(S.amount(this.ctx, seg)));
      case 'QTY':
        return this.toTarget(seg, (t) => t.quantities.push(S.quantity(this.ctx, seg)));
      case 'LQ':
        if (this.service) this.service.remarks.push({ qualifier: seg.elements[0] ?? '', code: seg.elements[1] ?? '' });
        else this.unexpected(seg);
        return;
      case 'NM1':
        return this.nm1(seg);
      case 'MIA':
        return this.claimOnly(
          seg,
          (c) =>
            (c.inpatient = {
              values: seg.elements.slice(),
              remarks: [4, 19, 20, 21, 22].map((i) => seg.elements[i] ?? '').filter(Boolean),
            }),
        );
      case 'MOA':
        return this.claimOnly(seg, (c) => (c.outpatient = S.outpatient(this.ctx, seg)));
      case 'PER':
        return this.per(seg);
      case 'LX':
        return this.openHeader(seg);
      case 'TS3':
        return this.headerOnly(seg, (h) => (h.providerSummary = seg.elements.slice()));
      case 'TS2':
        return this.headerOnly(seg, (h) => (h.supplementalSummary = seg.elements.slice()));
      case 'PLB':
        return this.plb(seg);
      case 'ST':
      case 'SE':
        return;
      default:
        return this.headerSegment(seg);
    }
  }

  /** Close the open loops and check the file balance; `at` is the SE (for the issue position). */
  finish(at?: Segment): Remittance835 {
    this.closeClaim();
    const end = at ?? this.lastSeg ?? { id: 'SE', elements: [] };
    const r = this.remit;
    if (!r.payment) {
      this.ctx.loop = 'HEADER';
      guideIssue(this.ctx, REMIT_CODES.requiredSegmentMissing, end, 'the 835 has no BPR (financial information)');
      return r;
    }
    const expected = r.totals.claimsPaid - r.totals.providerAdjustments;
    if (expected !== r.payment.total) {
      this.ctx.loop = 'FOOTER';
      guideIssue(
        this.ctx,
        REMIT_CODES.paymentOutOfBalance,
        end,
        `ΣCLP04 ${c$(r.totals.claimsPaid)} − ΣPLB ${c$(r.totals.providerAdjustments)} = ${c$(expected)} but BPR02 is ${c$(r.payment.total)}`,
      );
    }
    return r;
  }

  private unexpected(seg: Segment): void {
    guideIssue(
      this.ctx,
      REMIT_CODES.unexpectedSegment,
      seg,
      `${seg.id} is not expected in loop ${this.ctx.loop}`,
      undefined,
      'warning',
    );
  }

  private setState(s: State): void {
    this.state = s;
    this.ctx.loop = s;
  }

  private target(_seg: Segment): ClaimPayment | ServicePayment | null {
    return this.service ?? this.claim;
  }

  private toTarget(seg: Segment, f: (t: ClaimPayment | ServicePayment) => unknown): void {
    const t = this.service ?? this.claim;
    if (t) f(t);
    else this.unexpected(seg);
  }

  private headerSegment(seg: Segment): void {
    const r = this.remit;
    if (this.state !== 'header' && seg.id !== 'N1' && seg.id !== 'N3' && seg.id !== 'N4' && seg.id !== 'RDM')
      return this.unexpected(seg);
    switch (seg.id) {
      case 'BPR':
        r.payment = S.payment(this.ctx, seg);
        return;
      case 'TRN':
        r.trace = {
          type: seg.elements[0] ?? '',
          checkOrEftNumber: seg.elements[1] ?? '',
          ...(seg.elements[2] ? { originatorId: seg.elements[2] } : {}),
          ...(seg.elements[3] ? { originatorSupplemental: seg.elements[3] } : {}),
        };
        return;
      case 'CUR':
        r.currency = { entity: seg.elements[0] ?? '', code: seg.elements[1] ?? '' };
        return;
      case 'N1':
        return this.n1(seg);
      case 'N3':
        // one N3 per party loop (a second would overwrite the first: it is reported instead)
        if (!this.party || this.seenN3) return this.unexpected(seg);
        this.seenN3 = true;
        S.addressLines(seg, (this.party.address ??= emptyAddress()));
        return;
      case 'N4':
        if (!this.party || this.seenN4) return this.unexpected(seg);
        this.seenN4 = true;
        S.cityStateZip(seg, (this.party.address ??= emptyAddress()));
        return;
      case 'RDM':
        if (!this.party) return this.unexpected(seg);
        this.party.deliveryMethod = {
          method: seg.elements[0] ?? '',
          ...(seg.elements[1] ? { name: seg.elements[1] } : {}),
          ...(seg.elements[2] ? { communication: seg.elements[2] } : {}),
        };
        return;
      default:
        return this.unexpected(seg);
    }
  }

  private n1(seg: Segment): void {
    const e = seg.elements;
    const party: RemitParty = {
      entityCode: e[0] ?? '',
      name: { entityType: '2', lastName: e[1] ?? '', idQualifier: e[2] || undefined, id: e[3] || undefined },
    };
    this.party = party;
    this.seenN3 = false;
    this.seenN4 = false;
    if (party.entityCode === 'PR') {
      this.remit.payer = party;
      this.setState('1000A');
    } else {
      this.remit.payee = party;
      this.setState('1000B');
    }
  }

  private dtm(seg: Segment): void {
    const t = this.target(seg);
    if (t) t.dates.push(S.dateValue(seg));
    else if (this.state === 'header') this.remit.productionDate = seg.elements[1] ?? '';
    else this.unexpected(seg);
  }

  private ref(seg: Segment): void {
    const t = this.target(seg) ?? (this.party ? null : this.state === 'header' ? this.remit : null);
    if (t) t.references.push(S.reference(seg));
    else if (this.party) (this.party.refs ??= []).push(S.reference(seg));
    else this.unexpected(seg);
  }

  private per(seg: Segment): void {
    if (this.service) return this.unexpected(seg);
    if (this.claim) this.claim.contacts.push(S.contact(seg));
    else if (this.party) (this.party.contacts ??= []).push(S.contact(seg));
    else this.unexpected(seg);
  }

  private nm1(seg: Segment): void {
    const claim = this.claim;
    if (!claim || this.service) return this.unexpected(seg);
    const name = S.codedName(seg);
    const slot = NAME_SLOTS.get(name.entityCode);
    if (slot) claim[slot] = name;
    else this.unexpected(seg);
  }

  private claimOnly(seg: Segment, f: (c: ClaimPayment) => unknown): void {
    if (this.claim && !this.service) f(this.claim);
    else this.unexpected(seg);
  }

  private headerOnly(seg: Segment, f: (h: HeaderNumber) => unknown): void {
    if (this.header && !this.claim) f(this.header);
    else this.unexpected(seg);
  }

  private openHeader(seg: Segment): void {
    this.closeClaim();
    this.header = { number: seg.elements[0] ?? '', claims: [] };
    this.remit.headers.push(this.header);
    this.party = null;
    this.setState('2000');
  }

  private openClaim(seg: Segment): void {
    this.closeClaim();
    if (!this.header) {
      this.header = { number: '', claims: [] };
      this.remit.headers.push(this.header);
    }
    this.party = null;
    this.setState('2100');
    const e = seg.elements;
    const c: ClaimPayment = {
      patientControlNumber: e[0] ?? '',
      status: e[1] ?? '',
      reversal: e[1] === '22',
      charge: money(this.ctx, seg, 3),
      paid: money(this.ctx, seg, 4),
      filingIndicator: e[5] ?? '',
      payerClaimControlNumber: e[6] ?? '',
      adjustments: [],
      references: [],
      dates: [],
      contacts: [],
      amounts: [],
      quantities: [],
      services: [],
    };
    const pr = optMoney(this.ctx, seg, 5);
    if (pr !== undefined) c.patientResponsibility = pr;
    if (e[7]) c.facilityType = e[7];
    if (e[8]) c.frequency = e[8];
    if (e[10]) c.drg = e[10];
    const w = optNumber(this.ctx, seg, 12);
    if (w !== undefined) c.drgWeight = w;
    const f = optNumber(this.ctx, seg, 13);
    if (f !== undefined) c.dischargeFraction = f;
    if (seg.loc) c.loc = seg.loc;
    this.claim = c;
    if (this.retain) this.header.claims.push(c);
  }

  private openService(seg: Segment): void {
    if (!this.claim) return this.unexpected(seg);
    this.closeService();
    this.setState('2110');
    const e = seg.elements;
    const s: ServicePayment = {
      procedure: S.procedure(e[0] ?? '', this.ctx.delims),
      charge: money(this.ctx, seg, 2),
      paid: money(this.ctx, seg, 3),
      dates: [],
      adjustments: [],
      references: [],
      amounts: [],
      quantities: [],
      remarks: [],
    };
    if (e[3]) s.revenueCode = e[3];
    const units = optNumber(this.ctx, seg, 5);
    if (units !== undefined) s.units = units;
    if (e[5]) s.submittedProcedure = S.procedure(e[5], this.ctx.delims);
    const su = optNumber(this.ctx, seg, 7);
    if (su !== undefined) s.submittedUnits = su;
    if (seg.loc) s.loc = seg.loc;
    this.service = s;
    this.claim.services.push(s);
    this.svcSeg = seg;
  }

  private svcSeg: Segment | null = null;
  private clpSeg(c: ClaimPayment): Segment {
    return { id: 'CLP', elements: [], ...(c.loc ? { loc: c.loc } : {}) };
  }

  private closeService(): void {
    const s = this.service;
    if (!s) return;
    this.service = null;
    s.dates = exact(s.dates);
    s.adjustments = exact(s.adjustments);
    s.references = exact(s.references);
    s.amounts = exact(s.amounts);
    s.quantities = exact(s.quantities);
    s.remarks = exact(s.remarks);
    const adj = sum(s.adjustments);
    if (s.charge - adj !== s.paid && this.svcSeg) {
      this.ctx.loop = '2110';
      guideIssue(
        this.ctx,
        REMIT_CODES.lineOutOfBalance,
        this.svcSeg,
        `SVC02 ${c$(s.charge)} − ΣCAS ${c$(adj)} = ${c$(s.charge - adj)} but SVC03 is ${c$(s.paid)}`,
        3,
      );
    }
    this.setState('2100');
  }

  private closeClaim(): void {
    this.closeService();
    const c = this.claim;
    if (!c) return;
    this.claim = null;
    c.adjustments = exact(c.adjustments);
    c.references = exact(c.references);
    c.dates = exact(c.dates);
    c.contacts = exact(c.contacts);
    c.amounts = exact(c.amounts);
    c.quantities = exact(c.quantities);
    c.services = exact(c.services);
    let adj = sum(c.adjustments);
    for (const s of c.services) adj += sum(s.adjustments);
    if (c.charge - adj !== c.paid) {
      this.ctx.loop = '2100';
      guideIssue(
        this.ctx,
        REMIT_CODES.claimOutOfBalance,
        this.clpSeg(c),
        `CLP03 ${c$(c.charge)} − ΣCAS ${c$(adj)} (claim and lines) = ${c$(c.charge - adj)} but CLP04 is ${c$(c.paid)}`,
        4,
      );
    }
    this.remit.totals.claimsPaid += c.paid;
    this.remit.totals.claimCount++;
    if (this.opts.onClaim && this.header) this.opts.onClaim(c, this.header);
    this.setState('2000');
  }

  private plb(seg: Segment): void {
    this.closeClaim();
    this.setState('footer');
    const p = S.providerAdjustment(this.ctx, seg);
    this.remit.providerAdjustments.push(p);
    this.remit.totals.providerAdjustments += sum(p.items);
  }
}
