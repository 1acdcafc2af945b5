/**
 * Working a denial: assign it and set a follow-up date, add notes, and act — write it off (with a reason),
 * move it to the patient, or send a corrected (7) or void (8) claim through the claims stage. Each action
 * is one transaction with its ledger posting, the denial's new status, a note saying what was done and an
 * audit row naming the patient.
 */
import type { DenialActionResult, DenialStatus } from '@medbill/api';
import type { VoidDisposition } from '@medbill/core';
import { formatCents, payerParty, patientParty, transferPosting, writeOffPosting } from '@medbill/core/ledger';
import type { Actor } from '../actor.ts';
import { AppError, invalid } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { createReplacementClaim } from '../claims/replace-claim.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import { appendPostings } from '../ledger/append-postings.ts';
import type { DenialDeps } from './denial-deps.ts';
import { loadDenial, takeFromLines, type LoadedDenial } from './load-denial.ts';

type Ctx = { deps: DenialDeps; actor: Actor; tx: Tx };

export async function addNote(c: Ctx, denialId: number, text: string): Promise<void> {
  await c.tx
    .insertInto('denial_note')
    .values({
      tenant_id: c.actor.tenantId,
      denial_id: denialId,
      user_id: c.actor.userId,
      username: c.actor.username,
      note: text.slice(0, 4000),
    })
    .execute();
}

export async function setStatus(c: Ctx, id: number, status: DenialStatus): Promise<void> {
  await c.tx
    .updateTable('denial')
    .set({ status, updated_at: c.deps.claims.now() })
    .where('tenant_id', '=', c.actor.tenantId)
    .where('id', '=', id)
    .execute();
}

export async function auditDenial(c: Ctx, d: LoadedDenial, details: Record<string, unknown>): Promise<void> {
  await recordAudit(
    c.tx,
    c.deps.auditKey,
    c.actor,
    {
      action: 'update',
      resourceType: 'denial',
      resourceId: d.id,
      patientId: d.patientId,
      dataCategory: 'claim',
      details: { claimId: d.claimId, ...details },
    },
    c.deps.claims.now(),
  );
}

export const needReason = (reason: string) => {
  const r = reason.trim();
  if (r.length < 3) throw invalid('reason', 'say why, in a few words');
  return r;
};

/** Runs `work` on the denial (locked) in one tenant transaction. */
export function onDenial<T>(
  deps: DenialDeps,
  actor: Actor,
  denialId: number,
  opts: { open?: boolean },
  work: (c: Ctx, d: LoadedDenial) => Promise<T>,
): Promise<T> {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const d = await loadDenial(tx, actor.tenantId, denialId, opts);
    return work({ deps, actor, tx }, d);
  });
}

export async function assignDenial(
  deps: DenialDeps,
  actor: Actor,
  input: { denialId: number; assignedUserId?: number | null; followUpOn?: string | null },
): Promise<DenialActionResult> {
  return onDenial(deps, actor, input.denialId, {}, async (c, d) => {
    if (input.assignedUserId) {
      const u = await c.tx
        .selectFrom('app_user')
        .select(['id', 'disabled'])
        .where('tenant_id', '=', actor.tenantId)
        .where('id', '=', input.assignedUserId)
        .executeTakeFirst();
      if (!u || u.disabled) throw invalid('assignedUserId', 'no such active user', 'no-such-record');
    }
    await c.tx
      .updateTable('denial')
      .set({
        ...(input.assignedUserId !== undefined ? { assigned_user_id: input.assignedUserId } : {}),
        ...(input.followUpOn !== undefined ? { follow_up_on: input.followUpOn } : {}),
        updated_at: deps.claims.now(),
      })
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', d.id)
      .execute();
    await auditDenial(c, d, { assignedUserId: input.assignedUserId, followUpOn: input.followUpOn });
    return { denialId: d.id, status: d.status as DenialStatus, message: 'Assignment saved' };
  });
}

export async function addDenialNote(
  deps: DenialDeps,
  actor: Actor,
  input: { denialId: number; note: string },
): Promise<DenialActionResult> {
  const t = input.note.trim();
  if (!t) throw invalid('note', 'is empty', 'required');
  return onDenial(deps, actor, input.denialId, {}, async (c, d) => {
    await addNote(c, d.id, t);
    await auditDenial(c, d, { note: true });
    return { denialId: d.id, status: d.status as DenialStatus, message: 'Note added' };
  });
}

