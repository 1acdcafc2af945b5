/**
 * A person posts an 835 service line (SVC) that matched none of its claim's lines to the line of that claim it
 * pays: the payment and each adjustment as posting would have (PR to the patient or the next payer, contractual
 * off, denials to the worklist), taken out of the unapplied money the line was held as when the ERA was posted
 * (an `apply_unapplied` posting: the cash came in with the ERA). Once, all or nothing, under the item's row lock;
 * a repeat to the same line answers what was done, to another line is refused.
 */
import type { UnmatchedActionResult } from '@medbill/api';
import { formatCents, type EntryInput } from '@medbill/core/ledger';
import { planServiceOnLine, type NextParty, type OurClaim, type RemittancePlan } from '@medbill/core/remittance';
import type { Remittance835 } from '@medbill/x12/835';
import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../app-error.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { read835InWorker } from '../jobs/parse-in-worker.ts';
import { appendPostings } from '../ledger/append-postings.ts';
import { loadClaimsFor } from './load-plan-context.ts';
import { alreadyDecided, auditedRepeat, lockOpen, postedEraOf, resolveItem } from './match-unmatched.ts';
import { contractLookup } from './payer-contracts.ts';
import { isoDate } from './remittance-result.ts';
import { restateClaim, storedClaim } from './restate-claim.ts';
import { writeDenials, type WriteContext } from './write-remittance.ts';

/** What the payer is owed more (less, when negative) on the claim's lines after these entries. */
export function payerArChange(entries: readonly EntryInput[], payerId: number): number {
  let t = 0;
  for (const e of entries)
    if (e.account === 'ar' && e.party?.kind === 'payer' && e.party.payerId === payerId) t += e.amount;
  return t;
}

type LineDeps = Pick<Deps, 'db' | 'auditKey'>;

/** The line a posting put money on (an unmatched line item's answer to a repeat). */
async function lineOfPosting(tx: Tx, tenantId: number, postingId: number | null): Promise<number | null> {
  if (postingId === null) return null;
  const r = await tx
    .selectFrom('ledger_entry')
    .select('service_line_id')
    .where('tenant_id', '=', tenantId)
    .where('posting_id', '=', postingId)
    .where('service_line_id', 'is not', null)
    .executeTakeFirst();
  return r?.service_line_id ?? null;
}

