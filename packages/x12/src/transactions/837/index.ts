/** 837P (005010X222A1) and 837I (005010X223A2) claim files: typed model, builder, reader, checks. */
export * from './claim-model.ts';
export { build837, write837Body, type Build837Options } from './build-837.ts';
export { read837, Claim837Reader, type Read837Options, type Read837Result } from './read-837.ts';
export {
  read837File,
  read837Stream,
  type Read837FileResult,
  type Read837FileTransaction,
  type Read837FileOptions,
} from './read-837-file.ts';
export { check837, checkBeforeBuild837, isValidNpi, allClaims } from './check-837.ts';
export { claimsInFile, type ClaimInFile } from './claims-in-file.ts';
export { findSeparators } from '../common/separators.ts';
export { claimFileFromClaims, type ClaimToSend } from './group-claims.ts';
export type { Address, Contact, Demographics, EntityName } from '../common/party.ts';
export { toTransactionSpec, versionOf } from '../common/transaction-spec.ts';
export { TX_CODES, type TxCode } from '../common/issues.ts';
export { inLoopOrder, refsInGuideOrder, healthCodesInGuideOrder } from './guide-order.ts';
