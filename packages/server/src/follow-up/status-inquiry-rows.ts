/** Claim status inquiries as the API shows them (worklist, claim page, send result): one query, one mapping. */
import type { StatusInquiry } from '@medbill/api';
import { FOLLOW_UP_ADVICE, type ClaimStatusOutcome } from '@medbill/core';
import type { Tx } from '../db/open-database.ts';

/** The inquiries that match `where` (by claim or by id), newest first. */
export async function loadStatusInquiries(
  tx: Tx,
  tenantId: number,
  where: { claimIds?: readonly number[]; ids?: readonly number[] },
): Promise<StatusInquiry[]> {
  let q = tx
    .selectFrom('claim_status_inquiry as i')
    .innerJoin('claim as c', (j) => j.onRef('c.tenant_id', '=', 'i.tenant_id').onRef('c.id', '=', 'i.claim_id'))
    .innerJoin('payer as p', (j) => j.onRef('p.tenant_id', '=', 'i.tenant_id').onRef('p.id', '=', 'i.payer_id'))
    .selectAll('i')
    .select(['c.claim_number', 'p.name as payer_name'])
    .where('i.tenant_id', '=', tenantId);
  if (where.claimIds) q = q.where('i.claim_id', 'in', where.claimIds.length ? [...where.claimIds] : [-1]);
  if (where.ids) q = q.where('i.id', 'in', where.ids.length ? [...where.ids] : [-1]);
  const rows = await q.orderBy('i.id', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    claimId: r.claim_id,
    claimNumber: r.claim_number,
    payerId: r.payer_id,
    payerName: r.payer_name,
    traceNumber: r.trace_number,
    status: r.status,
    sentAt: r.sent_at.toISOString(),
    sentBy: r.sent_by,
    requestFileId: r.request_file_id,
    answeredAt: r.answered_at ? r.answered_at.toISOString() : null,
    responseFileId: r.response_file_id,
    category: r.category,
    statusCode: r.status_code,
    entityCode: r.entity_code,
    outcome: r.outcome as StatusInquiry['outcome'],
    words: r.words,
    advice: r.outcome ? (FOLLOW_UP_ADVICE[r.outcome as ClaimStatusOutcome] ?? null) : null,
    payerClaimNumber: r.payer_claim_number,
    chargeCents: r.charge_cents,
    paidCents: r.paid_cents,
    adjudicatedOn: r.adjudicated_on,
    remittanceDate: r.remittance_date,
    remittanceTrace: r.remittance_trace,
    problem: r.problem,
  }));
}

/** Claim states that wait on the payer: no 277CA yet (submitted, acknowledged) or no 835 yet (accepted). */
export const WAITING_STATES = ['submitted', 'acknowledged', 'accepted'] as const;