async function lineWordsOf(tx: Tx, tenantId: number, lineId: number, claimNumber: string): Promise<string> {
  const l = await tx
    .selectFrom('service_line')
    .select(['line_number', 'procedure_code'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', lineId)
    .executeTakeFirst();
  return l ? `line ${l.line_number} (${l.procedure_code}) of claim ${claimNumber}` : `a line of claim ${claimNumber}`;
}

/**
 * Where the line's patient responsibility goes: where this ERA sent the claim's other PR (the ledger says), else
 * the next coverage active on the date of service (its claim when there is one), else the patient.
 */
export async function nextPartyOf(
  tx: Tx,
  tenantId: number,
  claim: OurClaim,
  siblings: readonly OurClaim[],
  postingId: number | null,
  serviceDate: string,
): Promise<NextParty> {
  if (postingId !== null) {
    const t = await tx
      .selectFrom('ledger_entry')
      .select(['responsibility', 'payer_id', 'claim_id'])
      .where('tenant_id', '=', tenantId)
      .where('posting_id', '=', postingId)
      .where('account', '=', 'ar')
      .where('kind', '=', 'transfer')
      .where('adjustment_group', '=', 'PR')
      .where('amount_cents', '>', 0)
      .executeTakeFirst();
    if (t?.responsibility === 'patient') return { party: { kind: 'patient' }, claimId: t.claim_id ?? claim.claimId };
    if (t?.responsibility === 'payer' && t.payer_id !== null)
      return { party: { kind: 'payer', payerId: t.payer_id }, claimId: t.claim_id ?? claim.claimId };
  }
  const cov = await tx
    .selectFrom('coverage')
    .select(['payer_id'])
    .where('tenant_id', '=', tenantId)
    .where('patient_id', '=', claim.patientId)
    .where('coverage_order', '=', claim.coverageOrder + 1)
    .where('effective_date', '<=', serviceDate)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', serviceDate)]))
    .executeTakeFirst();
  if (!cov) return { party: { kind: 'patient' }, claimId: claim.claimId };
  const next = siblings.find(
    (c) => c.payerId === cov.payer_id && c.coverageOrder === claim.coverageOrder + 1 && c.state !== 'voided',
  );
  return { party: { kind: 'payer', payerId: cov.payer_id }, claimId: next?.claimId ?? claim.claimId };
}

/**
 * The SVC an item held for a claim none of whose services matched, when that is one service and nothing else
 * (no claim-level adjustment) was held: a one-line claim the payer answered under another code.
 */
export function onlyService(
  clp: { services: readonly { paid: number }[]; adjustments: readonly unknown[] },
  amountCents: number,
): number | null {
  return clp.services.length === 1 && clp.adjustments.length === 0 && clp.services[0]!.paid === amountCents ? 0 : null;
}

export async function postUnmatchedLine(
  deps: LineDeps,
  actor: Actor,
  input: { unmatchedId: number; lineId?: number; lineNumber?: number },
): Promise<UnmatchedActionResult> {
  const tenantId = actor.tenantId;
  return withTenant(deps.db, tenantId, async (tx) => {
    const u = await lockOpen(tx, tenantId, input.unmatchedId);
    if (u.kind !== 'line' || u.claim_id === null)
      throw new AppError('conflict', 'This payment is a claim we could not match: confirm the claim it pays instead');
    const claimRow = await tx
      .selectFrom('claim')
      .select(['id', 'claim_number', 'encounter_id', 'state'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', u.claim_id)
      .executeTakeFirstOrThrow();
    let lq = tx
      .selectFrom('service_line')
      .select(['id', 'line_number', 'procedure_code'])
      .where('tenant_id', '=', tenantId)
      .where('encounter_id', '=', claimRow.encounter_id);
    lq =
      input.lineId !== undefined
        ? lq.where('id', '=', input.lineId)
        : lq.where('line_number', '=', input.lineNumber ?? 0);
    const line = await lq.executeTakeFirst();
    if (!line) throw notFound(`Line ${input.lineNumber ?? ''} of claim ${claimRow.claim_number}`.replace('  ', ' '));
    const lineWords = `line ${line.line_number} (${line.procedure_code}) of claim ${claimRow.claim_number}`;
    if (u.status !== 'open') {
      const before = await alreadyDecided(tx, tenantId, u);
      const postedTo = await lineOfPosting(tx, tenantId, u.posting_id);
      if (u.status === 'matched' && postedTo === line.id)
        return auditedRepeat(tx, deps, actor, u, {
          ...before,
          message: `already posted to ${lineWords} by ${u.resolved_by ?? '?'}: nothing posted again`,
          lineId: line.id,
        });
      const was = postedTo === null ? null : await lineWordsOf(tx, tenantId, postedTo, claimRow.claim_number);
      throw new AppError(
        'conflict',
        `This payment was ${was ? `already posted to ${was} by ${u.resolved_by ?? '?'}` : before.message}`,
      );
    }
    if (claimRow.state === 'voided')
      throw new AppError('conflict', `Claim ${claimRow.claim_number} is voided: its lines take no payment`);
    const r = await postedEraOf(tx, tenantId, u.remittance_id);
    const rc = await tx
      .selectFrom('remittance_claim')
      .select(['posting_id'])
      .where('tenant_id', '=', tenantId)
      .where('remittance_id', '=', r.id)
      .where('clp_index', '=', u.clp_index)
      .executeTakeFirstOrThrow();

    // the 835 claim, read again from its file
    const read = await read835InWorker(r.content, r.file_name);
    const remit = read.remittances.find((x) => x.index === r.transaction_index)?.remit;
    const clp = remit?.headers.flatMap((h) => h.claims)[u.clp_index];
    if (!remit || !clp) throw new AppError('conflict', `ERA #${r.id}: the claim is gone from its file`);
    const svcIndex = u.svc_index ?? onlyService(clp, u.amount_cents);
    if (svcIndex === null || !clp.services[svcIndex])
      throw new AppError(
        'conflict',
        'This amount is not one service line of the 835 (several services matched none of the claim’s lines, or the claim does not balance): correct the claim, or dismiss it with the reason',
      );
    const one: Remittance835 = {
      ...remit,
      headers: [{ ...remit.headers[0]!, claims: [clp] }],
      providerAdjustments: [],
    };
    const loaded = await loadClaimsFor(tx, tenantId, [one]);
    const siblings = loaded.byEncounter.get(claimRow.encounter_id) ?? [];
    const claim = siblings.find((c) => c.claimId === claimRow.id);
    if (!claim) throw new AppError('conflict', `ERA #${r.id} no longer names claim ${claimRow.claim_number}`);
    const payerId = r.payer_id ?? claim.payerId;
    const ourLine = claim.lines.find((l) => l.id === line.id)!;
    const effectiveDate = r.payment_date ?? isoDate(remit.productionDate) ?? new Date().toISOString().slice(0, 10);
    const next = await nextPartyOf(tx, tenantId, claim, siblings, rc.posting_id, ourLine.date);
    const plan = planServiceOnLine({
      clp,
      svcIndex,
      claim,
      lineId: line.id,
      payerId,
      next,
      owedBefore: loaded.balances.balance(line.id, { kind: 'payer', payerId }),
      effectiveDate,
      remittanceId: r.id,
      ediFileId: r.edi_file_id,
      memo: `posted to ${lineWords} by ${actor.username ?? 'a person'} (835 TRN ${r.trace_number}, SVC ${svcIndex + 1} of CLP01 ${clp.patientControlNumber})`,
    });
    if (plan.appliedCents !== u.amount_cents)
      throw new AppError(
        'conflict',
        `ERA #${r.id}: the service line paid ${formatCents(plan.appliedCents)}, not the ${formatCents(u.amount_cents)} held: nothing was posted`,
      );
    const [postingId = null] = plan.posting ? await appendPostings(tx, tenantId, [plan.posting], actor) : [];

    // denials and an underpayment of the line go to the worklist like any the ERA brought
    const expected =
      claim.coverageOrder === 1 && clp.status !== '22' ? await contractLookup(tx, tenantId, [payerId]) : null;
    const allowed =
      plan.detail.allowedCents ??
      plan.detail.paidCents +
        plan.detail.adjustments.filter((a) => a.group === 'PR').reduce((t, a) => t + a.amountCents, 0);
    const expectedCents = expected && plan.detail.paidCents > 0 ? expected(ourLine, payerId) : null;
    const worklist: RemittancePlan = {
      postings: [],
      claims: [],
      cashCents: 0,
      unmatched: [],
      denials: plan.denials.map((d) => ({ ...d, clpIndex: u.clp_index })),
      underpayments:
        expectedCents !== null && allowed < expectedCents
          ? [
              {
                claimId: claim.claimId,
                serviceLineId: line.id,
                clpIndex: u.clp_index,
                payerId,
                expectedAllowedCents: expectedCents,
                allowedCents: allowed,
                differenceCents: expectedCents - allowed,
              },
            ]
          : [],
    };
    const appealDays = await tx
      .selectFrom('payer')
      .select('appeal_days')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', payerId)
      .executeTakeFirst();
    const w: WriteContext = {
      tenantId,
      remittanceId: r.id,
      ediFileId: r.edi_file_id,
      effectiveDate,
      payerId,
      appealDays: new Map(appealDays ? [[payerId, appealDays.appeal_days]] : []),
      postingIds: postingId === null ? [] : [postingId],
      claimsById: new Map([[claim.claimId, claim]]),
      actor,
      traceNumber: r.trace_number,
      notes: new Map(),
    };
    await writeDenials(tx, w, worklist);

    // the ERA's posting view shows the line where it was posted; the claim's state says what its adjudication is now
    const stored = await storedClaim(tx, tenantId, r.id, u.clp_index);
    const c = stored.planned;
    c.lines = c.lines.map((l) => (l.svcIndex === svcIndex ? plan.detail : l));
    c.openCents += plan.detail.adjustments.filter((a) => a.posted === 'open').reduce((t, a) => t + a.amountCents, 0);
    c.patientResponsibilityCents += plan.patientResponsibilityCents;
    c.payerBalanceCents += payerArChange(plan.posting?.entries ?? [], payerId);
    await restateClaim(tx, w, clp, c, claim, stored.extra);
    await resolveItem(
      tx,
      deps,
      actor,
      u,
      { status: 'matched', postingId, resolution: `posted to ${lineWords}` },
      {
        action: 'post_to_line',
        remittanceId: r.id,
        clpIndex: u.clp_index,
        svcIndex,
        lineId: line.id,
        postingId,
      },
      [claim.claimId],
    );
    const adj = plan.detail.adjustments.map((a) => `${a.group}-${a.reason} ${formatCents(a.amountCents)}`).join(', ');
    return {
      id: u.id,
      status: 'matched',
      message: `${formatCents(plan.appliedCents)} of ERA #${r.id} posted to ${lineWords}${adj ? ` with ${adj}` : ''}`,
      claimId: claim.claimId,
      claimNumber: claimRow.claim_number,
      postingId,
      lineId: line.id,
      alreadyDone: false,
    };
  });
}
