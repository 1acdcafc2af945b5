/**
 * Deposit reconciliation, pure: a bank deposit (EFT or check) pays the 835s whose TRN02 is its trace number
 * (and, when both name one, from the same payer). Traces are compared without case, spaces, dashes or leading
 * zeros, because banks and payers print the same number differently. The amounts are then compared: the sum
 * of BPR02 of the matched remittances against the deposit.
 */

/** The trace as compared: `0001234-A` and `1234A` are one trace. */
export function traceKey(trace: string): string {
  const k = trace
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/^0+(?=.)/, '');
  return k;
}

export interface DepositToMatch {
  id: number;
  traceKey: string;
  payerId: number | null;
  amountCents: number;
}

export interface RemittanceToMatch {
  id: number;
  traceNumber: string;
  payerId: number | null;
  paymentCents: number;
}

export interface DepositMatch {
  depositId: number;
  remittanceIds: number[];
  remittedCents: number;
  /** deposit − Σ BPR02: 0 when the bank and the payer agree */
  differenceCents: number;
}

/**
 * Matches each deposit to the remittances not yet matched that carry its trace. A remittance whose payer is
 * unknown to us matches on the trace alone; a deposit naming no payer matches any payer's remittance of that
 * trace, unless another deposit of the same trace names that payer.
 */
export function matchDeposits(deposits: DepositToMatch[], remittances: RemittanceToMatch[]): DepositMatch[] {
  const byTrace = new Map<string, RemittanceToMatch[]>();
  for (const r of remittances) {
    const k = traceKey(r.traceNumber);
    byTrace.set(k, [...(byTrace.get(k) ?? []), r]);
  }
  const taken = new Set<number>();
  const out: DepositMatch[] = [];
  // deposits that name a payer choose first, so a payer-less one takes only what is left
  const ordered = [...deposits].sort((a, b) => Number(a.payerId === null) - Number(b.payerId === null) || a.id - b.id);
  for (const d of ordered) {
    const found = (byTrace.get(d.traceKey) ?? []).filter(
      (r) => !taken.has(r.id) && (d.payerId === null || r.payerId === null || r.payerId === d.payerId),
    );
    if (!found.length) continue;
    for (const r of found) taken.add(r.id);
    const remittedCents = found.reduce((s, r) => s + r.paymentCents, 0);
    out.push({
      depositId: d.id,
      remittanceIds: found.map((r) => r.id),
      remittedCents,
      differenceCents: d.amountCents - remittedCents,
    });
  }
  return out.sort((a, b) => a.depositId - b.depositId);
}
