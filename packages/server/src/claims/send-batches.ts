/**
 * Sends built batches: the stored bytes go out unchanged (a retry resends identical bytes under the
 * same name, which the adapter treats as a no-op), then the batch and its claims become `submitted`.
 * No transaction is held open across the network call (PGlite queues everything behind one).
 *
 * Audit: before a file goes out, an `export` batch row names the claims and patients in it (and a
 * `failure` row follows when the upload fails); the move to `submitted` writes an `update` batch row in
 * its own transaction.
 */
import { messageForPeople } from '../app-error.ts';
import type { SentBatch } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ClearinghouseAdapter } from '../clearinghouse/clearinghouse-adapter.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { transitionClaimsBulk } from './claim-events.ts';
import { recordClaimsAudit } from './claims-audit.ts';

/** Sends the built batches of one clearinghouse (all, or those named) through its adapter. */
export async function sendBatches(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  adapter: ClearinghouseAdapter,
  opts: { clearinghouseId: number; batchIds?: number[]; now: Date },
): Promise<SentBatch[]> {
  const { db } = deps;
  const tenantId = actor.tenantId;
  const key = deps.auditKey;
  const batches = await withTenant(db, tenantId, (tx) => {
    let q = tx
      .selectFrom('batch as b')
      .innerJoin('edi_file as f', (j) => j.onRef('f.tenant_id', '=', 'b.tenant_id').onRef('f.id', '=', 'b.file_id'))
      .select(['b.id', 'f.file_name', 'f.content', 'f.id as file_id'])
      .where('b.tenant_id', '=', tenantId)
      .where('b.clearinghouse_id', '=', opts.clearinghouseId)
      .where('b.state', '=', 'built');
    if (opts.batchIds) q = q.where('b.id', 'in', opts.batchIds.length ? opts.batchIds : [-1]);
    return q.orderBy('b.id').execute();
  });
  const results: SentBatch[] = [];
  for (const b of batches) {
    const about = { fileId: b.file_id, fileName: b.file_name, to: adapter.name };
    // recorded before the bytes leave
    await withTenant(db, tenantId, async (tx) => {
      const inFile = await tx
        .selectFrom('claim')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('batch_id', '=', b.id)
        .execute();
      await recordClaimsAudit(
        tx,
        key,
        actor,
        { action: 'export', resourceType: 'batch', resourceId: b.id, dataCategory: 'claim', details: about },
        inFile.map((c) => c.id),
      );
    });
    let sent: Awaited<ReturnType<ClearinghouseAdapter['upload']>>;
    try {
      sent = await adapter.upload(b.file_name, Buffer.from(b.content, 'utf8'));
    } catch (e) {
      await withTenant(db, tenantId, (tx) =>
        recordAudit(tx, key, actor, {
          action: 'export',
          resourceType: 'batch',
          resourceId: b.id,
          dataCategory: 'claim',
          outcome: 'failure',
          details: { ...about, error: messageForPeople(e).slice(0, 300) },
        }),
      ).catch(() => {});
      throw e;
    }
    await withTenant(db, tenantId, async (tx) => {
      await tx
        .updateTable('batch')
        .set({ state: 'submitted', submitted_at: opts.now })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', b.id)
        .where('state', '=', 'built')
        .execute();
      const claims = await tx
        .selectFrom('claim')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('batch_id', '=', b.id)
        .where('state', '=', 'batched')
        .execute();
      const moved = await transitionClaimsBulk(
        tx,
        tenantId,
        claims.map((c) => c.id),
        'batched',
        'submitted',
        { actor, cause: 'submit', reason: `sent to ${adapter.name} as ${b.file_name}`, fileId: b.file_id },
      );
      await recordClaimsAudit(
        tx,
        key,
        actor,
        {
          action: 'update',
          resourceType: 'batch',
          resourceId: b.id,
          dataCategory: 'claim',
          details: { ...about, state: 'submitted' },
        },
        moved,
      );
    });
    results.push({ batchId: b.id, fileName: b.file_name, remotePath: sent.remotePath, resent: !sent.created });
  }
  return results;
}
