/** An encounter waits to be coded, is coded, then billed (a claim was made from it). */
export const ENCOUNTER_STATUSES = ['to_code', 'coded', 'billed'] as const;
export type EncounterStatus = (typeof ENCOUNTER_STATUSES)[number];

/** Professional (837P, CMS-1500) or institutional (837I, UB-04). */
export const CLAIM_KINDS = ['professional', 'institutional'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** What a coder's save leaves the encounter as: billed once a claim exists, coded when it has codes and lines. */
export function encounterStatusAfterCoding(hasClaims: boolean, coded: boolean): EncounterStatus {
  if (hasClaims) return 'billed';
  return coded ? 'coded' : 'to_code';
}
