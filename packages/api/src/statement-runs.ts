/** Statement runs as jobs (status and progress), their statements, and the account rep's worklists. */
import { z } from 'zod';
import { cents, date, listQuery, timestamp, wholeNumber } from './common.ts';

export const startStatementRunBody = z.strictObject({
  asOf: z.iso.date('is not a date (YYYY-MM-DD)').optional(),
});

export const statementRunView = z.object({
  id: z.number().int(),
  asOf: date,
  status: z.enum(['running', 'finished', 'failed']),
  startedBy: z.string(),
  startedAt: timestamp,
  finishedAt: timestamp.nullable(),
  accountsTotal: z.number().int(),
  accountsDone: z.number().int(),
  statements: z.number().int(),
  /** statements whose PDF has been rendered (pages counted for the print vendor) */
  printed: z.number().int(),
  totalDueCents: cents,
  /** accounts the rules let through without a statement, by reason */
  skipped: z.record(z.string(), z.number().int()),
  problem: z.string().nullable(),
});
export type StatementRunView = z.infer<typeof statementRunView>;
export const statementRunList = z.object({ items: z.array(statementRunView) });
export type StatementRunList = z.infer<typeof statementRunList>;

export const statementRunQuery = z.strictObject(listQuery);
export const runStatement = z.object({
  id: z.number().int(),
  number: z.string(),
  accountId: z.number().int(),
  accountNumber: z.string(),
  guarantor: z.string(),
  amountDueCents: cents,
  balanceCents: cents,
  level: z.string(),
  pages: z.number().int().nullable(),
});
export const statementRunDetail = z.object({
  run: statementRunView,
  statements: z.array(runStatement),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type StatementRunDetail = z.infer<typeof statementRunDetail>;

export const ACCOUNT_WORKLISTS = ['balances', 'plans_late', 'placed'] as const;
export const accountWorklistQuery = z.strictObject({
  view: z.enum(ACCOUNT_WORKLISTS).default('balances'),
  minBalanceCents: wholeNumber(0, 100_000_000).default(1),
  ...listQuery,
});
export const accountWorklistRow = z.object({
  accountId: z.number().int(),
  patientId: z.number().int(),
  accountNumber: z.string(),
  name: z.string(),
  balanceCents: cents,
  oldestDays: z.number().int(),
  lastStatementDate: date.nullable(),
  statementsSent: z.number().int(),
  lastPaymentDate: date.nullable(),
  contacts: z.number().int(),
  lastContactAt: timestamp.nullable(),
  plan: z.object({ id: z.number().int(), status: z.string(), missed: z.number().int() }).nullable(),
  agency: z.object({ placementId: z.number().int(), name: z.string(), placedDate: date }).nullable(),
});
export type AccountWorklistRow = z.infer<typeof accountWorklistRow>;
export const accountWorklist = z.object({
  view: z.enum(ACCOUNT_WORKLISTS),
  items: z.array(accountWorklistRow),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type AccountWorklist = z.infer<typeof accountWorklist>;

export const collectionAgency = z.object({
  id: z.number().int(),
  name: z.string(),
  code: z.string(),
  feeBasisPoints: z.number().int(),
  placedAccounts: z.number().int(),
  placedCents: cents,
});
export const collectionAgencyList = z.object({ items: z.array(collectionAgency) });
export type CollectionAgency = z.infer<typeof collectionAgency>;
/** a collection agency the office signs with: its name, the code its files carry, its fee on what it collects */
export const collectionAgencyInput = z.strictObject({
  name: z.string().trim().min(2).max(100),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{2,20}$/, 'letters, digits and dashes, 2 to 20 of them')
    .transform((c) => c.toUpperCase()),
  /** the agency's fee in basis points of what it collects: 2500 = 25% */
  feeBasisPoints: z.number().int().min(0).max(10000),
});
export type CollectionAgencyInput = z.infer<typeof collectionAgencyInput>;
export type CollectionAgencyList = z.infer<typeof collectionAgencyList>;
