/**
 * Missing payments: the follow-up worklist (claims with no 277CA or 835 after their payer's follow-up days) and
 * claim status inquiries (276 out, 277 in) with their answers in words.
 */
import { z } from 'zod';
import { cents, date, id, listQuery, page, timestamp, wholeNumber } from './common.ts';
import { claimState } from './claims.ts';

export const STATUS_INQUIRY_STATES = ['sent', 'answered', 'failed'] as const;
export const CLAIM_STATUS_OUTCOMES = [
  'received',
  'pending',
  'paid',
  'denied',
  'finalized',
  'rejected',
  'not_found',
  'error',
] as const;

/** One 276 asked about one claim, and the 277 that answered it (when it has). */
export const statusInquiry = z.object({
  id: z.number().int(),
  claimId: z.number().int(),
  claimNumber: z.string(),
  payerId: z.number().int(),
  payerName: z.string(),
  traceNumber: z.string(),
  status: z.enum(STATUS_INQUIRY_STATES),
  sentAt: timestamp,
  sentBy: z.string().nullable(),
  requestFileId: z.number().int(),
  answeredAt: timestamp.nullable(),
  responseFileId: z.number().int().nullable(),
  /** STC01: category (A1, P1, F1, F2 …), status code, entity */
  category: z.string().nullable(),
  statusCode: z.string().nullable(),
  entityCode: z.string().nullable(),
  outcome: z.enum(CLAIM_STATUS_OUTCOMES).nullable(),
  /** the status in words */
  words: z.string().nullable(),
  /** what to do next, from the outcome */
  advice: z.string().nullable(),
  payerClaimNumber: z.string().nullable(),
  chargeCents: cents.nullable(),
  paidCents: cents.nullable(),
  adjudicatedOn: date.nullable(),
  remittanceDate: date.nullable(),
  remittanceTrace: z.string().nullable(),
  problem: z.string().nullable(),
});
export type StatusInquiry = z.infer<typeof statusInquiry>;

export const followUpQuery = z.strictObject({ ...listQuery, payerId: id.optional() });
export type FollowUpQuery = z.infer<typeof followUpQuery>;

/** A claim waiting on the payer longer than the payer's follow-up days. */
export const followUpItem = z.object({
  claimId: z.number().int(),
  claimNumber: z.string(),
  state: claimState,
  totalChargeCents: cents,
  serviceDateFrom: date,
  patientId: z.number().int(),
  firstName: z.string(),
  lastName: z.string(),
  accountNumber: z.string(),
  payerId: z.number().int(),
  payerName: z.string(),
  /** the payer's follow-up days (no 277CA or 835 after this many days since the claim was sent) */
  followupDays: z.number().int(),
  submittedAt: timestamp,
  daysWaiting: z.number().int(),
  /** what has not come: the 277CA (claim not yet accepted) or the 835 */
  waitingFor: z.enum(['277CA', '835']),
  lastInquiry: statusInquiry.nullable(),
});
export type FollowUpItem = z.infer<typeof followUpItem>;
export const followUpList = page(followUpItem).extend({
  /** today, as the worklist counted days */
  asOf: date,
});
export type FollowUpList = z.infer<typeof followUpList>;

export const statusInquiryBody = z.strictObject({
  /** the claims to ask about; none: every claim on the follow-up worklist */
  claimIds: z.array(id).max(500).optional(),
  /** how long to wait for the 277s before answering (they are read at the next poll otherwise) */
  waitSeconds: wholeNumber(0, 60).default(5),
});
export type StatusInquiryInput = z.infer<typeof statusInquiryBody>;

export const statusInquiryResult = z.object({
  /** one per claim asked about, as it stands when the request answers */
  inquiries: z.array(statusInquiry),
  /** claims named that were not asked about, and why */
  skipped: z.array(z.object({ claimId: z.number().int(), claimNumber: z.string(), reason: z.string() })),
  /** the 276 files sent */
  files: z.array(z.object({ fileId: z.number().int(), fileName: z.string(), clearinghouse: z.string() })),
});
export type StatusInquiryResult = z.infer<typeof statusInquiryResult>;

export const claimStatusHistory = z.object({
  claimId: z.number().int(),
  claimNumber: z.string(),
  inquiries: z.array(statusInquiry),
});
export type ClaimStatusHistory = z.infer<typeof claimStatusHistory>;
