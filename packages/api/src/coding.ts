/** The coding stage's contract: encounters with their diagnoses and service lines. */
import { CLAIM_KINDS, CLAIM_STATES, ENCOUNTER_STATUSES } from '@medbill/core';
import { z } from 'zod';
import { cents, date, timestamp } from './common.ts';

export const serviceLine = z.object({
  id: z.number().int(),
  encounterId: z.number().int(),
  lineNumber: z.number().int(),
  procedureCode: z.string(),
  modifiers: z.array(z.string()),
  units: z.number().int(),
  chargeCents: cents,
  chargeOverrideReason: z.string().nullable(),
  diagnosisPointers: z.array(z.number().int()),
  serviceDate: date,
  revenueCode: z.string().nullable(),
  /** 11-digit NDC (2410 LIN*N4) with its quantity and unit (CTP04/CTP05) */
  ndc: z.string().nullable(),
  ndcQuantity: z.union([z.string(), z.number()]).nullable(),
  ndcUnit: z.string().nullable(),
});
export type ServiceLine = z.infer<typeof serviceLine>;

/**
 * What an encounter billed on a UB-04 / 837I carries (NUBC codes), as stored and answered: the server's request
 * schema checks each code's form; this describes the result. Dates are YYYY-MM-DD, hours 00–23.
 */
export const institutionalDetailsView = z.object({
  /** 3 digits (131) or 4 with the leading zero (0131) */
  typeOfBill: z.string(),
  admissionDate: date.optional(),
  admissionHour: z.string().optional(),
  /** FL 14 priority (type) of admission, FL 15 point of origin, FL 17 patient discharge status */
  admissionType: z.string().optional(),
  admissionSource: z.string().optional(),
  patientStatus: z.string().optional(),
  dischargeHour: z.string().optional(),
  /** ICD-10-CM codes without the dot */
  admittingDiagnosis: z.string().optional(),
  reasonForVisit: z.array(z.string()).optional(),
  externalCauses: z.array(z.string()).optional(),
  /** ICD-10-PCS procedures with their dates; the first is the principal procedure */
  procedures: z.array(z.object({ code: z.string(), date })).optional(),
  occurrences: z.array(z.object({ code: z.string(), date })).optional(),
  occurrenceSpans: z.array(z.object({ code: z.string(), from: date, to: date })).optional(),
  values: z.array(z.object({ code: z.string(), amountCents: cents })).optional(),
  conditions: z.array(z.string()).optional(),
  operatingProviderId: z.number().int().optional(),
  otherOperatingProviderId: z.number().int().optional(),
});
export type InstitutionalDetailsView = z.infer<typeof institutionalDetailsView>;

export const encounterRecord = z.object({
  id: z.number().int(),
  patientId: z.number().int(),
  practiceId: z.number().int(),
  renderingProviderId: z.number().int(),
  referringProviderId: z.number().int().nullable(),
  kind: z.enum(CLAIM_KINDS),
  placeOfService: z.string(),
  serviceDateFrom: date,
  serviceDateTo: date,
  priorAuthorization: z.string().nullable(),
  noteText: z.string(),
  institutional: institutionalDetailsView.nullable(),
  status: z.enum(ENCOUNTER_STATUSES),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type EncounterRecord = z.infer<typeof encounterRecord>;

export const encounterListItem = z.object({
  id: z.number().int(),
  patientId: z.number().int(),
  serviceDateFrom: date,
  placeOfService: z.string(),
  status: z.enum(ENCOUNTER_STATUSES),
  kind: z.enum(CLAIM_KINDS),
  firstName: z.string(),
  lastName: z.string(),
  accountNumber: z.string(),
});
export const encounterList = z.object({ items: z.array(encounterListItem) });
export type EncounterList = z.infer<typeof encounterList>;
export type EncounterListItem = z.infer<typeof encounterListItem>;

export const encounterDetail = encounterRecord.extend({
  diagnoses: z.array(z.string()),
  diagnosisPoa: z.array(z.string().nullable()),
  lines: z.array(serviceLine),
  claims: z.array(
    z.object({
      id: z.number().int(),
      claimNumber: z.string(),
      state: z.enum(CLAIM_STATES),
      totalChargeCents: cents,
      /** 1 original, 7 corrected, 8 void */
      frequencyCode: z.string(),
      replacesClaimId: z.number().int().nullable(),
    }),
  ),
});
export type EncounterDetail = z.infer<typeof encounterDetail>;

export const feeScheduleRecord = z.object({
  id: z.number().int(),
  practiceId: z.number().int(),
  name: z.string(),
  effectiveFrom: date,
  effectiveTo: date.nullable(),
  createdAt: timestamp,
});
export const feeScheduleList = z.object({ items: z.array(feeScheduleRecord) });
export const feeScheduleDetail = feeScheduleRecord.extend({
  items: z.array(z.object({ procedureCode: z.string(), modifier: z.string(), chargeCents: cents })),
});
export type FeeScheduleDetail = z.infer<typeof feeScheduleDetail>;
export const feeItemsReplaced = z.object({ id: z.number().int(), items: z.number().int() });
