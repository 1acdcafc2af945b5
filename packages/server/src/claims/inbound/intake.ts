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
import { messageForPeople } from '../../app-error.ts';
import { setImmediate as yieldNow } from 'node:timers/promises';
import type { InboundFileResult, PollResult } from '@medbill/api';
import type { Actor } from '../../actor.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { ClearinghouseAdapter } from '../../clearinghouse/clearinghouse-adapter.ts';
import { withTenant, type Tx } from '../../db/open-database.ts';
import type { Deps } from '../../deps.ts';
import { recordClaimsAudit } from '../claims-audit.ts';
import { sniffX12Kind, storeEdiFile } from '../edi-files.ts';
import { fileProblem, type ApplyContext } from './apply-context.ts';
import { APPLIERS, kindOrder } from './appliers.ts';
import { runPostJob } from '../../jobs/post-in-worker.ts';
import type { Read835FileResult } from '../../remittance/read-835-file.ts';
import type { ProgressFn } from '../../remittance/remittance-result.ts';
import { receive835 } from './receive-835.ts';
import { hold, screenInbound } from './screen-inbound.ts';

export interface InboundOptions {
  /** the clearinghouse the files came from (a 999 answers for a group we sent it) */
  clearinghouseId: number;
  /** our submitter id there: a file addressed to another is quarantined, not applied (null: not checked) */
  submitterId?: string | null;
  /** where the poll is: file n of m, and within a large 835 its claims read and posted */
  onProgress?: (p: InboundProgress) => void;
}

export interface InboundProgress {
  file: string;
  /** 1-based */
  index: number;
  files: number;
  phase: 'reading' | 'planning' | 'writing' | 'applying' | 'done';
  done: number;
  total: number;
}

export interface InboundOutcome extends PollResult {}

/**
 * Every file of the inbound folder: screened (a file that is not X12 text, or is for another submitter, is
 * quarantined and the poll goes on), an 835 read on the parse worker before its transaction opens, then each file
 * applied in a transaction of its own, yielding to the event loop between files. A file whose applying fails is
 * quarantined with the failure; when even that cannot be stored (the database or the audit log is down), the poll
 * fails and the file stays for the next one.
 */
export async function processInbound(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  adapter: ClearinghouseAdapter,
  opts: InboundOptions,
): Promise<InboundOutcome> {
  const screened = await screenInbound(deps, actor, adapter, {
    id: opts.clearinghouseId,
    submitterId: opts.submitterId ?? null,
  });
  const out: InboundOutcome = { files: [], quarantined: screened.quarantined, skipped: screened.skipped };
  const files = screened.files.map((f) => ({ ...f, kind: sniffX12Kind(f.head) }));
  files.sort(
    (a, b) =>
      kindOrder(a.kind) - kindOrder(b.kind) ||
      a.remote.modifiedAt - b.remote.modifiedAt ||
      a.remote.name.localeCompare(b.remote.name),
  );
  for (const [i, f] of files.entries()) {
    const progress = (phase: InboundProgress['phase'], done = 0, total = 0) =>
      opts.onProgress?.({ file: f.remote.name, index: i + 1, files: files.length, phase, done, total });
    try {
      progress('reading');
      // an 835 is read, planned and written from the posting worker, this thread holding its transaction: a 50 MB
      // file's claims and plan never sit on the server's heap (issue 8 item 4)
      const result =
        f.kind === '835'
          ? ((await runPostJob(
              deps.db,
              {
                kind: 'inbound',
                tenantId: actor.tenantId,
                fileName: f.remote.name,
                bytes: f.bytes,
                clearinghouseId: opts.clearinghouseId,
                actor,
                auditKey: deps.auditKey,
              },
              (p) => progress(p.phase, p.done, p.total),
            )) as InboundFileResult)
          : await withTenant(deps.db, actor.tenantId, (tx) => {
              progress('applying');
              const text = new TextDecoder().decode(f.bytes);
              return processFile(tx, deps.auditKey, actor, { fileName: f.remote.name, text }, opts, (p) =>
                progress(p.phase, p.done, p.total),
              );
            });
      await adapter.markProcessed(f.remote);
      out.files.push(result);
    } catch (e) {
      if (isTransient(e)) throw e;
      const reason = `applying it failed: ${messageForPeople(e)}`;
      // stored with the failure; if even that fails (the database, the audit log), the poll fails: file stays
      // an 835's bytes went to the posting worker (moved, not copied): the file is still in the inbound folder
      const bytes = f.bytes.byteLength
        ? f.bytes
        : await adapter.download(f.remote).catch(() => {
            throw e;
          });
      const held = await hold(deps, actor, adapter, f.remote, bytes, opts.clearinghouseId, 'failed', reason).catch(
        () => {
          throw e;
        },
      );
      out.quarantined.push(held);
    }
    progress('done');
    await yieldNow();
  }
  return out;
}

/** Database failures that say nothing about the file (try it again later): serialization, deadlock, connection. */
function isTransient(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && /^(40001|40P01|08...|53...|57...)$/.test(code);
}

/** Stores one received file and applies it, in the caller's tenant transaction. */
export async function processFile(
  tx: Tx,
  auditKey: Buffer,
  actor: Actor,
  file: { fileName: string; text: string; read835?: Read835FileResult },
  opts: InboundOptions,
  onProgress?: ProgressFn,
): Promise<InboundFileResult> {
  const { fileName, text } = file;
  const tenantId = actor.tenantId;
  const kind = sniffX12Kind(text);
  if (kind === '835') return receive835(tx, auditKey, actor, file, { ...opts, onProgress });
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
    fileIssues: [],
  };
  const apply = APPLIERS[kind];
  if (apply) await apply(ctx, text);
  else
    fileProblem(
      ctx,
      'unsupported-kind',
      `${fileName}: not a 999, 277CA, 277, 835 or 271 (${kind}); stored, not processed`,
    );
  await tx
    .updateTable('edi_file')
    .set({
      status: result.problems.length ? 'failed' : 'processed',
      processed_at: new Date(),
      issues: JSON.stringify(ctx.fileIssues),
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
