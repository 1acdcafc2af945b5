/** 276/277 claim status (005010X212): shared status tree model (also used by the 277CA), builder, readers, flattening. */
export * from './status-model.ts';
export { build276, buildClaimStatus, type BuildStatusOptions } from './build-claim-status.ts';
export {
  read276,
  read277,
  readClaimStatus,
  type ReadStatusOptions,
  type ReadStatusResult,
} from './read-claim-status.ts';
export { claimStatuses, statusFamily, type ClaimStatusRow, type StatusFamily } from './claim-statuses.ts';
