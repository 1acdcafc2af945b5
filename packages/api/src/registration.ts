/**
 * The registration stage's contract: practices, providers, payers, guarantors, patients and coverages as the
 * API shows them (camelCase of their columns), a patient with their coverages and guarantor, an ended coverage.
 */
import { z } from 'zod';
import { date, page, timestamp } from './common.ts';

export const practiceRecord = z.object({
  id: z.number(),
  legalName: z.string(),
  npi: z.string(),
  tin: z.string(),
  taxonomy: z.string(),
  phone: z.string().nullable(),
  serviceLine1: z.string(),
  serviceLine2: z.string().nullable(),
  serviceCity: z.string(),
  serviceState: z.string(),
  serviceZip: z.string(),
  payToLine1: z.string().nullable(),
  payToLine2: z.string().nullable(),
  payToCity: z.string().nullable(),
  payToState: z.string().nullable(),
  payToZip: z.string().nullable(),
  facilityTaxonomy: z.string().nullable(),
  cliaNumber: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type PracticeRecord = z.infer<typeof practiceRecord>;

export const providerRecord = z.object({
  id: z.number(),
  practiceId: z.number(),
  npi: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  credential: z.string().nullable(),
  taxonomy: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type ProviderRecord = z.infer<typeof providerRecord>;

export const payerRecord = z.object({
  id: z.number(),
  name: z.string(),
  payerCode: z.string(),
  claimFilingIndicator: z.string(),
  timelyFilingDays: z.number(),
  appealDays: z.number(),
  followupDays: z.number(),
  line1: z.string().nullable(),
  line2: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  zip: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type PayerRecord = z.infer<typeof payerRecord>;

export const guarantorRecord = z.object({
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  state: z.string(),
  zip: z.string(),
  id: z.number(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: date.nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type GuarantorRecord = z.infer<typeof guarantorRecord>;

export const patientRecord = z.object({
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  state: z.string(),
  zip: z.string(),
  id: z.number(),
  accountNumber: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  lastName: z.string(),
  birthDate: date,
  sex: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  guarantorId: z.number().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type PatientRecord = z.infer<typeof patientRecord>;

export const coverageRecord = z.object({
  id: z.number(),
  patientId: z.number(),
  payerId: z.number(),
  coverageOrder: z.number(),
  memberId: z.string(),
  groupNumber: z.string().nullable(),
  relationshipCode: z.string(),
  subscriberFirstName: z.string(),
  subscriberLastName: z.string(),
  subscriberBirthDate: date.nullable(),
  subscriberSex: z.string().nullable(),
  effectiveDate: date,
  endDate: date.nullable(),
  mspType: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type CoverageRecord = z.infer<typeof coverageRecord>;

export const coverageWithPayer = coverageRecord.extend({ payerName: z.string(), payerCode: z.string() });
export type CoverageWithPayer = z.infer<typeof coverageWithPayer>;
export const patientDetail = patientRecord.extend({
  coverages: z.array(coverageWithPayer),
  guarantor: guarantorRecord.nullable(),
});
export type PatientDetail = z.infer<typeof patientDetail>;

/** What ending a coverage answers: the coverage, and the claims on it for visits after the end date. */
export const endedCoverage = coverageRecord.extend({
  claimsAfterEnd: z.array(
    z.object({ id: z.number().int(), claimNumber: z.string(), state: z.string(), serviceDateFrom: date }),
  ),
});
export type EndedCoverage = z.infer<typeof endedCoverage>;

export const practiceList = page(practiceRecord);
export const providerList = page(providerRecord);
export const payerList = page(payerRecord);
export const guarantorList = page(guarantorRecord);
export const patientList = page(patientRecord);
export const coverageList = page(coverageRecord);
