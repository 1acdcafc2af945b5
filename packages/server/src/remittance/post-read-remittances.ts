/**
 * Posts the remittances of one file that passed every integrity check: loads our claims set-wise, finds
 * where patient responsibility goes (creating secondary claims), plans claim by claim (yielding to the
 * event loop between steps), checks that the postings bring in exactly BPR02, then writes the remittance,
 * its postings, what each claim did, the worklists and the claims' new states.
 */
import { RemittancePlanner, inferPayer, type PlanContext } from '@medbill/core/remittance';
import { formatCents } from '@medbill/core/ledger';
import type { Tx } from '../db/open-database.ts';
import { AppError } from '../app-error.ts';
import { timeSlice } from '../jobs/time-slice.ts';
import { appendPostings } from '../ledger/append-postings.ts';
import { loadClaimsFor, resolvePayer } from './load-plan-context.ts';
import { contractLookup } from './payer-contracts.ts';
import {
  emptyResult,
  isoDate,
  type PostRemittanceOptions,
  type PostRemittanceResult,
  type RemittanceOutcome,
} from './remittance-result.ts';
import type { ReadRemittance } from './read-835-file.ts';
import { resolveNextParties } from './resolve-next-parties.ts';
import { settleVoidsOfReversed, type SettledVoid } from './settle-voids.ts';
import { suggestionsForUnmatched } from './unmatched-suggestions.ts';
import { moveClaims, writeClaimPayments, writeDenials, writeUnmatched, type WriteContext } from './write-remittance.ts';

/** claims planned between two looks at the clock (a pause every few milliseconds: jobs/time-slice.ts) */
const STEP = 10;
const PROGRESS_EVERY = 100;

export async function postReadRemittances(
  tx: Tx,
  tenantId: number,
  file: {
    ediFileId: number;
    remittances: ReadRemittance[];
    /** a held remittance a person releases: posted under its row, differences accepted */
    release?: { remittanceId: number; reason: string };
  },
  opts: PostRemittanceOptions,
): Promise<PostRemittanceResult> {
  const loaded = await loadClaimsFor(
    tx,
    tenantId,
    file.remittances.map((r) => r.remit),
  );
  const claimsById = new Map([...loaded.byEncounter.values()].flat().map((c) => [c.claimId, c]));
  const total = file.remittances.reduce((t, r) => t + r.remit.headers.reduce((s, h) => s + h.claims.length, 0), 0);
  const appealDays = new Map(
    (await tx.selectFrom('payer').select(['id', 'appeal_days']).where('tenant_id', '=', tenantId).execute()).map(
      (p) => [p.id, p.appeal_days],
    ),
  );
  const payerIds = [...new Set([...claimsById.values()].map((c) => c.payerId))];
  const expectedAllowed = await contractLookup(tx, tenantId, payerIds);
  const result = emptyResult('posted', file.ediFileId, '');
  let done = 0;
  for (const r of file.remittances) {
    const named = await resolvePayer(tx, tenantId, r.remit);
    const effectiveDate =
      isoDate(r.remit.payment?.date) ?? isoDate(r.remit.productionDate) ?? new Date().toISOString().slice(0, 10);
    const base: PlanContext = {
      payerId: named,
      effectiveDate,
      ediFileId: file.ediFileId,
      byClaimNumber: loaded.byClaimNumber,
      byPayerClaimNumber: loaded.byPayerClaimNumber,
      byEncounter: loaded.byEncounter,
      balances: loaded.balances,
      posted: loaded.posted,
      nextParty: new Map(),
      expectedAllowed,
      ...(file.release ? { acceptDifferences: true } : {}),
    };
    const clps = r.remit.headers.flatMap((h) => h.claims);
    const payerId = named ?? inferPayer(clps, base);
    const next = await resolveNextParties(tx, tenantId, r.remit, { ...base, payerId }, loaded, {
      actor: opts.actor,
      ediFileId: file.ediFileId,
    });
    const planner = new RemittancePlanner(r.remit, { ...base, nextParty: next.next });
    const slice = timeSlice();
    let reported = 0;
    while (planner.step(STEP)) {
      // progress at least every 100 claims however fast planning runs (the crash test kills at a given count)
      const due = slice.due();
      if (due || planner.done - reported >= PROGRESS_EVERY) {
        reported = planner.done;
        opts.onProgress?.({ phase: 'planning', done: done + planner.done, total });
      }
      if (due) await slice.pause();
    }
    const plan = planner.finish();
    done += planner.claimCount;
    const bpr = r.remit.payment?.total ?? 0;
    if (plan.cashCents !== bpr)
      throw new AppError(
        'conflict',
        `835 ${r.traceNumber} would post ${formatCents(plan.cashCents)} but BPR02 is ${formatCents(bpr)}: nothing was posted`,
      );
    const remittanceId = file.release
      ? await markReleased(tx, tenantId, file.release, planner.ctx.payerId, opts)
      : await insertPosted(tx, tenantId, file.ediFileId, r, planner.ctx.payerId, opts);
    for (const p of plan.postings) p.remittanceId = remittanceId;
    opts.onProgress?.({ phase: 'writing', done, total });
    const postingIds = await appendPostings(tx, tenantId, plan.postings, opts.actor);
    const w: WriteContext = {
      tenantId,
      remittanceId,
      ediFileId: file.ediFileId,
      effectiveDate,
      payerId: planner.ctx.payerId,
      appealDays,
      postingIds,
      claimsById,
      actor: opts.actor,
      traceNumber: r.traceNumber,
      notes: next.notes,
    };
    await writeClaimPayments(tx, w, plan);
    result.denials += await writeDenials(tx, w, plan);
    await writeUnmatched(tx, w, plan, await suggestionsForUnmatched(tx, tenantId, r.remit, plan));
    result.claimsMoved += await moveClaims(tx, w, plan);
    // a void (frequency 8) whose claim the payer just took back: its balance goes where the void request said
    const settled = await settleVoidsOfReversed(
      tx,
      {
        tenantId,
        ediFileId: file.ediFileId,
        remittanceId,
        effectiveDate,
        traceNumber: r.traceNumber,
        actor: opts.actor,
      },
      plan.claims.filter((c) => c.outcome === 'reversed' && c.claimId !== null).map((c) => c.claimId!),
    );
    result.claimsPosted += plan.claims.filter((c) => c.claimId !== null).length;
    result.secondaryClaims += next.created.length;
    result.unmatched += plan.unmatched.length;
    result.voidsSettled.push(...settled);
    result.remittances.push(posted(r, remittanceId, plan.claims.length, plan.unmatched.length, settled));
  }
  opts.onProgress?.({ phase: 'writing', done: total, total });
  result.message = result.remittances.map((x) => x.message).join('; ');
  return result;
}

