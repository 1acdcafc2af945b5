/**
 * Inbound files held back with their reason (table inbound_quarantine): not X12 text, addressed to another
 * submitter, or failing while applied. Holding one lets every later poll go on with the rest (issue 8 items 6 and 2);
 * an admin releases it (it is taken in again, receiver check waived: the admin vouches it is ours) or discards it.
 */
import crypto from 'node:crypto';
import type { QuarantinedFile } from '@medbill/api';
import type { Actor } from '../../actor.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Tx } from '../../db/open-database.ts';

export type QuarantineCode = 'not_text' | 'not_x12' | 'other_receiver' | 'failed';

/**
 * Holds a file (the same bytes already held: that row again). Writes one audit row: the file was received and
 * held, naming no patient (nothing was read out of it).
 */
export async function quarantineFile(
  tx: Tx,
  auditKey: Buffer,
  actor: Actor,
  file: { clearinghouseId: number | null; fileName: string; bytes: Uint8Array; code: QuarantineCode; reason: string },
): Promise<QuarantinedFile> {
  const sha256 = crypto.createHash('sha256').update(file.bytes).digest('hex');
  const held = await tx
    .selectFrom('inbound_quarantine')
    .select(['id'])
    .where('tenant_id', '=', actor.tenantId)
    .where('sha256', '=', sha256)
    .where('status', '=', 'held')
    .executeTakeFirst();
  const id =
    held?.id ??
    (
      await tx
        .insertInto('inbound_quarantine')
        .values({
          tenant_id: actor.tenantId,
          clearinghouse_id: file.clearinghouseId,
          file_name: file.fileName,
          sha256,
          size_bytes: file.bytes.length,
          content: file.bytes,
          reason: file.reason,
          reason_code: file.code,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  await recordAudit(tx, auditKey, actor, {
    action: 'create',
    resourceType: 'inbound_quarantine',
    resourceId: id,
    dataCategory: 'claim',
    details: {
      fileName: file.fileName,
      reason: file.code,
      clearinghouseId: file.clearinghouseId,
      again: Boolean(held),
    },
  });
  return { id, fileName: file.fileName, reason: file.reason };
}
