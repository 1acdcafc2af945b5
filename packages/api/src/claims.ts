/**
 * The claims stage's contract: claim lists and details, scrubbing, batches, submission, acknowledgments and
 * printed claims. Each route's request and response schema lives here; the server validates and serialises
 * through them and the web takes its types from them.
 */
import { CLAIM_EVENT_CAUSES, CLAIM_KINDS, CLAIM_STATES, VOID_DISPOSITIONS } from '@medbill/core';
import { z } from 'zod';
import { cents, date, id, listQuery, page, timestamp } from './common.ts';
import { encounterRecord, serviceLine } from './coding.ts';
import { scrubEdit } from './issues.ts';

export const claimState = z.enum(CLAIM_STATES);

// ---- lists and summary ----

export const listClaimsQuery = z.strictObject({
  ...listQuery,
  state: claimState.optional(),
  patientId: id.optional(),
  payerId: id.optional(),
  batchId: id.optional(),
});
export type ListClaimsInput = z.infer<typeof listClaimsQuery>;

export const claimListItem = z.object({
  id: z.number().int(),
  claimNumber: z.string(),
  state: claimState,
  kind: z.enum(CLAIM_KINDS),
  totalChargeCents: cents,
  rejectionReason: z.string().nullable(),
  updatedAt: timestamp,
  batchId: z.number().int().nullable(),
  payerClaimNumber: z.string().nullable(),
  serviceDateFrom: date,
  patientId: z.number().int(),
  firstName: z.string(),
  lastName: z.string(),
  accountNumber: z.string(),
  payerName: z.string(),
  editCount: z.number().int(),
});
export type ClaimListItem = z.infer<typeof claimListItem>;
export const claimList = page(claimListItem);
export type ClaimList = z.infer<typeof claimList>;

export const claimSummary = z.object({
  counts: z.record(claimState, z.number().int()),
  scrubbed: z.number().int(),
  cleanAtFirstScrub: z.number().int(),
  cleanClaimRate: z.number().nullable(),
});
export type ClaimSummary = z.infer<typeof claimSummary>;

// ---- one claim ----

export const claimEvent = z.object({
  id: z.number().int(),
  claimId: z.number().int(),
  fromState: claimState.nullable(),
  toState: claimState,
  occurredAt: timestamp,
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  reason: z.string(),
  /** why, typed (scrub, ack_999, ack_277ca, remittance…); null only on events older than the column */
  cause: z.enum(CLAIM_EVENT_CAUSES).nullable(),
  fileId: z.number().int().nullable(),
});
export type ClaimEvent = z.infer<typeof claimEvent>;

export const fileRef = z.object({
  id: z.number().int(),
  direction: z.enum(['inbound', 'outbound']),
  kind: z.string(),
  fileName: z.string(),
  createdAt: timestamp,
});
export type FileRef = z.infer<typeof fileRef>;

export const claimRecord = z.object({
  id: z.number().int(),
  claimNumber: z.string(),
  encounterId: z.number().int(),
  coverageId: z.number().int(),
  payerId: z.number().int(),
  kind: z.enum(CLAIM_KINDS),
  frequencyCode: z.string(),
  originalPayerClaimNumber: z.string().nullable(),
  payerClaimNumber: z.string().nullable(),
  state: claimState,
  totalChargeCents: cents,
  edits: z.array(scrubEdit),
  scrubbedAt: timestamp.nullable(),
  batchId: z.number().int().nullable(),
  rejectionReason: z.string().nullable(),
  /** the claim this replacement (frequency 7) or void (8) takes the place of */
  replacesClaimId: z.number().int().nullable(),
  /** a void (8): what becomes of the voided claim's balance once the payer's reversal is posted */
  voidDisposition: z.enum(VOID_DISPOSITIONS).nullable(),
  /** a void (8): why, as the person said it */
  voidReason: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const claimDetail = claimRecord.extend({
  encounter: encounterRecord,
  patient: z.object({
    id: z.number().int(),
    firstName: z.string(),
    lastName: z.string(),
    accountNumber: z.string(),
    birthDate: date,
  }),
  payer: z.object({ id: z.number().int(), name: z.string(), payerCode: z.string() }),
  diagnoses: z.array(z.string()),
  lines: z.array(serviceLine),
  events: z.array(claimEvent),
  files: z.array(fileRef),
  /** the claim this one replaces or voids, and the corrected or void claims made of this one */
  linked: z.array(
    z.object({
      id: z.number().int(),
      claimNumber: z.string(),
      frequencyCode: z.string(),
      state: claimState,
      relation: z.enum(['replaces', 'replaced_by']),
    }),
  ),
});
export type ClaimDetail = z.infer<typeof claimDetail>;

export const PRINT_MODES = ['full', 'overlay'] as const;
export const printClaimQuery = z.strictObject({ mode: z.enum(PRINT_MODES).default('full') });

// ---- scrubbing ----

export const scrubClaimsBody = z.strictObject({ claimIds: z.array(id).max(5000).optional() });
export const scrubOutcome = z.object({
  claimId: z.number().int(),
  claimNumber: z.string(),
  state: z.enum(['ready', 'draft']),
  edits: z.array(scrubEdit),
});
export type ScrubOutcome = z.infer<typeof scrubOutcome>;
export const scrubResult = z.object({ outcomes: z.array(scrubOutcome) });
export type ScrubResult = z.infer<typeof scrubResult>;

export const createClaimBody = z.strictObject({ coverageOrder: z.number().int().min(1).max(3).optional() });
export const created = z.object({ id: z.number().int() });
export type Created = z.infer<typeof created>;

// ---- corrected and void claims ----

/** `correct`: a replacement claim (frequency 7) carrying the re-coded encounter; `void`: a void (8) of the claim. */
export const REPLACEMENT_KINDS = ['correct', 'void'] as const;
/**
 * A void says what becomes of the voided claim's balance once the payer's reversal is posted: `rebill` (to the next
 * coverage active on the date of service, else the patient) or `write_off` (billed in error; needs the write-off
 * permission and a reason). There is no default: a void without it is refused.
 */
export const voidDisposition = z.enum(VOID_DISPOSITIONS, {
  message: 'say what becomes of the balance: rebill (next coverage or the patient) or write_off (billed in error)',
});
export const replaceClaimBody = z
  .strictObject({
    kind: z.enum(REPLACEMENT_KINDS, { message: 'is correct (a replacement claim) or void' }),
    reason: z.string().trim().max(500, 'is at most 500 characters').optional(),
    disposition: voidDisposition.optional(),
  })
  .refine((b) => b.kind !== 'void' || b.disposition !== undefined, {
    message:
      'is required for a void: rebill or write_off (what becomes of the balance once the payer takes the claim back)',
    path: ['disposition'],
  });
export type ReplaceClaimInput = z.infer<typeof replaceClaimBody>;
export const replacementResult = z.object({
  claimId: z.number().int(),
  claimNumber: z.string(),
  frequencyCode: z.enum(['7', '8']),
  replacesClaimId: z.number().int(),
  replacesClaimNumber: z.string(),
  originalPayerClaimNumber: z.string(),
});
export type ReplacementResult = z.infer<typeof replacementResult>;
