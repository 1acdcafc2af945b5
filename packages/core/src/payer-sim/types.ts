/** Inputs and outputs of `adjudicate`. Money is integer cents. */
import type { Claim837, Party, PayerResponsibility } from '@medbill/x12/837';

/** A claim the payer received, with what it needs around it (from its 837 subscriber/patient loops). */
export interface ReceivedClaim {
  claim: Claim837;
  /** 2010BB payer id (NM109) */
  payerId: string;
  /** SBR of the subscriber loop: SBR01 order, SBR09 filing indicator */
  sbr: PayerResponsibility;
  /** 2010BA subscriber: NM109 is the member id */
  subscriber: Party;
  /** 2010CA patient when not the subscriber */
  patient?: Party;
}

/** CARC group codes: CO contractual, PR patient responsibility, OA other, PI payer initiated. */
export type AdjustmentGroup = 'CO' | 'PR' | 'OA' | 'PI';

export interface AdjustmentResult {
  group: AdjustmentGroup;
  /** CARC */
  reason: string;
  amountCents: number;
}

export interface LineResult {
  /** 1-based line number in the claim */
  line: number;
  chargeCents: number;
  allowedCents: number;
  paidCents: number;
  adjustments: AdjustmentResult[];
  /** RARC (835 LQ*HE) */
  remarks: string[];
  /** true when a denial reason (not pricing or cost sharing) applied */
  denied: boolean;
}

export type AdjudicationStatus = 'paid' | 'partial' | 'denied';

export interface AdjudicationResult {
  claimId: string;
  status: AdjudicationStatus;
  /** CLP02: 1/2/3 processed as primary/secondary/tertiary, 4 denied */
  claimStatusCode: string;
  chargeCents: number;
  allowedCents: number;
  paidCents: number;
  patientResponsibilityCents: number;
  lines: LineResult[];
  /** claim-level RARC (835 MOA) */
  claimRemarks: string[];
  /** the payer the claim was crossed over to (835 NM1*TT name and payer id), when it was */
  crossoverTo?: { payerId: string; payerName: string };
}
