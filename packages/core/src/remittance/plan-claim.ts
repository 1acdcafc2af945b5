/**
 * One 835 claim (CLP) → one posting. Services matched to our lines post there; claim-level adjustments
 * are spread over the matched lines by charge (each share taken from the line's payment, so the cash is
 * exactly CLP04); a claim without service lines is spread over all our lines. Money we cannot place on a
 * line (an SVC we do not recognise) is held as unapplied and listed for a person to match.
 */
import { interestEntries, unappliedEntries } from '../ledger/entries.ts';
import type { EntryInput, LineRef, PostingInput } from '../ledger/ledger-types.ts';
import { allocateCents, formatCents, type Cents } from '../ledger/money.ts';
import type { ClaimPayment, ServicePayment } from '@medbill/x12/835';
import { claimOutcome, claimSummary } from './claim-outcome.ts';
import {
  emptyLineResult,
  mergeLineResults,
  payerArOf,
  postAdjustments,
  postPayment,
  type LinePostingContext,
  type LinePostingResult,
} from './line-postings.ts';
import { clpServiceDate, matchLines, serviceDateOf } from './match-remittance.ts';
import { adjudicationsOf } from './posted-adjudications.ts';
import type {
  DenialItem,
  LineDetail,
  OurClaim,
  PlanContext,
  PlannedClaim,
  UnderpaymentItem,
  UnmatchedItem,
} from './remit-types.ts';

export interface ClaimPlanResult {
  planned: PlannedClaim;
  posting: PostingInput | null;
  denials: DenialItem[];
  underpayments: UnderpaymentItem[];
  unmatched: UnmatchedItem[];
  cash: Cents;
}

const NON_PRIMARY = new Set(['2', '3', '20', '21']);
const sum = (xs: readonly { amount: number }[]) => xs.reduce((t, x) => t + x.amount, 0);
const procedureText = (p: ServicePayment['procedure']) => [p.code, ...p.modifiers].filter(Boolean).join('-');

/** Interest the payer put into CLP04 (AMT*I) when the claim balances only with it. */
export function includedInterest(clp: ClaimPayment): Cents {
  const interest = clp.amounts.find((a) => a.qualifier === 'I')?.amount ?? 0;
  if (!interest) return 0;
  const cas = sum(clp.adjustments) + clp.services.reduce((t, s) => t + sum(s.adjustments), 0);
  return clp.charge - cas === clp.paid ? 0 : clp.charge - cas + interest === clp.paid ? interest : 0;
}

function baseClaim(clp: ClaimPayment, clpIndex: number): PlannedClaim {
  return {
    clpIndex,
    patientControlNumber: clp.patientControlNumber,
    statusCode: clp.status,
    payerClaimNumber: clp.payerClaimControlNumber,
    claimId: null,
    matchedBy: null,
    outcome: 'unmatched',
    chargeCents: clp.charge,
    paidCents: clp.paid,
    patientResponsibilityCents: clp.patientResponsibility ?? 0,
    interestCents: includedInterest(clp),
    openCents: 0,
    payerBalanceCents: 0,
    lines: [],
    claimAdjustments: clp.adjustments.map((a) => ({
      group: a.group,
      reason: a.reason,
      amountCents: a.amount,
      posted: 'not_posted',
    })),
    remarks: clp.outpatient?.remarks ?? clp.inpatient?.remarks ?? [],
    postingIndex: null,
    summary: '',
  };
}

function detailOf(
  svc: ServicePayment,
  svcIndex: number,
  lineId: number | null,
  how: LineDetail['matchedBy'],
): LineDetail {
  const d: LineDetail = {
    svcIndex,
    lineId,
    billedCents: svc.charge,
    allowedCents: svc.amounts.find((a) => a.qualifier === 'B6')?.amount ?? null,
    paidCents: svc.paid,
    procedure: procedureText(svc.procedure),
    adjustments: [],
    remarks: svc.remarks.filter((r) => r.qualifier === 'HE').map((r) => r.code),
    matchedBy: how,
  };
  if (svc.submittedProcedure) d.submittedProcedure = procedureText(svc.submittedProcedure);
  return d;
}

