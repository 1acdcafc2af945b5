/**
 * A claim's adjudication once a person posts money an ERA held for it (an unmatched service line, several of them, or
 * the claim's difference): the claim as the ERA's posting view keeps it, read back; then its outcome and summary by
 * the rule posting uses (core claimOutcome, claimSummary), the posting view updated, and the claim moved as posting
 * moves it (moveClaims) — with an event only when its state changes.
 */
import { claimOutcome, claimSummary, type OurClaim, type PlannedClaim } from '@medbill/core/remittance';
import type { ClaimPayment } from '@medbill/x12/835';
import type { Tx } from '../db/open-database.ts';
import { claimDetail, moveClaims, type WriteContext } from './write-remittance.ts';

export interface StoredClaim {
  planned: PlannedClaim;
  /** what else the stored detail holds (kept as it is) */
  extra: Record<string, unknown>;
  postingId: number | null;
}

/** The claim payment as posting wrote it (remittance_claim and its detail). */
export async function storedClaim(tx: Tx, tenantId: number, remittanceId: number, clpIndex: number) {
  const rc = await tx
    .selectFrom('remittance_claim')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('remittance_id', '=', remittanceId)
    .where('clp_index', '=', clpIndex)
    .executeTakeFirstOrThrow();
  const {
    lines = [],
    claimAdjustments = [],
    remarks = [],
    interestCents = 0,
    openCents = 0,
    payerBalanceCents = 0,
    summary = '',
    ...extra
  } = (rc.detail ?? {}) as Partial<PlannedClaim> & Record<string, unknown>;
  const planned: PlannedClaim = {
    clpIndex,
    patientControlNumber: rc.patient_control_number,
    statusCode: rc.status_code,
    payerClaimNumber: rc.payer_claim_number,
    claimId: rc.claim_id,
    matchedBy: rc.matched_by === 'payer_claim_number' ? 'payer_claim_number' : 'claim_number',
    outcome: rc.outcome as PlannedClaim['outcome'],
    chargeCents: rc.charge_cents,
    paidCents: rc.paid_cents,
    patientResponsibilityCents: rc.patient_responsibility_cents,
    interestCents,
    openCents,
    payerBalanceCents,
    lines,
    claimAdjustments,
    remarks,
    postingIndex: null,
    summary,
  };
  return { planned, extra, postingId: rc.posting_id } satisfies StoredClaim;
}

/**
 * Writes the claim payment as it now stands and moves the claim to the state its adjudication says (the outcome is
 * decided here, from the 835 claim and the lines as posted). Returns the claim with its outcome and summary.
 */
export async function restateClaim(
  tx: Tx,
  w: WriteContext,
  clp: ClaimPayment,
  planned: PlannedClaim,
  claim: OurClaim,
  extra: Record<string, unknown> = {},
): Promise<PlannedClaim> {
  planned.outcome = claimOutcome(clp, planned);
  planned.summary = claimSummary(planned);
  await tx
    .updateTable('remittance_claim')
    .set({
      outcome: planned.outcome,
      patient_responsibility_cents: planned.patientResponsibilityCents,
      detail: JSON.stringify(claimDetail(planned, extra)),
    })
    .where('tenant_id', '=', w.tenantId)
    .where('remittance_id', '=', w.remittanceId)
    .where('clp_index', '=', planned.clpIndex)
    .execute();
  if (claim.state !== planned.outcome)
    await moveClaims(
      tx,
      { ...w, claimsById: new Map([[claim.claimId, claim]]) },
      { postings: [], claims: [planned], denials: [], underpayments: [], unmatched: [], cashCents: 0 },
    );
  return planned;
}
