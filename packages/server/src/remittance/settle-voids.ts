/**
 * A void claim (frequency 8) is done when the payer's reversal (CLP02 22) of the claim it voids is posted — the 835
 * has no CLP for the void itself. In the same transaction as the reversal, what the void request chose for the
 * balance the payer is left owing on the encounter's lines is applied: `rebill` moves it to the next party by the
 * rule the rest of posting uses (the next coverage active on the date of service gets a new claim, a draft scrubbed
 * and batched like any claim; else the patient), `write_off` adjusts it off as billed in error with the person's
 * reason. Then the void claim moves to `rebilled` or `written_off` with an event naming what was done, and the
 * original claim's history says so too. Entries are append-only, in integer cents; a void already settled (a final
 * state) is never settled again, and a reposted 835 never reaches here (it is recognised as already posted).
 */
import { canTransition, type ClaimState, type VoidDisposition } from '@medbill/core';
import {
  formatCents,
  patientParty,
  payerParty,
  transferPosting,
  writeOffPosting,
  type Party,
  type PostingInput,
} from '@medbill/core/ledger';
import type { Actor } from '../claims/claim-events.ts';
import { AppError } from '../app-error.ts';
import { createClaimForEncounter } from '../claims/create-claims.ts';
import type { Tx } from '../db/open-database.ts';
import { appendPostings } from '../ledger/append-postings.ts';
import { lineBalanceBook } from '../ledger/read-ledger.ts';

/** the write-off reason kept on the ledger entries (the person's own words go in the memo) */
export const VOID_WRITE_OFF_REASON = 'billed in error (void)';
/**
 * where a void waits for the payer's reversal: sent, not yet settled, or still in its batch (the payer took the claim
 * back before our void went out: the balance goes where the void said all the same; the batch, if sent later, no
 * longer moves the settled void)
 */
const WAITING: readonly ClaimState[] = ['batched', 'submitted', 'acknowledged', 'accepted'];
const ORDER_NAME = ['', 'primary', 'secondary', 'tertiary'];

export interface SettleContext {
  tenantId: number;
  ediFileId: number;
  remittanceId: number;
  effectiveDate: string;
  traceNumber: string;
  actor: Actor;
}

export interface SettledVoid {
  voidClaimId: number;
  voidClaimNumber: string;
  originalClaimId: number;
  originalClaimNumber: string;
  state: 'rebilled' | 'written_off';
  amountCents: number;
  /** rebill: the claim to the next payer (null when the patient owes) */
  rebillClaimId: number | null;
  /** in words: `void V done: $X the payer no longer owes written off as billed in error: …` */
  message: string;
}

