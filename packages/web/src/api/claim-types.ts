/**
 * Shapes of the coding and claims API (encounters, code search and edits, claims, batches, X12 files): inferred
 * from @medbill/api's response schemas, which the server answers through; never written out here by hand
 * (e2e/web-api-types.test.ts fails on a hand-written shape in this folder).
 */
import type {
  BatchDetail as ApiBatchDetail,
  BatchListItem,
  ClaimDetail as ApiClaimDetail,
  ClaimEvent as ApiClaimEvent,
  ClaimListItem,
  ClaimSummary as ApiClaimSummary,
  ClearinghouseListItem,
  CodeSearchAnswer,
  CodingEdit,
  EdiFile as ApiEdiFile,
  EncounterDetail,
  EncounterListItem,
  FileRef as ApiFileRef,
  ReplacementResult as ApiReplacementResult,
  ScrubEditView,
  ServiceLine as ApiServiceLine,
} from '@medbill/api';

export { CLAIM_STATES, type ClaimState } from '@medbill/core';

export type EncounterStatus = EncounterListItem['status'];
export type EncounterRow = EncounterListItem;
export type ServiceLine = ApiServiceLine;
export type ClaimRef = EncounterDetail['claims'][number];
export type Encounter = EncounterDetail;
export type CodeHit = CodeSearchAnswer['items'][number];
/** a coding edit: `location.field` is the input's path ('diagnoses[0]', 'procedures[1]'), `location.code` the code */
export type CodeEdit = CodingEdit;
export type ClaimRow = ClaimListItem;
export type ClaimSummary = ApiClaimSummary;
/** a claim's scrub edit: `location.field` is the claim field to fix */
export type ClaimEdit = ScrubEditView;
export type ClaimEvent = ApiClaimEvent;
export type FileRef = ApiFileRef;
export type ClaimDetail = ApiClaimDetail;
export type ReplacementResult = ApiReplacementResult;
export type Clearinghouse = ClearinghouseListItem;
export type BatchRow = BatchListItem;
export type BatchDetail = ApiBatchDetail;
export type EdiFile = ApiEdiFile;
