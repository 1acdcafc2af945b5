/** What an encounter request holds: the visit, its diagnoses and service lines. */
import { z } from 'zod';
import { id, isoDate, listQuery, X12_SEPARATOR_MESSAGE } from '../registration/fields.ts';
import { institutionalDetails } from '../claims/institutional-schema.ts';

const code = (re: RegExp, what: string) => z.string().trim().toUpperCase().regex(re, `is not ${what}`);
export const encounterBody = z.strictObject({
  patientId: id,
  practiceId: id,
  renderingProviderId: id,
  referringProviderId: id.nullable().optional(),
  kind: z.enum(['professional', 'institutional']).optional(),
  placeOfService: z.string().regex(/^\d{2}$/, 'is a 2-digit place of service code'),
  serviceDateFrom: isoDate('Date of service'),
  serviceDateTo: isoDate('Last date of service').optional(),
  priorAuthorization: z
    .string()
    .trim()
    .max(50)
    .refine((v) => !/[*~:^]/.test(v), X12_SEPARATOR_MESSAGE)
    .nullable()
    .optional(),
  noteText: z.string().max(100_000).optional(),
  institutional: institutionalDetails.nullable().optional(),
  diagnoses: z.array(code(/^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/, 'an ICD-10-CM code')).max(12),
  /** present on admission of each diagnosis, same order (inpatient bills) */
  diagnosisPoa: z
    .array(z.enum(['Y', 'N', 'U', 'W'], { message: 'is a present-on-admission indicator: Y, N, U or W' }).nullable())
    .max(12)
    .optional(),
  lines: z
    .array(
      z.strictObject({
        // institutional lines may go with a revenue code alone (room and board)
        procedureCode: code(/^(|[0-9]{4}[0-9FTU]|[A-V][0-9]{4})$/, 'a CPT or HCPCS code'),
        modifiers: z
          .array(code(/^[0-9A-Z]{2}$/, 'a modifier'))
          .max(4)
          .optional(),
        units: z.number().int().min(1).max(9999),
        chargeCents: z.number().int().min(0).max(99_999_999).optional(),
        chargeOverrideReason: z.string().trim().max(200).optional(),
        diagnosisPointers: z.array(z.number().int().min(1).max(12)).min(1).max(4),
        serviceDate: isoDate('Line date').optional(),
        revenueCode: z
          .string()
          .regex(/^\d{4}$/)
          .nullable()
          .optional(),
        ndc: z
          .string()
          .regex(/^\d{11}$/, 'is an NDC in the 11-digit 5-4-2 form without dashes (pad with leading zeros)')
          .nullable()
          .optional(),
        ndcQuantity: z.number().positive().max(99_999_999).nullable().optional(),
        ndcUnit: z.enum(['F2', 'GR', 'ME', 'ML', 'UN'], { message: 'is F2, GR, ME, ML or UN' }).nullable().optional(),
      }),
    )
    .max(50),
});
export const codingBody = encounterBody.pick({ diagnoses: true, diagnosisPoa: true, lines: true });
export const encounterQuery = z.strictObject({
  ...listQuery,
  status: z.enum(['to_code', 'coded', 'billed']).optional(),
  patientId: id.optional(),
});
export const claimFromEncounterBody = z.strictObject({ coverageOrder: z.number().int().min(1).max(3).optional() });
export type EncounterBody = z.infer<typeof encounterBody>;
export type CodingInput = z.infer<typeof codingBody>;
export type EncounterQuery = z.infer<typeof encounterQuery>;
