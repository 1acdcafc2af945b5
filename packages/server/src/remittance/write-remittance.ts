/**
 * Writes what a posted remittance decided, in bulk: each claim payment as received and posted, the new
 * denials and underpayments (closing the older ones a new adjudication supersedes), the money that could
 * not be placed, and each claim's move to the state that says what happened, with its event.
 */
import { canTransition, isClaimState, type ClaimState } from '@medbill/core';
import type { OurClaim, PlannedClaim, RemittancePlan } from '@medbill/core/remittance';
import { RECOVERY_LIKELIHOOD } from '@medbill/core/remittance';
import { sql } from 'kysely';
import type { Actor } from '../claims/claim-events.ts';
import type { Tx } from '../db/open-database.ts';
import { timeSlice } from '../jobs/time-slice.ts';

/** rows per statement: small enough that building one never holds the event loop long (issue 8 item 4) */
const CHUNK = 250;

/** One statement per chunk, pausing for the event loop between them (on PGlite awaiting a query alone never does). */
async function chunked<T>(rows: T[], f: (chunk: T[]) => Promise<unknown>): Promise<void> {
  const slice = timeSlice();
  for (let i = 0; i < rows.length; i += CHUNK) {
    await f(rows.slice(i, i + CHUNK));
    if (slice.due()) await slice.pause();
  }
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface WriteContext {
  tenantId: number;
  remittanceId: number;
  ediFileId: number;
  effectiveDate: string;
  payerId: number | null;
  appealDays: Map<number, number>;
  postingIds: number[];
  claimsById: Map<number, OurClaim>;
  actor: Actor;
  traceNumber: string;
  notes: Map<number, string>;
}

/** What remittance_claim.detail keeps of a planned claim (the ERA's posting view reads it). */
export function claimDetail(c: PlannedClaim, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...extra,
    lines: c.lines,
    claimAdjustments: c.claimAdjustments,
    remarks: c.remarks,
    interestCents: c.interestCents,
    openCents: c.openCents,
    payerBalanceCents: c.payerBalanceCents,
    summary: c.summary,
    ...(c.patientName ? { patientName: c.patientName } : {}),
    ...(c.serviceDate ? { serviceDate: c.serviceDate } : {}),
  };
}

export async function writeClaimPayments(tx: Tx, w: WriteContext, plan: RemittancePlan): Promise<void> {
  await chunked(plan.claims, (ch) =>
    tx
      .insertInto('remittance_claim')
      .values(
        ch.map((c) => ({
          tenant_id: w.tenantId,
          remittance_id: w.remittanceId,
          clp_index: c.clpIndex,
          claim_id: c.claimId,
          patient_control_number: c.patientControlNumber,
          payer_claim_number: c.payerClaimNumber,
          status_code: c.statusCode,
          outcome: c.outcome,
          matched_by: c.matchedBy,
          charge_cents: c.chargeCents,
          paid_cents: c.paidCents,
          patient_responsibility_cents: c.patientResponsibilityCents,
          posting_id: c.postingIndex === null ? null : w.postingIds[c.postingIndex],
          detail: JSON.stringify(claimDetail(c)),
        })),
      )
      .execute(),
  );
}

/** A new adjudication supersedes the open denials of the claims it adjudicated; then the new ones go in. */
export async function writeDenials(tx: Tx, w: WriteContext, plan: RemittancePlan): Promise<number> {
  const adjudicated = [
    ...new Set(
      plan.claims.filter((c) => c.claimId !== null && c.outcome !== 'predetermination').map((c) => c.claimId!),
    ),
  ];
  const reversed = new Set(plan.claims.filter((c) => c.outcome === 'reversed').map((c) => c.claimId));
  await chunked(adjudicated, async (ch) => {
    for (const [ids, status] of [
      [ch.filter((id) => reversed.has(id)), 'reversed'],
      [ch.filter((id) => !reversed.has(id)), 'resolved'],
    ] as const)
      if (ids.length)
        await tx
          .updateTable('denial')
          .set({ status, updated_at: new Date() })
          .where('tenant_id', '=', w.tenantId)
          .where('claim_id', 'in', ids)
          .where('status', 'in', ['open', 'appealed'])
          .execute();
  });
  const deadline = (payerId: number) => addDays(w.effectiveDate, w.appealDays.get(payerId) ?? 180);
  const rows = [
    ...plan.denials.map((d) => ({
      tenant_id: w.tenantId,
      kind: 'denied' as const,
      claim_id: d.claimId,
      service_line_id: d.serviceLineId,
      remittance_id: w.remittanceId,
      clp_index: d.clpIndex,
      payer_id: d.payerId,
      group_code: d.group,
      reason_code: d.reason,
      cause: d.cause,
      remarks: d.remarks,
      amount_cents: d.amountCents,
      expected_cents: null,
      denied_on: w.effectiveDate,
      appeal_deadline: deadline(d.payerId),
    })),
    ...plan.underpayments.map((u) => ({
      tenant_id: w.tenantId,
      kind: 'underpaid' as const,
      claim_id: u.claimId,
      service_line_id: u.serviceLineId,
      remittance_id: w.remittanceId,
      clp_index: u.clpIndex,
      payer_id: u.payerId,
      group_code: null,
      reason_code: null,
      cause: 'underpaid',
      remarks: [],
      amount_cents: u.differenceCents,
      expected_cents: u.expectedAllowedCents,
      denied_on: w.effectiveDate,
      appeal_deadline: deadline(u.payerId),
    })),
  ];
  await chunked(rows, (ch) => tx.insertInto('denial').values(ch).execute());
  return rows.length;
}

