/** 277CA claim acknowledgment (005010X214): reader and accept/reject per claim. The model is the 276-277 status tree. */
export { read277ca, read277Any } from './read-277ca.ts';
export {
  claimAcknowledgments,
  decide,
  type ClaimAcknowledgment,
  type AcknowledgmentDecision,
} from './claim-acknowledgments.ts';
export * from './build-277ca.ts';
