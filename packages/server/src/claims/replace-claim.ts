/**
 * A corrected (frequency 7, replacement) or void (8) claim for a claim the payer already has: a new claim on
 * the same encounter and coverage carrying the original's payer claim number (REF*F8), linked to it. The
 * original keeps its state and gets an event naming the new claim; the new claim's history names the
 * original. While a replacement is open, the encounter's coding may be changed again (see replaceCoding).
 */
import { OPEN_REPLACEMENT_STATES, REPLACEABLE_STATES, type ClaimState, type VoidDisposition } from '@medbill/core';
import { sql } from 'kysely';
import type { Tx } from '../db/open-database.ts';
import { AppError, invalid, notFound } from '../app-error.ts';
import { can, isRole } from '../auth/permissions.ts';
import type { Actor } from './claim-events.ts';

const DISPOSITION_WORDS: Record<VoidDisposition, string> = {
  rebill: 'once the payer takes it back, the balance is rebilled (next coverage, else the patient)',
  write_off: 'once the payer takes it back, the balance is written off as billed in error',
};

/**
 * A void says what becomes of the balance (no default). A write-off needs the reason and the permission the denial
 * worklist's write-off needs (denial:write_off); the CLI (no user) runs as the operator.
 */
async function checkDisposition(
  tx: Tx,
  tenantId: number,
  actor: Actor,
  disposition: VoidDisposition | undefined,
  reason: string | undefined,
): Promise<VoidDisposition> {
  if (disposition !== 'rebill' && disposition !== 'write_off')
    throw invalid(
      'disposition',
      'say what becomes of the balance once the payer takes the claim back: rebill (next coverage or the patient) or write off (billed in error)',
      'required',
    );
  if (disposition === 'write_off') {
    if ((reason?.trim().length ?? 0) < 3) throw invalid('reason', 'a write-off says why, in a few words', 'required');
    if (actor.userId !== null) {
      const u = await tx
        .selectFrom('app_user')
        .select('role')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', actor.userId)
        .executeTakeFirst();
      if (!u || !isRole(u.role) || !can(u.role, 'denial:write_off'))
        throw new AppError(
          'forbidden',
          'Writing off the balance needs the write-off permission (denial:write_off): choose rebill, or ask a claims analyst',
        );
    }
  }
  return disposition;
}

export interface ReplacementOutcome {
  claimId: number;
  claimNumber: string;
  frequencyCode: '7' | '8';
  replacesClaimId: number;
  replacesClaimNumber: string;
  originalPayerClaimNumber: string;
}

export async function createReplacementClaim(
  tx: Tx,
  tenantId: number,
  originalClaimId: number,
  frequency: '7' | '8',
  actor: Actor,
  reason?: string,
  /** a void (8) must say what becomes of the balance once the payer's reversal is posted */
  disposition?: VoidDisposition,
): Promise<ReplacementOutcome> {
  const settle = frequency === '8' ? await checkDisposition(tx, tenantId, actor, disposition, reason) : null;
  const orig = await tx
    .selectFrom('claim')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', originalClaimId)
    .forUpdate()
    .executeTakeFirst();
  if (!orig) throw notFound('Claim');
  const what = frequency === '7' ? 'corrected' : 'voided';
  if (orig.frequency_code === '8')
    throw new AppError('conflict', `Claim ${orig.claim_number} is itself a void: it cannot be ${what}`);
  if (!(REPLACEABLE_STATES as readonly ClaimState[]).includes(orig.state))
    throw new AppError(
      'conflict',
      `Claim ${orig.claim_number} is ${orig.state}: only a claim the payer has accepted or adjudicated can be ${what}${orig.state === 'rejected' ? ' (a rejected claim is fixed and sent again as it is)' : ''}`,
    );
  if (!orig.payer_claim_number)
    throw new AppError(
      'conflict',
      `Claim ${orig.claim_number} has no payer claim number yet (it comes with the 277CA or the 835): a ${frequency === '7' ? 'replacement' : 'void'} must name it`,
    );
  const open = await tx
    .selectFrom('claim')
    .select(['claim_number', 'frequency_code', 'state'])
    .where('tenant_id', '=', tenantId)
    .where('replaces_claim_id', '=', orig.id)
    .where('state', 'in', OPEN_REPLACEMENT_STATES)
    .executeTakeFirst();
  if (open)
    throw new AppError(
      'conflict',
      `Claim ${orig.claim_number} already has ${open.frequency_code === '8' ? 'a void' : 'a replacement'} on its way (${open.claim_number}, ${open.state})`,
    );
  const { rows } = await sql<{
    id: number;
  }>`SELECT nextval(pg_get_serial_sequence('claim', 'id'))::bigint AS id`.execute(tx);
  const id = rows[0]!.id;
  const claimNumber = `C${String(id).padStart(7, '0')}`;
  await tx
    .insertInto('claim')
    .values({
      tenant_id: tenantId,
      id,
      claim_number: claimNumber,
      encounter_id: orig.encounter_id,
      coverage_id: orig.coverage_id,
      payer_id: orig.payer_id,
      kind: orig.kind,
      frequency_code: frequency,
      original_payer_claim_number: orig.payer_claim_number,
      replaces_claim_id: orig.id,
      total_charge_cents: orig.total_charge_cents,
      void_disposition: settle,
      void_reason: settle ? (reason?.trim() ?? null) || null : null,
    } as never)
    .execute();
  const why = reason?.trim() ? `: ${reason.trim()}` : '';
  await tx
    .insertInto('claim_event')
    .values([
      {
        tenant_id: tenantId,
        claim_id: id,
        from_state: null,
        to_state: 'draft',
        user_id: actor.userId,
        username: actor.username,
        cause: 'replacement',
        reason: `${frequency === '7' ? 'replacement (frequency 7)' : 'void (frequency 8)'} of claim ${orig.claim_number}, payer claim number ${orig.payer_claim_number}${why}${settle ? `; ${DISPOSITION_WORDS[settle]}` : ''}`,
      },
      {
        tenant_id: tenantId,
        claim_id: orig.id,
        from_state: orig.state,
        to_state: orig.state,
        user_id: actor.userId,
        username: actor.username,
        cause: 'replacement',
        reason: `${frequency === '7' ? 'corrected by replacement claim' : 'void requested by claim'} ${claimNumber}${why}`,
      },
    ])
    .execute();
  return {
    claimId: id,
    claimNumber,
    frequencyCode: frequency,
    replacesClaimId: orig.id,
    replacesClaimNumber: orig.claim_number,
    originalPayerClaimNumber: orig.payer_claim_number,
  };
}
