/**
 * Scrub claims: the given ones, or every draft and ready claim. Each clean claim becomes `ready`, each with
 * errors goes (back) to `draft` with its edits. Given claims must all be this tenant's (404 names the first
 * that is not) and editable — draft, ready or rejected (a rejected claim is scrubbed once its cause is fixed);
 * a claim already sent is refused (409) before anything changes. One audit row names the claims and patients.
 */
import { issueAt } from '@medbill/api';
import { EDITABLE_STATES, isEditable } from '@medbill/core';
import type { ScrubResult } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { AppError } from '../app-error.ts';
import { withTenant } from '../db/open-database.ts';
import type { ClaimsDeps } from '../deps.ts';
import { recordClaimsAudit } from './claims-audit.ts';
import { scrubClaims } from './scrub-claims.ts';

/** Scrubbed when no claim is named: the open claims (a rejected claim waits for a person to fix its cause). */
const OPEN_STATES = ['draft', 'ready'] as const;

export async function scrubOpenClaims(
  deps: ClaimsDeps,
  actor: Actor,
  input: { claimIds?: number[] },
): Promise<ScrubResult> {
  const tenantId = actor.tenantId;
  return withTenant(deps.db, tenantId, async (tx) => {
    const wanted = input.claimIds ? [...new Set(input.claimIds)] : null;
    let q = tx.selectFrom('claim').select(['id', 'claim_number', 'state']).where('tenant_id', '=', tenantId);
    q = wanted ? q.where('id', 'in', wanted.length ? wanted : [-1]) : q.where('state', 'in', OPEN_STATES);
    const found = await q.orderBy('id').execute();
    if (wanted) {
      const missing = wanted.find((id) => !found.some((c) => c.id === id));
      if (missing !== undefined) throw new AppError('not_found', `Claim ${missing} not found`);
      const sent = found.find((c) => !isEditable(c.state));
      if (sent)
        throw new AppError(
          'conflict',
          `Claim ${sent.claim_number} is ${sent.state}: only ${EDITABLE_STATES.join(', ')} claims can be scrubbed`,
          [issueAt('claimIds', 'wrong-state', `${sent.claim_number} is ${sent.state}`)],
        );
    }
    const ids = found.map((c) => c.id);
    const outcomes = await scrubClaims(
      tx,
      tenantId,
      ids,
      { today: deps.claims.today, coding: deps.claims.coding, payerRules: deps.claims.payerRules },
      actor,
    );
    if (outcomes.length) {
      await recordClaimsAudit(
        tx,
        deps.auditKey,
        actor,
        {
          action: 'update',
          resourceType: 'claim',
          dataCategory: 'claim',
          details: { scrubbed: outcomes.length, ready: outcomes.filter((o) => o.state === 'ready').length },
        },
        ids,
      );
    }
    return { outcomes };
  });
}
