/**
 * A 271 received (by the wait after a check, or by the clearinghouse poller among other files): each answer is
 * matched to our check by its trace (TRN02, else BHT03) and stored as received — the member loop that answers
 * us, with any rejections of the payer or receiver levels. One audit row names the patients whose answers came.
 */
import { accounts } from '@medbill/core';
import { parseX12File } from '@medbill/x12';
import type { EligibilityTransaction } from '@medbill/x12/270-271';
import { recordAuditForPatients, type AuditActor } from '../audit/record-audit.ts';
import type { Tx } from '../db/open-database.ts';

export interface AppliedAnswer {
  checkId: number;
  patientId: number;
  status: 'answered' | 'rejected';
}

export async function applyEligibilityResponse(
  tx: Tx,
  tenantId: number,
  file: { id: number; fileName: string; text: string },
  audit: { key: Buffer; actor: AuditActor },
  now: Date,
): Promise<AppliedAnswer[]> {
  const parsed = parseX12File(file.text);
  const applied: AppliedAnswer[] = [];
  for (const t of parsed.transactions) {
    if (t.st01 !== '271' || !t.value) continue;
    const tx271 = t.value as EligibilityTransaction;
    const traces = [...new Set([...accounts.tracesIn(tx271), tx271.header.referenceId].filter(Boolean))];
    if (!traces.length) continue;
    const checks = await tx
      .selectFrom('eligibility_check')
      .select(['id', 'patient_id', 'trace_number'])
      .where('tenant_id', '=', tenantId)
      .where('trace_number', 'in', traces)
      .where('status', '=', 'sent')
      .forUpdate()
      .execute();
    for (const c of checks) {
      const response = responseFor(tx271, c.trace_number);
      const status = response.member?.benefits?.length ? 'answered' : 'rejected';
      await tx
        .updateTable('eligibility_check')
        .set({ status, response: JSON.stringify(response), response_file_id: file.id, answered_at: now })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', c.id)
        .execute();
      applied.push({ checkId: c.id, patientId: c.patient_id, status });
    }
  }
  if (applied.length)
    await recordAuditForPatients(
      tx,
      audit.key,
      audit.actor,
      {
        action: 'update',
        resourceType: 'eligibility_check',
        resourceId: applied.length === 1 ? applied[0]!.checkId : null,
        dataCategory: 'insurance',
        details: { fileId: file.id, fileName: file.fileName, checkIds: applied.map((a) => a.checkId) },
      },
      applied.map((a) => a.patientId),
      now,
    );
  return applied;
}

/** What we keep of a 271 for one trace: the payer's name, the answering member, and rejections above it. */
export function responseFor(tx: EligibilityTransaction, trace: string) {
  const src = tx.sources[0];
  const rcv = src?.receivers[0];
  return {
    payerName: src?.source.name.lastName ?? '',
    sourceRejections: src?.rejections ?? [],
    receiverRejections: rcv?.rejections ?? [],
    member: accounts.memberForTrace(tx, trace) ?? null,
  };
}
