/**
 * Send built batches to their clearinghouse (all of its built batches, or those named): each file is audited
 * before its bytes leave and again as its claims become `submitted` (send-batches.ts); one `export` row records
 * the request itself, naming what was sent. The adapter's connection is closed whatever happens.
 */
import type { SubmitResult } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { ClaimsDeps } from '../deps.ts';
import { loadClearinghouse } from './claim-services.ts';
import { sendBatches } from './send-batches.ts';

export async function submitBatches(
  deps: ClaimsDeps,
  actor: Actor,
  input: { clearinghouseId: number; batchIds?: number[] },
): Promise<SubmitResult> {
  const { db } = deps;
  const { ch, credential } = await withTenant(db, actor.tenantId, (tx) =>
    loadClearinghouse(tx, deps.auditKey, actor.tenantId, input.clearinghouseId),
  );
  const adapter = deps.claims.adapterFor(ch, credential);
  try {
    const sent = await sendBatches(deps, actor, adapter, {
      clearinghouseId: ch.id,
      batchIds: input.batchIds,
      now: deps.claims.now(),
    });
    await withTenant(db, actor.tenantId, (tx) =>
      recordAudit(tx, deps.auditKey, actor, {
        action: 'export',
        resourceType: 'batch',
        dataCategory: 'claim',
        details: { sent: sent.map((s) => s.batchId), to: ch.name },
      }),
    );
    return { sent };
  } finally {
    await adapter.close();
  }
}
