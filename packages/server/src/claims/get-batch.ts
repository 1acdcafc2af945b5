/** One batch: its claims and files. Audited as a read naming the claims and their patients. */
import type { BatchDetail } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { notFound } from '../app-error.ts';
import { toCamel } from '../db/case.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { recordClaimsAudit } from './claims-audit.ts';

export async function getBatch(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  input: { batchId: number },
): Promise<BatchDetail> {
  const tenantId = actor.tenantId;
  return withTenant(deps.db, tenantId, async (tx) => {
    const batch = await tx
      .selectFrom('batch')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', input.batchId)
      .executeTakeFirst();
    if (!batch) throw notFound('Batch');
    const claims = await tx
      .selectFrom('claim')
      .select(['id', 'claim_number', 'state', 'total_charge_cents', 'rejection_reason'])
      .where('tenant_id', '=', tenantId)
      .where('batch_id', '=', batch.id)
      .orderBy('id')
      .execute();
    const fileIds = [batch.file_id, batch.ack_file_id].filter((f): f is number => f !== null);
    const files = fileIds.length
      ? await tx
          .selectFrom('edi_file')
          .select(['id', 'direction', 'kind', 'file_name', 'status', 'created_at'])
          .where('tenant_id', '=', tenantId)
          .where('id', 'in', fileIds)
          .execute()
      : [];
    await recordClaimsAudit(
      tx,
      deps.auditKey,
      actor,
      { action: 'read', resourceType: 'batch', resourceId: batch.id, dataCategory: 'claim' },
      claims.map((c) => c.id),
    );
    return { ...toCamel(batch), claims: claims.map(toCamel), files: files.map(toCamel) };
  });
}
