/**
 * File intake: picks up what the clearinghouse sent back (999, 277CA, 835), recognises each file's kind,
 * stores it as received (with its hash: the same file twice is applied once), hands it to the applier for its
 * kind (appliers.ts) and records the outcome. A file is marked processed on the remote side only after it is
 * stored. Each file is one transaction. An 835 goes whole to the remittance stage (receive-835.ts).
 *
 * Audit: each file writes one row in the transaction that stores it and moves its claims: `create` edi_file,
 * naming the file, the claims it concerned and their patients (claims-audit.ts). A file received again changes
 * nothing and writes one `read` edi_file row marked `duplicate` (no claim or patient is named: nothing was
 * read out of it).
 */
import type { InboundFileResult } from '@medbill/api';
import type { Actor } from '../../actor.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { ClearinghouseAdapter } from '../../clearinghouse/clearinghouse-adapter.ts';
import { withTenant, type Tx } from '../../db/open-database.ts';
import type { Deps } from '../../deps.ts';
import { recordClaimsAudit } from '../claims-audit.ts';
import { sniffX12Kind, storeEdiFile } from '../edi-files.ts';
import type { ApplyContext } from './apply-context.ts';
import { APPLIERS, kindOrder } from './appliers.ts';
import { receive835 } from './receive-835.ts';

export interface InboundOptions {
  /** the clearinghouse the files came from (a 999 answers for a group we sent it) */
  clearinghouseId: number;
}

export async function processInbound(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  adapter: ClearinghouseAdapter,
  opts: InboundOptions,
): Promise<InboundFileResult[]> {
  const results: InboundFileResult[] = [];
  const files = [];
  for (const remote of await adapter.listInbound())
    files.push({ remote, text: Buffer.from(await adapter.download(remote)).toString('utf8') });
  files.sort(
    (a, b) =>
      kindOrder(sniffX12Kind(a.text)) - kindOrder(sniffX12Kind(b.text)) ||
      a.remote.modifiedAt - b.remote.modifiedAt ||
      a.remote.name.localeCompare(b.remote.name),
  );
  for (const { remote, text } of files) {
    const result = await withTenant(deps.db, actor.tenantId, (tx) =>
      processFile(tx, deps.auditKey, actor, { fileName: remote.name, text }, opts),
    );
    await adapter.markProcessed(remote);
    results.push(result);
  }
  return results;
}

/** Stores one received file and applies it, in the caller's tenant transaction. */
export async function processFile(
  tx: Tx,
  auditKey: Buffer,
  actor: Actor,
  file: { fileName: string; text: string },
  opts: InboundOptions,
): Promise<InboundFileResult> {
  const { fileName, text } = file;
  const tenantId = actor.tenantId;
  const kind = sniffX12Kind(text);
  if (kind === '835') return receive835(tx, auditKey, actor, file, opts);
  const stored = await storeEdiFile(tx, tenantId, {
    direction: 'inbound',
    kind,
    fileName,
    content: text,
    clearinghouseId: opts.clearinghouseId,
  });
  const result: InboundFileResult = { fileName, kind, duplicate: stored.duplicate, claimsMoved: 0, problems: [] };
  const about = { direction: 'inbound', fileName, kind, clearinghouseId: opts.clearinghouseId };
  if (stored.duplicate) {
    await recordAudit(tx, auditKey, actor, {
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
    fileName,
    actor,
    auditKey,
    result,
    clearinghouseId: opts.clearinghouseId,
    claimIds: new Set(),
    batchIds: [],
  };
  const apply = APPLIERS[kind];
  if (apply) await apply(ctx, text);
  else result.problems.push(`${fileName}: not a 999, 277CA, 835 or 271 (${kind}); stored, not processed`);
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
    auditKey,
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
