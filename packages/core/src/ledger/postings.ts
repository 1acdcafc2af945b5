/** Whole postings for the actions people take (the 835 planner builds its own from the entry pairs). */
import {
  chargeEntries,
  patientPaymentEntries,
  refundEntries,
  transferEntries,
  unappliedEntries,
  writeOffEntries,
} from './entries.ts';
import type { EntryInput, LineRef, Party, PostingInput, StoredPosting } from './ledger-types.ts';
import { assertCents, type Cents } from './money.ts';

export function chargePosting(
  line: LineRef,
  party: Party,
  amount: Cents,
  effectiveDate: string,
  memo: string,
): PostingInput {
  return {
    kind: 'charge',
    effectiveDate,
    memo,
    claimId: line.claimId,
    patientId: line.patientId,
    entries: chargeEntries(line, party, amount),
  };
}

export interface PatientPaymentInput {
  patientId: number;
  effectiveDate: string;
  /** cash, check, card… and its number, kept as the reference */
  method: string;
  reference?: string;
  allocations: Array<{ line: LineRef; amount: Cents }>;
  /** paid beyond the allocations: kept as the patient's credit */
  onAccount?: Cents;
  memo?: string;
}

/** A patient payment spread over lines; what is not allocated stays as the patient's credit. */
export function patientPaymentPosting(p: PatientPaymentInput): PostingInput {
  const entries: EntryInput[] = [];
  const ref = p.reference ? `${p.method} ${p.reference}` : p.method;
  for (const a of p.allocations) entries.push(...patientPaymentEntries(a.line, assertCents(a.amount), ref));
  if (p.onAccount)
    entries.push(...unappliedEntries(assertCents(p.onAccount), { patientId: p.patientId, reference: ref }));
  return {
    kind: 'patient_payment',
    effectiveDate: p.effectiveDate,
    memo: p.memo ?? `patient payment (${ref})`,
    patientId: p.patientId,
    entries,
  };
}

export function writeOffPosting(
  line: LineRef,
  party: Party,
  amount: Cents,
  reason: string,
  effectiveDate: string,
  memo: string,
): PostingInput {
  return {
    kind: 'write_off',
    effectiveDate,
    memo,
    claimId: line.claimId,
    patientId: line.patientId,
    entries: writeOffEntries(line, party, amount, reason),
  };
}

export function transferPosting(
  line: LineRef,
  from: Party,
  to: Party,
  amount: Cents,
  effectiveDate: string,
  memo: string,
  why: { reason?: string; toClaimId?: number } = {},
): PostingInput {
  return {
    kind: 'transfer',
    effectiveDate,
    memo,
    claimId: line.claimId,
    patientId: line.patientId,
    entries: transferEntries(line, from, to, amount, why),
  };
}

export function refundPosting(
  line: LineRef,
  party: Party,
  amount: Cents,
  effectiveDate: string,
  memo: string,
  reference?: string,
): PostingInput {
  return {
    kind: 'refund',
    effectiveDate,
    memo,
    claimId: line.claimId,
    patientId: line.patientId,
    entries: refundEntries(line, party, amount, reference),
  };
}

/** Undoes a stored posting entry by entry (same accounts, parties and reasons, amounts negated). */
export function reversalPosting(original: StoredPosting, effectiveDate: string, memo: string): PostingInput {
  if (original.kind === 'reversal') throw new Error('a reversal is not reversed: post the original again instead');
  const out: PostingInput = {
    kind: 'reversal',
    effectiveDate,
    memo,
    reversesPostingId: original.id,
    entries: original.entries.map(({ id: _id, postingId: _p, ...e }) => ({ ...e, amount: -e.amount })),
  };
  if (original.claimId) out.claimId = original.claimId;
  if (original.patientId) out.patientId = original.patientId;
  return out;
}
