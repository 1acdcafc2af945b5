/** Batches (837 interchanges), their submission to a clearinghouse, the files that come back, and X12 files. */
import { BATCH_STATES, CLAIM_KINDS } from '@medbill/core';
import { z } from 'zod';
import { cents, id, timestamp } from './common.ts';
import { claimState, fileRef } from './claims.ts';
import { receivedFileIssue } from './issues.ts';

export const batchRecord = z.object({
  id: z.number().int(),
  clearinghouseId: z.number().int(),
  payerId: z.number().int(),
  kind: z.enum(CLAIM_KINDS),
  state: z.enum(BATCH_STATES),
  interchangeControlNumber: z.number().int(),
  groupControlNumber: z.number().int(),
  claimCount: z.number().int(),
  totalChargeCents: cents,
  fileId: z.number().int().nullable(),
  ackFileId: z.number().int().nullable(),
  createdAt: timestamp,
  submittedAt: timestamp.nullable(),
});
export const batchListItem = batchRecord.extend({ payerName: z.string() });
export type BatchListItem = z.infer<typeof batchListItem>;
export const batchList = z.object({ items: z.array(batchListItem) });
export type BatchList = z.infer<typeof batchList>;

export const batchDetail = batchRecord.extend({
  claims: z.array(
    z.object({
      id: z.number().int(),
      claimNumber: z.string(),
      state: claimState,
      totalChargeCents: cents,
      rejectionReason: z.string().nullable(),
    }),
  ),
  files: z.array(fileRef.extend({ status: z.string() })),
});
export type BatchDetail = z.infer<typeof batchDetail>;

export const buildBatchesBody = z.strictObject({ clearinghouseId: id, claimIds: z.array(id).max(5000).optional() });
export const builtBatch = z.object({
  batchId: z.number().int(),
  payerId: z.number().int(),
  kind: z.enum(CLAIM_KINDS),
  claimIds: z.array(z.number().int()),
  interchangeControlNumber: z.number().int(),
  fileId: z.number().int(),
  fileName: z.string(),
});
export type BuiltBatch = z.infer<typeof builtBatch>;
export const builtBatches = z.object({ batches: z.array(builtBatch) });
export type BuiltBatches = z.infer<typeof builtBatches>;

export const submitBatchesBody = z.strictObject({ batchIds: z.array(id).max(1000).optional() });
export const sentBatch = z.object({
  batchId: z.number().int(),
  fileName: z.string(),
  remotePath: z.string(),
  resent: z.boolean(),
});
export type SentBatch = z.infer<typeof sentBatch>;
export const submitResult = z.object({ sent: z.array(sentBatch) });
export type SubmitResult = z.infer<typeof submitResult>;

export const pollBody = z.strictObject({});
export const inboundFileResult = z.object({
  fileName: z.string(),
  kind: z.string(),
  duplicate: z.boolean(),
  claimsMoved: z.number().int(),
  problems: z.array(z.string()),
});
export type InboundFileResult = z.infer<typeof inboundFileResult>;
/** An entry of the inbound folder that is not picked up (hidden or odd name, link, folder), and why. */
export const skippedFile = z.object({ name: z.string(), reason: z.string() });
export type SkippedFile = z.infer<typeof skippedFile>;
/** A received file held back for an admin (not X12 text, for another submitter, failed to apply), and why. */
export const quarantinedFile = z.object({ id: z.number().int(), fileName: z.string(), reason: z.string() });
export type QuarantinedFile = z.infer<typeof quarantinedFile>;
export const pollResult = z.object({
  files: z.array(inboundFileResult),
  quarantined: z.array(quarantinedFile),
  skipped: z.array(skippedFile),
});
export type PollResult = z.infer<typeof pollResult>;

export const ediFile = z.object({
  id: z.number().int(),
  direction: z.enum(['inbound', 'outbound']),
  kind: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  content: z.string(),
  clearinghouseId: z.number().int().nullable(),
  status: z.string(),
  /** what went wrong taking a received file in (a 999's errors, a claim not ours, an 835 held), one issue each */
  issues: z.array(receivedFileIssue),
  createdAt: timestamp,
  processedAt: timestamp.nullable(),
});
export type EdiFile = z.infer<typeof ediFile>;

/** A held inbound file as the quarantine list shows it (the bytes stay on the server). */
export const quarantineEntry = z.object({
  id: z.number().int(),
  clearinghouseId: z.number().int().nullable(),
  fileName: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  reason: z.string(),
  reasonCode: z.enum(['not_text', 'not_x12', 'other_receiver', 'failed']),
  status: z.enum(['held', 'released', 'discarded']),
  receivedAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export type QuarantineEntry = z.infer<typeof quarantineEntry>;
export const quarantineList = z.object({ items: z.array(quarantineEntry) });
export type QuarantineList = z.infer<typeof quarantineList>;
export const quarantineListQuery = z.strictObject({ status: z.enum(['held', 'released', 'discarded']).optional() });
export const quarantineDecisionBody = z.strictObject({ note: z.string().trim().max(500).optional() });
/** Released: taken in as received (`file`); still held: why (`reason`); discarded. */
export const quarantineDecision = z.object({
  id: z.number().int(),
  status: z.enum(['held', 'released', 'discarded']),
  reason: z.string().nullable(),
  file: inboundFileResult.nullable(),
});
export type QuarantineDecision = z.infer<typeof quarantineDecision>;
