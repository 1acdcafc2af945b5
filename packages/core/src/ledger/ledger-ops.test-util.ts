/**
 * Random ledger histories for property tests (core and database): charges, payments, adjustments,
 * transfers, write-offs, refunds, PLB recoupments, reversals and claim voids over a small cast of lines,
 * with an independent running-balance model that knows nothing about entries.
 */
import fc from 'fast-check';
import {
  adjustmentEntries,
  chargeEntries,
  insurancePaymentEntries,
  patientPaymentEntries,
  providerAdjustmentEntries,
  refundEntries,
  reversalPosting,
  transferEntries,
  writeOffEntries,
  type AdjustmentGroup,
  type LineRef,
  type Party,
  type PostingInput,
  type StoredPosting,
} from './index.ts';

/** 2 practices, 3 patients, 4 claims, 6 lines; payers 1 and 2. */
export const CAST_LINES: LineRef[] = [
  { serviceLineId: 1, claimId: 1, patientId: 1, practiceId: 1 },
  { serviceLineId: 2, claimId: 1, patientId: 1, practiceId: 1 },
  { serviceLineId: 3, claimId: 2, patientId: 2, practiceId: 1 },
  { serviceLineId: 4, claimId: 3, patientId: 2, practiceId: 2 },
  { serviceLineId: 5, claimId: 4, patientId: 3, practiceId: 2 },
  { serviceLineId: 6, claimId: 4, patientId: 3, practiceId: 2 },
];
export const CAST_PAYERS = [1, 2];

export type LedgerOp =
  | { op: 'charge'; line: number; payer: number; amount: number }
  | { op: 'payment'; line: number; payer: number; amount: number }
  | { op: 'adjust'; line: number; payer: number; group: AdjustmentGroup; amount: number }
  | { op: 'transfer'; line: number; from: number; to: number; amount: number }
  | { op: 'patientPayment'; line: number; amount: number }
  | { op: 'writeOff'; line: number; party: number; amount: number }
  | { op: 'refund'; line: number; party: number; amount: number }
  | { op: 'recoup'; payer: number; amount: number }
  | { op: 'reverse'; pick: number }
  | { op: 'voidClaim'; claim: number };

const line = fc.integer({ min: 0, max: CAST_LINES.length - 1 });
const payer = fc.constantFrom(...CAST_PAYERS);
/** 0 is the patient, otherwise a payer id */
const party = fc.integer({ min: 0, max: CAST_PAYERS.length });
const amount = fc.integer({ min: 1, max: 5_000_000 });

export const ledgerOpArb: fc.Arbitrary<LedgerOp> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('charge' as const), line, payer, amount }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('payment' as const), line, payer, amount }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('adjust' as const),
      line,
      payer,
      group: fc.constantFrom<AdjustmentGroup>('CO', 'OA', 'PI', 'CR'),
      amount: fc.integer({ min: -100_000, max: 2_000_000 }).filter((x) => x !== 0),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('transfer' as const), line, from: party, to: party, amount }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('patientPayment' as const), line, amount }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('writeOff' as const), line, party, amount }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('refund' as const), line, party, amount }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('recoup' as const), payer, amount }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('reverse' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('voidClaim' as const), claim: fc.integer({ min: 1, max: 4 }) }) },
);

const partyOf = (n: number): Party => (n === 0 ? { kind: 'patient' } : { kind: 'payer', payerId: n });

/** Running balances per (line, party), as a bookkeeper would keep them, from the operations alone. */
export class RunningBalances {
  readonly ar = new Map<string, number>();
  provider = 0;
  add(lineId: number, p: Party, delta: number): void {
    const k = `${lineId}|${p.kind === 'payer' ? p.payerId : 0}`;
    this.ar.set(k, (this.ar.get(k) ?? 0) + delta);
  }
  get(lineId: number, partyId: number): number {
    return this.ar.get(`${lineId}|${partyId}`) ?? 0;
  }
  sum(filter: (l: LineRef) => boolean): number {
    let t = 0;
    for (const l of CAST_LINES) {
      if (!filter(l)) continue;
      t += this.get(l.serviceLineId, 0);
      for (const p of CAST_PAYERS) t += this.get(l.serviceLineId, p);
    }
    return t;
  }
}

export interface Prepared {
  posting: PostingInput;
  deltas: Applied['deltas'];
  provider: number;
  reverses: Applied[];
}

interface Applied {
  posting: StoredPosting;
  /** the running-balance change it made, to undo on reversal */
  deltas: Array<{ line: number; party: Party; delta: number }>;
  provider: number;
  reversed: boolean;
}

/**
 * Plays operations: turns each into a posting (through the ledger's builders), stores it with ids,
 * and moves the running balances by what the operation means. `store` receives each posting (a
 * database test appends it there) and the id it was stored under.
 */
