/**
 * What the payer remembers between claims: deductible met per member and year, claims and services
 * already adjudicated (for duplicate detection) and each paid claim by ICN (to reverse it when a
 * replacement or void arrives). Plain JSON; `adjudicate` returns a new value.
 */
import type { AdjudicationResult, ReceivedClaim } from './types.ts';

export interface StoredAdjudication {
  ctx: ReceivedClaim;
  result: AdjudicationResult;
  /** key of the deductible accumulator the claim used */
  deductibleKey: string;
}

export interface Accumulators {
  /** deductible applied, by memberKey + '|' + year */
  deductibleCents: Record<string, number>;
  /** payer|CLM01 → payer claim control number (ICN) of the claims adjudicated */
  claims: Record<string, string>;
  /** payer|member|date|code|modifiers → CLM01 of the claim that had the service */
  services: Record<string, string>;
  /** ICN → the adjudication, while it stands (removed when reversed) */
  adjudications: Record<string, StoredAdjudication>;
  /** memberKey|code → dates of service paid (frequency limits); absent in state saved before it existed */
  history?: Record<string, string[]>;
  /**
   * payer|CLM01 → what the payer knows of each claim it received (for 276 status inquiries): accepted or rejected
   * on the 277CA, how it was adjudicated and paid. Absent in state saved before it existed.
   */
  received?: Record<string, ReceivedClaimRecord>;
}

/** One claim as the payer's claim-status system sees it. */
export interface ReceivedClaimRecord {
  /** CCYYMMDD the 837 arrived */
  receivedOn: string;
  chargeCents: number;
  frequency: string;
  /** payer claim control number, when accepted */
  icn?: string;
  /** the 277CA rejection (STC01 and message), when rejected */
  rejection?: { category: string; code: string; entity?: string; message: string };
  /** how the payer decided it, once adjudicated */
  outcome?: 'paid' | 'partial' | 'denied' | 'voided';
  paidCents?: number;
  /** the first CARC of a denied claim's lines (why the payer denied it) */
  denialReason?: string;
  /** CCYYMMDD adjudicated */
  adjudicatedOn?: string;
  /** the 835 that paid or denied it: TRN02 trace, BPR04 method, date */
  payment?: { trace: string; method: string; date: string };
  /** ICN of the claim that replaced or voided this one (the payer reversed it) */
  reversedBy?: string;
}

export function emptyAccumulators(): Accumulators {
  return { deductibleCents: {}, claims: {}, services: {}, adjudications: {} };
}
