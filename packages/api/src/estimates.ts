/** Cost estimates for a planned visit and the Good Faith Estimate (No Surprises Act) of a self-pay patient. */
import { z } from 'zod';
import { cents, date, id, timestamp } from './common.ts';

const procedureCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^([0-9]{4}[0-9FTU]|[A-V][0-9]{4})$/, 'is not a CPT or HCPCS code');

export const estimateBody = z.strictObject({
  serviceDate: z.iso.date('is not a date (YYYY-MM-DD)').optional(),
  lines: z
    .array(
      z.strictObject({
        code: procedureCode,
        modifiers: z
          .array(
            z
              .string()
              .trim()
              .toUpperCase()
              .regex(/^[0-9A-Z]{2}$/, 'is a 2-character modifier'),
          )
          .max(4)
          .optional(),
        units: z.number().int('is a whole number').min(1).max(999).optional(),
      }),
    )
    .min(1, 'name at least one service')
    .max(50),
  selfPay: z.boolean().optional(),
  coverageId: id.optional(),
  practiceId: id.optional(),
  providerId: id.optional(),
  diagnosisCodes: z
    .array(
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/, 'is not an ICD-10-CM code'),
    )
    .max(12)
    .optional(),
  description: z.string().trim().max(300).optional(),
});
export type EstimateBody = z.infer<typeof estimateBody>;

export const estimateLine = z.object({
  code: z.string(),
  description: z.string(),
  units: z.number().int(),
  chargeCents: cents,
  allowedCents: cents,
  /** where the allowed amount came from: the payer's contract, its latest remittance, or the charge itself */
  allowedFrom: z.enum(['contract', 'remittance', 'charge']).optional(),
  contractualCents: cents,
  copayCents: cents,
  deductibleCents: cents,
  coinsuranceCents: cents,
  notCoveredCents: cents,
  insurancePaysCents: cents,
  patientOwesCents: cents,
});

export const estimateView = z.object({
  id: z.number().int(),
  patientId: z.number().int(),
  patientName: z.string(),
  serviceDate: date,
  /** uninsured or self-pay: a Good Faith Estimate prints */
  goodFaith: z.boolean(),
  payerName: z.string().nullable(),
  eligibilityCheckId: z.number().int().nullable(),
  eligibilityAnsweredAt: timestamp.nullable(),
  diagnosisCodes: z.array(z.string()),
  description: z.string(),
  lines: z.array(estimateLine),
  chargeCents: cents,
  allowedCents: cents,
  insurancePaysCents: cents,
  patientOwesCents: cents,
  notes: z.array(z.string()),
  createdBy: z.string(),
  createdAt: timestamp,
});
export type EstimateView = z.infer<typeof estimateView>;
export const estimateList = z.object({ items: z.array(estimateView) });
export type EstimateList = z.infer<typeof estimateList>;
