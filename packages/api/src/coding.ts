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
  institutional: z.record(z.string(), z.unknown()).nullable(),
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
