/**
 * Which claims can be corrected or voided, and when an encounter's coding may change — one rule for the server
 * (which enforces it) and the web (which offers the buttons and opens the editor accordingly).
 */
import { ADJUDICATED_STATES, isEditable, type ClaimState } from './claim-state.ts';

/** States in which the payer holds the claim (accepted, or decided by an 835): only these are replaced or voided. */
export const REPLACEABLE_STATES = [
  'accepted',
  'acknowledged',
  'adjudicated',
  ...ADJUDICATED_STATES,
  'closed',
  'appealed',
] as const satisfies readonly ClaimState[];

/** A corrected or void claim still on its way: another one for the same claim would be a duplicate. */
export const OPEN_REPLACEMENT_STATES = [
  'draft',
  'ready',
  'batched',
  'submitted',
  'accepted',
  'acknowledged',
  'rejected',
] as const satisfies readonly ClaimState[];

export interface ReplaceableClaim {
  state: ClaimState;
  frequencyCode: string;
  payerClaimNumber: string | null;
}

/** Whether a corrected (7) or void (8) claim can be made of this one (a void itself is never replaced). */
export function canReplace(claim: ReplaceableClaim): boolean {
  return (
    claim.frequencyCode !== '8' &&
    claim.payerClaimNumber !== null &&
    (REPLACEABLE_STATES as readonly ClaimState[]).includes(claim.state)
  );
}

export interface ClaimOfEncounter {
  id: number;
  state: ClaimState;
  frequencyCode: string;
  replacesClaimId: number | null;
}

/**
 * The claim that keeps an encounter's coding as it is — one the payer has or is getting, with no corrected claim
 * (frequency 7) being prepared for it — or null when the coding may change: every claim is still editable (draft,
 * ready, rejected) or voided, or each sent one has its replacement open, which the new coding is for.
 */
export function codingLockedBy<T extends ClaimOfEncounter>(claims: readonly T[]): T | null {
  const preparing = new Set(
    claims.filter((c) => c.frequencyCode === '7' && isEditable(c.state)).map((c) => c.replacesClaimId),
  );
  return claims.find((c) => !isEditable(c.state) && c.state !== 'voided' && !preparing.has(c.id)) ?? null;
}
