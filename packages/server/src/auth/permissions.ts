/** Roles and what each may do. Later stages add permissions here; a route names the one it needs. */
import { ROLES } from '@medbill/api';

export { ROLES };
export type Role = (typeof ROLES)[number];

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
export type Permission = (typeof PERMISSIONS)[number];

const READ_REGISTRATION: Permission[] = ['account:self', 'patient:read', 'practice:read', 'payer:read'];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS),
  coder: new Set([...READ_REGISTRATION, 'encounter:read', 'encounter:write', 'claim:read', 'codes:read']),
  biller: new Set([
    ...READ_REGISTRATION,
    'patient:write',
    'payer:write',
    'encounter:read',
    'encounter:write',
    'claim:read',
    'claim:write',
    'claim:submit',
    'edi:read',
    'codes:read',
    'eligibility:check',
    'account:read',
    'remittance:read',
  ]),
  claims_analyst: new Set([
    ...READ_REGISTRATION,
    'encounter:read',
    'claim:read',
    'claim:write',
    'claim:submit',
    'edi:read',
    'codes:read',
    'remittance:read',
    'remittance:post',
    'denial:work',
    'denial:write_off',
  ]),
  account_rep: new Set([
    ...READ_REGISTRATION,
    'patient:write',
    'encounter:read',
    'claim:read',
    'codes:read',
    'eligibility:check',
    'account:read',
    'account:write',
    'account:write_off',
  ]),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role]?.has(permission) ?? false;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
