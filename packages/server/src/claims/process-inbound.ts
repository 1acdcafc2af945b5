/**
 * Picks up what the clearinghouse sent back — 999, 277CA, 835 — stores each file as received (with its
 * hash; the same file twice is processed once), reads it, and moves each claim on. A file is marked
 * processed on the remote side only after it is stored.
 *
 * Each file writes one audit row in the transaction that stores it and moves its claims: `create`
 * edi_file, naming the file, the claims it concerned and their patients (see claims-audit.ts). A file
 * received again changes nothing and writes one `read` edi_file row marked `duplicate` (the receipt
 * of those bytes is recorded; no claim or patient is named, since nothing was read out of it).
 */
import { claimAcknowledgments, read277ca } from '@medbill/x12/transactions/277ca/index.ts';
import { read999 } from '@medbill/x12/acks/index.ts';
import { readEnvelopes, allTransactions } from '@medbill/x12/syntax/envelope.ts';
import { tokenize } from '@medbill/x12/syntax/tokenizer.ts';
import type { ClearinghouseAdapter } from '../clearinghouse/clearinghouse-adapter.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant, type Db, type Tx } from '../db/open-database.ts';
import { transitionClaim, type Actor } from './claim-events.ts';
import { auditActor, recordClaimsAudit, type AuditSink } from './claims-audit.ts';
import { applyEligibilityResponse } from '../eligibility/apply-eligibility-response.ts';
import { sniffX12Kind, storeEdiFile } from './edi-files.ts';
import { postReadFile } from '../remittance/post-remittance.ts';
import { read835File } from '../remittance/read-835-file.ts';

export interface InboundResult {
  fileName: string;
  kind: string;
  duplicate: boolean;
  claimsMoved: number;
  problems: string[];
}

export interface InboundOptions {
  clearinghouseId: number;
  /** who processes the files: the logged-in user who polled, the CLI's OS user, or the demo */
  actor: Actor;
  audit: AuditSink;
}

export async function processInbound(
  db: Db,
  tenantId: number,
  adapter: ClearinghouseAdapter,
  opts: InboundOptions,
): Promise<InboundResult[]> {
  const results: InboundResult[] = [];
  const files = [];
  for (const remote of await adapter.listInbound())
    files.push({ remote, text: Buffer.from(await adapter.download(remote)).toString('utf8') });
  // acknowledgments in the order the cycle runs, whatever order they were picked up in
  files.sort(
    (a, b) =>
      kindOrder(sniffX12Kind(a.text)) - kindOrder(sniffX12Kind(b.text)) ||
      a.remote.modifiedAt - b.remote.modifiedAt ||
      a.remote.name.localeCompare(b.remote.name),
  );
  for (const { remote, text } of files) {
    const result = await withTenant(db, tenantId, (tx) => processFile(tx, tenantId, remote.name, text, opts));
    await adapter.markProcessed(remote);
    results.push(result);
  }
  return results;
}

const KIND_ORDER = ['TA1', '999', '277CA', '277', '835'];
const kindOrder = (kind: string) => (KIND_ORDER.includes(kind) ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length);

export async function processFile(
  tx: Tx,
  tenantId: number,
  fileName: string,
  text: string,
  opts: InboundOptions,
): Promise<InboundResult> {
  const kind = sniffX12Kind(text);
  // an 835 is posted to the ledger (remittance stage): stored, checked, posted or held, audited there
  if (kind === '835') return process835(tx, tenantId, fileName, text, opts);
  const stored = await storeEdiFile(tx, tenantId, {
    direction: 'inbound',
    kind,
    fileName,
    content: text,
    clearinghouseId: opts.clearinghouseId,
  });
  const result: InboundResult = { fileName, kind, duplicate: stored.duplicate, claimsMoved: 0, problems: [] };
  const actor = auditActor(tenantId, opts.actor, opts.audit);
  const about = { direction: 'inbound', fileName, kind, clearinghouseId: opts.clearinghouseId };
  if (stored.duplicate) {
    await recordAudit(tx, opts.audit.key, actor, {
      action: 'read',
      resourceType: 'edi_file',
      resourceId: stored.id,
      dataCategory: 'claim',
      details: { ...about, duplicate: true },
    });
    return result;
  }
  const ctx: ApplyContext = {
    tx,
    tenantId,
    fileId: stored.id,
    actor: opts.actor,
    result,
    clearinghouseId: opts.clearinghouseId,
    claimIds: new Set(),
    batchIds: [],
  };
  if (kind === '999') await apply999(ctx, text, fileName);
  else if (kind === '277CA') await apply277ca(ctx, text, fileName);
  else if (kind === '271') {
    // eligibility answers arrive among the other files when nobody waited for them (accounts stage)
    const answered = await applyEligibilityResponse(
      tx,
      tenantId,
      { id: stored.id, fileName, text },
      { key: opts.audit.key, actor },
      new Date(),
    );
    if (!answered.length) result.problems.push(`${fileName}: a 271 that answers no eligibility check we sent`);
  } else result.problems.push(`${fileName}: not a 999, 277CA or 835 (${kind}); stored, not processed`);
  await tx
    .updateTable('edi_file')
    .set({
      status: result.problems.length ? 'failed' : 'processed',
      processed_at: new Date(),
      issues: JSON.stringify(result.problems),
    })
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
        ...(ctx.batchIds.length ? { batchIds: ctx.batchIds } : {}),
        claimsMoved: result.claimsMoved,
        problems: result.problems.length,
      },
    },
    [...ctx.claimIds],
  );
  return result;
}