export function planUnmatchedClaim(clp: ClaimPayment, clpIndex: number, ctx: PlanContext): ClaimPlanResult {
  const planned = baseClaim(clp, clpIndex);
  planned.lines = clp.services.map((s, i) => detailOf(s, i, null, null));
  planned.summary = `not matched to a claim of ours: ${clp.paid / 100} held as unapplied until a person matches it`;
  if (clp.patient?.lastName)
    planned.patientName = [clp.patient.lastName, clp.patient.firstName].filter(Boolean).join(', ');
  const dos = clpServiceDate(clp);
  if (dos) planned.serviceDate = dos;
  const entries = unappliedEntries(clp.paid, {
    ...(ctx.payerId ? { payerId: ctx.payerId } : {}),
    reference: `CLP ${clp.patientControlNumber} / ${clp.payerClaimControlNumber}`,
  });
  const posting = entries.length ? posted(ctx, 'claim_payment', entries, planned.summary) : null;
  return {
    planned,
    posting,
    denials: [],
    underpayments: [],
    unmatched: [
      {
        kind: 'claim',
        heldAs: 'claim',
        clpIndex,
        amountCents: clp.paid,
        description: `CLP01 ${clp.patientControlNumber}, CLP07 ${clp.payerClaimControlNumber}`,
      },
    ],
    cash: clp.paid,
  };
}

function posted(
  ctx: PlanContext,
  kind: PostingInput['kind'],
  entries: EntryInput[],
  memo: string,
  claim?: OurClaim,
): PostingInput {
  const p: PostingInput = { kind, effectiveDate: ctx.effectiveDate, memo, entries };
  if (claim) {
    p.claimId = claim.claimId;
    p.patientId = claim.patientId;
  }
  if (ctx.remittanceId) p.remittanceId = ctx.remittanceId;
  if (ctx.ediFileId) p.ediFileId = ctx.ediFileId;
  return p;
}

