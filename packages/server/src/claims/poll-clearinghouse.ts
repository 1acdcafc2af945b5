/**
 * Fetch and apply what a clearinghouse sent back (999, 277CA, 835). Each file audits itself as it is applied
 * (inbound/intake.ts); one `create` edi_file row records the poll, naming every file it brought in.
 */
import type { PollResult } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { ClaimsDeps } from '../deps.ts';
import { jobs } from '../jobs/job-registry.ts';
import { loadClearinghouse } from './claim-services.ts';
import { processInbound, type InboundProgress } from './inbound/intake.ts';

export async function pollClearinghouse(
  deps: ClaimsDeps,
  actor: Actor,
  input: { clearinghouseId: number; onProgress?: (p: InboundProgress) => void },
): Promise<PollResult> {
  const { db } = deps;
  const { ch, credential } = await withTenant(db, actor.tenantId, (tx) =>
    loadClearinghouse(tx, deps.auditKey, actor.tenantId, input.clearinghouseId),
  );
  const adapter = deps.claims.adapterFor(ch, credential);
  // the web UI shows what a long poll is doing (GET /api/jobs)
  const job = jobs.start(actor.tenantId, 'inbound', `Responses from ${ch.name}`);
  try {
    const result = await processInbound(deps, actor, adapter, {
      clearinghouseId: ch.id,
      submitterId: ch.submitter_id,
      onProgress: (p) => {
        job.progress({ item: p.file, index: p.index, items: p.files, phase: p.phase, done: p.done, total: p.total });
        input.onProgress?.(p);
      },
    });
    const files = result.files;
    await withTenant(db, actor.tenantId, (tx) =>
      recordAudit(tx, deps.auditKey, actor, {
        action: 'create',
        resourceType: 'edi_file',
        dataCategory: 'claim',
        details: {
          from: ch.name,
          files: files.map((f) => ({
            fileName: f.fileName,
            kind: f.kind,
            duplicate: f.duplicate,
            claimsMoved: f.claimsMoved,
          })),
          ...(result.quarantined.length ? { quarantined: result.quarantined } : {}),
          ...(result.skipped.length ? { skipped: result.skipped } : {}),
        },
      }),
    );
    job.finish();
    return result;
  } catch (e) {
    job.fail(e);
    throw e;
  } finally {
    await adapter.close();
  }
}