function posted(
  r: ReadRemittance,
  id: number,
  claims: number,
  unmatched: number,
  settled: readonly SettledVoid[],
): RemittanceOutcome {
  const payment = r.remit.payment?.total ?? 0;
  return {
    remittanceId: id,
    traceNumber: r.traceNumber,
    payerName: r.remit.payer?.name.lastName ?? '',
    paymentCents: payment,
    claimCount: claims,
    status: 'posted',
    message: `posted ERA #${id}: TRN02 ${r.traceNumber}${r.remit.payer?.name.lastName ? ` from ${r.remit.payer.name.lastName}` : ''}, ${formatCents(payment)} over ${claims} claim${claims === 1 ? '' : 's'}${unmatched ? ` (${unmatched} not matched, held as unapplied)` : ''}${settled.map((v) => `; ${v.message}`).join('')}`,
  };
}

async function insertPosted(
  tx: Tx,
  tenantId: number,
  ediFileId: number,
  r: ReadRemittance,
  payerId: number | null,
  opts: PostRemittanceOptions,
): Promise<number> {
  const row = await tx
    .insertInto('remittance')
    .values({
      tenant_id: tenantId,
      edi_file_id: ediFileId,
      transaction_index: r.index,
      st_control_number: r.remit.controlNumber,
      content_sha256: r.contentSha256,
      trace_number: r.traceNumber,
      payer_key: r.payerKey,
      payee_key: r.payeeKey,
      payer_id: payerId,
      payer_name: r.remit.payer?.name.lastName ?? '',
      payee_name: r.remit.payee?.name.lastName ?? '',
      payment_cents: r.remit.payment?.total ?? 0,
      payment_method: r.remit.payment?.method ?? '',
      payment_date: isoDate(r.remit.payment?.date ?? r.remit.productionDate),
      claim_count: r.remit.headers.reduce((t, h) => t + h.claims.length, 0),
      status: 'posted',
      posted_at: new Date(),
      posted_by: opts.actor.username,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function markReleased(
  tx: Tx,
  tenantId: number,
  release: { remittanceId: number; reason: string },
  payerId: number | null,
  opts: PostRemittanceOptions,
): Promise<number> {
  await tx
    .updateTable('remittance')
    .set({
      status: 'posted',
      payer_id: payerId,
      posted_at: new Date(),
      posted_by: opts.actor.username,
      release_reason: release.reason,
      released_by: opts.actor.username,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', release.remittanceId)
    .where('status', '=', 'held')
    .execute();
  return release.remittanceId;
}
