/**
 * Sends built batches: the stored bytes go out unchanged (a retry resends identical bytes under the
 * same name, which the adapter treats as a no-op), then the batch and its claims become `submitted`.
 * No transaction is held open across the network call (PGlite queues everything behind one).
 */
import type { ClearinghouseAdapter } from '../clearinghouse/clearinghouse-adapter.ts';
import { withTenant, type Db } from '../db/open-database.ts';
import { transitionClaimsBulk, type Actor } from './claim-events.ts';

export interface SubmitResult {
  batchId: number;
  fileName: string;
  remotePath: string;
  resent: boolean;
}

export async function submitBatches(db: Db, tenantId: number, adapter: ClearinghouseAdapter, opts: { batchIds?: number[]; actor: Actor; now: Date }): Promise<SubmitResult[]> {
  const batches = await withTenant(db, tenantId, (tx) => {
    let q = tx
      .selectFrom('batch as b')
      .innerJoin('edi_file as f', (j) => j.onRef('f.tenant_id', '=', 'b.tenant_id').onRef('f.id', '=', 'b.file_id'))
      .select(['b.id', 'f.file_name', 'f.content', 'f.id as file_id'])
      .where('b.tenant_id', '=', tenantId)
      .where('b.state', '=', 'built');
    if (opts.batchIds) q = q.where('b.id', 'in', opts.batchIds.length ? opts.batchIds : [-1]);
    return q.orderBy('b.id').execute();
  });
  const results: SubmitResult[] = [];
  for (const b of batches) {
    const sent = await adapter.upload(b.file_name, Buffer.from(b.content, 'utf8'));
    await withTenant(db, tenantId, async (tx) => {
      await tx.updateTable('batch').set({ state: 'submitted', submitted_at: opts.now }).where('tenant_id', '=', tenantId).where('id', '=', b.id).where('state', '=', 'built').execute();
      const claims = await tx.selectFrom('claim').select('id').where('tenant_id', '=', tenantId).where('batch_id', '=', b.id).where('state', '=', 'batched').execute();
      await transitionClaimsBulk(tx, tenantId, claims.map((c) => c.id), 'batched', 'submitted', { actor: opts.actor, reason: `sent to ${adapter.name} as ${b.file_name}`, fileId: b.file_id });
    });
    results.push({ batchId: b.id, fileName: b.file_name, remotePath: sent.remotePath, resent: !sent.created });
  }
  return results;
}
