/**
 * Put ready claims into batches for a clearinghouse: one 837 per payer and claim kind, its control numbers
 * allocated and the file stored before anything is sent. Given claims that are not ready are left out. One
 * audit row names the batches, their claims and patients.
 */
import type { BuiltBatches } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { withTenant } from '../db/open-database.ts';
import type { ClaimsDeps } from '../deps.ts';
import { buildBatches } from './build-batches.ts';
import { recordClaimsAudit } from './claims-audit.ts';

export async function buildClaimBatches(
  deps: ClaimsDeps,
  actor: Actor,
  input: { clearinghouseId: number; claimIds?: number[] },
): Promise<BuiltBatches> {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const batches = await buildBatches(tx, actor.tenantId, {
      clearinghouseId: input.clearinghouseId,
      claimIds: input.claimIds,
      now: deps.claims.now(),
      actor,
    });
    await recordClaimsAudit(
      tx,
      deps.auditKey,
      actor,
      {
        action: 'create',
        resourceType: 'batch',
        resourceId: batches.length === 1 ? batches[0].batchId : null,
        dataCategory: 'claim',
        details: {
          clearinghouseId: input.clearinghouseId,
          batches: batches.map((b) => ({ batchId: b.batchId, fileId: b.fileId, fileName: b.fileName })),
        },
      },
      batches.flatMap((b) => b.claimIds),
    );
    return { batches };
  });
}
