/** The eligibility check's request body (its answers' schemas are @medbill/api's eligibility.ts). */
import { z } from 'zod';
import { id, isoDate } from '../registration/fields.ts';

const code = (what: string, re: RegExp) => z.string().trim().toUpperCase().regex(re, `is not a ${what}`);

export const checkEligibilityBody = z.strictObject({
  coverageId: id.optional(),
  serviceDate: isoDate('Date of service').optional(),
  serviceTypes: z
    .array(code('service type code (1365)', /^[A-Z0-9]{1,2}$/))
    .max(10)
    .optional(),
  procedures: z
    .array(code('HCPCS or CPT code', /^[A-Z0-9]{5}$/))
    .max(10)
    .optional(),
  practiceId: id.optional(),
});
