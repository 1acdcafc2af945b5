/**
 * A 277 claim status response (005010X212) read: each claim it speaks of is matched to the inquiry we sent (by the
 * TRN02 trace it echoes; else, unasked, by REF*EJ, our claim number), the inquiry keeps the answer (category, status
 * code, entity, the words, amounts, the 835's trace), and the claim gets an event with cause `status_response`.
 * The claim moves only when the answer says so: a claim the payer has (received, pending, finalized) becomes
 * `accepted` when no 277CA had said it; one the payer rejected becomes `rejected` with the reason; otherwise the
 * event records the status and the state stays. Runs in the file's transaction (inbound intake).
 */
import { claimStatusOutcome, claimStatusWords, type ClaimState } from '@medbill/core';
import { parseX12File } from '@medbill/x12';
import { claimStatuses, type ClaimStatusRow, type ClaimStatusTransaction } from '@medbill/x12/276-277';
import { fileProblem, type ApplyContext } from '../claims/inbound/apply-context.ts';
import { ClaimTransitionError, transitionClaim } from '../claims/claim-events.ts';

const isoDay = (d: string | undefined) =>
  d && /^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : null;
const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

export async function applyClaimStatus(c: ApplyContext, text: string): Promise<void> {
  const parsed = parseX12File(text);
  let rows = 0;
  for (const t of parsed.transactions) {
    if (t.st01 !== '277' || !t.value || (t.value as ClaimStatusTransaction).kind !== '277') continue;
    for (const row of claimStatuses(t.value as ClaimStatusTransaction)) {
      rows++;
      await applyRow(c, row);
    }
  }
  if (!rows) fileProblem(c, 'no-transaction', `${c.fileName}: a 277 with no claim status in it`);
}

async function applyRow(c: ApplyContext, row: ClaimStatusRow): Promise<void> {
  const { tx, tenantId } = c;
  const stc = row.statuses[0];
  if (!stc) {
    fileProblem(c, 'no-transaction', `claim status ${row.trace}: no STC`);
    return;
  }
  const inquiry = await tx
    .selectFrom('claim_status_inquiry')
    .select(['id', 'claim_id'])
    .where('tenant_id', '=', tenantId)
    .where('trace_number', '=', row.trace)
    .forUpdate()
    .executeTakeFirst();
  const claim = await tx
    .selectFrom('claim')
    .select(['id', 'claim_number', 'state', 'payer_claim_number'])
    .where('tenant_id', '=', tenantId)
    .where((eb) =>
      inquiry ? eb('id', '=', inquiry.claim_id) : eb('claim_number', '=', row.patientControlNumber ?? '\u0000'),
    )
    .forUpdate()
    .executeTakeFirst();
  if (!claim) {
    fileProblem(c, 'not-ours', `claim status ${row.trace}: claim ${row.patientControlNumber ?? '?'} is not ours`);
    return;
  }
  c.claimIds.add(claim.id);
  const outcome = claimStatusOutcome(stc.status.category);
  const words = claimStatusWords(stc.status);
  const paid =
    stc.paidAmount !== undefined && (outcome === 'paid' || outcome === 'denied' || outcome === 'finalized')
      ? `; paid ${money(stc.paidAmount)}${stc.checkNumber ? ` (835 trace ${stc.checkNumber}${stc.checkDate ? ` of ${isoDay(stc.checkDate)}` : ''})` : ''}`
      : '';
  const reason = `277: ${words}${paid}`.slice(0, 500);
  if (inquiry)
    await tx
      .updateTable('claim_status_inquiry')
      .set({
        status: 'answered',
        response_file_id: c.fileId,
        answered_at: new Date(),
        category: stc.status.category,
        status_code: stc.status.code,
        entity_code: stc.status.entity ?? null,
        outcome,
        words,
        payer_claim_number: row.payerClaimNumber ?? null,
        charge_cents: stc.chargeAmount ?? null,
        paid_cents: stc.paidAmount ?? null,
        adjudicated_on: isoDay(stc.adjudicationDate),
        remittance_date: isoDay(stc.checkDate),
        remittance_trace: stc.checkNumber ?? null,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', inquiry.id)
      .execute();
  const to = moveFor(claim.state as ClaimState, outcome);
  const set: Record<string, unknown> = {};
  if (row.payerClaimNumber && !claim.payer_claim_number) set.payer_claim_number = row.payerClaimNumber;
  if (to === 'rejected')
    set.rejection_reason = [stc.status.category, stc.status.code, stc.status.entity].filter(Boolean).join(':');
  if (to) {
    try {
      await transitionClaim(tx, tenantId, claim.id, to, {
        actor: c.actor,
        cause: 'status_response',
        reason,
        fileId: c.fileId,
        set,
      });
      c.result.claimsMoved++;
      return;
    } catch (e) {
      if (!(e instanceof ClaimTransitionError)) throw e;
    }
  }
  if (Object.keys(set).length)
    await tx.updateTable('claim').set(set).where('tenant_id', '=', tenantId).where('id', '=', claim.id).execute();
  await tx
    .insertInto('claim_event')
    .values({
      tenant_id: tenantId,
      claim_id: claim.id,
      from_state: claim.state,
      to_state: claim.state,
      user_id: c.actor.userId,
      username: c.actor.username,
      reason,
      cause: 'status_response',
      file_id: c.fileId,
    })
    .execute();
}

/** Where the payer's answer takes a claim that waits on it; null: the state stays. */
function moveFor(state: ClaimState, outcome: ReturnType<typeof claimStatusOutcome>): ClaimState | null {
  const noAckYet = state === 'submitted' || state === 'acknowledged';
  if (outcome === 'rejected' && (noAckYet || state === 'accepted')) return 'rejected';
  if (noAckYet && ['received', 'pending', 'paid', 'denied', 'finalized'].includes(outcome)) return 'accepted';
  return null;
}
