/**
 * The ledger's vocabulary. The ledger is double-entry: every posting is a set of entries whose amounts
 * add up to zero (positive = debit). Money owed to the practice sits in `ar`, one balance per service
 * line and party (the payer who owes it, or the patient); the other accounts say where it went.
 */
import type { Cents } from './money.ts';

export const ACCOUNTS = [
  'ar', // accounts receivable, per service line and party
  'gross_charges', // what was charged (credit)
  'adjustments', // contractual and other payer adjustments (CAS CO/OA/PI/CR; PR is a transfer)
  'write_offs', // adjustments a person decided (bad debt, small balance, timely filing…)
  'cash', // money received (insurance and patient payments) or paid out (refunds)
  'unapplied', // money received that is not yet applied to a line (unknown claim, patient credit)
  'provider_balance', // what a payer and the practice owe each other outside claims (835 PLB)
  'interest', // prompt-pay interest paid by payers
] as const;
export type Account = (typeof ACCOUNTS)[number];

export const ENTRY_KINDS = [
  'charge',
  'insurance_payment',
  'patient_payment',
  'adjustment',
  'transfer',
  'write_off',
  'refund',
  'interest',
  'provider_adjustment',
  'unapplied',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** CAS01 groups; CR is not valid in 5010 but arrives in older files and posts as a correction. */
export const ADJUSTMENT_GROUPS = ['CO', 'PR', 'OA', 'PI', 'CR'] as const;
export type AdjustmentGroup = (typeof ADJUSTMENT_GROUPS)[number];

export const POSTING_KINDS = [
  'charge', // a line billed for the first time
  'charge_correction', // the billed charge of a line changed (or the line was removed)
  'claim_payment', // one claim of an 835: payments, adjustments, transfers to the next party
  'claim_reversal', // an 835 claim with CLP02 22 (the payer takes its earlier adjudication back)
  'remittance_settlement', // an 835's provider-level adjustments (PLB) and money not tied to a claim
  'apply_unapplied', // money held as unapplied, applied to lines once a person matched it
  'patient_payment',
  'refund',
  'write_off',
  'transfer', // a balance moved between parties by a person (e.g. to the patient)
  'reversal', // undoes an earlier posting entry by entry
] as const;
export type PostingKind = (typeof POSTING_KINDS)[number];

/** Who owes an `ar` balance. */
export type Party = { kind: 'payer'; payerId: number } | { kind: 'patient' };

export const patientParty: Party = { kind: 'patient' };
export const payerParty = (payerId: number): Party => ({ kind: 'payer', payerId });

/** Where a service line sits: the line and what it belongs to, so every sum is one filter away. */
export interface LineRef {
  serviceLineId: number;
  claimId: number;
  patientId: number;
  practiceId: number;
}

export interface EntryInput {
  account: Account;
  kind: EntryKind;
  /** positive = debit; never zero */
  amount: Cents;
  line?: LineRef;
  /** the claim concerned when there is no line (e.g. interest on a claim) */
  claimId?: number;
  patientId?: number;
  practiceId?: number;
  /** for `ar`: who owes the amount; for cash and PLB: the payer who paid or adjusted */
  party?: Party;
  payerId?: number;
  group?: AdjustmentGroup;
  /** CARC, PLB reason, write-off reason */
  reason?: string;
  /** PLB reference, check number, payer claim number… */
  reference?: string;
}

export interface PostingInput {
  kind: PostingKind;
  /** accounting date YYYY-MM-DD (payment date, date of service for a charge) */
  effectiveDate: string;
  memo: string;
  claimId?: number;
  patientId?: number;
  remittanceId?: number;
  ediFileId?: number;
  reversesPostingId?: number;
  entries: EntryInput[];
}

/** A posting as stored (ids known). */
export interface StoredEntry extends EntryInput {
  id: number;
  postingId: number;
}

export interface StoredPosting extends Omit<PostingInput, 'entries'> {
  id: number;
  entries: StoredEntry[];
}
