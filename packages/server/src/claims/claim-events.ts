/** Every state change of a claim is an event with who, when, why and (when a file caused it) which file. */
import { canTransition, isClaimState, type ClaimEventCause, type ClaimState } from '@medbill/core';
import type { Who } from '../actor.ts';
import type { Tx } from '../db/open-database.ts';
import { AppError } from '../app-error.ts';

export const SYSTEM_ACTOR: Who = { userId: null, username: 'system' };
/** @deprecated the name before actor.ts: who acts, as a claim event records it */
export type Actor = Who;

/** A move the claim state table does not allow (the claim is not where the caller thought). */
export class ClaimTransitionError extends AppError {
  constructor(
    readonly claimNumber: string,
    readonly from: string,
    readonly to: ClaimState,
  ) {
    super('conflict', `Claim ${claimNumber} is ${from} and cannot become ${to}`);
  }
}

export async function transitionClaim(
  tx: Tx,
  tenantId: number,
  claimId: number,
  to: ClaimState,
  why: { actor: Who; cause: ClaimEventCause; reason: string; fileId?: number | null; set?: Record<string, unknown> },
): Promise<void> {
  const row = await tx
    .selectFrom('claim')
    .select(['state', 'claim_number'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', claimId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const from = row.state;
  if (!isClaimState(from) || !canTransition(from, to)) {
    throw new ClaimTransitionError(row.claim_number, from, to);
  }
  await tx
    .updateTable('claim')
    .set({ ...(why.set ?? {}), state: to, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', claimId)
    .execute();
  if (from === to && !why.set) return;
  await tx
    .insertInto('claim_event')
    .values({
      tenant_id: tenantId,
      claim_id: claimId,
      from_state: from,
      to_state: to,
      user_id: why.actor.userId,
      username: why.actor.username,
      reason: why.reason,
      cause: why.cause,
      file_id: why.fileId ?? null,
    })
    .execute();
}

/**
 * Moves many claims from one state to the next in two statements (batching thousands of claims);
 * only claims still in `from` move. Returns the ids that moved.
 */
export async function transitionClaimsBulk(
  tx: Tx,
  tenantId: number,
  claimIds: number[],
  from: ClaimState,
  to: ClaimState,
  why: { actor: Who; cause: ClaimEventCause; reason: string; fileId?: number | null; set?: Record<string, unknown> },
): Promise<number[]> {
  if (!claimIds.length) return [];
  if (!canTransition(from, to)) throw new AppError('conflict', `Claims cannot go from ${from} to ${to}`);
  const moved = await tx
    .updateTable('claim')
    .set({ ...(why.set ?? {}), state: to, updated_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', claimIds)
    .where('state', '=', from)
    .returning('id')
    .execute();
  if (moved.length) {
    await tx
      .insertInto('claim_event')
      .values(
        moved.map((m) => ({
          tenant_id: tenantId,
          claim_id: m.id,
          from_state: from,
          to_state: to,
          user_id: why.actor.userId,
          username: why.actor.username,
          reason: why.reason,
          cause: why.cause,
          file_id: why.fileId ?? null,
        })),
      )
      .execute();
  }
  return moved.map((m) => m.id);
}
