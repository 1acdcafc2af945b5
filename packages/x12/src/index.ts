// Public API of @medbill/x12. Shared file: append your exports, never rewrite others' lines.
export * from './syntax/types.ts';
export * from './syntax/issues.ts';
export * from './syntax/tokenizer.ts';
export * from './syntax/segment.ts';
export * from './syntax/writer.ts';
export { checkDelimiters, readIsaHeader, ISA_LENGTH, ISA_WIDTHS } from './syntax/isa-header.ts';
export * from './syntax/envelope.ts';
export * from './syntax/numbers.ts';
export * as x835 from './transactions/835/index.ts';
export {
  read835,
  stream835,
  Remit835Stream,
  REMIT_CODES,
  type Remit835Event,
  type Remittance835,
  type ClaimPayment,
  type ServicePayment,
  type ProviderAdjustment,
  type HeaderNumber,
} from './transactions/835/index.ts';
export * from './transactions/registry.ts';
export { parseX12File, hasErrors, PARSE_CODES, type ParsedX12File, type ParsedTransaction } from './parse-file.ts';
export { prettyX12, prettySegments, segmentDepths } from './pretty.ts';
export {
  validateFile,
  validateTransaction,
  GUIDES,
  guideByKey,
  selectGuide,
  type ValidateFileResult,
  type TransactionResult,
  type GroupResult,
  type InterchangeResult,
  type ValidateFileOptions,
} from './guides/validate.ts';
export { GUIDE_CODES, type GuideCode, type GuideIssue } from './guides/guide-codes.ts';
export {
  build999,
  write999,
  read999,
  ta1FromValidation,
  buildTa1,
  writeTa1,
  readTa1,
  groupAcks,
  type Ack999,
  type GroupAck,
  type TransactionSetAck,
  type SegmentErrorAck,
  type ElementErrorAck,
  type Ta1,
} from './acks/index.ts';
export * as x837 from './transactions/837/index.ts';
export {
  build837,
  write837Body,
  read837,
  read837File,
  read837Stream,
  check837,
  checkBeforeBuild837,
  isValidNpi,
  claimFileFromClaims,
  claimsInFile,
  toTransactionSpec,
  type ClaimFile837,
  type ClaimInFile,
  type Claim837,
  type ClaimLine,
  type ClaimToSend,
  type Build837Options,
  type Read837Result,
  type Read837FileResult,
} from './transactions/837/index.ts';
export * as x27x from './transactions/270-271/index.ts';
export {
  build270,
  build271,
  read270,
  read271,
  summarizeBenefits,
  type EligibilityTransaction,
  type Eligibility270,
  type Eligibility271,
  type Benefit,
  type MemberBenefitSummary,
} from './transactions/270-271/index.ts';
export * as x276 from './transactions/276-277/index.ts';
export {
  build276,
  buildClaimStatus,
  read276,
  read277,
  readClaimStatus,
  claimStatuses,
  statusFamily,
  type ClaimStatusTransaction,
  type ClaimStatusRow,
  type StatusInfo,
} from './transactions/276-277/index.ts';
export * as x277ca from './transactions/277ca/index.ts';
export {
  read277ca,
  read277Any,
  claimAcknowledgments,
  type ClaimAcknowledgment,
  type AcknowledgmentDecision,
} from './transactions/277ca/index.ts';
export { build835, REMIT_835_VERSION, type Build835Options } from './transactions/835/build-835.ts';
export {
  build277ca,
  totalsOf as claimAck277Totals,
  CLAIM_ACK_277_VERSION,
  type Build277caOptions,
  type ClaimAcknowledgment277,
  type ReceiverAck277,
  type ProviderAck277,
  type PatientAck277,
  type ClaimAck277,
  type Status277,
  type StatusCode277,
  type EntityName277,
  type Totals277,
} from './transactions/277ca/build-277ca.ts';
export { type Issue, isError } from './issue.ts';
export { EXTERNAL_CODES } from './guides/defs/external-codes.ts';
