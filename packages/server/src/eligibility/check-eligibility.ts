/**
 * checkEligibility: send a 270 for a patient's coverage through the clearinghouse and wait a little for the
 * payer's 271 (real-time clearinghouses answer in seconds). The answer is stored as received and explained;
 * when it has not come yet the check stays `sent` and is completed when the 271 is picked up later (here, or
 * by the inbound poller among the other files). No transaction is held across the network.
 */
import { messageForPeople } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ClearinghouseAdapter, RemoteFile } from '../clearinghouse/clearinghouse-adapter.ts';
import type { ClaimServices } from '../claims/claim-services.ts';
import { sniffX12Kind, storeEdiFile } from '../claims/edi-files.ts';
import { withTenant } from '../db/open-database.ts';
import type { UseCaseContext } from '../accounts/use-case-context.ts';
import { applyEligibilityResponse } from './apply-eligibility-response.ts';
import { loadEligibilityCheck } from './list-eligibility-checks.ts';
import { prepareEligibilityCheck, type CheckEligibilityInput } from './prepare-eligibility-check.ts';
import type { EligibilityCheckView } from './eligibility-view.ts';

export interface EligibilityTransport {
  adapterFor: ClaimServices['adapterFor'];
  /** how long to wait for the 271 (default 15 s); 0 sends and returns at once */
  waitMs?: number;
  pollMs?: number;
}

export async function checkEligibility(
  ctx: UseCaseContext,
  transport: EligibilityTransport,
  input: CheckEligibilityInput,
): Promise<EligibilityCheckView> {
  const prepared = await withTenant(ctx.db, ctx.tenantId, (tx) => prepareEligibilityCheck(tx, ctx, input));
  const adapter = transport.adapterFor(prepared.clearinghouse, prepared.credential);
  try {
    try {
      await adapter.upload(prepared.fileName, Buffer.from(prepared.text, 'utf8'));
    } catch (e) {
      await markFailed(
        ctx,
        prepared.checkId,
        prepared.patientId,
        `Could not send the inquiry to ${prepared.clearinghouse.name}: ${messageForPeople(e)}`,
      );
      return loadEligibilityCheck(ctx, prepared.checkId);
    }
    await waitForAnswer(ctx, adapter, prepared, transport.waitMs ?? 15_000, transport.pollMs ?? 250);
  } finally {
    await adapter.close();
  }
  return loadEligibilityCheck(ctx, prepared.checkId);
}

async function markFailed(ctx: UseCaseContext, checkId: number, patientId: number, problem: string): Promise<void> {
  await withTenant(ctx.db, ctx.tenantId, async (tx) => {
    await tx
      .updateTable('eligibility_check')
      .set({ status: 'failed', problem: problem.slice(0, 500) })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', checkId)
      .where('status', '=', 'sent')
      .execute();
    await recordAudit(tx, ctx.auditKey, ctx.actor, {
      action: 'export',
      resourceType: 'eligibility_check',
      resourceId: checkId,
      patientId,
      dataCategory: 'insurance',
      outcome: 'failure',
      details: { problem: problem.slice(0, 300) },
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForAnswer(
  ctx: UseCaseContext,
  adapter: ClearinghouseAdapter,
  prepared: { checkId: number; patientId: number; fileName: string; clearinghouse: { id: number } },
  waitMs: number,
  pollMs: number,
): Promise<void> {
  const stem = prepared.fileName.replace(/\.[^.]*$/, '');
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const status = await withTenant(ctx.db, ctx.tenantId, (tx) =>
      tx
        .selectFrom('eligibility_check')
        .select('status')
        .where('tenant_id', '=', ctx.tenantId)
        .where('id', '=', prepared.checkId)
        .executeTakeFirstOrThrow(),
    );
    if (status.status !== 'sent') return;
    // the clearinghouse names its answer after our file; other files are left for the inbound poller
    const ours = (await adapter.listInbound()).filter((f) => f.name.startsWith(`${stem}.`));
    for (const f of ours) await receiveAnswerFile(ctx, adapter, f, prepared);
    if (ours.length) continue;
    await sleep(pollMs);
  }
}

async function receiveAnswerFile(
  ctx: UseCaseContext,
  adapter: ClearinghouseAdapter,
  remote: RemoteFile,
  prepared: { checkId: number; patientId: number; clearinghouse: { id: number } },
): Promise<void> {
  const text = Buffer.from(await adapter.download(remote)).toString('utf8');
  const kind = sniffX12Kind(text);
  await withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const stored = await storeEdiFile(tx, ctx.tenantId, {
      direction: 'inbound',
      kind,
      fileName: remote.name,
      content: text,
      clearinghouseId: prepared.clearinghouse.id,
    });
    if (stored.duplicate) return;
    if (kind === '271') {
      await applyEligibilityResponse(
        tx,
        ctx.tenantId,
        { id: stored.id, fileName: remote.name, text },
        { key: ctx.auditKey, actor: ctx.actor },
        ctx.now(),
      );
    } else {
      const problem =
        kind === '999'
          ? 'The payer refused the inquiry as not valid (999 acknowledgment); check the member details'
          : `The clearinghouse answered with a ${kind} file instead of a 271`;
      await tx
        .updateTable('eligibility_check')
        .set({ status: 'failed', problem, response_file_id: stored.id })
        .where('tenant_id', '=', ctx.tenantId)
        .where('id', '=', prepared.checkId)
        .where('status', '=', 'sent')
        .execute();
      await recordAudit(tx, ctx.auditKey, ctx.actor, {
        action: 'update',
        resourceType: 'eligibility_check',
        resourceId: prepared.checkId,
        patientId: prepared.patientId,
        dataCategory: 'insurance',
        details: { fileId: stored.id, fileName: remote.name, kind, failed: true },
      });
    }
    await tx
      .updateTable('edi_file')
      .set({ status: 'processed', processed_at: ctx.now() })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', stored.id)
      .execute();
  });
  await adapter.markProcessed(remote);
}