interface ApplyContext {
  tx: Tx;
  tenantId: number;
  fileId: number;
  actor: Actor;
  result: InboundResult;
  clearinghouseId: number;
  /** our claims the file spoke of (moved or not), for the audit row */
  claimIds: Set<number>;
  /** batches a 999 acknowledged */
  batchIds: number[];
}

async function move(
  c: ApplyContext,
  claimNumber: string,
  to: 'accepted' | 'rejected' | 'acknowledged',
  reason: string,
  set?: Record<string, unknown>,
) {
  const claim = await c.tx
    .selectFrom('claim')
    .select(['id', 'state'])
    .where('tenant_id', '=', c.tenantId)
    .where('claim_number', '=', claimNumber)
    .executeTakeFirst();
  if (!claim) {
    c.result.problems.push(`claim ${claimNumber} is not ours`);
    return;
  }
  c.claimIds.add(claim.id);
  if (claim.state === to) return;
  try {
    await transitionClaim(c.tx, c.tenantId, claim.id, to, { actor: c.actor, reason, fileId: c.fileId, set });
    c.result.claimsMoved++;
  } catch (e) {
    c.result.problems.push((e as Error).message);
  }
}

async function apply999(c: ApplyContext, text: string, fileName: string) {
  const { acks, issues } = read999(text, { file: fileName });
  if (!acks.length)
    c.result.problems.push(...(issues.length ? issues.map((i) => i.message) : ['no 999 transaction in the file']));
  for (const ack of acks) {
    const group = ack.group;
    const batch = await c.tx
      .selectFrom('batch')
      .select(['id'])
      .where('tenant_id', '=', c.tenantId)
      .where('clearinghouse_id', '=', c.clearinghouseId)
      .where('group_control_number', '=', Number(group.groupControlNumber))
      .executeTakeFirst();
    if (!batch) {
      c.result.problems.push(`999 acknowledges group ${group.groupControlNumber}, which we did not send`);
      continue;
    }
    c.batchIds.push(batch.id);
    const rejected = group.status === 'R';
    const batchState = rejected ? 'rejected' : group.status === 'P' ? 'partially_accepted' : 'accepted';
    await c.tx
      .updateTable('batch')
      .set({ state: batchState, ack_file_id: c.fileId })
      .where('tenant_id', '=', c.tenantId)
      .where('id', '=', batch.id)
      .execute();
    const errors = group.transactions.flatMap((t) =>
      t.segmentErrors.map((s) => `${s.segmentId} at ${s.position} (IK304 ${s.code})`),
    );
    const claims = await c.tx
      .selectFrom('claim')
      .select('claim_number')
      .where('tenant_id', '=', c.tenantId)
      .where('batch_id', '=', batch.id)
      .where('state', '=', 'submitted')
      .execute();
    for (const claim of claims) {
      if (rejected)
        await move(
          c,
          claim.claim_number,
          'rejected',
          `999 rejected the file${errors.length ? `: ${errors.slice(0, 3).join('; ')}` : ''}`,
          { rejection_reason: `999 rejected (${group.errorCodes.join(',') || 'R'})` },
        );
      else await move(c, claim.claim_number, 'accepted', `999 accepted the file (${group.status})`);
    }
  }
}

function transactionsOf(text: string, fileName: string, st01: string) {
  const tok = tokenize(text, { file: fileName });
  return allTransactions(readEnvelopes(tok.segments, { file: fileName })).filter((t) => t.st01 === st01);
}

async function apply277ca(c: ApplyContext, text: string, fileName: string) {
  for (const t of transactionsOf(text, fileName, '277')) {
    const read = read277ca(t.segments);
    for (const ack of claimAcknowledgments(read.value)) {
      if (ack.decision === 'accepted')
        await move(
          c,
          ack.patientControlNumber,
          'acknowledged',
          `277CA: the payer accepted the claim (${ack.categories.join(',')})`,
          ack.payerClaimNumber ? { payer_claim_number: ack.payerClaimNumber } : undefined,
        );
      else if (ack.decision === 'rejected')
        await move(
          c,
          ack.patientControlNumber,
          'rejected',
          `277CA: the payer rejected the claim (${ack.reasons.join(', ')})`,
          { rejection_reason: ack.reasons.join(', ') },
        );
    }
  }
}

async function process835(
  tx: Tx,
  tenantId: number,
  fileName: string,
  text: string,
  opts: InboundOptions,
): Promise<InboundResult> {
  const r = await postReadFile(
    tx,
    tenantId,
    { fileName, text, clearinghouseId: opts.clearinghouseId },
    read835File(text, fileName),
    { actor: opts.actor, audit: opts.audit },
  );
  return {
    fileName,
    kind: '835',
    duplicate: r.status === 'duplicate',
    claimsMoved: r.claimsMoved,
    problems: r.status === 'held' ? [r.message] : [],
  };
}
