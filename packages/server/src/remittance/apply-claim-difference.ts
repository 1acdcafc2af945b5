/**
 * A person applies what a claim's lines do not explain of its payment (claim-level payment or adjustments the lines
 * do not carry, held as unapplied when a released file was posted) to the claim's lines: the lines and the amount
 * each takes, which must add up to the difference to the cent. Each amount is the payer's payment on that line, out
 * of the unapplied money (an `apply_unapplied` posting). The claim's state then says what its adjudication is. Once,
 * all or nothing, under the item's row lock; a repeat with the same amounts answers what was done, others are refused.
 */
import { issueAt } from '@medbill/api';
import type { UnmatchedActionResult } from '@medbill/api';
import { formatCents, insurancePaymentEntries, type EntryInput, type PostingInput } from '@medbill/core/ledger';
import { OUTCOME_WORDS } from '@medbill/core/remittance';
import type { Actor } from '../actor.ts';
import { AppError } from '../app-error.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { appendPostings } from '../ledger/append-postings.ts';
import { claimLinesNamed, heldAs, heldClaimOf, lineWords } from './held-claim.ts';
import { alreadyDecided, auditedRepeat, lockOpen, resolveItem } from './match-unmatched.ts';
import { restateClaim, storedClaim } from './restate-claim.ts';
import { payerArChange } from './unmatched-line-posting.ts';
import type { WriteContext } from './write-remittance.ts';

export interface DifferenceShare {
  lineId?: number | undefined;
  lineNumber?: number | undefined;
  amountCents: number;
}

/** What a posting paid on each line (its payer's payments), by line id. */
async function paidByLine(tx: Tx, tenantId: number, postingId: number | null): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (postingId === null) return out;
  const rows = await tx
    .selectFrom('ledger_entry')
    .select(['service_line_id', 'amount_cents'])
    .where('tenant_id', '=', tenantId)
    .where('posting_id', '=', postingId)
    .where('account', '=', 'ar')
    .where('kind', '=', 'insurance_payment')
    .execute();
  for (const e of rows)
    if (e.service_line_id !== null) out.set(e.service_line_id, (out.get(e.service_line_id) ?? 0) - e.amount_cents);
  return out;
}

