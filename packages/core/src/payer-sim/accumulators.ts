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
}

export function emptyAccumulators(): Accumulators {
  return { deductibleCents: {}, claims: {}, services: {}, adjudications: {} };
}
