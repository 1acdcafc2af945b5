/**
 * The denial worklist's contract: denied and underpaid lines with their root cause in words, and the actions
 * that work them (assign, note, write off, move to the patient, corrected or void claim, appeal letter).
 */
import { z } from 'zod';
import { voidDisposition } from './claims.ts';
import { cents, date, id, listQuery, page, timestamp } from './common.ts';

export const DENIAL_STATUSES = [
  'open',
  'appealed',
  'corrected',
  'voided',
  'written_off',
  'transferred',
  'resolved',
  'reversed',
] as const;
export const denialStatus = z.enum(DENIAL_STATUSES);
export type DenialStatus = z.infer<typeof denialStatus>;

/** `status` is one status or several joined by commas (default: open and appealed). */
export const listDenialsQuery = z.strictObject({
  ...listQuery,
  status: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(denialStatus))
    .optional(),
  cause: z.string().max(40).optional(),
  kind: z.enum(['denied', 'underpaid']).optional(),
  payerId: id.optional(),
  assignedUserId: id.optional(),
  claimId: id.optional(),
});
export type ListDenialsInput = z.output<typeof listDenialsQuery>;

export const remark = z.object({ code: z.string(), text: z.string() });

export const denialItem = z.object({
  id: z.number().int(),
  kind: z.enum(['denied', 'underpaid']),
  claimId: z.number().int(),
  claimNumber: z.string(),
  claimState: z.string(),
  patientId: z.number().int(),
  patientName: z.string(),
  payerId: z.number().int(),
  payerName: z.string(),
  lineId: z.number().int().nullable(),
  procedure: z.string().nullable(),
  serviceDate: date.nullable(),
  group: z.string().nullable(),
  reason: z.string().nullable(),
  /** the CARC in words, or the shortfall against the contract */
  reasonText: z.string(),
  cause: z.string(),
  causeLabel: z.string(),
  remarks: z.array(remark),
  amountCents: cents,
  expectedCents: cents.nullable(),
  deniedOn: date,
  ageDays: z.number().int(),
  appealDeadline: date.nullable(),
  daysLeft: z.number().int().nullable(),
  priority: z.number(),
  status: denialStatus,
  assignedUserId: z.number().int().nullable(),
  assignedTo: z.string().nullable(),
  followUpOn: date.nullable(),
  notes: z.number().int(),
  remittanceId: z.number().int(),
});
export type DenialItem = z.infer<typeof denialItem>;
export const denialList = page(denialItem).extend({
  /** open amount by root cause over the whole filter (not just this page) */
  byCause: z.array(z.object({ cause: z.string(), label: z.string(), count: z.number().int(), amountCents: cents })),
});
export type DenialList = z.infer<typeof denialList>;

export const denialNote = z.object({ at: timestamp, username: z.string().nullable(), note: z.string() });
export const denialDetail = denialItem.extend({ history: z.array(denialNote) });
export type DenialDetail = z.infer<typeof denialDetail>;

export const assignDenialBody = z.strictObject({
  assignedUserId: id.nullable().optional(),
  followUpOn: z.iso.date().nullable().optional(),
});
export const denialNoteBody = z.strictObject({ note: z.string().trim().min(1).max(4000) });
export const denialReasonBody = z.strictObject({
  reason: z.string().trim().min(3, 'say why, in a few words').max(500),
});
export const replaceDeniedClaimBody = denialReasonBody
  .extend({ kind: z.enum(['correct', 'void']), disposition: voidDisposition.optional() })
  .refine((b) => b.kind !== 'void' || b.disposition !== undefined, {
    message:
      'is required for a void: rebill or write_off (what becomes of the balance once the payer takes the claim back)',
    path: ['disposition'],
  });

export const denialActionResult = z.object({
  denialId: z.number().int(),
  status: denialStatus,
  message: z.string(),
  amountCents: cents.optional(),
  claimId: z.number().int().optional(),
  claimNumber: z.string().optional(),
});
export type DenialActionResult = z.infer<typeof denialActionResult>;

export const appealLetterBody = z.strictObject({
  argument: z.string().trim().min(10, 'state the argument for the appeal').max(8000),
  attachments: z.array(z.string().trim().min(1).max(200)).max(30).default([]),
});
export type AppealLetterInput = z.input<typeof appealLetterBody>;

export const appealTemplate = z.object({
  name: z.string(),
  body: z.string(),
  /** null: the template medbill ships (never changed by this office) */
  updatedAt: timestamp.nullable(),
  /** the {{placeholders}} a letter fills in */
  placeholders: z.array(z.string()),
});
export type AppealTemplate = z.infer<typeof appealTemplate>;
export const appealTemplateBody = z.strictObject({ body: z.string().min(20).max(20000) });
/** A template's letter as it would print, filled with an example claim and denial (nothing saved). */
export const appealTemplatePreview = z.object({
  text: z.string(),
  /** placeholders the template names that medbill does not know (saving it is refused) */
  unknownPlaceholders: z.array(z.string()),
});
export type AppealTemplatePreview = z.infer<typeof appealTemplatePreview>;

// ---- contracts: what a payer allows per code, effective-dated (underpayments are measured against them) ----

export const payerContractBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  effectiveFrom: z.iso.date(),
  effectiveTo: z.iso.date().nullable().optional(),
  rates: z
    .array(
      z.strictObject({
        procedureCode: z.string().regex(/^[A-Z0-9]{5}$/, 'is not a 5-character procedure code'),
        modifier: z
          .string()
          .regex(/^[A-Z0-9]{2}$/, 'is not a 2-character modifier')
          .optional(),
        allowedCents: z.number().int().min(0).max(100_000_000),
      }),
    )
    .min(1)
    .max(20_000),
});
export type PayerContractInput = z.infer<typeof payerContractBody>;
export const payerContractItem = z.object({
  id: z.number().int(),
  payerId: z.number().int(),
  payerName: z.string(),
  name: z.string(),
  effectiveFrom: date,
  effectiveTo: date.nullable(),
  /** how many codes it prices */
  rates: z.number().int(),
});
export type PayerContractItem = z.infer<typeof payerContractItem>;
export const payerContractList = z.object({ items: z.array(payerContractItem) });
export type PayerContractList = z.infer<typeof payerContractList>;
export const payerContractSaved = z.object({ contractId: z.number().int(), rates: z.number().int() });
export type PayerContractSaved = z.infer<typeof payerContractSaved>;
export const payerContractParams = z.strictObject({ id, contractId: id });
/** One code's allowed amount in a contract (set or changed). */
export const contractRateBody = z.strictObject({
  procedureCode: z.string().regex(/^[A-Z0-9]{5}$/, 'is not a 5-character procedure code'),
  modifier: z
    .string()
    .regex(/^[A-Z0-9]{2}$/, 'is not a 2-character modifier')
    .optional(),
  allowedCents: z.number().int().min(0).max(100_000_000),
});
export const contractRateSaved = z.object({
  contractId: z.number().int(),
  procedureCode: z.string(),
  modifier: z.string(),
  allowedCents: cents,
  /** what it allowed before, null when the code was new to the contract */
  previousCents: cents.nullable(),
});
export type ContractRateSaved = z.infer<typeof contractRateSaved>;
/** One contract with what it allows per code and modifier ('' = any modifier). */
export const payerContractDetail = payerContractItem.extend({
  items: z.array(z.object({ procedureCode: z.string(), modifier: z.string(), allowedCents: cents })),
});
export type PayerContractDetail = z.infer<typeof payerContractDetail>;
