/**
 * A person decides about an 835 claim that matched none of ours. Confirming a match posts it to that claim as
 * if the 835 had named it — payments, each adjustment, patient responsibility to the patient or the next payer,
 * denials on the worklist, the claim's new state — applying the money held as unapplied (an `apply_unapplied`
 * posting: the cash came in when the ERA was posted). Dismissing it (with the reason) leaves the money unapplied.
 * Both are idempotent: the item moves from open once, under a row lock, and a repeat answers what was done.
 */
import { issueAt } from '@medbill/api';
import type { UnmatchedActionResult } from '@medbill/api';
import { formatCents, type EntryInput, type PostingInput } from '@medbill/core/ledger';
import { RemittancePlanner, type PlanContext } from '@medbill/core/remittance';
import type { Remittance835 } from '@medbill/x12/835';
import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../app-error.ts';
import { recordClaimsAudit } from '../claims/claims-audit.ts';
import { withTenant, type Db, type Tx } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { read835InWorker } from '../jobs/parse-in-worker.ts';
import { runPostJob } from '../jobs/post-in-worker.ts';
import type { Read835FileResult } from './read-835-file.ts';
import { appendPostings } from '../ledger/append-postings.ts';
import { findClaimId } from './get-claim-ledger.ts';
import { loadClaimsFor } from './load-plan-context.ts';
import { contractLookup } from './payer-contracts.ts';
import { IN_WORKER_CHARS, isoDate } from './remittance-result.ts';
import { resolveNextParties } from './resolve-next-parties.ts';
import { moveClaims, writeDenials, writeUnmatched, type WriteContext } from './write-remittance.ts';

type MatchDeps = Pick<Deps, 'db' | 'auditKey'>;

export async function lockOpen(tx: Tx, tenantId: number, id: number) {
  const u = await tx
    .selectFrom('remittance_unmatched')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!u) throw notFound('Unmatched item');
  return u;
}

/** Closes an open item (matched or dismissed) and writes its one audit row, naming the claims it touched. */
export async function resolveItem(
  tx: Tx,
  deps: MatchDeps,
  actor: Actor,
  u: { id: number },
  set: { status: 'matched' | 'dismissed'; resolution: string; claimId?: number; postingId?: number | null },
  details: Record<string, unknown>,
  claimIds: number[],
): Promise<void> {
  await tx
    .updateTable('remittance_unmatched')
    .set({
      status: set.status,
      ...(set.claimId === undefined ? {} : { claim_id: set.claimId }),
      ...(set.postingId === undefined ? {} : { posting_id: set.postingId }),
      resolved_by: actor.username,
      resolved_at: new Date(),
      resolution: set.resolution,
    })
    .where('tenant_id', '=', actor.tenantId)
    .where('id', '=', u.id)
    .execute();
  await recordClaimsAudit(
    tx,
    deps.auditKey,
    actor,
    { action: 'update', resourceType: 'remittance_unmatched', resourceId: u.id, dataCategory: 'claim', details },
    claimIds,
  );
}

