/**
 * A person posts the service lines (SVCs) of a claim of ours none of which matched one of the claim's lines: each SVC
 * to the line it pays (several may pay one line, a split line). The claim is planned again as posting plans it, with
 * the person's lines in place of matching — payments, each adjustment, claim-level adjustments shared over the
 * chosen lines by charge, PR to the patient or the next payer, denials and underpayments to the worklist — and the
 * money comes out of the unapplied it was held as (an `apply_unapplied` posting: the cash came in with the ERA).
 * The claim's state then says what its adjudication is. Once, all or nothing, under the item's row lock; a repeat
 * with the same lines answers what was done, other lines are refused.
 */
import { issueAt } from '@medbill/api';
import type { UnmatchedActionResult } from '@medbill/api';
import { formatCents, type EntryInput, type PostingInput } from '@medbill/core/ledger';
import { OUTCOME_WORDS, planMatchedClaim, type PlanContext } from '@medbill/core/remittance';
import type { Actor } from '../actor.ts';
import { AppError } from '../app-error.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { appendPostings } from '../ledger/append-postings.ts';
import { claimLinesNamed, heldAs, heldClaimOf, lineWords } from './held-claim.ts';
import { alreadyDecided, auditedRepeat, lockOpen, resolveItem } from './match-unmatched.ts';
import { contractLookup } from './payer-contracts.ts';
import { restateClaim, storedClaim } from './restate-claim.ts';
import { nextPartyOf } from './unmatched-line-posting.ts';
import { writeDenials, writeUnmatched, type WriteContext } from './write-remittance.ts';

export interface ServiceChoice {
  /** the SVC, as the worklist numbers it (0 first) */
  svcIndex: number;
  lineId?: number | undefined;
  lineNumber?: number | undefined;
}

