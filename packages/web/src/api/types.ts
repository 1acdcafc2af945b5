/**
 * Shapes of the API's records: inferred from @medbill/api's response schemas (the server answers through the same
 * schemas). Roles and permissions are typed here for the UI's role checks.
 */
import type {
  AuditRow,
  AuditVerification,
  CoverageRecord,
  EndedCoverage as ApiEndedCoverage,
  GuarantorRecord,
  ManagedUser as ApiManagedUser,
  PatientDetail as ApiPatientDetail,
  PatientRecord,
  PayerRecord,
  PracticeRecord,
  ProviderRecord,
  SessionUserView,
} from '@medbill/api';

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
  | 'account:approve'
  | 'remittance:read'
  | 'remittance:post'
  | 'denial:work'
  | 'denial:write_off';

export const ROLES = ['admin', 'coder', 'biller', 'claims_analyst', 'account_rep'] as const;
export type Role = (typeof ROLES)[number];

/** the logged-in user (/api/auth/me), with the permissions typed for the UI's checks */
export type User = Omit<SessionUserView, 'role' | 'permissions'> & { role: Role; permissions: Permission[] };

export type ManagedUser = ApiManagedUser;
export type Guarantor = GuarantorRecord;
/** a coverage, with its payer's name and code where the answer joins them (a patient's coverages) */
export type Coverage = CoverageRecord & { payerName?: string; payerCode?: string };
export type EndedCoverage = ApiEndedCoverage;
export type Patient = PatientRecord;
export type PatientDetail = ApiPatientDetail;
export type Practice = PracticeRecord;
export type Provider = ProviderRecord;
export type Payer = PayerRecord;
export type AuditEvent = AuditRow;
export type VerifyResult = AuditVerification;
