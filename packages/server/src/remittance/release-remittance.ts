/**
 * A person decides about a held 835: post it anyway (with a reason; whatever does not balance is posted
 * as a visible difference, so the ledger holds exactly what the payer sent) or dismiss it (a corrected
 * file is coming). A file whose amounts cannot be read, or without BPR or TRN, can only be dismissed.
 */
import { issueAt } from '@medbill/api';
import type { Actor } from '../claims/claim-events.ts';
import { auditActor, recordClaimsAudit, type AuditSink } from '../claims/claims-audit.ts';
import { withTenant, type Db } from '../db/open-database.ts';
import { AppError, notFound } from '../app-error.ts';
import { postReadRemittances } from './post-read-remittances.ts';
import { read835InWorker } from '../jobs/parse-in-worker.ts';
import { duplicateMessage, findPostedDuplicates } from './remittance-duplicates.ts';
import { runPostJob } from '../jobs/post-in-worker.ts';
import type { Read835FileResult } from './read-835-file.ts';
import { emptyResult, IN_WORKER_CHARS, type PostRemittanceResult, type ProgressFn } from './remittance-result.ts';

const NOT_RELEASABLE = new Set(['amount_invalid', 'amount_too_large', 'missing_segment']);

export interface ReleaseOptions {
  action: 'post' | 'dismiss';
  reason: string;
  actor: Actor;
  audit: AuditSink;
  onProgress?: ProgressFn;
  /** reads the held file (by default on the parse worker) */
  read?: (text: string, fileName: string) => Promise<Read835FileResult>;
  /** post on the posting worker thread, as posting an 835 does: by default when the held file is IN_WORKER_CHARS or more */
  inWorker?: boolean;
}

/** How long the held ERA's file is (characters), to know where to post it. */
export async function heldFileChars(db: Db, tenantId: number, remittanceId: number): Promise<number> {
  const r = await withTenant(db, tenantId, (tx) =>
    tx
      .selectFrom('remittance as r')
      .innerJoin('edi_file as f', (j) => j.onRef('f.tenant_id', '=', 'r.tenant_id').onRef('f.id', '=', 'r.edi_file_id'))
      .select((eb) => eb.fn<number>('length', ['f.content']).as('n'))
      .where('r.tenant_id', '=', tenantId)
      .where('r.id', '=', remittanceId)
      .executeTakeFirst(),
  );
  return Number(r?.n ?? 0);
}

export async function releaseRemittance(
  db: Db,
  tenantId: number,
  remittanceId: number,
  opts: ReleaseOptions,
): Promise<PostRemittanceResult> {
  const reason = opts.reason.trim();
  if (reason.length < 5)
    throw new AppError('validation', 'Say why (at least a few words): the reason is kept with the remittance', [
      issueAt('reason', 'required', 'is required'),
    ]);
  if (
    opts.action === 'post' &&
    (opts.inWorker ?? (await heldFileChars(db, tenantId, remittanceId)) >= IN_WORKER_CHARS)
  ) {
    // read, planned and written from the posting worker, as an uploaded 835 is: a big released file never holds
    // this thread (issue 8 item 4); the job is the same one transaction, all or nothing
    const actor = { tenantId, userId: opts.actor.userId, username: opts.actor.username, sourceIp: opts.audit.sourceIp };
    return (await runPostJob(
      db,
      { kind: 'release', tenantId, remittanceId, reason, actor, auditKey: opts.audit.key },
      opts.onProgress && ((p) => p.phase !== 'reading' && opts.onProgress?.({ ...p, phase: p.phase })),
    )) as PostRemittanceResult;
  }
  return withTenant(db, tenantId, async (tx) => {
    const held = await tx
      .selectFrom('remittance as r')
      .innerJoin('edi_file as f', (j) => j.onRef('f.tenant_id', '=', 'r.tenant_id').onRef('f.id', '=', 'r.edi_file_id'))
      .select(['r.id', 'r.status', 'r.transaction_index', 'r.edi_file_id', 'f.content', 'f.file_name'])
      .where('r.tenant_id', '=', tenantId)
      .where('r.id', '=', remittanceId)
      .forUpdate()
      .executeTakeFirst();
    if (!held) throw notFound('Remittance');
    if (held.status !== 'held') throw new AppError('conflict', `ERA #${remittanceId} is ${held.status}, not held`);
    const actor = auditActor(tenantId, opts.actor, opts.audit);
    const audit = (details: Record<string, unknown>, claimIds: number[] = []) =>
      recordClaimsAudit(
        tx,
        opts.audit.key,
        actor,
        {
          action: 'update',
          resourceType: 'remittance',
          resourceId: remittanceId,
          dataCategory: 'claim',
          details: { ...details, reason },
        },
        claimIds,
      );
    if (opts.action === 'dismiss') {
      await tx
        .updateTable('remittance')
        .set({ status: 'dismissed', release_reason: reason, released_by: opts.actor.username })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', remittanceId)
        .execute();
      await audit({ action: 'dismiss' });
      return emptyResult('held', held.edi_file_id, `ERA #${remittanceId} dismissed: nothing posted (${reason})`);
    }
    // a held file may be large: read on the parse worker, not on the event loop (issue 8 item 4)
    const read = await (opts.read ?? read835InWorker)(held.content, held.file_name);
    const mine = read.remittances.filter((r) => r.index === held.transaction_index);
    const blocking = [...read.holds, ...mine.flatMap((r) => r.holds)].filter((h) => NOT_RELEASABLE.has(h.code));
    if (!mine.length || blocking.length)
      throw new AppError(
        'conflict',
        `ERA #${remittanceId} cannot be posted: ${blocking[0]?.message ?? 'the transaction is gone from its file'}; dismiss it and ask the payer for a corrected file`,
      );
    const dup = (await findPostedDuplicates(tx, tenantId, mine)).get(held.transaction_index);
    if (dup) throw new AppError('conflict', duplicateMessage(dup));
    const result = await postReadRemittances(
      tx,
      tenantId,
      { ediFileId: held.edi_file_id, remittances: mine, release: { remittanceId, reason } },
      opts,
    );
    const claims = await tx
      .selectFrom('remittance_claim')
      .select('claim_id')
      .where('tenant_id', '=', tenantId)
      .where('remittance_id', '=', remittanceId)
      .where('claim_id', 'is not', null)
      .execute();
    await audit(
      { action: 'post' },
      claims.map((c) => c.claim_id!),
    );
    result.message = `released and ${result.message} (${reason})`;
    return result;
  });
}
