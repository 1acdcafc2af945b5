/** A 999 answers for a functional group we sent (one batch): the batch takes its verdict, and so do its claims. */
import { batchStateFor999 } from '@medbill/core';
import { read999 } from '@medbill/x12/acks';
import { fileProblem, moveClaim, type ApplyContext } from './apply-context.ts';
import { x12FileIssueCode } from './file-issues.ts';

export async function apply999(c: ApplyContext, text: string): Promise<void> {
  const { acks, issues } = read999(text, { file: c.fileName });
  if (!acks.length) if (!issues.length) fileProblem(c, 'no-transaction', 'no 999 transaction in the file');
  for (const i of issues) fileProblem(c, x12FileIssueCode(i.code), i.message);
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
      fileProblem(c, 'not-ours', `999 acknowledges group ${group.groupControlNumber}, which we did not send`);
      continue;
    }
    c.batchIds.push(batch.id);
    const batchState = batchStateFor999(group.status);
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
      if (batchState === 'rejected')
        await moveClaim(
          c,
          claim.claim_number,
          'rejected',
          `999 rejected the file${errors.length ? `: ${errors.slice(0, 3).join('; ')}` : ''}`,
          { rejection_reason: `999 rejected (${group.errorCodes.join(',') || group.status})` },
        );
      else await moveClaim(c, claim.claim_number, 'acknowledged', `999 accepted the file (${group.status})`);
    }
  }
}
