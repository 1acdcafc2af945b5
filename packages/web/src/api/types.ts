/** Shapes of the API's records (camelCase of the database columns). */
export type Permission =
  | 'patient:read'
  | 'patient:write'
  | 'practice:read'
  | 'practice:write'
  | 'payer:read'
  | 'payer:write'
  | 'account:self'
  | 'audit:read'
  | 'user:read'
  | 'user:manage'
  | 'tenant:manage'
  | 'encounter:read'
  | 'encounter:write'
  | 'claim:read'
  | 'claim:write'
  | 'claim:submit'
  | 'edi:read'
  | 'codes:read'
  | 'codes:manage'
  | 'eligibility:check'
  | 'account:read'
  | 'account:write'
  | 'account:write_off'
  | 'account:approve';

export const ROLES = ['admin', 'coder', 'biller', 'claims_analyst', 'account_rep'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: number;
  tenantId: number;
  username: string;
  displayName: string;
  role: Role;
  permissions: Permission[];
}

export interface ManagedUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  mfaEnabled?: boolean;
}

export interface Address {
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  zip: string;
}

export interface Guarantor extends Address {
  id: number;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  phone: string | null;
  email: string | null;
}

export interface Coverage {
  id: number;
  patientId: number;
  payerId: number;
  payerName?: string;
  payerCode?: string;
  coverageOrder: number;
  memberId: string;
  groupNumber: string | null;
  relationshipCode: string;
  subscriberFirstName: string;
  subscriberLastName: string;
  subscriberBirthDate: string | null;
  subscriberSex: string | null;
  effectiveDate: string;
  endDate: string | null;
}

/** What ending a coverage answers: the coverage, and claims on it for visits after the end date. */
export interface EndedCoverage extends Coverage {
  claimsAfterEnd: Array<{ id: number; claimNumber: string; state: string; serviceDateFrom: string }>;
}

export interface Patient extends Address {
  id: number;
  accountNumber: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  birthDate: string;
  sex: string;
  phone: string | null;
  email: string | null;
  guarantorId: number | null;
}

export interface PatientDetail extends Patient {
  coverages: Coverage[];
  guarantor: Guarantor | null;
}

export interface Practice {
  id: number;
  legalName: string;
  npi: string;
  tin: string;
  taxonomy: string;
  phone: string | null;
  serviceCity: string;
  serviceState: string;
}

export interface Provider {
  id: number;
  practiceId: number;
  npi: string;
  firstName: string;
  lastName: string;
  credential: string | null;
  taxonomy: string;
}

export interface Payer {
  id: number;
  name: string;
  payerCode: string;
  claimFilingIndicator: string;
  timelyFilingDays: number;
}

export interface AuditEvent {
  seq: number;
  occurred_at: string;
  username: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  patient_id: number | null;
  data_category: string | null;
  source_ip: string | null;
  outcome: string;
  details: unknown;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  problems: Array<{ tenantId: number; seq: number; kind: string; message: string }>;
}
