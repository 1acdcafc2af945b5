/**
 * Ready claims → batches, one per payer and claim kind, each one 837 interchange with control numbers
 * allocated and the file stored before anything is sent (at-least-once sending with dedup).
 */
import type { BuiltBatch } from '@medbill/api';
import {
  checkX12Characters,
  claimToSend,
  edit,
  render837Interchange,
  type ClaimToBill,
  type ScrubEdit,
} from '@medbill/core';
import { DEFAULT_DELIMITERS } from '@medbill/x12';
import type { Tx } from '../db/open-database.ts';
import { AppError } from '../app-error.ts';
import type { Who } from '../actor.ts';
import { transitionClaimsBulk } from './claim-events.ts';
import { nextControlNumber } from './control-numbers.ts';
import { postClaimCharges } from '../ledger/post-claim-charges.ts';
import { storeEdiFile } from './edi-files.ts';
import { loadClaimContexts } from './load-claim-context.ts';

/** A ready claim kept out of its batch (and sent back to draft with the reason), so it does not stop the others. */
export interface HeldClaim {
  claimId: number;
  claimNumber: string;
  edits: ScrubEdit[];
}

export interface BatchBuildOptions {
  clearinghouseId: number;
  claimIds?: number[];
  now: Date;
  actor: Who;
}

export async function buildBatches(tx: Tx, tenantId: number, opts: BatchBuildOptions): Promise<BuiltBatch[]> {
  return (await buildBatchesReport(tx, tenantId, opts)).batches;
}

/** The separators our 837s are written with: what no value in a claim may contain. */
const FILE_SEPARATORS = Object.values(DEFAULT_DELIMITERS).filter(Boolean);

/**
 * One bad claim never blocks the rest: a claim whose data holds the file's separators (stored before the
 * entry check existed, or changed since its scrub), or that cannot be written for any other reason, goes
 * back to draft with the edit naming the field, and the batch is built from the others.
 */
/** 1000A PER: the clearinghouse's EDI phone when set, otherwise the billing practice's (never an invented one). */
function submitterPhone(clearinghousePhone: string | undefined, ctx: ClaimToBill): string | undefined {
  return clearinghousePhone || ctx.practice.phone || undefined;
}

const noSubmitterPhone: ScrubEdit = edit(
  'submitter-phone-missing',
  'practice.phone',
  "The 837 needs the submitter's telephone: give the clearinghouse a phone or the practice a phone number",
  '837 implementation guide, 1000A PER',
);

async function holdUnwritable(
  tx: Tx,
  tenantId: number,
  contexts: Array<{ id: number; ctx: ClaimToBill }>,
  actor: Who,
  clearinghousePhone: string | undefined,
): Promise<{ ok: Array<{ id: number; ctx: ClaimToBill }>; held: HeldClaim[] }> {
  const held: HeldClaim[] = [];
  const ok: Array<{ id: number; ctx: ClaimToBill }> = [];
  for (const c of contexts) {
    let edits = checkX12Characters(c.ctx, FILE_SEPARATORS);
    if (!edits.length)
      try {
        claimToSend(c.ctx);
      } catch (e) {
        edits = [
          edit(
            'claim-unwritable',
            'claim',
            `The claim cannot be written as an 837: ${(e as Error).message}`,
            '837 implementation guide',
          ),
        ];
      }
    if (!edits.length && !submitterPhone(clearinghousePhone, c.ctx)) edits = [noSubmitterPhone];
    if (!edits.length) {
      ok.push(c);
      continue;
    }
    held.push({ claimId: c.id, claimNumber: c.ctx.claimNumber, edits });
    await transitionClaimsBulk(tx, tenantId, [c.id], 'ready', 'draft', {
      actor,
      cause: 'batch',
      reason: `kept out of the batch: ${edits.map((e) => e.message).join('; ')}`,
      set: { edits: JSON.stringify(edits) },
    });
  }
  return { ok, held };
}

export async function buildBatchesReport(
  tx: Tx,
  tenantId: number,
  opts: BatchBuildOptions,
): Promise<{ batches: BuiltBatch[]; held: HeldClaim[] }> {
  const ch = await tx
    .selectFrom('clearinghouse')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', opts.clearinghouseId)
    .executeTakeFirst();
  if (!ch) throw new AppError('not_found', 'Clearinghouse not found');
  const chPhone = (ch.config as { phone?: string }).phone;
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
  const allHeld: HeldClaim[] = [];
  for (const candidates of groups.values()) {
    const { payer_id: payerId, kind } = candidates[0];
    const loaded = await loadClaimContexts(
      tx,
      tenantId,
      candidates.map((c) => c.id),
      { priorLines: false },
    );
    const { ok, held } = await holdUnwritable(
      tx,
      tenantId,
      loaded.map((ctx, i) => ({ id: candidates[i].id, ctx })),
      opts.actor,
      chPhone,
    );
    allHeld.push(...held);
    if (!ok.length) continue;
    const keep = new Set(ok.map((c) => c.id));
    const group = candidates.filter((c) => keep.has(c.id));
    const interchange = await nextControlNumber(tx, tenantId, ch.id, 'interchange');
    const groupNumber = await nextControlNumber(tx, tenantId, ch.id, 'group');
    const toSend = ok.map((c) => claimToSend(c.ctx));
    const text = render837Interchange({
      kind: kind as 'professional' | 'institutional',
      claims: toSend,
      parties: {
        submitterId: ch.submitter_id,
        submitterName: ch.submitter_name,
        submitterContact: { name: 'EDI desk', phone: submitterPhone(chPhone, ok[0].ctx) ?? '' },
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
        cause: 'batch',
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
  return { batches: built, held: allHeld };
}
