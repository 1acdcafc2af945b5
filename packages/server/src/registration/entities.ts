/** The registration records: their create schemas (patch = every field optional) and audit categories. */
import { z } from 'zod';
import {
  ein,
  email,
  id,
  isoDate,
  longName,
  name,
  npi,
  optionalText,
  phone,
  sex,
  state,
  taxonomy,
  zip,
} from './fields.ts';

export const practiceCreate = z.strictObject({
  legalName: longName,
  npi,
  tin: ein,
  taxonomy,
  phone,
  serviceLine1: longName,
  serviceLine2: optionalText(55),
  serviceCity: name,
  serviceState: state,
  serviceZip: zip,
  payToLine1: optionalText(55),
  payToLine2: optionalText(55),
  payToCity: optionalText(30),
  payToState: state.nullable().optional(),
  payToZip: zip.nullable().optional(),
  /** the taxonomy the practice bills under on institutional claims (a facility's, e.g. 261QR1300X) */
  facilityTaxonomy: taxonomy.nullable().optional(),
  /** CLIA certificate for lab tests: 2 digits, D, 7 digits */
  cliaNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9]{2}D[0-9]{7}$/, 'A CLIA number is 2 digits, the letter D and 7 digits, e.g. 45D0123456')
    .nullable()
    .optional(),
});

export const providerCreate = z.strictObject({
  practiceId: id,
  npi,
  firstName: name,
  lastName: name,
  credential: optionalText(20),
  taxonomy,
});

/** SBR09 claim filing indicator codes (837P 005010X222A1), plus 09 for the self-pay pseudo-payer that is never sent on an 837. */
export const CLAIM_FILING_INDICATORS = [
  '09',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  'AM',
  'BL',
  'CH',
  'CI',
  'DS',
  'FI',
  'HM',
  'LM',
  'MA',
  'MB',
  'MC',
  'OF',
  'TV',
  'VA',
  'WC',
  'ZZ',
] as const;

/** a payer's follow-up days when none is set (the column's default) */
export const DEFAULT_FOLLOWUP_DAYS = 30;

export const payerCreate = z.strictObject({
  name: longName,
  payerCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{2,80}$/, 'A payer ID is 2–80 letters or digits'),
  claimFilingIndicator: z.enum(CLAIM_FILING_INDICATORS, {
    message: `must be a claim filing indicator code (SBR09): ${CLAIM_FILING_INDICATORS.join(', ')}`,
  }),
  timelyFilingDays: z.coerce.number().int().min(1, 'must be at least 1 day').max(3650),
  /** days without a 277CA or 835 before a claim goes to the follow-up worklist (30 unless set; cleared: 30 again) */
  followupDays: z
    .preprocess(
      (v) => (v === null || v === '' ? DEFAULT_FOLLOWUP_DAYS : v),
      z.coerce.number().int().min(1, 'must be at least 1 day').max(365, 'may be at most 365 days'),
    )
    .optional(),
  line1: optionalText(55),
  line2: optionalText(55),
  city: optionalText(30),
  state: state.nullable().optional(),
  zip: zip.nullable().optional(),
});

const address = {
  line1: longName,
  line2: optionalText(55),
  city: name,
  state,
  zip,
};

export const guarantorCreate = z.strictObject({
  firstName: name,
  lastName: name,
  birthDate: isoDate('Date of birth', { notFuture: true }).nullable().optional(),
  phone,
  email,
  ...address,
});

export const patientCreate = z.strictObject({
  accountNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,20}$/, 'An account number is 1–20 letters, digits or dashes')
    .optional(),
  firstName: name,
  middleName: optionalText(25),
  lastName: name,
  birthDate: isoDate('Date of birth', { notFuture: true }),
  sex,
  phone,
  email,
  guarantorId: id.nullable().optional(),
  ...address,
});

/** SBR02 individual relationship codes in 837P. */
export const RELATIONSHIP_CODES = ['18', '01', '19', '20', '21', '39', '40', '53', 'G8'] as const;

export const coverageFields = z.strictObject({
  patientId: id,
  payerId: id,
  coverageOrder: z.coerce.number().int().min(1).max(3),
  memberId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{2,80}$/, 'A member ID is 2–80 letters, digits or dashes'),
  groupNumber: optionalText(50),
  relationshipCode: z.enum(RELATIONSHIP_CODES, {
    message: 'must be 18 (self), 01 (spouse), 19 (child), 20, 21, 39, 40, 53 or G8 (other)',
  }),
  subscriberFirstName: name,
  subscriberLastName: name,
  subscriberBirthDate: isoDate('Subscriber date of birth', { notFuture: true }).nullable().optional(),
  subscriberSex: sex.nullable().optional(),
  effectiveDate: isoDate('Effective date'),
  endDate: isoDate('End date').nullable().optional(),
  /** SBR05 when Medicare pays after another plan: 12 working aged, 13 ESRD, 14 no-fault, 15 workers' comp, 16 public health, 41 black lung, 42 VA, 43 disabled, 47 other liability */
  mspType: z
    .enum(['12', '13', '14', '15', '16', '41', '42', '43', '47'], {
      message: 'must be a Medicare secondary payer type: 12, 13, 14, 15, 16, 41, 42, 43 or 47',
    })
    .nullable()
    .optional(),
});

const datesInOrder = (c: { effectiveDate?: string; endDate?: string | null }) =>
  !c.endDate || !c.effectiveDate || c.endDate >= c.effectiveDate;
const DATES_MESSAGE = { path: ['endDate'], message: 'End date cannot be before the effective date' };
export const coverageCreate = coverageFields.refine(datesInOrder, DATES_MESSAGE);
export const coveragePatch = coverageFields.omit({ patientId: true }).partial().refine(datesInOrder, DATES_MESSAGE);
