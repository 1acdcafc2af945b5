/**
 * postRemittance: one 835 file → posted to the ledger, or held for a person, or recognised as already
 * posted — all in one database transaction (all or nothing). A file is recognised again by its bytes,
 * and each remittance in it by its content hash and by TRN02 + payer (+ payee), whatever envelope it came
 * in; two processes posting the same file at once meet at a unique index and the loser is told "already
 * posted". Planning yields to the event loop every few hundred claims and reports progress.
 */
import { holdReasonIssues } from '../claims/inbound/file-issues.ts';
import { NO_TRANSACTION, type HoldReason } from '@medbill/core/remittance';
import { auditActor, recordClaimsAudit } from '../claims/claims-audit.ts';
import { storeEdiFile } from '../claims/edi-files.ts';
import { withTenant, type Db, type Tx } from '../db/open-database.ts';
import { read835InWorker } from '../jobs/parse-in-worker.ts';
import { runPostJob } from '../jobs/post-in-worker.ts';
import type { Read835FileResult } from './read-835-file.ts';
import { findPostedDuplicates, duplicateMessage, isPostingRace } from './remittance-duplicates.ts';
import { postReadRemittances } from './post-read-remittances.ts';
import {
  emptyResult,
  IN_WORKER_CHARS,
  isoDate,
  type PostRemittanceInput,
  type PostRemittanceOptions,
  type PostRemittanceResult,
  type RemittanceOutcome,
} from './remittance-result.ts';

export async function postRemittance(
  db: Db,
  tenantId: number,
  input: PostRemittanceInput,
  opts: PostRemittanceOptions,
): Promise<PostRemittanceResult> {
  if (opts.inWorker ?? (!opts.read && input.text.length >= IN_WORKER_CHARS)) {
    // read, planned and written from the posting worker; this thread holds the transaction (issue 8 item 4)
    const actor = { tenantId, userId: opts.actor.userId, username: opts.actor.username, sourceIp: opts.audit.sourceIp };
    return (await runPostJob(
      db,
      { kind: 'post', tenantId, input, actor, auditKey: opts.audit.key },
      opts.onProgress && ((p) => p.phase !== 'reading' && opts.onProgress?.({ ...p, phase: p.phase })),
    )) as PostRemittanceResult;
  }
  // read on the parse worker: a large upload is read there, not on the server's event loop (issue 8 item 4)
  const read = await (opts.read ?? read835InWorker)(input.text, input.fileName);
  try {
    return await withTenant(db, tenantId, (tx) => postReadFile(tx, tenantId, input, read, opts));
  } catch (e) {
    if (!isPostingRace(e)) throw e;
    // another process posted the same remittance a moment ago: say so, with what it posted
    return withTenant(db, tenantId, async (tx) => {
      const dups = await findPostedDuplicates(tx, tenantId, read.remittances);
      const remittances = read.remittances.map((r) => {
        const d = dups.get(r.index);
        return outcome(r, d?.id ?? null, 'duplicate', d ? duplicateMessage(d) : 'already posted by another process');
      });
      return emptyResult('duplicate', null, remittances.map((r) => r.message).join('; '), remittances);
    });
  }
}

function outcome(
  r: Read835FileResult['remittances'][number],
  id: number | null,
  status: RemittanceOutcome['status'],
  message: string,
): RemittanceOutcome {
  return {
    remittanceId: id,
    traceNumber: r.traceNumber,
    payerName: r.remit.payer?.name.lastName ?? '',
    paymentCents: r.remit.payment?.total ?? 0,
    claimCount: r.remit.headers.reduce((t, h) => t + h.claims.length, 0),
    status,
    message,
  };
}

