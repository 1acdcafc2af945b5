/** Roles and what each may do. New permissions go in @medbill/api (PERMISSIONS, which the web shares); a route names the one it needs. */
import { PERMISSIONS, ROLES } from '@medbill/api';

export { PERMISSIONS, ROLES };
export type Role = (typeof ROLES)[number];
export type Permission = (typeof PERMISSIONS)[number];

const READ_REGISTRATION: Permission[] = ['account:self', 'patient:read', 'practice:read', 'payer:read'];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS),
  coder: new Set([
    ...READ_REGISTRATION,
    'encounter:read',
    'encounter:write',
    'claim:read',
    'codes:read',
    'codes:learn',
  ]),
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
