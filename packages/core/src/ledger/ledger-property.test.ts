/**
 * SECURITY.md D6: ≥ 10,000 random histories of charges, payments, adjustments, transfers, write-offs,
 * refunds, PLB recoupments, reversals and voids. After every step, for every line, claim, patient,
 * payer, practice and the whole tenant: the balance from the entries equals the running balance kept
 * from the operations alone, charges − payments − adjustments (…) = balance, and every posting balances.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { addToTotals, checkPosting, emptyTotals, identityGap, type EntryInput, type LineRef } from './index.ts';
import { CAST_LINES, CAST_PAYERS, LedgerPlayer, ledgerOpArb } from './ledger-ops.test-util.ts';

type Scope = { name: string; lineFilter: (l: LineRef) => boolean };

const SCOPES: Scope[] = [
  ...CAST_LINES.map((l) => ({ name: `line ${l.serviceLineId}`, lineFilter: (x: LineRef) => x === l })),
  ...[1, 2, 3, 4].map((c) => ({ name: `claim ${c}`, lineFilter: (x: LineRef) => x.claimId === c })),
  ...[1, 2, 3].map((p) => ({ name: `patient ${p}`, lineFilter: (x: LineRef) => x.patientId === p })),
  ...[1, 2].map((p) => ({ name: `practice ${p}`, lineFilter: (x: LineRef) => x.practiceId === p })),
  { name: 'tenant', lineFilter: () => true },
];

function fail(what: string, got: number, want: number): never {
  throw new Error(`${what}: ${got} from the entries, ${want} expected`);
}

/** Totals per scope, fed entry by entry (the sums of the entries, kept as they are appended). */
export class ScopeTotals {
  readonly totals = SCOPES.map(() => emptyTotals());
  readonly whole = emptyTotals();
  all = 0;
  provider = 0;
  add(entries: EntryInput[]): void {
    for (const e of entries) {
      this.all += e.amount;
      if (e.account === 'provider_balance') this.provider += e.amount;
      addToTotals(this.whole, e);
      if (!e.line) continue;
      SCOPES.forEach((s, i) => {
        if (s.lineFilter(e.line!)) addToTotals(this.totals[i], e);
      });
    }
  }
}

export function checkInvariants(player: LedgerPlayer, sums: ScopeTotals): void {
  if (sums.all !== 0) fail('all accounts together', sums.all, 0);
  SCOPES.forEach((scope, i) => {
    const t = sums.totals[i];
    const gap = identityGap(t);
    if (gap !== 0) fail(`${scope.name}: charges − payments − adjustments … − balance`, gap, 0);
    const want = player.running.sum(scope.lineFilter);
    if (t.balance !== want) fail(`${scope.name} balance`, t.balance, want);
  });
  for (const payer of CAST_PAYERS) {
    let running = 0;
    for (const l of CAST_LINES) running += player.running.get(l.serviceLineId, payer);
    const owed = sums.whole.byPayer[payer] ?? 0;
    if (owed !== running) fail(`payer ${payer} balance`, owed, running);
  }
  if (sums.provider !== player.running.provider) fail('provider balance', sums.provider, player.running.provider);
}

describe('ledger property (D6)', () => {
  it('10,000 random histories keep every balance equal to the sum of its entries, after every step', () => {
    fc.assert(
      fc.property(fc.array(ledgerOpArb, { minLength: 1, maxLength: 24 }), (ops) => {
        const player = new LedgerPlayer();
        const sums = new ScopeTotals();
        const entries: EntryInput[] = [];
        for (const op of ops) {
          const prepared = player.prepare(op);
          if (!prepared) continue;
          const problems = checkPosting(prepared.posting);
          if (problems.length) throw new Error(problems[0].message);
          player.commit(prepared);
          entries.push(...prepared.posting.entries);
          sums.add(prepared.posting.entries);
          checkInvariants(player, sums);
        }
        // and once more from scratch over the whole history
        const fresh = new ScopeTotals();
        fresh.add(entries);
        checkInvariants(player, fresh);
      }),
      { numRuns: 10_000, seed: 20261102 },
    );
  });
});