export async function postUnmatchedServices(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  input: { unmatchedId: number; lines: readonly ServiceChoice[] },
): Promise<UnmatchedActionResult> {
  const seen = new Set<number>();
  for (const c of input.lines) {
    if (seen.has(c.svcIndex))
      throw new AppError('validation', `SVC ${c.svcIndex + 1} is given twice: choose one line for each service`, [
        issueAt('lines', 'duplicate', 'one line per service'),
      ]);
    seen.add(c.svcIndex);
  }
  const tenantId = actor.tenantId;
  return withTenant(deps.db, tenantId, async (tx) => {
    const u = await lockOpen(tx, tenantId, input.unmatchedId);
    if (u.kind !== 'line' || u.claim_id === null)
      throw new AppError('conflict', 'This payment is a claim we could not match: confirm the claim it pays instead');
    const { claim: claimRow, chosen } = await claimLinesNamed(tx, tenantId, u.claim_id, input.lines);
    const choice = input.lines.map((c, i) => ({ svcIndex: c.svcIndex, line: chosen[i]! }));
    const stored = await storedClaim(tx, tenantId, u.remittance_id, u.clp_index);
    const words = choice
      .map((c) => {
        const svc = stored.planned.lines.find((l) => l.svcIndex === c.svcIndex);
        return `SVC ${c.svcIndex + 1}${svc ? ` (${svc.procedure})` : ''} to ${lineWords(c.line)}`;
      })
      .join(', ');
    if (u.status !== 'open') {
      const before = await alreadyDecided(tx, tenantId, u);
      const posted = new Map(stored.planned.lines.map((l) => [l.svcIndex, l.lineId]));
      const same =
        u.status === 'matched' &&
        choice.length === posted.size &&
        choice.every((c) => posted.get(c.svcIndex) === c.line.id);
      if (same)
        return auditedRepeat(tx, deps, actor, u, {
          ...before,
          message: `already posted (${words}) by ${u.resolved_by ?? '?'}: nothing posted again`,
        });
      throw new AppError('conflict', `This payment was ${before.message}`);
    }
    if (heldAs(u, stored.planned) !== 'services')
      throw new AppError(
        'conflict',
        u.svc_index !== null || heldAs(u, stored.planned) === 'service'
          ? 'This payment is one service line: post it to the line it pays (post to line)'
          : 'This payment is what the claim’s lines do not explain of its payment: apply the difference to its lines',
      );
    if (claimRow.state === 'voided')
      throw new AppError('conflict', `Claim ${claimRow.claim_number} is voided: its lines take no payment`);
    const h = await heldClaimOf(tx, tenantId, u, u.claim_id);
    const { r, clp, claim, payerId } = h;
    const missing = clp.services.map((_, i) => i).filter((i) => !seen.has(i));
    const extra = input.lines.filter((c) => !clp.services[c.svcIndex]);
    if (missing.length || extra.length)
      throw new AppError(
        'validation',
        extra.length
          ? `The 835 claim has ${clp.services.length} service lines: there is no SVC ${extra[0]!.svcIndex + 1}`
          : `Choose a line for each of the ${clp.services.length} service lines the payer sent: ${missing
              .map((i) => `SVC ${i + 1} (${stored.planned.lines.find((l) => l.svcIndex === i)?.procedure ?? '?'})`)
              .join(', ')} ${missing.length === 1 ? 'has' : 'have'} none; nothing was posted`,
        [issueAt('lines', 'required', 'a line for every service')],
      );

    const ctx: PlanContext = {
      payerId,
      effectiveDate: h.effectiveDate,
      remittanceId: r.id,
      ediFileId: r.edi_file_id,
      byClaimNumber: h.loaded.byClaimNumber,
      byPayerClaimNumber: h.loaded.byPayerClaimNumber,
      byEncounter: h.loaded.byEncounter,
      balances: h.loaded.balances,
      posted: h.loaded.posted,
      nextParty: new Map([
        [
          claim.claimId,
          await nextPartyOf(tx, tenantId, claim, h.siblings, stored.postingId, claim.lines[0]?.date ?? h.effectiveDate),
        ],
      ]),
      expectedAllowed: await contractLookup(tx, tenantId, [payerId]),
      // what the lines chosen still do not explain stays unapplied, as a difference to apply
      acceptDifferences: true,
    };
    const planned = planMatchedClaim(
      clp,
      u.clp_index,
      claim,
      stored.planned.matchedBy ?? 'claim_number',
      ctx,
      choice.map((c) => ({ svcIndex: c.svcIndex, lineId: c.line.id })),
    );
    // the money was held as unapplied (interest went in when the ERA was posted): it moves from there to the lines
    const entries: EntryInput[] = (planned.posting?.entries ?? [])
      .filter((e) => e.kind !== 'unapplied' && e.kind !== 'interest')
      .map((e) => (e.account === 'cash' ? { ...e, account: 'unapplied' } : e));
    const applied = entries.filter((e) => e.account === 'unapplied').reduce((t, e) => t + e.amount, 0);
    const stillHeld = planned.unmatched.reduce((t, x) => t + x.amountCents, 0);
    if (applied + stillHeld !== u.amount_cents)
      throw new AppError(
        'conflict',
        `ERA #${r.id}: these lines would take ${formatCents(applied)}, not the ${formatCents(u.amount_cents)} held: nothing was posted`,
      );
    const memo = `posted by ${actor.username ?? 'a person'} (835 TRN ${r.trace_number}, CLP01 ${clp.patientControlNumber}): ${words}`;
    const posting: PostingInput | null = entries.length
      ? { ...planned.posting!, kind: 'apply_unapplied', memo, entries }
      : null;
    const [postingId = null] = posting ? await appendPostings(tx, tenantId, [posting], actor) : [];

    const w: WriteContext = {
      tenantId,
      remittanceId: r.id,
      ediFileId: r.edi_file_id,
      effectiveDate: h.effectiveDate,
      payerId,
      appealDays: new Map(
        (await tx.selectFrom('payer').select(['id', 'appeal_days']).where('tenant_id', '=', tenantId).execute()).map(
          (p) => [p.id, p.appeal_days],
        ),
      ),
      postingIds: postingId === null ? [] : [postingId],
      claimsById: new Map([[claim.claimId, claim]]),
      actor,
      traceNumber: r.trace_number,
      notes: new Map(),
    };
    const plan = {
      postings: [],
      claims: [planned.planned],
      denials: planned.denials,
      underpayments: planned.underpayments,
      unmatched: planned.unmatched,
      cashCents: 0,
    };
    await writeDenials(tx, w, plan);
    await writeUnmatched(tx, w, plan, new Map());
    const done = await restateClaim(tx, w, clp, planned.planned, claim, stored.extra);
    await resolveItem(
      tx,
      deps,
      actor,
      u,
      { status: 'matched', postingId, resolution: `posted ${words} of claim ${claimRow.claim_number}` },
      {
        action: 'post_services',
        remittanceId: r.id,
        clpIndex: u.clp_index,
        lines: choice.map((x) => ({ svcIndex: x.svcIndex, lineId: x.line.id })),
        postingId,
      },
      [claim.claimId],
    );
    return {
      id: u.id,
      status: 'matched',
      message: `${formatCents(applied)} of ERA #${r.id} posted to claim ${claimRow.claim_number} (${words}): ${OUTCOME_WORDS[done.outcome]}${
        stillHeld ? `; ${formatCents(stillHeld)} the lines do not explain stays unapplied, to apply` : ''
      }`,
      claimId: claim.claimId,
      claimNumber: claimRow.claim_number,
      postingId,
      lineId: null,
      alreadyDone: false,
    };
  });
}