export function planMatchedClaim(
  clp: ClaimPayment,
  clpIndex: number,
  claim: OurClaim,
  how: 'claim_number' | 'payer_claim_number',
  ctx: PlanContext,
  /** the line a person chose for each SVC (unmatched services posted from the worklist), instead of matching */
  chosen?: readonly { svcIndex: number; lineId: number }[],
): ClaimPlanResult {
  const planned = { ...baseClaim(clp, clpIndex), claimId: claim.claimId, matchedBy: how };
  const out: ClaimPlanResult = { planned, posting: null, denials: [], underpayments: [], unmatched: [], cash: 0 };
  if (clp.status === '25') {
    planned.outcome = 'predetermination';
    planned.summary = 'predetermination: nothing paid, nothing posted';
    return out;
  }
  const payerId = ctx.payerId ?? claim.payerId;
  const lineCtx: LinePostingContext = {
    payerId,
    next: ctx.nextParty.get(claim.claimId) ?? { party: { kind: 'patient' }, claimId: claim.claimId },
    nonPrimary: claim.coverageOrder > 1 || NON_PRIMARY.has(clp.status),
    reference: clp.payerClaimControlNumber || clp.patientControlNumber,
  };
  const ref = (id: number): LineRef => ({
    serviceLineId: id,
    claimId: claim.claimId,
    patientId: claim.patientId,
    practiceId: claim.practiceId,
  });
  const byLine = new Map<number, LinePostingResult>();
  const lineResult = (id: number): LinePostingResult => {
    let r = byLine.get(id);
    if (!r) byLine.set(id, (r = emptyLineResult()));
    return r;
  };
  const claimEntries: EntryInput[] = [];
  const interest = planned.interestCents;
  const reversal = clp.status === '22';
  /** what this payer is owed on a line before the next entries: the ledger's, plus this claim's so far */
  const owed = (id: number) =>
    ctx.balances.balance(id, { kind: 'payer', payerId }) + payerArOf(lineResult(id).entries, payerId);
  const matches: Array<{ svcIndex: number; lineId: number | null; how: LineDetail['matchedBy'] }> = chosen
    ? clp.services.map((_, svcIndex) => ({
        svcIndex,
        lineId: chosen.find((c) => c.svcIndex === svcIndex)?.lineId ?? null,
        how: 'person',
      }))
    : clp.services.length
      ? matchLines(clp, claim, ctx.byEncounter.get(claim.encounterId) ?? [claim])
      : [];
  const matchedIds = [...new Set(matches.map((m) => m.lineId).filter((x): x is number => x !== null))];
  if (clp.services.length && matchedIds.length) {
    for (const m of matches) {
      const svc = clp.services[m.svcIndex];
      const detail = detailOf(svc, m.svcIndex, m.lineId, m.how);
      planned.lines.push(detail);
      out.cash += svc.paid;
      if (m.lineId === null) {
        const dos = serviceDateOf(svc, clp);
        if (dos) detail.serviceDate = dos;
        claimEntries.push(
          ...unappliedEntries(svc.paid, { payerId, claimId: claim.claimId, reference: lineCtx.reference }),
        );
        detail.adjustments = svc.adjustments.map((a) => ({
          group: a.group,
          reason: a.reason,
          amountCents: a.amount,
          posted: 'not_posted',
        }));
        out.unmatched.push({
          kind: 'line',
          heldAs: 'service',
          clpIndex,
          svcIndex: m.svcIndex,
          claimId: claim.claimId,
          amountCents: svc.paid,
          description: `SVC ${detail.procedure} ${svc.charge / 100} billed, ${svc.paid / 100} paid: no line of claim ${claim.claimNumber} matches`,
        });
        continue;
      }
      const sub = emptyLineResult();
      postPayment(sub, ref(m.lineId), lineCtx, svc.paid);
      postAdjustments(sub, ref(m.lineId), lineCtx, svc.adjustments, owed(m.lineId), reversal);
      detail.adjustments = sub.adjustments;
      mergeLineResults(lineResult(m.lineId), sub);
    }
    // claim-level adjustments come out of the lines' payments, shared by charge
    const weights = matchedIds.map((id) => claim.lines.find((l) => l.id === id)?.chargeCents ?? 0);
    planned.claimAdjustments = [];
    for (const a of clp.adjustments) {
      const shares = allocateCents(a.amount, weights);
      let posting: LineDetail['adjustments'][number]['posted'] = 'not_posted';
      shares.forEach((share, i) => {
        if (share === 0) return;
        const sub = emptyLineResult();
        postPayment(sub, ref(matchedIds[i]), lineCtx, -share);
        postAdjustments(sub, ref(matchedIds[i]), lineCtx, [{ ...a, amount: share }], owed(matchedIds[i]), reversal);
        posting = sub.adjustments[0]?.posted ?? posting;
        mergeLineResults(lineResult(matchedIds[i]), sub);
      });
      out.cash -= a.amount;
      planned.claimAdjustments.push({ group: a.group, reason: a.reason, amountCents: a.amount, posted: posting });
    }
  } else if (clp.services.length) {
    // services we recognise none of: the money waits as unapplied for a person to match
    const held = clp.paid - interest;
    claimEntries.push(...unappliedEntries(held, { payerId, claimId: claim.claimId, reference: lineCtx.reference }));
    out.cash += held;
    planned.lines = clp.services.map((s, i) => ({
      ...detailOf(s, i, null, null),
      ...(serviceDateOf(s, clp) ? { serviceDate: serviceDateOf(s, clp) } : {}),
      adjustments: s.adjustments.map((a) => ({
        group: a.group,
        reason: a.reason,
        amountCents: a.amount,
        posted: 'not_posted' as const,
      })),
    }));
    out.unmatched.push({
      kind: 'line',
      // a claim's only service, alone (no claim-level adjustment), is one service a person posts to its line
      heldAs:
        clp.services.length === 1 && !clp.adjustments.length && clp.services[0]!.paid === held ? 'service' : 'services',
      clpIndex,
      claimId: claim.claimId,
      amountCents: held,
      description: `no service line of claim ${claim.claimNumber} matches the ${clp.services.length} paid`,
    });
  } else {
    out.cash += spreadOverLines(clp, claim, interest, lineCtx, ref, lineResult, planned, owed);
  }
  if (interest) {
    claimEntries.push(...interestEntries(interest, payerId, claim.claimId, lineCtx.reference));
    out.cash += interest;
  }
  if (ctx.acceptDifferences && out.cash !== clp.paid) {
    const diff = clp.paid - out.cash;
    claimEntries.push(...unappliedEntries(diff, { payerId, claimId: claim.claimId, reference: lineCtx.reference }));
    out.unmatched.push({
      kind: 'line',
      heldAs: 'difference',
      clpIndex,
      claimId: claim.claimId,
      amountCents: diff,
      description: `claim ${claim.claimNumber} does not balance: ${diff / 100} of CLP04 is not explained by its lines (held as unapplied)`,
    });
    out.cash = clp.paid;
  }
  let patientResponsibility = 0;
  let open = 0;
  for (const [lineId, r] of byLine) {
    claimEntries.push(...r.entries);
    patientResponsibility += r.patientResponsibility;
    open += r.open;
    if (clp.status !== '22')
      for (const d of r.denials)
        out.denials.push({
          claimId: claim.claimId,
          serviceLineId: lineId,
          clpIndex,
          group: d.group,
          reason: d.reason,
          cause: d.cause,
          amountCents: d.amount,
          remarks: planned.lines.find((l) => l.lineId === lineId)?.remarks ?? planned.remarks,
          payerId,
        });
  }
  if (reversal && ctx.posted) {
    const why = reversalBeyondPosted(claim, payerId, claimEntries, ctx);
    if (why) return heldReversal(clp, clpIndex, ctx, why);
  }
  ctx.posted?.applyPosting(claim.claimId, claimEntries);
  planned.openCents = open;
  planned.patientResponsibilityCents = patientResponsibility;
  planned.outcome = claimOutcome(clp, planned);
  planned.summary = claimSummary(planned);
  if (claimEntries.length)
    out.posting = posted(
      ctx,
      clp.status === '22' ? 'claim_reversal' : 'claim_payment',
      claimEntries,
      planned.summary,
      claim,
    );
  ctx.balances.apply(claimEntries);
  for (const l of claim.lines) planned.payerBalanceCents += ctx.balances.balance(l.id, { kind: 'payer', payerId });
  if (claim.coverageOrder === 1 && !NON_PRIMARY.has(clp.status) && clp.status !== '22' && ctx.expectedAllowed)
    out.underpayments = underpaid(claim, planned, payerId, ctx);
  return out;
}

