export * from './validation/npi.ts';
export * from './validation/identifiers.ts';
export * from './validation/dates.ts';
export * from './claims/claim-state.ts';
export * from './claims/claim-status-words.ts';
export * from './claims/claim-status-request.ts';
export * from './claims/claim-replacement.ts';
export * from './claims/batch-state.ts';
export * from './claims/encounter-status.ts';
export * from './claims/claim-context.ts';
export * from './claims/claim-to-837.ts';
export * from './claims/claim-837.ts';
export * from './claims/institutional-837.ts';
export * from './claims/payer-kind.ts';
export * from './claims/service-line-label.ts';
export * from './claims/cob/payer-adjudication.ts';
export * from './claims/cob/cob-loops.ts';
export * from './claims/preventive-services.ts';
export * from './claims/scrub/x12-characters.ts';
export * from './claims/scrub/scrub-types.ts';
export type { Issue, IssueLocation, IssueSeverity } from '@medbill/x12';
export * from './claims/scrub/scrub-claim.ts';
export * from './claims/scrub/payer-rules.ts';
export * from './claims/render-837.ts';
export * as payerSim from './payer-sim/index.ts';
export {
  simulatePayer,
  adjudicate,
  demoContract,
  emptyAccumulators,
  seededRng,
  type SimulatePayerConfig,
  type SimulatePayerResult,
  type PayerContract,
  type Accumulators,
  type AdjudicationResult,
} from './payer-sim/index.ts';
export * as ledger from './ledger/index.ts';
export * as accounts from './accounts/index.ts';