export class LedgerPlayer {
  readonly running = new RunningBalances();
  readonly postings: Applied[] = [];
  private nextId = 1;

  /** the posting an operation makes, or null when it means nothing now (nothing left to reverse) */
  prepare(op: LedgerOp): Prepared | null {
    return this.build(op);
  }

  /** records a prepared posting under the id the store gave it, and moves the running balances */
  commit(prepared: Prepared, id = this.nextId++): StoredPosting {
    const { posting } = prepared;
    const stored: StoredPosting = {
      ...posting,
      id,
      entries: posting.entries.map((e, i) => ({ ...e, id: i, postingId: id })),
    };
    for (const target of prepared.reverses) {
      target.reversed = true;
      for (const d of target.deltas) this.running.add(d.line, d.party, -d.delta);
      this.running.provider -= target.provider;
    }
    for (const d of prepared.deltas) this.running.add(d.line, d.party, d.delta);
    this.running.provider += prepared.provider;
    this.postings.push({
      posting: stored,
      deltas: prepared.deltas,
      provider: prepared.provider,
      reversed: prepared.reverses.length > 0,
    });
    return stored;
  }

  private open(): Applied[] {
    return this.postings.filter((p) => !p.reversed);
  }

  private build(op: LedgerOp): Prepared | null {
    const base = { effectiveDate: '2026-11-02', memo: op.op };
    const one = (
      kind: PostingInput['kind'],
      entries: PostingInput['entries'],
      deltas: Applied['deltas'],
      provider = 0,
    ) => ({
      posting: { ...base, kind, entries },
      deltas,
      provider,
      reverses: [],
    });
    switch (op.op) {
      case 'charge': {
        const l = CAST_LINES[op.line];
        const p = partyOf(op.payer);
        return one('charge', chargeEntries(l, p, op.amount), [{ line: l.serviceLineId, party: p, delta: op.amount }]);
      }
      case 'payment': {
        const l = CAST_LINES[op.line];
        const p = partyOf(op.payer);
        return one('claim_payment', insurancePaymentEntries(l, op.payer, op.amount), [
          { line: l.serviceLineId, party: p, delta: -op.amount },
        ]);
      }
      case 'adjust': {
        const l = CAST_LINES[op.line];
        const p = partyOf(op.payer);
        return one('claim_payment', adjustmentEntries(l, p, op.group, '45', op.amount), [
          { line: l.serviceLineId, party: p, delta: -op.amount },
        ]);
      }
      case 'transfer': {
        if (op.from === op.to) return null;
        const l = CAST_LINES[op.line];
        const [from, to] = [partyOf(op.from), partyOf(op.to)];
        return one('transfer', transferEntries(l, from, to, op.amount), [
          { line: l.serviceLineId, party: from, delta: -op.amount },
          { line: l.serviceLineId, party: to, delta: op.amount },
        ]);
      }
      case 'patientPayment': {
        const l = CAST_LINES[op.line];
        return one('patient_payment', patientPaymentEntries(l, op.amount), [
          { line: l.serviceLineId, party: { kind: 'patient' }, delta: -op.amount },
        ]);
      }
      case 'writeOff': {
        const l = CAST_LINES[op.line];
        const p = partyOf(op.party);
        return one('write_off', writeOffEntries(l, p, op.amount, 'small balance'), [
          { line: l.serviceLineId, party: p, delta: -op.amount },
        ]);
      }
      case 'refund': {
        const l = CAST_LINES[op.line];
        const p = partyOf(op.party);
        return one('refund', refundEntries(l, p, op.amount), [{ line: l.serviceLineId, party: p, delta: op.amount }]);
      }
      case 'recoup':
        return one('remittance_settlement', providerAdjustmentEntries(op.payer, 'WO', op.amount, 'ICN'), [], op.amount);
      case 'reverse': {
        const open = this.open();
        if (!open.length) return null;
        const target = open[op.pick % open.length];
        return {
          posting: reversalPosting(target.posting, '2026-11-03', 'reversed'),
          deltas: [],
          provider: 0,
          reverses: [target],
        };
      }
      case 'voidClaim': {
        const targets = this.open().filter((p) => p.posting.entries.some((e) => e.line?.claimId === op.claim));
        if (!targets.length) return null;
        // one posting undoing every open posting of the claim (a void takes the whole claim back)
        const entries = targets.flatMap((t) => reversalPosting(t.posting, '2026-11-03', 'void').entries);
        return {
          posting: { ...base, kind: 'charge_correction', memo: `void claim ${op.claim}`, entries },
          deltas: [],
          provider: 0,
          reverses: targets,
        };
      }
    }
  }
}