const KEY_WORDS = (key: string) =>
  key === 'paid' ? 'a payment' : key.startsWith('PR:') ? `patient responsibility ${key}` : `adjustment ${key}`;

/**
 * A reversal may take back only what this payer's adjudications posted on the claim: per line and for the claim, the
 * payment, each CAS group/reason and each PR. Null when it does; else why not, in words.
 */
function reversalBeyondPosted(
  claim: OurClaim,
  payerId: number,
  entries: readonly EntryInput[],
  ctx: PlanContext,
): string | null {
  const posted = ctx.posted!;
  const takenByLine = new Map<string, Cents>();
  const takenByClaim = new Map<string, Cents>();
  for (const [lineId, p, key, amount] of adjudicationsOf(claim.claimId, entries)) {
    if (p !== payerId) continue;
    takenByLine.set(`${lineId}|${key}`, (takenByLine.get(`${lineId}|${key}`) ?? 0) - amount);
    takenByClaim.set(key, (takenByClaim.get(key) ?? 0) - amount);
  }
  const postedByClaim = new Map<string, Cents>();
  for (const l of claim.lines)
    for (const [key, amount] of posted.of(l.id, payerId))
      postedByClaim.set(key, (postedByClaim.get(key) ?? 0) + amount);
  for (const [key, taken] of takenByClaim) {
    if (taken <= 0) continue;
    const had = postedByClaim.get(key) ?? 0;
    if (had <= 0)
      return `reverses ${KEY_WORDS(key)} of $${formatCents(taken)} that was never posted for claim ${claim.claimNumber}`;
    if (taken > had)
      return `reverses ${KEY_WORDS(key)} of $${formatCents(taken)} but only $${formatCents(had)} was posted for claim ${claim.claimNumber}`;
  }
  for (const [lk, taken] of takenByLine) {
    const [lineId, key] = [Number(lk.slice(0, lk.indexOf('|'))), lk.slice(lk.indexOf('|') + 1)];
    const had = posted.of(lineId, payerId).get(key) ?? 0;
    if (taken > 0 && taken > had) {
      const n = claim.lines.find((l) => l.id === lineId)?.lineNumber ?? lineId;
      return `reverses ${KEY_WORDS(key)} of $${formatCents(taken)} on line ${n} but only $${formatCents(Math.max(had, 0))} was posted there for claim ${claim.claimNumber}`;
    }
  }
  return null;
}