export async function writeUnmatched(
  tx: Tx,
  w: WriteContext,
  plan: RemittancePlan,
  suggestions: Map<number, unknown[]>,
): Promise<void> {
  const rows = plan.unmatched.map((u) => ({
    tenant_id: w.tenantId,
    remittance_id: w.remittanceId,
    clp_index: u.clpIndex,
    svc_index: u.svcIndex ?? null,
    kind: u.kind,
    held_as: u.heldAs,
    claim_id: u.claimId ?? null,
    amount_cents: u.amountCents,
    description: u.description,
    suggestions: JSON.stringify(u.kind === 'claim' ? (suggestions.get(u.clpIndex) ?? []) : []),
  }));
  await chunked(rows, (ch) => tx.insertInto('remittance_unmatched').values(ch).execute());
}

/** Each adjudicated claim moves to the state that says what happened (an event each; a claim that cannot move gets a note). Returns the claims given an event. */
export async function moveClaims(tx: Tx, w: WriteContext, plan: RemittancePlan): Promise<number> {
  const moves: Array<{ id: number; from: string; to: string; icn: string; reason: string }> = [];
  for (const c of plan.claims) {
    if (c.claimId === null) continue;
    const claim = w.claimsById.get(c.claimId);
    if (!claim) continue;
    const note = w.notes.get(c.claimId);
    const reason = `835 TRN ${w.traceNumber}: ${c.summary}${note ? `; ${note}` : ''}`;
    const to = c.outcome;
    const canMove =
      to !== 'unmatched' &&
      to !== 'predetermination' &&
      isClaimState(claim.state) &&
      canTransition(claim.state as ClaimState, to as ClaimState);
    moves.push({
      id: c.claimId,
      from: claim.state,
      to: canMove ? to : claim.state,
      icn: c.statusCode === '22' ? '' : c.payerClaimNumber,
      reason: canMove ? reason : `${reason} (the claim stays ${claim.state})`,
    });
    if (canMove) claim.state = to;
  }
  await chunked(moves, async (ch) => {
    const values = sql.join(ch.map((m) => sql`(${m.id}::bigint, ${m.to}::text, ${m.icn}::text)`));
    await sql`UPDATE claim AS c SET state = v.state, updated_at = now(),
        payer_claim_number = coalesce(nullif(v.icn, ''), c.payer_claim_number)
      FROM (VALUES ${values}) AS v(id, state, icn)
      WHERE c.tenant_id = ${w.tenantId} AND c.id = v.id`.execute(tx);
    await tx
      .insertInto('claim_event')
      .values(
        ch.map((m) => ({
          tenant_id: w.tenantId,
          claim_id: m.id,
          from_state: m.from as ClaimState,
          to_state: m.to as ClaimState,
          user_id: w.actor.userId,
          username: w.actor.username,
          reason: m.reason,
          cause: 'remittance',
          file_id: w.ediFileId,
        })),
      )
      .execute();
  });
  return moves.length;
}

/** amount × likelihood × urgency: what to work first (urgency grows as the appeal deadline nears). */
export function denialPriority(amountCents: number, cause: string, daysLeft: number | null): number {
  const likelihood = RECOVERY_LIKELIHOOD[cause as keyof typeof RECOVERY_LIKELIHOOD] ?? 0.5;
  const urgency = daysLeft === null ? 1 : daysLeft <= 0 ? 0.1 : daysLeft <= 14 ? 3 : daysLeft <= 30 ? 2 : 1;
  return Math.round((amountCents / 100) * likelihood * urgency * 100) / 100;
}
