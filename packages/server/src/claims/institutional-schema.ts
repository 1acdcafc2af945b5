/** What an encounter billed on a UB-04 / 837I may carry, as the API and CLI accept it (NUBC codes). */
import { X12_DELIMITERS } from '@medbill/core';
import { z } from 'zod';
import { id, isoDate } from '../registration/fields.ts';

const digits = (n: string, what: string) => z.string().regex(new RegExp(`^\\d{${n}}$`), `is ${what}`);
const hour = z.string().regex(/^([01]\d|2[0-3])$/, 'is an hour 00–23');
const dx = z
  .string()
  .trim()
  .toUpperCase()
  .transform((v) => v.replace('.', ''))
  .refine((v) => /^[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}$/.test(v), 'is not an ICD-10-CM code');
const nubc = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-Z]{2}$/, 'is a 2-character NUBC code')
  .refine((v) => !X12_DELIMITERS.some((d) => v.includes(d)));

export const institutionalDetails = z.strictObject({
  typeOfBill: z
    .string()
    .regex(/^0?[1-9][0-9][0-9A-Z]$/, 'is a type of bill: 3 digits (131) or 4 with a leading zero (0131)'),
  admissionDate: isoDate('Admission date').optional(),
  admissionHour: hour.optional(),
  admissionType: digits('1', 'a 1-digit priority (type) of admission').optional(),
  admissionSource: z
    .string()
    .regex(/^[0-9A-Z]$/, 'is a 1-character point of origin')
    .optional(),
  patientStatus: digits('2', 'a 2-digit patient discharge status').optional(),
  dischargeHour: hour.optional(),
  admittingDiagnosis: dx.optional(),
  reasonForVisit: z.array(dx).max(3).optional(),
  externalCauses: z.array(dx).max(12).optional(),
  procedures: z
    .array(
      z.strictObject({
        code: z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[0-9A-HJ-NP-Z]{7}$/, 'is not an ICD-10-PCS code (7 characters)'),
        date: isoDate('Procedure date'),
      }),
    )
    .max(25)
    .optional(),
  occurrences: z
    .array(z.strictObject({ code: nubc, date: isoDate('Occurrence date') }))
    .max(24)
    .optional(),
  occurrenceSpans: z
    .array(z.strictObject({ code: nubc, from: isoDate('Span start'), to: isoDate('Span end') }))
    .max(24)
    .optional(),
  values: z
    .array(z.strictObject({ code: nubc, amountCents: z.number().int().min(0).max(99_999_999) }))
    .max(24)
    .optional(),
  conditions: z.array(nubc).max(24).optional(),
  operatingProviderId: id.optional(),
  otherOperatingProviderId: id.optional(),
});

export type InstitutionalDetails = z.infer<typeof institutionalDetails>;
