/**
 * The entries one service line gets from an 835: the payment, and each adjustment by what its group and
 * reason mean (REMITTANCE.md): PR moves to the next party (the patient, or the next payer), contractual
 * reductions are adjusted off, the prior payer's share on a secondary is not posted again, and denials
 * stay open for the worklist. Everything is recorded in the line's detail with how it was posted.
 */
import { adjustmentEntries, insurancePaymentEntries, transferEntries } from '../ledger/entries.ts';
import type { AdjustmentGroup, EntryInput, LineRef, Party } from '../ledger/ledger-types.ts';
import type { Cents } from '../ledger/money.ts';
import { carcCategory, type DenialCause } from './carc-map.ts';
import type { LineDetail, NextParty } from './remit-types.ts';

export interface CasInput {
  group: string;
  reason: string;
  amount: Cents;
}

export interface LinePostingContext {
  payerId: number;
  next: NextParty;
  /** a secondary or tertiary adjudication: the prior payer's share (OA 23) is not posted again */
  nonPrimary: boolean;
  reference?: string;
}

export interface LinePostingResult {
  entries: EntryInput[];
  adjustments: LineDetail['adjustments'];
  /** what stays open with the payer (denials), positive */
  open: Cents;
  denials: Array<{ group: string; reason: string; cause: DenialCause; amount: Cents }>;
  patientResponsibility: Cents;
}

const GROUPS = new Set(['CO', 'PR', 'OA', 'PI', 'CR']);

export function emptyLineResult(): LinePostingResult {
  return { entries: [], adjustments: [], open: 0, denials: [], patientResponsibility: 0 };
}

export function postPayment(out: LinePostingResult, line: LineRef, ctx: LinePostingContext, paid: Cents): void {
  out.entries.push(...insurancePaymentEntries(line, ctx.payerId, paid, ctx.reference));
}

export function postAdjustment(out: LinePostingResult, line: LineRef, ctx: LinePostingContext, cas: CasInput): void {
  if (cas.amount === 0) return;
  const payer: Party = { kind: 'payer', payerId: ctx.payerId };
  const group = (GROUPS.has(cas.group) ? cas.group : 'OA') as AdjustmentGroup;
  const { category, cause } = carcCategory(cas.reason);
  const record = (posted: LineDetail['adjustments'][number]['posted']): void => {
    out.adjustments.push({ group: cas.group, reason: cas.reason, amountCents: cas.amount, posted });
  };
  if (group === 'PR') {
    out.entries.push(
      ...transferEntries(line, payer, ctx.next.party, cas.amount, {
        group: 'PR',
        reason: cas.reason,
        ...(ctx.next.claimId !== line.claimId ? { toClaimId: ctx.next.claimId } : {}),
      }),
    );
    out.patientResponsibility += cas.amount;
    if (category === 'denial') out.denials.push({ group, reason: cas.reason, cause: cause!, amount: cas.amount });
    return record('transfer');
  }
  switch (category) {
    case 'contractual':
    case 'patient':
      out.entries.push(...adjustmentEntries(line, payer, group, cas.reason, cas.amount));
      return record('adjustment');
    case 'paid_to_patient':
      out.entries.push(...transferEntries(line, payer, { kind: 'patient' }, cas.amount, { group, reason: cas.reason }));
      out.patientResponsibility += cas.amount;
      return record('transfer');
    case 'prior_payer':
      if (ctx.nonPrimary) return record('not_posted');
      out.open += cas.amount;
      out.denials.push({ group, reason: cas.reason, cause: 'coordination_of_benefits', amount: cas.amount });
      return record('open');
    case 'denial':
      out.open += cas.amount;
      out.denials.push({ group, reason: cas.reason, cause: cause!, amount: cas.amount });
      return record('open');
  }
}

export function mergeLineResults(into: LinePostingResult, from: LinePostingResult): void {
  into.entries.push(...from.entries);
  into.adjustments.push(...from.adjustments);
  into.open += from.open;
  into.denials.push(...from.denials);
  into.patientResponsibility += from.patientResponsibility;
}

/** What the payer is owed on the line by these entries (its `ar` rows). */
export function payerArOf(entries: readonly EntryInput[], payerId: number): Cents {
  let t = 0;
  for (const e of entries)
    if (e.account === 'ar' && e.party?.kind === 'payer' && e.party.payerId === payerId) t += e.amount;
  return t;
}

/**
 * A line's adjustments. On a secondary or tertiary claim the payer is owed only what the earlier payers
 * left, and payers report their predecessors' share differently (all as OA 23, or OA 23 for the payment and
 * CO 45 for the primary's contractual): patient responsibility moves first, then other adjustments are
 * taken only up to what this payer is still owed on the line; the rest is the earlier payers' part, shown
 * and not posted again. A reversal of a secondary posts its payment and patient responsibility back only.
 */
export function postAdjustments(
  out: LinePostingResult,
  line: LineRef,
  ctx: LinePostingContext,
  list: readonly CasInput[],
  owedBefore: Cents,
  reversal: boolean,
): void {
  if (!ctx.nonPrimary) {
    for (const a of list) postAdjustment(out, line, ctx, a);
    return;
  }
  const notPosted = (a: CasInput, amount: Cents) =>
    out.adjustments.push({ group: a.group, reason: a.reason, amountCents: amount, posted: 'not_posted' });
  const ordered = [...list.filter((a) => a.group === 'PR'), ...list.filter((a) => a.group !== 'PR')];
  for (const a of ordered) {
    if (a.group === 'PR' || carcCategory(a.reason).category === 'prior_payer' || (!reversal && a.amount < 0)) {
      postAdjustment(out, line, ctx, a);
      continue;
    }
    if (reversal) {
      notPosted(a, a.amount);
      continue;
    }
    const room = Math.max(0, owedBefore + payerArOf(out.entries, ctx.payerId));
    const take = Math.min(a.amount, room);
    if (take > 0) postAdjustment(out, line, ctx, { ...a, amount: take });
    if (a.amount - take > 0) notPosted(a, a.amount - take);
  }
}
