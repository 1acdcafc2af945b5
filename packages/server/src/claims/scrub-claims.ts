/** Scrubs claims and moves each to `ready` (no error) or back to `draft` (errors to fix), recording the edits. */
import { scrubClaim, totalChargeCents, type PayerRule, type ScrubEdit, type ScrubOptions } from '@medbill/core';
import type { Tx } from '../db/open-database.ts';
import type { Who } from '../actor.ts';
import { transitionClaim } from './claim-events.ts';
import { loadClaimContexts } from './load-claim-context.ts';

export interface ScrubServices {
  today: () => string;
  coding?: ScrubOptions['coding'];
  payerRules: () => readonly PayerRule[];
}

export interface ScrubOutcome {
  claimId: number;
  claimNumber: string;
  state: 'ready' | 'draft';
  edits: ScrubEdit[];
}

export async function scrubClaims(
  tx: Tx,
  tenantId: number,
  claimIds: number[],
  services: ScrubServices,
  actor: Who,
): Promise<ScrubOutcome[]> {
  const out: ScrubOutcome[] = [];
  const contexts = await loadClaimContexts(tx, tenantId, claimIds, { priorLines: true });
  for (const [i, ctx] of contexts.entries()) {
    const claimId = claimIds[i];
    const result = scrubClaim(ctx, {
      today: services.today(),
      coding: services.coding,
      payerRules: services.payerRules(),
    });
    const state = result.clean ? 'ready' : 'draft';
    const errors = result.edits.filter((e) => e.severity === 'error').length;
    await transitionClaim(tx, tenantId, claimId, state, {
      actor,
      cause: 'scrub',
      reason: result.clean
        ? `scrubbed clean${result.edits.length ? ` (${result.edits.length} warning(s))` : ''}`
        : `scrub found ${errors} error(s)`,
      set: { edits: JSON.stringify(result.edits), scrubbed_at: new Date(), total_charge_cents: totalChargeCents(ctx) },
    });
    out.push({ claimId, claimNumber: ctx.claimNumber, state, edits: result.edits });
  }
  return out;
}
