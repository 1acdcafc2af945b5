/**
 * Correct or void a claim the payer holds: a new claim (frequency 7 replacement, 8 void) on the same encounter and
 * coverage naming the payer's claim number (REF*F8), linked to the original; both histories name each other.
 * A replacement is a draft: the encounter may be re-coded, then it is scrubbed and sent like any claim. One audit
 * row names both claims and the patient.
 */
import type { ReplaceClaimInput, ReplacementResult } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { withTenant } from '../db/open-database.ts';
import type { ClaimsDeps } from '../deps.ts';
import { recordClaimsAudit } from './claims-audit.ts';
import { createReplacementClaim } from './replace-claim.ts';

export async function correctOrVoidClaim(
  deps: Pick<ClaimsDeps, 'db' | 'auditKey'>,
  actor: Actor,
  input: { claimId: number } & ReplaceClaimInput,
): Promise<ReplacementResult> {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const made = await createReplacementClaim(
      tx,
      actor.tenantId,
      input.claimId,
      input.kind === 'void' ? '8' : '7',
      actor,
      input.reason,
      input.kind === 'void' ? input.disposition : undefined,
    );
    await recordClaimsAudit(
      tx,
      deps.auditKey,
      actor,
      {
        action: 'create',
        resourceType: 'claim',
        resourceId: made.claimId,
        dataCategory: 'claim',
        details: {
          frequencyCode: made.frequencyCode,
          replacesClaimId: made.replacesClaimId,
          ...(input.reason ? { reason: input.reason } : {}),
          ...(input.kind === 'void' ? { disposition: input.disposition } : {}),
        },
      },
      [made.claimId, made.replacesClaimId],
    );
    return made;
  });
}
