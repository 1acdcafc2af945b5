/** What the 835 planner works from (our claims as loaded) and what it decides (postings, outcomes, worklists). */
import type { Cents } from '../ledger/money.ts';
import type { LineRef, Party, PostingInput } from '../ledger/ledger-types.ts';
import type { DenialCause } from './carc-map.ts';

/** One of our service lines as billed. */
export interface OurLine {
  id: number;
  lineNumber: number;
  code: string;
  modifiers: string[];
  units: number;
  chargeCents: Cents;
  /** YYYY-MM-DD */
  date: string;
}

/** One of our claims an 835 may speak of, with its encounter's lines. */
export interface OurClaim {
  claimId: number;
  claimNumber: string;
  payerId: number;
  payerClaimNumber: string | null;
  encounterId: number;
  patientId: number;
  practiceId: number;
  /** 1 primary, 2 secondary, 3 tertiary */
  coverageOrder: number;
  state: string;
  patientName?: { last: string; first: string };
  lines: OurLine[];
}

/** Who the patient responsibility of a claim goes to once it is adjudicated. */
export interface NextParty {
  party: Party;
  /** the claim that bills it (the secondary claim), or the adjudicated claim itself */
  claimId: number;
}

export interface PlanContext {
  /** our payer id of this remittance, when N1*PR / REF*2U / TRN03 named one we know */
  payerId: number | null;
  /** payment date YYYY-MM-DD (BPR16, else the production date) */
  effectiveDate: string;
  remittanceId?: number;
  ediFileId?: number;
  /** our claims by claim number (CLM01) and by the payer's claim number, and every claim of an encounter */
  byClaimNumber: ReadonlyMap<string, OurClaim>;
  byPayerClaimNumber: ReadonlyMap<string, OurClaim>;
  byEncounter: ReadonlyMap<number, readonly OurClaim[]>;
  /** balances per line and party before this remittance (kept in step while planning) */
  balances: import('../ledger/balances.ts').BalanceBook;
  /**
   * what each payer's adjudications posted on these lines before this remittance (kept in step while planning): a
   * reversal (CLP02 22) may take back only that; without it a reversal is posted as the payer sends it
   */
  posted?: import('./posted-adjudications.ts').PostedAdjudications;
  /** where the patient responsibility of an adjudicated claim goes; the patient when absent */
  nextParty: ReadonlyMap<number, NextParty>;
  /** the contracted allowed amount for a line from this payer, when a contract covers it */
  expectedAllowed?: (line: OurLine, payerId: number) => Cents | null;
  /**
   * A person released a held file: whatever does not balance is still posted, the unexplained
   * difference of a claim held as unapplied on it and the file's as a provider-level difference (DIFF),
   * so the ledger gets exactly the money the payer sent.
   */
  acceptDifferences?: boolean;
}

export type ClaimOutcome =
  | 'paid'
  | 'partially_paid'
  | 'denied'
  | 'paid_with_line_denials'
  | 'reversed'
  | 'forwarded'
  | 'predetermination';

export interface MatchedLine {
  svcIndex: number;
  lineId: number | null;
  how:
    | 'line_control_number'
    | 'procedure_date_charge'
    | 'procedure_date'
    | 'procedure'
    | 'submitted_procedure'
    | 'allocated'
    | null;
}

export interface LineDetail {
  svcIndex: number;
  lineId: number | null;
  billedCents: Cents;
  allowedCents: Cents | null;
  paidCents: Cents;
  procedure: string;
  submittedProcedure?: string;
  adjustments: Array<{
    group: string;
    reason: string;
    amountCents: Cents;
    posted: 'adjustment' | 'transfer' | 'open' | 'not_posted';
  }>;
  remarks: string[];
  matchedBy: MatchedLine['how'] | 'person';
  /** YYYY-MM-DD as the 835 gives it, kept for a line no line of ours matched (a person matches it later) */
  serviceDate?: string;
}

export interface PlannedClaim {
  clpIndex: number;
  patientControlNumber: string;
  statusCode: string;
  payerClaimNumber: string;
  claimId: number | null;
  matchedBy: 'claim_number' | 'payer_claim_number' | null;
  outcome: ClaimOutcome | 'unmatched';
  chargeCents: Cents;
  paidCents: Cents;
  patientResponsibilityCents: Cents;
  interestCents: Cents;
  /** what the payer's denials left open on the claim in this remittance */
  openCents: Cents;
  /** what this payer is owed on the claim's lines after the posting (all history, from the ledger) */
  payerBalanceCents: Cents;
  lines: LineDetail[];
  claimAdjustments: LineDetail['adjustments'];
  remarks: string[];
  /** index in RemittancePlan.postings, when something was posted */
  postingIndex: number | null;
  /** a sentence for the claim's event */
  summary: string;
  /** a claim we could not match: the patient (NM1*QC) and date of service as the 835 gives them, for a person to match */
  patientName?: string;
  serviceDate?: string;
}

export interface DenialItem {
  claimId: number;
  serviceLineId: number | null;
  clpIndex: number;
  group: string;
  reason: string;
  cause: DenialCause;
  amountCents: Cents;
  remarks: string[];
  payerId: number;
}

export interface UnderpaymentItem {
  claimId: number;
  serviceLineId: number;
  clpIndex: number;
  payerId: number;
  expectedAllowedCents: Cents;
  allowedCents: Cents;
  differenceCents: Cents;
}

/**
 * What an unmatched item holds: a claim we could not match (`claim`), one SVC (`service`), every SVC of a claim none
 * of whose services matched a line (`services`), or what a claim's lines do not explain of its payment (`difference`).
 * Decided when the item is planned and kept with it: the claim's stored lines change once a person posts them.
 */
export type UnmatchedHeldAs = 'claim' | 'service' | 'services' | 'difference';

export interface UnmatchedItem {
  kind: 'claim' | 'line';
  heldAs: UnmatchedHeldAs;
  clpIndex: number;
  svcIndex?: number;
  claimId?: number;
  amountCents: Cents;
  description: string;
}

export interface RemittancePlan {
  postings: PostingInput[];
  claims: PlannedClaim[];
  denials: DenialItem[];
  underpayments: UnderpaymentItem[];
  unmatched: UnmatchedItem[];
  /** cash the postings bring in: equals BPR02 for a balanced file */
  cashCents: Cents;
}

export type { LineRef };
