/**
 * The remittance (835) contract: the ERA list, an ERA's posting view (each claim and line with its adjustments
 * and remarks in words) and posting an uploaded 835 file.
 */
import { z } from 'zod';
import { cents, date, id, listQuery, page, timestamp } from './common.ts';
import { remark } from './denials.ts';

export const holdReason = z.object({
  code: z.string(),
  message: z.string(),
  equation: z.string().optional(),
  where: z.string().optional(),
});

export const listRemittancesQuery = z.strictObject({
  ...listQuery,
  status: z.enum(['posted', 'held', 'dismissed']).optional(),
  payerId: id.optional(),
  trace: z.string().max(50).optional(),
});

const remittanceBase = {
  id: z.number().int(),
  fileId: z.number().int(),
  fileName: z.string(),
  payerName: z.string(),
  payerId: z.number().int().nullable(),
  traceNumber: z.string(),
  paymentMethod: z.string(),
  paymentCents: cents,
  paymentDate: date.nullable(),
  claimCount: z.number().int(),
  status: z.enum(['posted', 'held', 'dismissed']),
  holdReasons: z.array(holdReason),
  postedAt: timestamp.nullable(),
  postedBy: z.string().nullable(),
  releaseReason: z.string().nullable(),
  receivedAt: timestamp,
};
export const remittanceItem = z.object({ ...remittanceBase, unmatched: z.number().int(), denied: z.number().int() });
export type RemittanceItem = z.infer<typeof remittanceItem>;
export const remittanceList = page(remittanceItem);
export type RemittanceList = z.infer<typeof remittanceList>;

export const postedAdjustment = z.object({
  group: z.string(),
  reason: z.string(),
  text: z.string(),
  amountCents: cents,
  posted: z.string(),
  cause: z.string().nullable(),
});

export const remittanceClaim = z.object({
  clpIndex: z.number().int(),
  claimId: z.number().int().nullable(),
  claimNumber: z.string().nullable(),
  patientName: z.string().nullable(),
  patientControlNumber: z.string(),
  payerClaimNumber: z.string(),
  statusCode: z.string(),
  outcome: z.string(),
  matchedBy: z.string().nullable(),
  chargeCents: cents,
  allowedCents: cents.nullable(),
  paidCents: cents,
  patientResponsibilityCents: cents,
  interestCents: cents,
  summary: z.string(),
  adjustments: z.array(postedAdjustment),
  remarks: z.array(remark),
  lines: z.array(
    z.object({
      lineId: z.number().int().nullable(),
      procedure: z.string(),
      submittedProcedure: z.string().nullable(),
      billedCents: cents,
      allowedCents: cents.nullable(),
      paidCents: cents,
      matchedBy: z.string().nullable(),
      adjustments: z.array(postedAdjustment),
      remarks: z.array(remark),
    }),
  ),
});
export type RemittanceClaim = z.infer<typeof remittanceClaim>;

export const remittanceDetail = z.object({
  ...remittanceBase,
  payeeName: z.string(),
  providerAdjustments: z.array(z.object({ reason: z.string(), reference: z.string().nullable(), amountCents: cents })),
  unmatched: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      amountCents: cents,
      description: z.string(),
      status: z.string(),
      suggestions: z.array(z.unknown()),
    }),
  ),
  claims: z.array(remittanceClaim),
});
export type RemittanceDetail = z.infer<typeof remittanceDetail>;

/** An 835 uploaded as text (a few MB at most: larger files come through the clearinghouse or the CLI). */
export const postRemittanceBody = z.strictObject({
  fileName: z.string().trim().min(1).max(200),
  text: z.string().min(1).max(5_000_000),
});
export const postRemittanceResult = z.object({
  status: z.enum(['posted', 'held', 'duplicate']),
  fileId: z.number().int().nullable(),
  message: z.string(),
  remittances: z.array(
    z.object({
      remittanceId: z.number().int().nullable(),
      traceNumber: z.string(),
      payerName: z.string(),
      paymentCents: cents,
      claimCount: z.number().int(),
      status: z.enum(['posted', 'held', 'duplicate']),
      message: z.string(),
    }),
  ),
  holdReasons: z.array(holdReason),
  claimsPosted: z.number().int(),
  claimsMoved: z.number().int(),
  secondaryClaims: z.number().int(),
  denials: z.number().int(),
  unmatched: z.number().int(),
});
export type PostRemittanceResultBody = z.infer<typeof postRemittanceResult>;

export const releaseRemittanceBody = z.strictObject({
  action: z.enum(['post', 'dismiss']),
  reason: z.string().trim().min(5, 'say why, in a few words').max(500),
});
