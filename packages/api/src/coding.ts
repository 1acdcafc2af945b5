/** The coding stage's contract: encounters with their diagnoses and service lines. */
import { CLAIM_KINDS, ENCOUNTER_STATUSES } from '@medbill/core';
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
