/** Payer simulator: reads 837s and answers like a payer (999, 277CA, 835 adjudicated by contract). */
export {
  simulatePayer,
  type SimulatePayerConfig,
  type SimulatePayerResult,
  type PayerSlips,
  type SimulatedClaim,
} from './simulate-payer.ts';
export { adjudicate, type AdjudicateOptions } from './adjudicate.ts';
export { answerClaimStatus, type AnswerClaimStatusConfig, type ClaimStatusAnswer } from './answer-claim-status.ts';
export { answerEligibility, type AnswerEligibilityConfig, type EligibilityAnswer } from './answer-eligibility.ts';
export {
  emptyAccumulators,
  type Accumulators,
  type StoredAdjudication,
  type ReceivedClaimRecord,
} from './accumulators.ts';
export { reverseAdjudication, type Reversal } from './reverse-claim.ts';
export {
  codeMatches,
  feeFor,
  type PayerContract,
  type FeeRule,
  type CopayRule,
  type NonCoveredRule,
  type BundlingRule,
  type DiagnosisRule,
  type MemberCoverage,
  type PaymentSetup,
} from './contract.ts';
export { demoContract } from './demo-contract.ts';
export { frontEndEdit, REJECTIONS, type Rejection } from './claim-edits.ts';
export {
  remittanceFrom,
  filingIndicator,
  type AdjudicatedClaim,
  type RemittanceInput,
} from './remittance-from-results.ts';
export { claimsOf, type FiledClaim } from './claim-walk.ts';
export { seededRng, type Rng } from './rng.ts';
export type {
  AdjudicationResult,
  AdjudicationStatus,
  AdjustmentGroup,
  AdjustmentResult,
  ReceivedClaim,
  LineResult,
} from './types.ts';
