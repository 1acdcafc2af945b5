/**
 * Entry pairs, one function per kind of money movement on a service line. Each returns balanced
 * entries (they add up to zero) or nothing for a zero amount; negative amounts undo (reversals).
 */
import type { AdjustmentGroup, EntryInput, LineRef, Party } from './ledger-types.ts';
import { assertCents, type Cents } from './money.ts';

const payerOf = (p: Party): number | undefined => (p.kind === 'payer' ? p.payerId : undefined);

function ar(line: LineRef, party: Party, amount: Cents, rest: Omit<EntryInput, 'account' | 'amount'>): EntryInput {
  return { ...rest, account: 'ar', amount, line, party };
}

function pair(debit: EntryInput, creditAccount: EntryInput['account'], extra: Partial<EntryInput> = {}): EntryInput[] {
  const { party: _party, ...rest } = debit;
  return [debit, { ...rest, ...extra, account: creditAccount, amount: -debit.amount }];
}

/** The line is billed: the party owes the charge. */
export function chargeEntries(line: LineRef, party: Party, amount: Cents): EntryInput[] {
  if (assertCents(amount) === 0) return [];
  return pair(ar(line, party, amount, { kind: 'charge', payerId: payerOf(party) }), 'gross_charges');
}

/** A payer paid on the line. */
export function insurancePaymentEntries(
  line: LineRef,
  payerId: number,
  amount: Cents,
  reference?: string,
): EntryInput[] {
  if (assertCents(amount) === 0) return [];
  const ref = reference ? { reference } : {};
  return pair(ar(line, { kind: 'payer', payerId }, -amount, { kind: 'insurance_payment', payerId, ...ref }), 'cash');
}

/** The patient paid on the line. */
export function patientPaymentEntries(line: LineRef, amount: Cents, reference?: string): EntryInput[] {
  if (assertCents(amount) === 0) return [];
  const ref = reference ? { reference } : {};
  return pair(ar(line, { kind: 'patient' }, -amount, { kind: 'patient_payment', ...ref }), 'cash');
}

/** A payer adjustment (CAS CO/OA/PI/CR) taken off what `party` owes. */
export function adjustmentEntries(
  line: LineRef,
  party: Party,
  group: AdjustmentGroup,
  reason: string,
  amount: Cents,
): EntryInput[] {
  if (assertCents(amount) === 0) return [];
  return pair(ar(line, party, -amount, { kind: 'adjustment', group, reason, payerId: payerOf(party) }), 'adjustments');
}

/** What `from` owed moves to `to` (PR to the patient or the next payer, or a person's transfer). */
export function transferEntries(
  line: LineRef,
  from: Party,
  to: Party,
  amount: Cents,
  why: { group?: AdjustmentGroup; reason?: string; toClaimId?: number } = {},
): EntryInput[] {
  if (assertCents(amount) === 0) return [];
  const tag = {
    kind: 'transfer' as const,
    ...(why.group ? { group: why.group } : {}),
    ...(why.reason ? { reason: why.reason } : {}),
  };
  const toLine = why.toClaimId ? { ...line, claimId: why.toClaimId } : line;
  return [
    ar(line, from, -amount, { ...tag, payerId: payerOf(from) }),
    ar(toLine, to, amount, { ...tag, payerId: payerOf(to) }),
  ];
}

/** A person writes the balance off (reason: bad debt, small balance, timely filing, …). */
export function writeOffEntries(line: LineRef, party: Party, amount: Cents, reason: string): EntryInput[] {
  if (assertCents(amount) === 0) return [];
  return pair(ar(line, party, -amount, { kind: 'write_off', reason, payerId: payerOf(party) }), 'write_offs');
}

/** Money paid back to whoever overpaid: the credit on the line is taken out of cash. */
export function refundEntries(line: LineRef, party: Party, amount: Cents, reference?: string): EntryInput[] {
  if (assertCents(amount) === 0) return [];
  const ref = reference ? { reference } : {};
  return pair(ar(line, party, amount, { kind: 'refund', payerId: payerOf(party), ...ref }), 'cash');
}

/** Money received that cannot be applied to a line yet (unknown claim, a patient's credit on account). */
export function unappliedEntries(
  amount: Cents,
  owner: { payerId?: number; patientId?: number; claimId?: number; reference?: string },
): EntryInput[] {
  if (assertCents(amount) === 0) return [];
  const tag: Partial<EntryInput> = {};
  if (owner.payerId) tag.payerId = owner.payerId;
  if (owner.patientId) tag.patientId = owner.patientId;
  if (owner.claimId) tag.claimId = owner.claimId;
  if (owner.reference) tag.reference = owner.reference;
  return [
    { ...tag, account: 'cash', kind: 'unapplied', amount },
    { ...tag, account: 'unapplied', kind: 'unapplied', amount: -amount },
  ];
}

/** Prompt-pay interest a payer added to a claim payment. */
export function interestEntries(amount: Cents, payerId: number, claimId?: number, reference?: string): EntryInput[] {
  if (assertCents(amount) === 0) return [];
  const tag = { payerId, ...(claimId ? { claimId } : {}), ...(reference ? { reference } : {}) };
  return [
    { ...tag, account: 'cash', kind: 'interest', amount },
    { ...tag, account: 'interest', kind: 'interest', amount: -amount },
  ];
}

/**
 * An 835 PLB item: positive amounts reduce the payment (the payer keeps money), negative add to it.
 * Interest (L6) goes to `interest`; everything else stays on the payer's provider balance, where a
 * recoupment and its later settlement (WO, FB with the same reference) net out.
 */
export function providerAdjustmentEntries(
  payerId: number | null,
  reason: string,
  amount: Cents,
  reference?: string,
): EntryInput[] {
  if (assertCents(amount) === 0) return [];
  const tag = {
    kind: 'provider_adjustment' as const,
    reason,
    ...(payerId ? { payerId } : {}),
    ...(reference ? { reference } : {}),
  };
  return [
    { ...tag, account: reason === 'L6' ? 'interest' : 'provider_balance', amount },
    { ...tag, account: 'cash', amount: -amount },
  ];
}
