/**
 * Deposits: bank deposits (EFT or check) a person records from the bank statement, reconciled to the 835s that
 * paid them by TRN02 (the check or EFT trace) with the amounts compared; what is unmatched on either side.
 */
import { z } from 'zod';
import { cents, date, id, listQuery, page, timestamp } from './common.ts';

export const DEPOSIT_STATUSES = ['unmatched', 'matched', 'difference'] as const;
export type DepositStatus = (typeof DEPOSIT_STATUSES)[number];

const isoDay = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const depositBody = z.strictObject({
  depositedOn: z.string().regex(isoDay, 'is not a date (YYYY-MM-DD)'),
  amountCents: z
    .number({ error: 'is not an amount in cents' })
    .int('is not a whole number of cents')
    .min(1, 'must be more than zero')
    .max(99_999_999_999, 'is too large'),
  method: z.enum(['EFT', 'CHK'], { error: 'is EFT or CHK' }),
  traceNumber: z
    .string()
    .trim()
    .min(1, 'is required (the EFT trace or check number)')
    .max(50)
    .regex(/^[A-Za-z0-9 -]+$/, 'may hold letters, digits, spaces and dashes only'),
  payerId: id.optional(),
  memo: z.string().max(500).optional(),
});
export type DepositInput = z.infer<typeof depositBody>;

export const listDepositsQuery = z.strictObject({
  ...listQuery,
  status: z.enum(DEPOSIT_STATUSES).optional(),
});

/** A remittance as a deposit shows it. */
export const depositRemittance = z.object({
  id: z.number().int(),
  traceNumber: z.string(),
  payerName: z.string(),
  payerId: z.number().int().nullable(),
  paymentCents: cents,
  paymentMethod: z.string(),
  paymentDate: date.nullable(),
  status: z.enum(['posted', 'held', 'dismissed']),
  receivedAt: timestamp,
});
export type DepositRemittance = z.infer<typeof depositRemittance>;

export const depositItem = z.object({
  id: z.number().int(),
  depositedOn: date,
  amountCents: cents,
  method: z.enum(['EFT', 'CHK']),
  traceNumber: z.string(),
  payerId: z.number().int().nullable(),
  payerName: z.string().nullable(),
  memo: z.string(),
  status: z.enum(DEPOSIT_STATUSES),
  /** Σ BPR02 of the matched remittances */
  remittedCents: cents,
  /** deposit − remitted (0 when matched) */
  differenceCents: cents,
  remittances: z.array(depositRemittance),
  createdBy: z.string().nullable(),
  createdAt: timestamp,
});
export type DepositItem = z.infer<typeof depositItem>;
export const depositList = page(depositItem);
export type DepositList = z.infer<typeof depositList>;

/** The reconciliation: what a run matched, and what is left unmatched on each side. */
export const depositReconciliation = z.object({
  /** deposits newly matched by this run */
  matched: z.number().int(),
  unmatchedDeposits: z.array(depositItem),
  differences: z.array(depositItem),
  /** 835s that carry a payment (not BPR04 NON) and no deposit has matched */
  unmatchedRemittances: z.array(depositRemittance),
  totals: z.object({
    depositedCents: cents,
    remittedCents: cents,
    unmatchedDepositCents: cents,
    unmatchedRemittanceCents: cents,
  }),
});
export type DepositReconciliation = z.infer<typeof depositReconciliation>;