/** The item's ERA with its file, refused unless it is posted (an item's money is moved only out of a posted ERA). */
export async function postedEraOf(tx: Tx, tenantId: number, remittanceId: number) {
  const r = await tx
    .selectFrom('remittance as r')
    .innerJoin('edi_file as f', (j) => j.onRef('f.tenant_id', '=', 'r.tenant_id').onRef('f.id', '=', 'r.edi_file_id'))
    .select(['r.id', 'r.status', 'r.payer_id', 'r.payment_date', 'r.transaction_index', 'r.edi_file_id'])
    .select(['r.trace_number', 'f.content', 'f.file_name'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.id', '=', remittanceId)
    .executeTakeFirstOrThrow();
  if (r.status !== 'posted') throw new AppError('conflict', `ERA #${r.id} is ${r.status}: nothing of it is posted`);
  return r;
}

async function claimNumberOf(tx: Tx, tenantId: number, claimId: number | null): Promise<string | null> {
  if (claimId === null) return null;
  const c = await tx
    .selectFrom('claim')
    .select('claim_number')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', claimId)
    .executeTakeFirst();
  return c?.claim_number ?? null;
}

/** What was decided before, as the answer to a repeat (or a conflict when it contradicts this one). */
export async function alreadyDecided(
  tx: Tx,
  tenantId: number,
  u: Awaited<ReturnType<typeof lockOpen>>,
): Promise<UnmatchedActionResult> {
  const claimNumber = await claimNumberOf(tx, tenantId, u.status === 'matched' ? u.claim_id : null);
  return {
    id: u.id,
    status: u.status as 'matched' | 'dismissed',
    message:
      u.status === 'matched'
        ? `already matched to claim ${claimNumber} by ${u.resolved_by ?? '?'}: nothing posted again`
        : `already dismissed by ${u.resolved_by ?? '?'} (${u.resolution ?? ''})`,
    claimId: u.status === 'matched' ? u.claim_id : null,
    claimNumber,
    postingId: u.posting_id,
    lineId: null,
    alreadyDone: true,
  };
}

/** A repeated confirm or dismiss posts nothing, but its answer names the claim: the read is audited like any. */
export async function auditedRepeat(
  tx: Tx,
  deps: MatchDeps,
  actor: Actor,
  u: Awaited<ReturnType<typeof lockOpen>>,
  answer: UnmatchedActionResult,
): Promise<UnmatchedActionResult> {
  await recordClaimsAudit(
    tx,
    deps.auditKey,
    actor,
    {
      action: 'read',
      resourceType: 'remittance_unmatched',
      resourceId: u.id,
      dataCategory: 'claim',
      details: { repeat: u.status },
    },
    u.claim_id === null ? [] : [u.claim_id],
  );
  return answer;
}

/** The claim's posting as an application of money already received: cash becomes the unapplied money it came from. */
function applyUnapplied(p: PostingInput, memo: string): PostingInput | null {
  // money the plan could not place (a service we do not recognise) stays unapplied: its pair is left out
  const entries: EntryInput[] = p.entries
    .filter((e) => e.kind !== 'unapplied')
    .map((e): EntryInput => (e.account === 'cash' ? { ...e, account: 'unapplied' } : e));
  if (!entries.length) return null;
  return { ...p, kind: 'apply_unapplied', memo, entries };
}

export interface MatchOptions {
  /** reads the ERA's file (by default on the parse worker) */
  read?: (text: string, fileName: string) => Promise<Read835FileResult>;
  /** post on the posting worker thread, as posting an 835 does: by default when the ERA's file is IN_WORKER_CHARS or more */
  inWorker?: boolean;
}

/** How long the file of an unmatched item's ERA is (characters), to know where to post it. */
async function itemFileChars(db: Db, tenantId: number, unmatchedId: number): Promise<number> {
  const r = await withTenant(db, tenantId, (tx) =>
    tx
      .selectFrom('remittance_unmatched as u')
      .innerJoin('remittance as r', (j) =>
        j.onRef('r.tenant_id', '=', 'u.tenant_id').onRef('r.id', '=', 'u.remittance_id'),
      )
      .innerJoin('edi_file as f', (j) => j.onRef('f.tenant_id', '=', 'r.tenant_id').onRef('f.id', '=', 'r.edi_file_id'))
      .select((eb) => eb.fn<number>('length', ['f.content']).as('n'))
      .where('u.tenant_id', '=', tenantId)
      .where('u.id', '=', unmatchedId)
      .executeTakeFirst(),
  );
  return Number(r?.n ?? 0);
}

export async function matchUnmatched(
  deps: MatchDeps,
  actor: Actor,
  input: { unmatchedId: number; claimId?: number; claimNumber?: string },
  opts: MatchOptions = {},
): Promise<UnmatchedActionResult> {
  const tenantId = actor.tenantId;
  if (opts.inWorker ?? (await itemFileChars(deps.db, tenantId, input.unmatchedId)) >= IN_WORKER_CHARS)
    // the ERA's file is read again and the claim planned and written from the posting worker, as posting does: a big
    // file never holds this thread (issue 8 item 4); the job is one transaction under the item's row lock, as here
    return (await runPostJob(deps.db, {
      kind: 'match',
      tenantId,
      input: {
        unmatchedId: input.unmatchedId,
        ...(input.claimId === undefined ? {} : { claimId: input.claimId }),
        ...(input.claimNumber === undefined ? {} : { claimNumber: input.claimNumber }),
      },
      actor: { tenantId, userId: actor.userId, username: actor.username, sourceIp: actor.sourceIp },
      auditKey: deps.auditKey,
    })) as UnmatchedActionResult;
  return withTenant(deps.db, tenantId, async (tx) => {
    const u = await lockOpen(tx, tenantId, input.unmatchedId);
    const claimId = await findClaimId(tx, tenantId, input.claimId ?? input.claimNumber ?? '');
    if (u.status !== 'open') {
      const before = await alreadyDecided(tx, tenantId, u);
      if (u.status === 'matched' && u.claim_id === claimId) return auditedRepeat(tx, deps, actor, u, before);
      throw new AppError('conflict', `This payment was ${before.message}`);
    }
    if (u.kind !== 'claim')
      throw new AppError(
        'conflict',
        'A service line the payer paid on a claim of ours is posted to a line of that claim (post to line), not matched to a claim',
      );
    const r = await postedEraOf(tx, tenantId, u.remittance_id);
    const claim = await tx
      .selectFrom('claim')
      .select(['id', 'claim_number', 'payer_id', 'state'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', claimId)
      .executeTakeFirstOrThrow();
    if (claim.state === 'voided')
      throw new AppError('conflict', `Claim ${claim.claim_number} is voided: match the payment to the claim in force`);

    // the 835 claim, read again from its file, as if it had named our claim
    const read = await (opts.read ?? read835InWorker)(r.content, r.file_name);
    const remit = read.remittances.find((x) => x.index === r.transaction_index)?.remit;
    const clp = remit?.headers.flatMap((h) => h.claims)[u.clp_index];
    if (!remit || !clp) throw new AppError('conflict', `ERA #${r.id}: the claim is gone from its file`);
    const one: Remittance835 = {
      ...remit,
      headers: [{ ...remit.headers[0]!, claims: [{ ...clp, patientControlNumber: claim.claim_number }] }],
      providerAdjustments: [],
      ...(remit.payment ? { payment: { ...remit.payment, total: clp.paid } } : {}),
    };
    const loaded = await loadClaimsFor(tx, tenantId, [one]);
    const payerId = r.payer_id ?? claim.payer_id;
    const sameEncounter = [...loaded.byEncounter.values()].flat();
    if (!sameEncounter.some((c) => c.payerId === payerId && c.state !== 'voided'))
      throw new AppError(
        'conflict',
        `Claim ${claim.claim_number} is not billed to the payer of ERA #${r.id}: match the claim sent to that payer`,
      );
    const effectiveDate = r.payment_date ?? isoDate(remit.productionDate) ?? new Date().toISOString().slice(0, 10);
    const base: PlanContext = {
      payerId,
      effectiveDate,
      remittanceId: r.id,
      ediFileId: r.edi_file_id,
      byClaimNumber: loaded.byClaimNumber,
      byPayerClaimNumber: loaded.byPayerClaimNumber,
      byEncounter: loaded.byEncounter,
      balances: loaded.balances,
      posted: loaded.posted,
      nextParty: new Map(),
      expectedAllowed: await contractLookup(tx, tenantId, [payerId]),
      // a released file's claim may not balance: what its lines do not explain stays unapplied
      acceptDifferences: true,
    };
    const next = await resolveNextParties(tx, tenantId, one, base, loaded, { actor, ediFileId: r.edi_file_id });
    const plan = new RemittancePlanner(one, { ...base, nextParty: next.next }).finish();
    const planned = plan.claims[0];
    if (!planned || planned.claimId === null || plan.cashCents !== u.amount_cents)
      throw new AppError(
        'conflict',
        `ERA #${r.id}: the payment (${formatCents(u.amount_cents)}) does not post to claim ${claim.claim_number} as it stands; nothing was posted`,
      );
    for (const x of [...plan.claims, ...plan.denials, ...plan.underpayments, ...plan.unmatched])
      x.clpIndex = u.clp_index;

    const memo = `matched by ${actor.username ?? 'a person'} (835 TRN ${r.trace_number}, CLP01 ${clp.patientControlNumber}): ${planned.summary}`;
    const posting = planned.postingIndex === null ? null : applyUnapplied(plan.postings[planned.postingIndex]!, memo);
    const [postingId = null] = posting ? await appendPostings(tx, tenantId, [posting], actor) : [];
    const matchedClaimId = planned.claimId;
    await tx
      .updateTable('remittance_claim')
      .set({
        claim_id: matchedClaimId,
        matched_by: 'person',
        outcome: planned.outcome,
        patient_responsibility_cents: planned.patientResponsibilityCents,
        posting_id: postingId,
        detail: JSON.stringify({
          lines: planned.lines,
          claimAdjustments: planned.claimAdjustments,
          remarks: planned.remarks,
          interestCents: planned.interestCents,
          openCents: planned.openCents,
          payerBalanceCents: planned.payerBalanceCents,
          summary: planned.summary,
          ...(clp.patient?.lastName
            ? { patientName: [clp.patient.lastName, clp.patient.firstName].filter(Boolean).join(', ') }
            : {}),
        }),
      })
      .where('tenant_id', '=', tenantId)
      .where('remittance_id', '=', r.id)
      .where('clp_index', '=', u.clp_index)
      .execute();
    const appealDays = new Map(
      (await tx.selectFrom('payer').select(['id', 'appeal_days']).where('tenant_id', '=', tenantId).execute()).map(
        (p) => [p.id, p.appeal_days],
      ),
    );
    const w: WriteContext = {
      tenantId,
      remittanceId: r.id,
      ediFileId: r.edi_file_id,
      effectiveDate,
      payerId,
      appealDays,
      postingIds: postingId === null ? [] : [postingId],
      claimsById: new Map(sameEncounter.map((c) => [c.claimId, c])),
      actor,
      traceNumber: r.trace_number,
      notes: next.notes,
    };
    if (planned.postingIndex !== null) planned.postingIndex = 0;
    await writeDenials(tx, w, plan);
    await writeUnmatched(tx, w, plan, new Map());
    await moveClaims(tx, w, plan);
    const matchedNumber = (await claimNumberOf(tx, tenantId, matchedClaimId)) ?? claim.claim_number;
    await resolveItem(
      tx,
      deps,
      actor,
      u,
      {
        status: 'matched',
        claimId: matchedClaimId,
        postingId,
        resolution: `matched to claim ${matchedNumber}`,
      },
      { action: 'match', remittanceId: r.id, clpIndex: u.clp_index, postingId },
      [matchedClaimId],
    );
    return {
      id: u.id,
      status: 'matched',
      message: `${formatCents(u.amount_cents)} of ERA #${r.id} posted to claim ${matchedNumber}: ${planned.summary}`,
      claimId: matchedClaimId,
      claimNumber: matchedNumber,
      postingId,
      lineId: null,
      alreadyDone: false,
    };
  });
}

export async function dismissUnmatched(
  deps: MatchDeps,
  actor: Actor,
  input: { unmatchedId: number; reason: string },
): Promise<UnmatchedActionResult> {
  const reason = input.reason.trim();
  if (reason.length < 5)
    throw new AppError('validation', 'Say why (at least a few words): the reason is kept with the payment', [
      issueAt('reason', 'required', 'is required'),
    ]);
  const tenantId = actor.tenantId;
  return withTenant(deps.db, tenantId, async (tx) => {
    const u = await lockOpen(tx, tenantId, input.unmatchedId);
    if (u.status === 'dismissed') return auditedRepeat(tx, deps, actor, u, await alreadyDecided(tx, tenantId, u));
    if (u.status !== 'open')
      throw new AppError('conflict', `This payment was ${(await alreadyDecided(tx, tenantId, u)).message}`);
    await resolveItem(
      tx,
      deps,
      actor,
      u,
      { status: 'dismissed', resolution: reason },
      { action: 'dismiss', remittanceId: u.remittance_id, reason },
      u.claim_id === null ? [] : [u.claim_id],
    );
    return {
      id: u.id,
      status: 'dismissed',
      message: `dismissed: ${formatCents(u.amount_cents)} stays unapplied on ERA #${u.remittance_id} (${reason})`,
      claimId: null,
      claimNumber: null,
      postingId: null,
      lineId: null,
      alreadyDone: false,
    };
  });
}
