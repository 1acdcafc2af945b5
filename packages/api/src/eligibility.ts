/** Eligibility answers (270/271) as the routes send them: the answer as received, explained in words. */
import { z } from 'zod';

const network = z.enum(['in', 'out', 'any']);
const amount = z.object({ network, level: z.string(), serviceTypes: z.array(z.string()), cents: z.number().int() });
const rate = z.object({ network, level: z.string(), serviceTypes: z.array(z.string()), fraction: z.number() });
const accumulator = z.object({
  network,
  level: z.string(),
  total: z.number().int().optional(),
  met: z.number().int().optional(),
  remaining: z.number().int().optional(),
  period: z.string().optional(),
});
const serviceNote = z.object({
  serviceTypes: z.array(z.string()),
  label: z.string(),
  procedure: z.string().optional(),
  messages: z.array(z.string()),
});

export const benefitsViewSchema = z.object({
  date: z.string(),
  status: z.enum(['active', 'inactive', 'not_found', 'unknown']),
  planName: z.string().optional(),
  insuranceType: z.string().optional(),
  planBegin: z.string().optional(),
  planEnd: z.string().optional(),
  copays: z.array(amount),
  officeVisitCopay: amount.optional(),
  coinsurance: z.array(rate),
  deductibles: z.array(accumulator),
  outOfPocket: z.array(accumulator),
  notCovered: z.array(serviceNote),
  authorizationRequired: z.array(serviceNote),
  limitations: z.array(serviceNote),
  otherPayers: z.array(z.string()),
  primaryCareProvider: z.string().optional(),
  problems: z.array(z.string()),
  sentences: z.array(z.string()),
});

export const eligibilityCheckSchema = z.object({
  id: z.number().int(),
  patientId: z.number().int(),
  coverageId: z.number().int(),
  payerId: z.number().int(),
  payerName: z.string(),
  serviceDate: z.string(),
  serviceTypes: z.array(z.string()),
  procedures: z.array(z.string()),
  traceNumber: z.string(),
  status: z.enum(['sent', 'answered', 'rejected', 'failed']),
  requestedBy: z.string(),
  requestedAt: z.string(),
  answeredAt: z.string().nullable(),
  problem: z.string().nullable(),
  requestFileId: z.number().int().nullable(),
  responseFileId: z.number().int().nullable(),
  benefits: benefitsViewSchema.nullable(),
});

export const eligibilityCheckList = z.object({ items: z.array(eligibilityCheckSchema) });
export type EligibilityCheck = z.infer<typeof eligibilityCheckSchema>;
export type EligibilityCheckList = z.infer<typeof eligibilityCheckList>;
export type BenefitsView = z.infer<typeof benefitsViewSchema>;
