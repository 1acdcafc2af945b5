/** 835 posting, pure: integrity (hold reasons), matching, the posting plan, outcomes and the CARC map. */
export * from './carc-map.ts';
export * from './remit-types.ts';
export * from './remit-integrity.ts';
export * from './match-remittance.ts';
export { planMatchedClaim, planUnmatchedClaim, includedInterest, type ClaimPlanResult } from './plan-claim.ts';
export {
  planServiceOnLine,
  procedureParts,
  serviceToMatch,
  suggestLines,
  type ServiceToMatch,
  type LineSuggestion,
  type ServiceOnLineInput,
  type ServiceOnLinePlan,
} from './plan-line-match.ts';
export { planRemittance, RemittancePlanner, inferPayer } from './plan-remittance.ts';
export { claimOutcome, claimSummary, OUTCOME_WORDS } from './claim-outcome.ts';
export { adjudicationFrom835 } from './adjudication-from-835.ts';
export { PostedAdjudications, adjudicationKey, adjudicationsOf } from './posted-adjudications.ts';
export {
  matchDeposits,
  traceKey,
  type DepositMatch,
  type DepositToMatch,
  type RemittanceToMatch,
} from './deposit-matching.ts';