export async function applyClaimDifference(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  input: { unmatchedId: number; lines: readonly DifferenceShare[] },
): Promise<UnmatchedActionResult> {
  if (!input.lines.length)
    throw new AppError('validation', 'Choose the line (or lines) that take the difference, and the amount each takes', [
      issueAt('lines', 'required', 'is required'),
    ]);
  for (const s of input.lines)
    if (!Number.isSafeInteger(s.amountCents) || s.amountCents === 0)
      throw new AppError('validation', 'Each line takes a whole number of cents, not zero', [
        issueAt('lines', 'invalid', 'amount in cents, not zero'),
      ]);
  const tenantId = actor.tenantId;
  return withTenant(deps.db, tenantId, async (tx) => {
    const u = await lockOpen(tx, tenantId, input.unmatchedId);
    if (u.kind !== 'line' || u.claim_id === null)
      throw new AppError('conflict', 'This payment is a claim we could not match: confirm the claim it pays instead');
    const { claim: claimRow, chosen } = await claimLinesNamed(tx, tenantId, u.claim_id, input.lines);
    if (new Set(chosen.map((l) => l.id)).size !== chosen.length)
      throw new AppError('validation', 'A line is named twice: give each line its one amount', [
        issueAt('lines', 'duplicate', 'one amount per line'),
      ]);
    const shares = input.lines.map((s, i) => ({ line: chosen[i]!, amountCents: s.amountCents }));
    const words = shares.map((s) => `${formatCents(s.amountCents)} to ${lineWords(s.line)}`).join(', ');
    if (u.status !== 'open') {
      const before = await alreadyDecided(tx, tenantId, u);
      const paid = await paidByLine(tx, tenantId, u.posting_id);
      const same =
        u.status === 'matched' &&
        paid.size === shares.length &&
        shares.every((s) => paid.get(s.line.id) === s.amountCents);
      if (same)
        return auditedRepeat(tx, deps, actor, u, {
          ...before,
          message: `already applied (${words}) by ${u.resolved_by ?? '?'}: nothing posted again`,
        });
      throw new AppError('conflict', `This payment was ${before.message}`);
    }
    const stored = await storedClaim(tx, tenantId, u.remittance_id, u.clp_index);
    if (heldAs(u, stored.planned) !== 'difference')
      throw new AppError(
        'conflict',
        'This payment is what the payer paid for service lines: post each to the line it pays, not as a difference',
      );
    const total = shares.reduce((t, s) => t + s.amountCents, 0);
    if (total !== u.amount_cents)
      throw new AppError(
        'validation',
        `The amounts add up to ${formatCents(total)} but the difference held is ${formatCents(u.amount_cents)} (${formatCents(Math.abs(u.amount_cents - total))} ${total < u.amount_cents ? 'short' : 'too much'}): they must add up to it to the cent; nothing was posted`,
        [issueAt('lines', 'invalid', 'must add up to the difference')],
      );
    if (shares.some((s) => Math.sign(s.amountCents) !== Math.sign(u.amount_cents)))
      throw new AppError(
        'validation',
        `The difference is ${u.amount_cents > 0 ? 'money the payer paid more' : 'money the payer took back'} than the lines explain: every line's amount is ${u.amount_cents > 0 ? 'positive' : 'negative'}`,
        [issueAt('lines', 'invalid', 'same sign as the difference')],
      );
    if (claimRow.state === 'voided')
      throw new AppError('conflict', `Claim ${claimRow.claim_number} is voided: its lines take no payment`);
    const h = await heldClaimOf(tx, tenantId, u, u.claim_id);
    const { r, clp, claim, payerId } = h;
    const reference = clp.payerClaimControlNumber || clp.patientControlNumber;
    // the payer's payment on each line, out of the unapplied money the difference was held as
    const entries: EntryInput[] = shares
      .flatMap((s) =>
        insurancePaymentEntries(
          {
            serviceLineId: s.line.id,
            claimId: claim.claimId,
            patientId: claim.patientId,
            practiceId: claim.practiceId,
          },
          payerId,
          s.amountCents,
          reference,
        ),
      )
      .map((e) => (e.account === 'cash' ? { ...e, account: 'unapplied' } : e));
    const posting: PostingInput = {
      kind: 'apply_unapplied',
      effectiveDate: h.effectiveDate,
      memo: `difference of claim ${claimRow.claim_number} applied by ${actor.username ?? 'a person'} (835 TRN ${r.trace_number}, CLP01 ${clp.patientControlNumber}): ${words}`,
      entries,
      claimId: claim.claimId,
      patientId: claim.patientId,
      remittanceId: r.id,
      ediFileId: r.edi_file_id,
    };
    const [postingId = null] = await appendPostings(tx, tenantId, [posting], actor);
    const w: WriteContext = {
      tenantId,
      remittanceId: r.id,
      ediFileId: r.edi_file_id,
      effectiveDate: h.effectiveDate,
      payerId,
      appealDays: new Map(),
      postingIds: postingId === null ? [] : [postingId],
      claimsById: new Map([[claim.claimId, claim]]),
      actor,
      traceNumber: r.trace_number,
      notes: new Map(),
    };
    const c = stored.planned;
    c.payerBalanceCents += payerArChange(entries, payerId);
    // kept with the claim payment, in words a reader needs (the line's number and procedure): the ERA view shows it
    const applied = [
      ...((stored.extra.appliedDifference as unknown[] | undefined) ?? []),
      ...shares.map((s) => ({
        lineId: s.line.id,
        lineNumber: s.line.line_number,
        procedure: s.line.procedure_code,
        amountCents: s.amountCents,
      })),
    ];
    const done = await restateClaim(tx, w, clp, c, claim, { ...stored.extra, appliedDifference: applied });
    await resolveItem(
      tx,
      deps,
      actor,
      u,
      { status: 'matched', postingId, resolution: `difference applied: ${words} of claim ${claimRow.claim_number}` },
      {
        action: 'apply_difference',
        remittanceId: r.id,
        clpIndex: u.clp_index,
        lines: shares.map((s) => ({ lineId: s.line.id, amountCents: s.amountCents })),
        postingId,
      },
      [claim.claimId],
    );
    return {
      id: u.id,
      status: 'matched',
      message: `${formatCents(total)} of ERA #${r.id} applied to claim ${claimRow.claim_number} (${words}): ${OUTCOME_WORDS[done.outcome]}`,
      claimId: claim.claimId,
      claimNumber: claimRow.claim_number,
      postingId,
      lineId: shares.length === 1 ? shares[0]!.line.id : null,
      alreadyDone: false,
    };
  });
}
