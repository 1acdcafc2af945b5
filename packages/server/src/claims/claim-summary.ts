/**
 * Claims counted by state, and the clean-claim rate: of claims scrubbed at least once, the share clean at their first
 * scrub (the first event of cause `scrub`: the typed column, never the reason's wording).
 */
import { CLAIM_STATES, type ClaimState } from '@medbill/core';
import type { ClaimSummary } from '@medbill/api';
import { sql } from 'kysely';
import type { Actor } from '../actor.ts';
import { withTenant } from '../db/open-database.ts';
import type { ClaimsDeps } from '../deps.ts';

/** Counts name no claim and no patient, so this writes no audit row. */
export async function claimSummary(deps: Pick<ClaimsDeps, 'db'>, actor: Actor): Promise<ClaimSummary> {
  const tenantId = actor.tenantId;
  return withTenant(deps.db, tenantId, async (tx) => {
    const rows = await tx
      .selectFrom('claim')
      .select(['state'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .groupBy('state')
      .execute();
    const counts = Object.fromEntries(CLAIM_STATES.map((s) => [s, 0])) as Record<ClaimState, number>;
    for (const r of rows) counts[r.state] = Number(r.n);
    const first = await sql<{ scrubbed: number; clean: number }>`
      SELECT count(*)::int AS scrubbed, count(*) FILTER (WHERE first_to = 'ready')::int AS clean FROM (
        SELECT DISTINCT ON (claim_id) claim_id, to_state AS first_to FROM claim_event
        WHERE tenant_id = ${tenantId} AND cause = 'scrub' ORDER BY claim_id, id) f`.execute(tx);
    const { scrubbed, clean } = first.rows[0] ?? { scrubbed: 0, clean: 0 };
    return { counts, scrubbed, cleanAtFirstScrub: clean, cleanClaimRate: scrubbed ? clean / scrubbed : null };
  });
}
