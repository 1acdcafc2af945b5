/**
 * Shapes of the API's records: inferred from @medbill/api's response schemas (the server answers through the same
 * schemas), roles and permissions included.
 */
import type {
  AuditRow,
  AuditVerification,
  CoverageRecord,
  CoverageWithPayer,
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

export type { Permission } from '@medbill/api';
export type Role = SessionUserView['role'];

/** the logged-in user (/api/auth/me) */
export type User = SessionUserView;

export type ManagedUser = ApiManagedUser;
export type Guarantor = GuarantorRecord;
/** a coverage, with its payer's name and code where the answer joins them (a patient's coverages) */
export type Coverage = CoverageRecord & Partial<Pick<CoverageWithPayer, 'payerName' | 'payerCode'>>;
export type EndedCoverage = ApiEndedCoverage;
export type Patient = PatientRecord;
export type PatientDetail = ApiPatientDetail;
export type Practice = PracticeRecord;
export type Provider = ProviderRecord;
export type Payer = PayerRecord;
export type AuditEvent = AuditRow;
export type VerifyResult = AuditVerification;