/** Writes off what the payer still owes for this denial (never more), with the reason (routes ask denial:write_off). */
export async function writeOffDenial(
  deps: DenialDeps,
  actor: Actor,
  input: { denialId: number; reason: string },
): Promise<DenialActionResult> {
  const why = needReason(input.reason);
  return onDenial(deps, actor, input.denialId, { open: true }, async (c, d) => {
    const parts = takeFromLines(d, d.amountCents);
    if (!parts.length)
      throw new AppError(
        'conflict',
        `The payer owes nothing more on claim ${d.claimNumber} for this denial: nothing to write off`,
      );
    const date = deps.claims.today();
    const memo = `denial ${d.group ?? ''}-${d.reason ?? ''} written off: ${why}`;
    await appendPostings(
      c.tx,
      actor.tenantId,
      parts.map((p) => writeOffPosting(p.ref, payerParty(d.payerId), p.amount, `denial ${d.cause}`, date, memo)),
      actor,
    );
    const amount = parts.reduce((t, p) => t + p.amount, 0);
    await setStatus(c, d.id, 'written_off');
    await addNote(c, d.id, `written off ${formatCents(amount)}: ${why}`);
    await auditDenial(c, d, { action: 'write_off', amountCents: amount, reason: why });
    return {
      denialId: d.id,
      status: 'written_off',
      amountCents: amount,
      message: `Wrote off ${formatCents(amount)} on claim ${d.claimNumber}`,
    };
  });
}

/** Moves what the payer would not pay to the patient's responsibility (a non-covered service the patient agreed to). */
export async function transferDenialToPatient(
  deps: DenialDeps,
  actor: Actor,
  input: { denialId: number; reason: string },
): Promise<DenialActionResult> {
  const why = needReason(input.reason);
  return onDenial(deps, actor, input.denialId, { open: true }, async (c, d) => {
    const parts = takeFromLines(d, d.amountCents);
    if (!parts.length)
      throw new AppError(
        'conflict',
        `The payer owes nothing more on claim ${d.claimNumber} for this denial: nothing to transfer`,
      );
    const date = deps.claims.today();
    await appendPostings(
      c.tx,
      actor.tenantId,
      parts.map((p) =>
        transferPosting(
          p.ref,
          payerParty(d.payerId),
          patientParty,
          p.amount,
          date,
          `denial moved to the patient: ${why}`,
          {
            reason: d.reason ?? undefined,
          },
        ),
      ),
      actor,
    );
    const amount = parts.reduce((t, p) => t + p.amount, 0);
    await setStatus(c, d.id, 'transferred');
    await addNote(c, d.id, `moved ${formatCents(amount)} to the patient: ${why}`);
    await auditDenial(c, d, { action: 'transfer_to_patient', amountCents: amount, reason: why });
    return {
      denialId: d.id,
      status: 'transferred',
      amountCents: amount,
      message: `Moved ${formatCents(amount)} on claim ${d.claimNumber} to the patient`,
    };
  });
}

/** A corrected (7) or void (8) claim for the denied claim, made by the claims stage; fix the coding, scrub and send it. */
export async function replaceDeniedClaim(
  deps: DenialDeps,
  actor: Actor,
  input: { denialId: number; kind: 'correct' | 'void'; reason: string; disposition?: VoidDisposition },
): Promise<DenialActionResult> {
  const why = needReason(input.reason);
  return onDenial(deps, actor, input.denialId, { open: true }, async (c, d) => {
    const made = await createReplacementClaim(
      c.tx,
      actor.tenantId,
      d.claimId,
      input.kind === 'correct' ? '7' : '8',
      actor,
      `denial: ${why}`,
      input.kind === 'void' ? input.disposition : undefined,
    );
    const status = input.kind === 'correct' ? 'corrected' : 'voided';
    const what = input.kind === 'correct' ? 'Corrected claim' : 'Void claim';
    await setStatus(c, d.id, status);
    await addNote(c, d.id, `${what} ${made.claimNumber} made: ${why}`);
    await auditDenial(c, d, {
      action: input.kind,
      newClaimId: made.claimId,
      reason: why,
      ...(input.kind === 'void' ? { disposition: input.disposition } : {}),
    });
    return {
      denialId: d.id,
      status,
      claimId: made.claimId,
      claimNumber: made.claimNumber,
      message: `${what} ${made.claimNumber} made for ${d.claimNumber}${input.kind === 'correct' ? ': fix the coding, then scrub and send it' : ''}`,
    };
  });
}
