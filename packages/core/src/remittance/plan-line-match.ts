/**
 * A service (SVC) of a matched 835 claim that matched none of the claim's lines: which lines of the claim a
 * person might mean (procedure as we billed it — SVC06 when the payer changed the code — modifiers, date,
 * charge), and, once a person names one, the posting that moves the line's payment and adjustments from the
 * unapplied money it was held as onto that line (an `apply_unapplied` posting: the cash came in with the ERA).
 */
import type { EntryInput, LineRef, PostingInput } from '../ledger/ledger-types.ts';
import type { Cents } from '../ledger/money.ts';
import type { ClaimPayment } from '@medbill/x12/835';
import { emptyLineResult, payerArOf, postAdjustments, postPayment, type LinePostingContext } from './line-postings.ts';
import { serviceDateOf } from './match-remittance.ts';
import type { DenialItem, LineDetail, NextParty, OurClaim, OurLine } from './remit-types.ts';

export interface LineSuggestion {
  lineId: number;
  lineNumber: number;
  score: number;
  why: string[];
}

const sameModifiers = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');

/** An 835 service line as matching needs it: the code as adjudicated, as billed (SVC06) when it differs, date, charge. */
export interface ServiceToMatch {
  procedure: { code: string; modifiers: string[] };
  submittedProcedure?: { code: string; modifiers: string[] } | undefined;
  /** YYYY-MM-DD, '' when the 835 gives none */
  date: string;
  chargeCents: Cents;
}

/** `99214-25-59` → code and modifiers (as the posting view stores a procedure). */
export function procedureParts(text: string): { code: string; modifiers: string[] } {
  const [code = '', ...modifiers] = text.split('-');
  return { code, modifiers: modifiers.filter(Boolean) };
}

/** An SVC of an 835 claim as matching needs it. */
export function serviceToMatch(clp: ClaimPayment, svcIndex: number): ServiceToMatch | null {
  const svc = clp.services[svcIndex];
  if (!svc) return null;
  return {
    procedure: svc.procedure,
    submittedProcedure: svc.submittedProcedure,
    date: serviceDateOf(svc, clp),
    chargeCents: svc.charge,
  };
}

/**
 * The claim's lines an SVC may pay, best first: procedure as billed (SVC06, else SVC01) 5, the payer's code
 * (SVC01 when it changed it) 3, modifiers 1, date of service 2, charge 2. Lines scoring nothing are left out.
 */
export function suggestLines(svc: ServiceToMatch, lines: readonly OurLine[], limit = 3): LineSuggestion[] {
  const billed = svc.submittedProcedure ?? svc.procedure;
  const scored = lines.map((l) => {
    const why: string[] = [];
    let score = 0;
    if (billed.code === l.code) {
      score += 5;
      why.push(svc.submittedProcedure ? 'procedure as billed (SVC06)' : 'procedure');
    } else if (svc.submittedProcedure && svc.procedure.code === l.code) {
      score += 3;
      why.push('procedure as the payer coded it');
    }
    if ((billed.modifiers.length || l.modifiers.length) && sameModifiers(billed.modifiers, l.modifiers)) {
      score += 1;
      why.push('modifiers');
    }
    if (svc.date && svc.date === l.date) {
      score += 2;
      why.push('date of service');
    }
    if (Math.abs(svc.chargeCents) === l.chargeCents) {
      score += 2;
      why.push('charge');
    }
    return { lineId: l.id, lineNumber: l.lineNumber, score, why };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.lineNumber - b.lineNumber)
    .slice(0, limit);
}

export interface ServiceOnLineInput {
  clp: ClaimPayment;
  svcIndex: number;
  claim: OurClaim;
  lineId: number;
  payerId: number;
  /** where patient responsibility goes (the patient, or the next payer's claim) */
  next: NextParty;
  /** what this payer is owed on the line before this posting (the ledger's) */
  owedBefore: Cents;
  effectiveDate: string;
  remittanceId?: number;
  ediFileId?: number;
  memo: string;
}

export interface ServiceOnLinePlan {
  /** null when the service moves no money (nothing paid, nothing adjusted) */
  posting: PostingInput | null;
  detail: LineDetail;
  denials: DenialItem[];
  patientResponsibilityCents: Cents;
  /** the money taken out of unapplied (the line's payment) */
  appliedCents: Cents;
}

const NON_PRIMARY = new Set(['2', '3', '20', '21']);

/** The posting of one SVC onto the line a person chose: payment and each CAS as the planner would have posted them. */
export function planServiceOnLine(input: ServiceOnLineInput): ServiceOnLinePlan {
  const { clp, claim, lineId } = input;
  const svc = clp.services[input.svcIndex];
  if (!svc) throw new Error(`SVC ${input.svcIndex + 1} is not in the 835 claim`);
  const line = claim.lines.find((l) => l.id === lineId);
  if (!line) throw new Error(`line ${lineId} is not a line of claim ${claim.claimNumber}`);
  const ref: LineRef = {
    serviceLineId: lineId,
    claimId: claim.claimId,
    patientId: claim.patientId,
    practiceId: claim.practiceId,
  };
  const ctx: LinePostingContext = {
    payerId: input.payerId,
    next: input.next,
    nonPrimary: claim.coverageOrder > 1 || NON_PRIMARY.has(clp.status),
    reference: clp.payerClaimControlNumber || clp.patientControlNumber,
  };
  const reversal = clp.status === '22';
  const r = emptyLineResult();
  postPayment(r, ref, ctx, svc.paid);
  postAdjustments(r, ref, ctx, svc.adjustments, input.owedBefore + payerArOf(r.entries, input.payerId), reversal);
  // the payment was held as unapplied money when the ERA was posted: it comes out of there, not cash
  const entries: EntryInput[] = r.entries.map((e) => (e.account === 'cash' ? { ...e, account: 'unapplied' } : e));
  const procedure = [svc.procedure.code, ...svc.procedure.modifiers].filter(Boolean).join('-');
  const detail: LineDetail = {
    svcIndex: input.svcIndex,
    lineId,
    billedCents: svc.charge,
    allowedCents: svc.amounts.find((a) => a.qualifier === 'B6')?.amount ?? null,
    paidCents: svc.paid,
    procedure,
    adjustments: r.adjustments,
    remarks: svc.remarks.filter((x) => x.qualifier === 'HE').map((x) => x.code),
    matchedBy: 'person',
  };
  if (svc.submittedProcedure)
    detail.submittedProcedure = [svc.submittedProcedure.code, ...svc.submittedProcedure.modifiers]
      .filter(Boolean)
      .join('-');
  const posting: PostingInput | null = entries.length
    ? {
        kind: 'apply_unapplied',
        effectiveDate: input.effectiveDate,
        memo: input.memo,
        entries,
        claimId: claim.claimId,
        patientId: claim.patientId,
        ...(input.remittanceId ? { remittanceId: input.remittanceId } : {}),
        ...(input.ediFileId ? { ediFileId: input.ediFileId } : {}),
      }
    : null;
  return {
    posting,
    detail,
    denials: reversal
      ? []
      : r.denials.map((d) => ({
          claimId: claim.claimId,
          serviceLineId: lineId,
          clpIndex: -1,
          group: d.group,
          reason: d.reason,
          cause: d.cause,
          amountCents: d.amount,
          remarks: detail.remarks,
          payerId: input.payerId,
        })),
    patientResponsibilityCents: r.patientResponsibility,
    appliedCents: svc.paid,
  };
}
