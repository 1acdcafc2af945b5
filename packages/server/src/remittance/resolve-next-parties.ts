/**
 * Where each adjudicated claim's patient responsibility goes: the patient, or — when the patient has a
 * next coverage active on the date of service — the next payer. For a claim the payer crossed over
 * (CLP02 19–21, MA18/N89) the next payer owes it on the same claim and nothing is sent; otherwise the
 * payer adjudication is stored and the secondary (or tertiary) claim created as a draft to scrub and
 * batch like any other, by the claims stage's own functions.
 */
import { isCrossover } from '@medbill/core';
import {
  adjudicationFrom835,
  matchClaim,
  matchLines,
  type NextParty,
  type OurClaim,
  type PlanContext,
} from '@medbill/core/remittance';
import type { Remittance835 } from '@medbill/x12/835';
import type { Actor } from '../claims/claim-events.ts';
import { createSecondaryClaim } from '../claims/create-secondary-claim.ts';
import { recordPayerAdjudication } from '../claims/payer-adjudications.ts';
import type { Tx } from '../db/open-database.ts';
import { AppError } from '../app-error.ts';
import type { LoadedClaims } from './load-plan-context.ts';
import { timeSlice } from '../jobs/time-slice.ts';

const PROCESSED = new Set(['1', '2', '3', '19', '20', '21', '22']);

export interface NextPartyResult {
  next: Map<number, NextParty>;
  /** claim id → what happened about the next payer, for the claim's history */
  notes: Map<number, string>;
  /** secondary claims created */
  created: Array<{ claimId: number; claimNumber: string; after: number }>;
}

async function nextCoverages(tx: Tx, tenantId: number, claims: OurClaim[], loaded: LoadedClaims) {
  const patients = [...new Set(claims.map((c) => c.patientId))];
  if (!patients.length) return new Map<number, { payerId: number }>();
  const rows = await tx
    .selectFrom('coverage')
    .select(['patient_id', 'coverage_order', 'payer_id', 'effective_date', 'end_date'])
    .where('tenant_id', '=', tenantId)
    .where('patient_id', 'in', patients)
    .where('coverage_order', '>', 1)
    .execute();
  const out = new Map<number, { payerId: number }>();
  for (const c of claims) {
    const dos = loaded.serviceDate.get(c.encounterId) ?? '';
    const next = rows.find(
      (r) =>
        r.patient_id === c.patientId &&
        r.coverage_order === c.coverageOrder + 1 &&
        r.effective_date <= dos &&
        (r.end_date === null || r.end_date >= dos),
    );
    if (next) out.set(c.claimId, { payerId: next.payer_id });
  }
  return out;
}

export async function resolveNextParties(
  tx: Tx,
  tenantId: number,
  remit: Remittance835,
  ctx: Pick<PlanContext, 'byClaimNumber' | 'byPayerClaimNumber' | 'byEncounter' | 'payerId' | 'effectiveDate'>,
  loaded: LoadedClaims,
  opts: { actor: Actor; ediFileId?: number },
): Promise<NextPartyResult> {
  const result: NextPartyResult = { next: new Map(), notes: new Map(), created: [] };
  const work: Array<{ clp: Remittance835['headers'][number]['claims'][number]; claim: OurClaim }> = [];
  const slice = timeSlice();
  for (const clp of remit.headers.flatMap((h) => h.claims)) {
    if (slice.due()) await slice.pause();
    if (!PROCESSED.has(clp.status)) continue;
    const pr = [...clp.adjustments, ...clp.services.flatMap((s) => s.adjustments)]
      .filter((a) => a.group === 'PR')
      .reduce((t, a) => t + a.amount, 0);
    if (pr === 0) continue;
    const m = matchClaim(clp, ctx);
    if (m) work.push({ clp, claim: m.claim });
  }
  const coverages = await nextCoverages(
    tx,
    tenantId,
    work.map((w) => w.claim),
    loaded,
  );
  for (const { clp, claim } of work) {
    const cov = coverages.get(claim.claimId);
    if (!cov) continue;
    const party = { kind: 'payer' as const, payerId: cov.payerId };
    const existing = (ctx.byEncounter.get(claim.encounterId) ?? []).find(
      (c) => c.payerId === cov.payerId && c.coverageOrder === claim.coverageOrder + 1 && c.state !== 'voided',
    );
    const remarks = clp.outpatient?.remarks ?? clp.inpatient?.remarks ?? [];
    if (clp.status === '22' || isCrossover(clp.status, remarks)) {
      result.next.set(claim.claimId, { party, claimId: existing?.claimId ?? claim.claimId });
      if (clp.status !== '22')
        result.notes.set(claim.claimId, 'crossed over by the payer: the next payer owes the patient responsibility');
      continue;
    }
    const adj = adjudicationFrom835(
      clp,
      claim,
      matchLines(clp, claim, ctx.byEncounter.get(claim.encounterId) ?? [claim]),
      ctx.effectiveDate,
    );
    let made: Awaited<ReturnType<typeof createSecondaryClaim>> | null = null;
    try {
      if (adj) {
        await recordPayerAdjudication(tx, tenantId, claim.claimId, adj, {
          actor: opts.actor,
          ediFileId: opts.ediFileId ?? null,
        });
        made = await createSecondaryClaim(tx, tenantId, claim.claimId, opts.actor);
      }
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      result.notes.set(claim.claimId, `the next payer's claim was not made automatically: ${e.message}`);
    }
    if (!adj && !result.notes.has(claim.claimId))
      result.notes.set(
        claim.claimId,
        "the next payer's claim was not made automatically: a service of the 835 is not one of our lines; enter the EOB",
      );
    if (made?.created) {
      result.created.push({ claimId: made.claimId, claimNumber: made.claimNumber, after: claim.claimId });
      result.notes.set(claim.claimId, `claim ${made.claimNumber} to the next payer created`);
    }
    const nextClaimId = made?.created
      ? made.claimId
      : made && !made.created && made.claimId
        ? made.claimId
        : (existing?.claimId ?? claim.claimId);
    result.next.set(claim.claimId, { party, claimId: nextClaimId });
  }
  return result;
}
