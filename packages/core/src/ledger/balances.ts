/**
 * Balance math over entries. A balance is always a sum of `ar` entries; the totals split it into what
 * was charged, paid, adjusted, written off and refunded, and the identity
 *   balance = charges − insurance payments − patient payments − adjustments − write-offs + refunds
 * holds for any set of entries (transfers move money between parties and add nothing).
 */
import { ADJUSTMENT_GROUPS, type AdjustmentGroup, type EntryInput, type Party } from './ledger-types.ts';
import type { Cents } from './money.ts';

export interface LedgerTotals {
  charges: Cents;
  insurancePayments: Cents;
  patientPayments: Cents;
  /** payer adjustments by CAS group (CO, OA, PI, CR); PR is patient responsibility, a transfer */
  adjustments: Record<AdjustmentGroup, Cents>;
  writeOffs: Cents;
  refunds: Cents;
  /** moved to the patient by payers' PR (deductible, coinsurance, copay) and by people */
  patientResponsibility: Cents;
  balance: Cents;
  insuranceBalance: Cents;
  patientBalance: Cents;
  /** what each payer owes, by payer id */
  byPayer: Record<number, Cents>;
}

export function emptyTotals(): LedgerTotals {
  return {
    charges: 0,
    insurancePayments: 0,
    patientPayments: 0,
    adjustments: Object.fromEntries(ADJUSTMENT_GROUPS.map((g) => [g, 0])) as Record<AdjustmentGroup, Cents>,
    writeOffs: 0,
    refunds: 0,
    patientResponsibility: 0,
    balance: 0,
    insuranceBalance: 0,
    patientBalance: 0,
    byPayer: {},
  };
}

/** The minimum an entry needs for the totals (a stored row mapped, or an EntryInput). */
export interface ArEntry {
  account: string;
  kind: string;
  amount: Cents;
  group?: string | null;
  party?: Party | null;
}

export function addToTotals(t: LedgerTotals, e: ArEntry): void {
  if (e.account !== 'ar') return;
  const a = e.amount;
  t.balance += a;
  if (e.party?.kind === 'payer') {
    t.insuranceBalance += a;
    t.byPayer[e.party.payerId] = (t.byPayer[e.party.payerId] ?? 0) + a;
  } else t.patientBalance += a;
  switch (e.kind) {
    case 'charge':
      t.charges += a;
      break;
    case 'insurance_payment':
      t.insurancePayments -= a;
      break;
    case 'patient_payment':
      t.patientPayments -= a;
      break;
    case 'adjustment': {
      const g = (e.group ?? 'OA') as AdjustmentGroup;
      t.adjustments[g] = (t.adjustments[g] ?? 0) - a;
      break;
    }
    case 'write_off':
      t.writeOffs -= a;
      break;
    case 'refund':
      t.refunds += a;
      break;
    case 'transfer':
      if (e.party?.kind === 'patient') t.patientResponsibility += a;
      break;
    default:
      break;
  }
}

export function totalsOf(entries: Iterable<ArEntry>): LedgerTotals {
  const t = emptyTotals();
  for (const e of entries) addToTotals(t, e);
  return t;
}

/** The identity every set of entries must satisfy; returns the difference (0 when it holds). */
export function identityGap(t: LedgerTotals): Cents {
  const adjustments = Object.values(t.adjustments).reduce((a, b) => a + b, 0);
  return t.charges - t.insurancePayments - t.patientPayments - adjustments - t.writeOffs + t.refunds - t.balance;
}

export const partyKey = (p: Party): string => (p.kind === 'payer' ? `payer:${p.payerId}` : 'patient');

export function partyFromKey(key: string): Party {
  return key === 'patient' ? { kind: 'patient' } : { kind: 'payer', payerId: Number(key.slice(6)) };
}

/**
 * Running balances per service line and party, kept in step posting by posting — what the 835
 * planner consults while it plans several claims of one file (a reversal then its correction).
 */
export class BalanceBook {
  private readonly byLine = new Map<number, Map<string, Cents>>();

  set(lineId: number, party: Party, amount: Cents): void {
    this.lineMap(lineId).set(partyKey(party), amount);
  }

  apply(entries: Iterable<EntryInput>): void {
    for (const e of entries) {
      if (e.account !== 'ar' || !e.line || !e.party) continue;
      const m = this.lineMap(e.line.serviceLineId);
      const k = partyKey(e.party);
      m.set(k, (m.get(k) ?? 0) + e.amount);
    }
  }

  balance(lineId: number, party?: Party): Cents {
    const m = this.byLine.get(lineId);
    if (!m) return 0;
    if (party) return m.get(partyKey(party)) ?? 0;
    let t = 0;
    for (const v of m.values()) t += v;
    return t;
  }

  /** parties with a non-zero balance on the line */
  owing(lineId: number): Array<{ party: Party; amount: Cents }> {
    const m = this.byLine.get(lineId);
    if (!m) return [];
    return [...m.entries()].filter(([, v]) => v !== 0).map(([k, v]) => ({ party: partyFromKey(k), amount: v }));
  }

  lines(): number[] {
    return [...this.byLine.keys()];
  }

  private lineMap(lineId: number): Map<string, Cents> {
    let m = this.byLine.get(lineId);
    if (!m) this.byLine.set(lineId, (m = new Map()));
    return m;
  }
}
