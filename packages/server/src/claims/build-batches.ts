/**
 * Ready claims → batches, one per payer and claim kind, each one 837 interchange with control numbers
 * allocated and the file stored before anything is sent (at-least-once sending with dedup).
 */
import { claimToSend, render837Interchange } from '@medbill/core';
import type { Tx } from '../db/open-database.ts';
import { AppError } from '../http/errors.ts';
import { transitionClaimsBulk, type Actor } from './claim-events.ts';
import { nextControlNumber } from './control-numbers.ts';
import { postClaimCharges } from '../ledger/post-claim-charges.ts';
import { storeEdiFile } from './edi-files.ts';
import { loadClaimContexts } from './load-claim-context.ts';

export interface BuiltBatch {
  batchId: number;
  payerId: number;
  kind: string;
  claimIds: number[];
  interchangeControlNumber: number;
  fileId: number;
  fileName: string;
}

export async function buildBatches(
  tx: Tx,
  tenantId: number,
  opts: { clearinghouseId: number; claimIds?: number[]; now: Date; actor: Actor },
): Promise<BuiltBatch[]> {
  const ch = await tx
    .selectFrom('clearinghouse')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', opts.clearinghouseId)
    .executeTakeFirst();
  if (!ch) throw new AppError('not_found', 'Clearinghouse not found');
  if (opts.claimIds?.length) {
    // an id that is not one of ours is a 404 (as a path id would be), not a quiet "nothing to batch"
    const wanted = [...new Set(opts.claimIds)];
    const found = await tx
      .selectFrom('claim')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', wanted)
      .execute();
    if (found.length < wanted.length) {
      const ours = new Set(found.map((f) => f.id));
      const missing = wanted.filter((i) => !ours.has(i));
      throw new AppError('not_found', `Claim ${missing.slice(0, 10).join(', ')} not found`);
    }
  }
  let q = tx
    .selectFrom('claim')
    .select(['id', 'payer_id', 'kind', 'total_charge_cents'])
    .where('tenant_id', '=', tenantId)
    .where('state', '=', 'ready');
  if (opts.claimIds) q = q.where('id', 'in', opts.claimIds.length ? opts.claimIds : [-1]);
  const claims = await q.orderBy('id').execute();
  const groups = new Map<string, typeof claims>();
  for (const c of claims) {
    const key = `${c.payer_id}|${c.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const built: BuiltBatch[] = [];
  for (const group of groups.values()) {
    const { payer_id: payerId, kind } = group[0];
    const interchange = await nextControlNumber(tx, tenantId, ch.id, 'interchange');
    const groupNumber = await nextControlNumber(tx, tenantId, ch.id, 'group');
    const toSend = (
      await loadClaimContexts(
        tx,
        tenantId,
        group.map((c) => c.id),
        { priorLines: false },
      )
    ).map(claimToSend);
    const text = render837Interchange({
      kind: kind as 'professional' | 'institutional',
      claims: toSend,
      parties: {
        submitterId: ch.submitter_id,
        submitterName: ch.submitter_name,
        submitterContact: { name: 'EDI desk', phone: String((ch.config as { phone?: string }).phone ?? '5125550199') },
        receiverId: ch.receiver_id,
        receiverName: ch.receiver_name,
      },
      interchangeControlNumber: interchange,
      groupControlNumber: groupNumber,
      createdAt: opts.now,
      usage: ch.usage_indicator as 'P' | 'T',
      batchReference: `B${interchange}`,
    });
    const fileName = `${kind === 'institutional' ? '837I' : '837P'}_${ch.submitter_id}_${String(interchange).padStart(9, '0')}.x12`;
    const file = await storeEdiFile(tx, tenantId, {
      direction: 'outbound',
      kind: kind === 'institutional' ? '837I' : '837P',
      fileName,
      content: text,
      clearinghouseId: ch.id,
    });
    const batch = await tx
      .insertInto('batch')
      .values({
        tenant_id: tenantId,
        clearinghouse_id: ch.id,
        payer_id: payerId,
        kind,
        interchange_control_number: interchange,
        group_control_number: groupNumber,
        claim_count: group.length,
        total_charge_cents: group.reduce((s, c) => s + c.total_charge_cents, 0),
        file_id: file.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await transitionClaimsBulk(
      tx,
      tenantId,
      group.map((c) => c.id),
      'ready',
      'batched',
      {
        actor: opts.actor,
        reason: `in batch ${batch.id} (ISA13 ${interchange})`,
        fileId: file.id,
        set: { batch_id: batch.id },
      },
    );
    // what is billed is what is owed: the lines' charges enter the ledger as the 837 is built
    await postClaimCharges(
      tx,
      tenantId,
      group.map((c) => c.id),
      opts.actor,
    );
    built.push({
      batchId: batch.id,
      payerId,
      kind,
      claimIds: group.map((c) => c.id),
      interchangeControlNumber: interchange,
      fileId: file.id,
      fileName,
    });
  }
  return built;
}
