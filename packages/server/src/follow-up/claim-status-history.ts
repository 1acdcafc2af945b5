/** A claim's status inquiries (276 asked, 277 answered), newest first, for the claim page. Audited as a read. */
import type { ClaimStatusHistory } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { notFound } from '../app-error.ts';
import { recordClaimsAudit } from '../claims/claims-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { loadStatusInquiries } from './status-inquiry-rows.ts';

export async function claimStatusHistory(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  input: { claimId: number },
): Promise<ClaimStatusHistory> {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const claim = await tx
      .selectFrom('claim')
      .select(['id', 'claim_number'])
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', input.claimId)
      .executeTakeFirst();
    if (!claim) throw notFound('Claim');
    const inquiries = await loadStatusInquiries(tx, actor.tenantId, { claimIds: [claim.id] });
    await recordClaimsAudit(
      tx,
      deps.auditKey,
      actor,
      { action: 'read', resourceType: 'claim_status_inquiry', resourceId: claim.id, dataCategory: 'claim' },
      [claim.id],
    );
    return { claimId: claim.id, claimNumber: claim.claim_number, inquiries };
  });
}
