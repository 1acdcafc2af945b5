/** The admin's contract: users, the tenant, the audit log and its verification. */
import { z } from 'zod';
import { timestamp } from './common.ts';

/** The roles a user can hold (the server's permission table is keyed by them). */
export const ROLES = ['admin', 'coder', 'biller', 'claims_analyst', 'account_rep'] as const;
export const role = z.enum(ROLES);

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

export const tenantView = z.object({
  id: z.number().int(),
  name: z.string(),
  slug: z.string(),
  mfaRequired: z.boolean(),
});
export type TenantView = z.infer<typeof tenantView>;

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
  details: z.unknown(),
});
export type AuditRow = z.infer<typeof auditRow>;
export const auditPage = z.object({ total: z.number().int(), items: z.array(auditRow) });

export const auditVerification = z.object({
  ok: z.boolean(),
  tenants: z.number().int(),
  entries: z.number().int(),
  problems: z.array(
    z.object({ tenantId: z.number().int(), seq: z.number().int(), kind: z.string(), message: z.string() }),
  ),
});
export type AuditVerification = z.infer<typeof auditVerification>;
