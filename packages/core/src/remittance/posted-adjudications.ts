/**
 * What each payer's adjudications posted on each service line, by what a reversal (CLP02 22) can take back: the
 * payment (`paid`), each CAS adjustment (`CO:45`, `OA:23`…) and each patient responsibility the payer moved on
 * (`PR:1`…). Amounts are as posted (positive: paid, adjusted, moved); a reversal posted lowers them. The 835 planner
 * checks a reversal against it (a payer may only take back what we posted for that claim from that payer) and keeps
 * it in step claim by claim.
 */
import type { EntryInput } from '../ledger/ledger-types.ts';
import type { Cents } from '../ledger/money.ts';

/** The key an adjudication entry counts under, or null when it is not one a reversal takes back. */
export function adjudicationKey(e: { kind: string; group?: string | null; reason?: string | null }): string | null {
  if (e.kind === 'insurance_payment') return 'paid';
  if (e.kind === 'adjustment') return `${e.group ?? 'OA'}:${e.reason ?? ''}`;
  if (e.kind === 'transfer' && e.group) return `${e.group}:${e.reason ?? ''}`;
  return null;
}

export class PostedAdjudications {
  private readonly byLine = new Map<string, Map<string, Cents>>();

  /** adds `amount` (as posted: positive for a payment or adjustment) under a key */
  add(lineId: number, payerId: number, key: string, amount: Cents): void {
    const k = `${lineId}|${payerId}`;
    let m = this.byLine.get(k);
    if (!m) this.byLine.set(k, (m = new Map()));
    m.set(key, (m.get(key) ?? 0) + amount);
  }

  /** what is posted under each key on a line from a payer */
  of(lineId: number, payerId: number): ReadonlyMap<string, Cents> {
    return this.byLine.get(`${lineId}|${payerId}`) ?? new Map();
  }

  /**
   * The adjudication entries one claim's posting made: the payer's own `ar` entries on the claim's lines (a PR the
   * primary moved onto the secondary's claim is the primary's, not the secondary's).
   */
  applyPosting(claimId: number, entries: Iterable<EntryInput>): void {
    for (const [lineId, payerId, key, amount] of adjudicationsOf(claimId, entries))
      this.add(lineId, payerId, key, amount);
  }
}

/** [lineId, payerId, key, amount as posted] for each adjudication entry of a claim's posting */
export function adjudicationsOf(
  claimId: number,
  entries: Iterable<EntryInput>,
): Array<[number, number, string, Cents]> {
  const out: Array<[number, number, string, Cents]> = [];
  for (const e of entries) {
    if (e.account !== 'ar' || !e.line || e.party?.kind !== 'payer' || e.line.claimId !== claimId) continue;
    const key = adjudicationKey(e);
    if (key) out.push([e.line.serviceLineId, e.party.payerId, key, -e.amount]);
  }
  return out;
}
