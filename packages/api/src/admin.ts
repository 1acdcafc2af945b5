/** The admin's contract: users, the tenant, the audit log and its verification. */
import { z } from 'zod';
import { timestamp } from './common.ts';

/** The roles a user can hold (the server's permission table is keyed by them). */
export const ROLES = ['admin', 'coder', 'biller', 'claims_analyst', 'account_rep'] as const;
export const role = z.enum(ROLES);

/** What a route may require (the server's table gives each role its set; the web hides what a user may not do). */
export const PERMISSIONS = [
  /** one's own account: MFA enrolment, recovery codes (every role) */
  'account:self',
  'patient:read',
  'patient:write',
  'practice:read',
  'practice:write',
  'payer:read',
  'payer:write',
  'audit:read',
  'user:read',
  'user:manage',
  'tenant:manage',
  'encounter:read',
  'encounter:write',
  'claim:read',
  'claim:write',
  'claim:submit',
  'edi:read',
  'codes:read',
  'codes:manage',
  /** rebuild what the code suggester learns from the office's coded notes (reads every coded note) */
  'codes:learn',
  /** send a 270 and read the benefits answer */
  'eligibility:check',
  /** patient accounts: ledger view, statements, plans, contacts, collections worklist */
  'account:read',
  /** record payments and contacts, run statements, make plans, place and recall accounts */
  'account:write',
  /** small-balance write-offs (within the tenant's rule) */
  'account:write_off',
  /** approve refunds of credit balances */
  'account:approve',
  /** remittances: ERA list and posting view, denials, deposits, unmatched money */
  'remittance:read',
  /** post or release 835s, match unmatched money, record and reconcile deposits, status inquiries */
  'remittance:post',
  /** work denials: assign, follow up, notes, appeal letters, corrected or void claims, transfer to the patient */
  'denial:work',
  /** write a denied balance off */
  'denial:write_off',
] as const;
export const permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof permission>;

export const managedUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role,
  disabled: z.boolean(),
  createdAt: timestamp,
  mfaEnabled: z.boolean().optional(),
});
export type ManagedUser = z.infer<typeof managedUser>;
export const userList = z.object({ items: z.array(managedUser) });
export type UserList = z.infer<typeof userList>;

export const tenantView = z.object({
  id: z.number().int(),
  name: z.string(),
  slug: z.string(),
  mfaRequired: z.boolean(),
});
export type TenantView = z.infer<typeof tenantView>;

/**
 * What an audit row records besides its columns. Free-form by design: each of the many use cases writes the facts
 * its action needs (the claim and patient ids an 835 touched, a search's filters and row count, the error of a
 * refusal), they are hashed into the tamper-evident chain as written, and the audit screen and export show them
 * verbatim. One schema per action would have to change with every use case; a JSON object is what they share.
 */
export const auditDetails = z.record(z.string(), z.json());

/** One audit row as the audit screen shows it (the column names of the log, as exported). */
export const auditRow = z.object({
  seq: z.number().int(),
  occurred_at: timestamp,
  username: z.string().nullable(),
  action: z.string(),
  resource_type: z.string(),
  resource_id: z.string().nullable(),
  patient_id: z.number().int().nullable(),
  data_category: z.string().nullable(),
  source_ip: z.string().nullable(),
  outcome: z.string(),
  details: auditDetails,
});
export type AuditRow = z.infer<typeof auditRow>;
export const auditPage = z.object({ total: z.number().int(), items: z.array(auditRow) });
export type AuditPage = z.infer<typeof auditPage>;

export const auditVerification = z.object({
  ok: z.boolean(),
  tenants: z.number().int(),
  entries: z.number().int(),
  problems: z.array(
    z.object({ tenantId: z.number().int(), seq: z.number().int(), kind: z.string(), message: z.string() }),
  ),
});
export type AuditVerification = z.infer<typeof auditVerification>;