/** Settles the voids of the claims this remittance reversed. Returns what was settled. */
export async function settleVoidsOfReversed(
  tx: Tx,
  w: SettleContext,
  reversedClaimIds: readonly number[],
): Promise<SettledVoid[]> {
  if (!reversedClaimIds.length) return [];
  const voids = await tx
    .selectFrom('claim as v')
    .innerJoin('claim as o', (j) =>
      j.onRef('o.tenant_id', '=', 'v.tenant_id').onRef('o.id', '=', 'v.replaces_claim_id'),
    )
    .innerJoin('coverage as cv', (j) =>
      j.onRef('cv.tenant_id', '=', 'o.tenant_id').onRef('cv.id', '=', 'o.coverage_id'),
    )
    .innerJoin('encounter as e', (j) => j.onRef('e.tenant_id', '=', 'o.tenant_id').onRef('e.id', '=', 'o.encounter_id'))
    .select([
      'v.id as void_id',
      'v.claim_number as void_number',
      'v.state as void_state',
      'v.void_disposition',
      'v.void_reason',
      'o.id as orig_id',
      'o.claim_number as orig_number',
      'o.state as orig_state',
      'o.payer_id',
      'o.encounter_id',
      'o.coverage_id',
      'cv.coverage_order',
      'e.patient_id',
      'e.practice_id',
      'e.service_date_from',
    ])
    .where('v.tenant_id', '=', w.tenantId)
    .where('v.frequency_code', '=', '8')
    .where('v.replaces_claim_id', 'in', [...reversedClaimIds])
    .where('v.void_disposition', 'is not', null)
    .where('v.state', 'in', WAITING)
    .orderBy('v.id')
    .forUpdate()
    .execute();
  const out: SettledVoid[] = [];
  for (const v of voids) {
    const to: 'rebilled' | 'written_off' = v.void_disposition === 'rebill' ? 'rebilled' : 'written_off';
    if (!canTransition(v.void_state, to)) continue;
    const lines = await tx
      .selectFrom('service_line')
      .select(['id', 'line_number', 'charge_cents'])
      .where('tenant_id', '=', w.tenantId)
      .where('encounter_id', '=', v.encounter_id)
      .orderBy('line_number')
      .execute();
    const book = await lineBalanceBook(
      tx,
      w.tenantId,
      lines.map((l) => l.id),
    );
    const payer = payerParty(v.payer_id);
    const owed = lines
      .map((l) => ({
        ref: { serviceLineId: l.id, claimId: v.orig_id, patientId: v.patient_id, practiceId: v.practice_id },
        amount: book.balance(l.id, payer),
      }))
      .filter((l) => l.amount > 0);
    // defence in depth: what the payer owes on a line after its reversal is never more than the line's charge;
    // a larger figure means the ledger took back something never posted, and nothing is settled from it
    for (const l of lines) {
      const amount = book.balance(l.id, payer);
      if (amount > l.charge_cents)
        throw new AppError(
          'conflict',
          `void ${v.void_number} of claim ${v.orig_number}: the payer would owe $${formatCents(amount)} on line ${l.line_number}, more than its charge of $${formatCents(l.charge_cents)}: nothing was posted`,
        );
    }
    const total = owed.reduce((t, l) => t + l.amount, 0);
    const disposition = v.void_disposition as VoidDisposition;
    let postings: PostingInput[];
    let said: string;
    let rebillClaimId: number | null = null;
    if (disposition === 'write_off') {
      const why = v.void_reason ?? 'voided';
      postings = owed.map((l) =>
        writeOffPosting(
          l.ref,
          payer,
          l.amount,
          VOID_WRITE_OFF_REASON,
          w.effectiveDate,
          `void ${v.void_number} of claim ${v.orig_number}: written off as billed in error: ${why}`,
        ),
      );
      said = `$${formatCents(total)} the payer no longer owes written off as billed in error: ${why}`;
    } else {
      const next = await otherCoverage(tx, w.tenantId, v);
      let party: Party = patientParty;
      let toClaim: { id: number; number: string } | null = null;
      if (next) {
        const id = await createClaimForEncounter(tx, w.tenantId, v.encounter_id, w.actor, {
          coverageOrder: next.coverage_order,
          coverageId: next.id,
          cause: 'secondary',
          reason: `${ORDER_NAME[next.coverage_order] ?? 'next'} claim: claim ${v.orig_number} was voided (${v.void_number}) and the payer took it back; its balance is rebilled`,
        });
        const made = await tx
          .selectFrom('claim')
          .select('claim_number')
          .where('tenant_id', '=', w.tenantId)
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        toClaim = { id, number: made.claim_number };
        party = payerParty(next.payer_id);
        rebillClaimId = id;
      }
      const whom = toClaim ? `claim ${toClaim.number} to ${next!.payer_name}` : 'the patient';
      postings = owed.map((l) =>
        transferPosting(
          l.ref,
          payer,
          party,
          l.amount,
          w.effectiveDate,
          `void ${v.void_number} of claim ${v.orig_number}: rebilled to ${whom}`,
          { reason: 'void', ...(toClaim ? { toClaimId: toClaim.id } : {}) },
        ),
      );
      said = `$${formatCents(total)} the payer no longer owes rebilled to ${whom}`;
    }
    for (const p of postings) {
      p.remittanceId = w.remittanceId;
      p.ediFileId = w.ediFileId;
    }
    await appendPostings(tx, w.tenantId, postings, w.actor);
    await tx
      .updateTable('claim')
      .set({ state: to, updated_at: new Date() })
      .where('tenant_id', '=', w.tenantId)
      .where('id', '=', v.void_id)
      .execute();
    const base = {
      tenant_id: w.tenantId,
      user_id: w.actor.userId,
      username: w.actor.username,
      cause: 'remittance' as const,
      file_id: w.ediFileId,
    };
    await tx
      .insertInto('claim_event')
      .values([
        {
          ...base,
          claim_id: v.void_id,
          from_state: v.void_state,
          to_state: to,
          reason: `835 TRN ${w.traceNumber}: the payer took claim ${v.orig_number} back; ${said}`,
        },
        {
          ...base,
          claim_id: v.orig_id,
          from_state: v.orig_state,
          to_state: v.orig_state,
          reason: `void ${v.void_number} done: ${said}`,
        },
      ])
      .execute();
    out.push({
      voidClaimId: v.void_id,
      voidClaimNumber: v.void_number,
      originalClaimId: v.orig_id,
      originalClaimNumber: v.orig_number,
      state: to,
      amountCents: total,
      rebillClaimId,
      message: `void ${v.void_number} of claim ${v.orig_number} done: ${said}`,
    });
  }
  return out;
}

/**
 * Who is billed next: the patient's other coverage active on the date of service (not the voided claim's coverage or
 * payer, and not one already billed for this encounter), lowest order first — the secondary rule of posting (the next
 * coverage on the date of service), which also finds a plan entered in place of one that had ended. Null: the patient.
 */
async function otherCoverage(
  tx: Tx,
  tenantId: number,
  v: { patient_id: number; encounter_id: number; coverage_id: number; payer_id: number; service_date_from: string },
) {
  const billed = await tx
    .selectFrom('claim')
    .select('coverage_id')
    .where('tenant_id', '=', tenantId)
    .where('encounter_id', '=', v.encounter_id)
    .where('frequency_code', '<>', '8')
    .where('state', 'not in', ['draft', 'ready', 'rejected', 'voided'])
    .execute();
  const taken = new Set(billed.map((b) => b.coverage_id));
  const rows = await tx
    .selectFrom('coverage as cv')
    .innerJoin('payer as p', (j) => j.onRef('p.tenant_id', '=', 'cv.tenant_id').onRef('p.id', '=', 'cv.payer_id'))
    .select(['cv.id', 'cv.payer_id', 'cv.coverage_order', 'p.name as payer_name'])
    .where('cv.tenant_id', '=', tenantId)
    .where('cv.patient_id', '=', v.patient_id)
    .where('cv.id', '<>', v.coverage_id)
    .where('cv.payer_id', '<>', v.payer_id)
    .where('cv.effective_date', '<=', v.service_date_from)
    .where((eb) => eb.or([eb('cv.end_date', 'is', null), eb('cv.end_date', '>=', v.service_date_from)]))
    .orderBy('cv.coverage_order')
    .orderBy('cv.effective_date', 'desc')
    .execute();
  return rows.find((r) => !taken.has(r.id)) ?? null;
}