/** A reversal that takes back more than was posted is not posted: held like a claim we cannot match, with why. */
function heldReversal(clp: ClaimPayment, clpIndex: number, ctx: PlanContext, why: string): ClaimPlanResult {
  const r = planUnmatchedClaim(clp, clpIndex, ctx);
  r.planned.summary = `reversal not posted: ${why}; ${formatCents(clp.paid)} held as unapplied until a person looks at it`;
  if (r.posting) r.posting.memo = r.planned.summary;
  for (const u of r.unmatched)
    u.description = `CLP01 ${clp.patientControlNumber}, CLP07 ${clp.payerClaimControlNumber}: ${why}`;
  return r;
}

/** A claim paid without service detail: payment and each adjustment spread over our lines by charge, exactly. */
function spreadOverLines(
  clp: ClaimPayment,
  claim: OurClaim,
  interest: Cents,
  lineCtx: LinePostingContext,
  ref: (id: number) => LineRef,
  lineResult: (id: number) => LinePostingResult,
  planned: PlannedClaim,
  owed: (id: number) => Cents,
): Cents {
  const lines = claim.lines;
  if (!lines.length) return 0;
  const sign = clp.status === '22' || clp.charge < 0 ? -1 : 1;
  const weights = lines.map((l) => l.chargeCents);
  const pay = allocateCents(clp.paid - interest, weights);
  const cas = clp.adjustments.map((a) => ({ a, shares: allocateCents(a.amount, weights) }));
  // each line balances on its own: what rounding left over moves into its payment
  const residual = lines.map((l, i) => sign * l.chargeCents - pay[i] - cas.reduce((t, c) => t + c.shares[i], 0));
  if (residual.reduce((a, b) => a + b, 0) === 0)
    residual.forEach((r, i) => {
      pay[i] += r;
    });
  planned.claimAdjustments = [];
  lines.forEach((l, i) => {
    const sub = emptyLineResult();
    postPayment(sub, ref(l.id), lineCtx, pay[i]);
    postAdjustments(
      sub,
      ref(l.id),
      lineCtx,
      cas.map((c) => ({ ...c.a, amount: c.shares[i] })),
      owed(l.id),
      clp.status === '22',
    );
    planned.lines.push({
      svcIndex: -1,
      lineId: l.id,
      billedCents: sign * l.chargeCents,
      allowedCents: null,
      paidCents: pay[i],
      procedure: [l.code, ...l.modifiers].join('-'),
      adjustments: sub.adjustments,
      remarks: [],
      matchedBy: 'allocated',
    });
    mergeLineResults(lineResult(l.id), sub);
  });
  for (const c of cas)
    planned.claimAdjustments.push({
      group: c.a.group,
      reason: c.a.reason,
      amountCents: c.a.amount,
      posted: planned.lines[0]?.adjustments.find((x) => x.reason === c.a.reason)?.posted ?? 'not_posted',
    });
  return pay.reduce((a, b) => a + b, 0);
}

function underpaid(claim: OurClaim, planned: PlannedClaim, payerId: number, ctx: PlanContext): UnderpaymentItem[] {
  const out: UnderpaymentItem[] = [];
  for (const d of planned.lines) {
    if (d.lineId === null || d.paidCents <= 0) continue;
    const line = claim.lines.find((l) => l.id === d.lineId);
    const expected = line ? ctx.expectedAllowed!(line, payerId) : null;
    if (expected === null || expected === undefined) continue;
    const pr = d.adjustments.filter((a) => a.group === 'PR').reduce((t, a) => t + a.amountCents, 0);
    const allowed = d.allowedCents ?? d.paidCents + pr;
    if (allowed < expected)
      out.push({
        claimId: claim.claimId,
        serviceLineId: d.lineId,
        clpIndex: planned.clpIndex,
        payerId,
        expectedAllowedCents: expected,
        allowedCents: allowed,
        differenceCents: expected - allowed,
      });
  }
  return out;
}
