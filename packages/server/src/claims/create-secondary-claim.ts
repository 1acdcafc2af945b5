/**
 * After a payer adjudicated a claim, the claim to the next payer (secondary after primary, tertiary after
 * secondary) — unless the payer crossed the claim over itself (Medicare to a Medigap or Medicaid plan:
 * CLP02 19/20/21 or MA18/N89), nothing is left for the patient, or the next claim already exists.
 * Called after a paper EOB is entered and by 835 posting; the new claim is a draft to scrub like any other.
 */
import type { ClaimState } from '@medbill/core';
import type { Tx } from '../db/open-database.ts';
import { notFound } from '../app-error.ts';
import type { Who } from '../actor.ts';
import { createClaimForEncounter } from './create-claims.ts';
import { currentAdjudications } from './payer-adjudications.ts';

export type SecondaryOutcome =
  | { created: true; claimId: number; claimNumber: string }
  | {
      created: false;
      reason: 'not_adjudicated' | 'crossover' | 'nothing_left' | 'no_next_coverage' | 'exists';
      message: string;
      claimId?: number;
    };

const ORDER_NAME = ['', 'primary', 'secondary', 'tertiary'];

export async function createSecondaryClaim(
  tx: Tx,
  tenantId: number,
  adjudicatedClaimId: number,
  actor: Who,
): Promise<SecondaryOutcome> {
  const claim = await tx
    .selectFrom('claim as c')
    .innerJoin('coverage as cv', (j) =>
      j.onRef('cv.tenant_id', '=', 'c.tenant_id').onRef('cv.id', '=', 'c.coverage_id'),
    )
    .innerJoin('encounter as e', (j) => j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'))
    .select([
      'c.id',
      'c.claim_number',
      'c.state',
      'c.encounter_id',
      'cv.coverage_order',
      'cv.patient_id',
      'e.service_date_from',
    ])
    .where('c.tenant_id', '=', tenantId)
    .where('c.id', '=', adjudicatedClaimId)
    .executeTakeFirst();
  if (!claim) throw notFound('Claim');
  const adj = (await currentAdjudications(tx, tenantId, [claim.id])).get(claim.id);
  if (!adj)
    return {
      created: false,
      reason: 'not_adjudicated',
      message: `Claim ${claim.claim_number} has no adjudication yet: enter the EOB or post the 835 first`,
    };
  const nextOrder = claim.coverage_order + 1;
  if (adj.crossover) {
    await note(tx, tenantId, claim.id, claim.state, actor, crossoverNote(adj.crossoverPayerName));
    return {
      created: false,
      reason: 'crossover',
      message: `Claim ${claim.claim_number} was crossed over by the payer${adj.crossoverPayerName ? ` to ${adj.crossoverPayerName}` : ''}: no ${ORDER_NAME[nextOrder] ?? 'next'} claim is sent, so the next payer is not billed twice`,
    };
  }
  if (adj.patientResponsibilityCents === 0 && adj.statusCode !== '4')
    return {
      created: false,
      reason: 'nothing_left',
      message: `Claim ${claim.claim_number} left nothing for the patient: there is nothing to bill the next payer`,
    };
  const next = await tx
    .selectFrom('coverage')
    .select(['id'])
    .where('tenant_id', '=', tenantId)
    .where('patient_id', '=', claim.patient_id)
    .where('coverage_order', '=', nextOrder)
    .where('effective_date', '<=', claim.service_date_from)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', claim.service_date_from)]))
    .executeTakeFirst();
  if (!next || nextOrder > 3)
    return {
      created: false,
      reason: 'no_next_coverage',
      message: `The patient has no ${ORDER_NAME[nextOrder] ?? 'further'} coverage on ${claim.service_date_from}: the rest is the patient's`,
    };
  const existing = await tx
    .selectFrom('claim')
    .select(['id', 'claim_number'])
    .where('tenant_id', '=', tenantId)
    .where('encounter_id', '=', claim.encounter_id)
    .where('coverage_id', '=', next.id)
    .where('state', '<>', 'voided')
    .executeTakeFirst();
  if (existing)
    return {
      created: false,
      reason: 'exists',
      claimId: existing.id,
      message: `Claim ${existing.claim_number} to the ${ORDER_NAME[nextOrder]} payer already exists`,
    };
  const claimId = await createClaimForEncounter(tx, tenantId, claim.encounter_id, actor, {
    coverageOrder: nextOrder,
    cause: 'secondary',
    reason: `${ORDER_NAME[nextOrder]} claim after claim ${claim.claim_number} was adjudicated`,
  });
  const made = await tx
    .selectFrom('claim')
    .select('claim_number')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', claimId)
    .executeTakeFirstOrThrow();
  return { created: true, claimId, claimNumber: made.claim_number };
}

function crossoverNote(to: string | null | undefined): string {
  return `crossed over by the payer${to ? ` to ${to}` : ''}: no secondary claim will be sent`;
}

/** An event on the claim that changes no state (why nothing follows it). */
async function note(tx: Tx, tenantId: number, claimId: number, state: ClaimState, actor: Who, reason: string) {
  const already = await tx
    .selectFrom('claim_event')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('claim_id', '=', claimId)
    .where('reason', '=', reason)
    .executeTakeFirst();
  if (already) return;
  await tx
    .insertInto('claim_event')
    .values({
      tenant_id: tenantId,
      claim_id: claimId,
      from_state: state,
      to_state: state,
      user_id: actor.userId,
      username: actor.username,
      reason,
      cause: 'secondary',
    })
    .execute();
}