/** The whole file in the caller's transaction (an inbound poll stores and applies files this way). */
export async function postReadFile(
  tx: Tx,
  tenantId: number,
  input: PostRemittanceInput,
  read: Read835FileResult,
  opts: PostRemittanceOptions,
  storedFileId?: number,
): Promise<PostRemittanceResult> {
  const stored =
    storedFileId !== undefined
      ? { id: storedFileId, duplicate: false }
      : await storeEdiFile(tx, tenantId, {
          direction: 'inbound',
          kind: '835',
          fileName: input.fileName,
          content: input.text,
          clearinghouseId: input.clearinghouseId ?? null,
        });
  const actor = auditActor(tenantId, opts.actor, opts.audit);
  const about = { direction: 'inbound', fileName: input.fileName, kind: '835' };
  const dups = await findPostedDuplicates(tx, tenantId, read.remittances);
  const fresh = read.remittances.filter((r) => !dups.has(r.index));
  const dupOutcomes = read.remittances
    .filter((r) => dups.has(r.index))
    .map((r) => outcome(r, dups.get(r.index)!.id, 'duplicate', duplicateMessage(dups.get(r.index)!)));
  if (read.remittances.length && !fresh.length) {
    await recordClaimsAudit(
      tx,
      opts.audit.key,
      actor,
      {
        action: 'read',
        resourceType: 'edi_file',
        resourceId: stored.id,
        dataCategory: 'claim',
        details: { ...about, duplicate: true },
      },
      [],
    );
    return emptyResult('duplicate', stored.id, dupOutcomes.map((d) => d.message).join('; '), dupOutcomes);
  }
  const held = await heldBefore(tx, tenantId, stored.id);
  if (stored.duplicate && held.length)
    return emptyResult(
      'held',
      stored.id,
      `already received and held for review (ERA ${held.map((h) => `#${h}`).join(', ')})`,
      dupOutcomes,
    );
  // the integrity checks ran where the file was read (the parse worker, for an inbound or uploaded file)
  const reasons = [...read.holds, ...(fresh.length ? [] : [{ ...NO_TRANSACTION }]), ...fresh.flatMap((r) => r.holds)];
  if (!read.remittances.length && read.others.length)
    reasons.unshift({ code: 'unsupported', message: `not an 835: the file holds ${read.others.join(', ')}` });
  const result = reasons.length
    ? await holdFile(tx, tenantId, stored.id, fresh, reasons, opts)
    : await postReadRemittances(tx, tenantId, { ediFileId: stored.id, remittances: fresh }, opts);
  result.remittances.unshift(...dupOutcomes);
  await tx
    .updateTable('edi_file')
    .set({ status: 'processed', processed_at: new Date(), issues: JSON.stringify(holdReasonIssues(reasons)) })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', stored.id)
    .execute();
  await recordClaimsAudit(
    tx,
    opts.audit.key,
    actor,
    {
      action: 'create',
      resourceType: 'edi_file',
      resourceId: stored.id,
      dataCategory: 'claim',
      details: {
        ...about,
        status: result.status,
        remittanceIds: result.remittances.map((r) => r.remittanceId).filter(Boolean),
        claimsPosted: result.claimsPosted,
        claimsMoved: result.claimsMoved,
        problems: reasons.length,
      },
    },
    result.status === 'posted' ? await claimsOfFile(tx, tenantId, stored.id) : [],
  );
  return result;
}

async function heldBefore(tx: Tx, tenantId: number, fileId: number): Promise<number[]> {
  const rows = await tx
    .selectFrom('remittance')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('edi_file_id', '=', fileId)
    .where('status', '=', 'held')
    .execute();
  return rows.map((r) => r.id);
}

async function claimsOfFile(tx: Tx, tenantId: number, fileId: number): Promise<number[]> {
  const rows = await tx
    .selectFrom('remittance_claim as rc')
    .innerJoin('remittance as r', (j) =>
      j.onRef('r.tenant_id', '=', 'rc.tenant_id').onRef('r.id', '=', 'rc.remittance_id'),
    )
    .select('rc.claim_id')
    .where('rc.tenant_id', '=', tenantId)
    .where('r.edi_file_id', '=', fileId)
    .where('rc.claim_id', 'is not', null)
    .execute();
  return rows.map((r) => r.claim_id!);
}

async function holdFile(
  tx: Tx,
  tenantId: number,
  fileId: number,
  remits: Read835FileResult['remittances'],
  reasons: HoldReason[],
  opts: PostRemittanceOptions,
): Promise<PostRemittanceResult> {
  const outcomes: RemittanceOutcome[] = [];
  for (const r of remits) {
    const row = await tx
      .insertInto('remittance')
      .values({
        tenant_id: tenantId,
        edi_file_id: fileId,
        transaction_index: r.index,
        st_control_number: r.remit.controlNumber,
        content_sha256: r.contentSha256,
        trace_number: r.traceNumber,
        payer_key: r.payerKey,
        payee_key: r.payeeKey,
        payer_name: r.remit.payer?.name.lastName ?? '',
        payee_name: r.remit.payee?.name.lastName ?? '',
        payment_cents: Math.abs(r.remit.payment?.total ?? 0) > 9e15 ? 0 : (r.remit.payment?.total ?? 0),
        payment_method: r.remit.payment?.method ?? '',
        payment_date: isoDate(r.remit.payment?.date ?? r.remit.productionDate),
        claim_count: r.remit.headers.reduce((t, h) => t + h.claims.length, 0),
        status: 'held',
        hold_reasons: JSON.stringify(reasons),
        posted_by: opts.actor.username,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    outcomes.push(
      outcome(
        r,
        row.id,
        'held',
        `held for review: ${reasons[0].message}${reasons[0].equation ? ` (${reasons[0].equation})` : ''}`,
      ),
    );
  }
  const first = reasons[0];
  const more = reasons.length > 1 ? ` and ${reasons.length - 1} more reason${reasons.length > 2 ? 's' : ''}` : '';
  return emptyResult(
    'held',
    fileId,
    `held for review, nothing posted: ${first.message}${first.equation ? ` — ${first.equation}` : ''}${first.where ? ` at ${first.where}` : ''}${more}`,
    outcomes,
    reasons,
  );
}
