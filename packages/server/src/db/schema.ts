/** Kysely table types for the migrations in ./migrations (keep in step with the SQL). */
import type { BatchState, ClaimEventCause, ClaimKind, ClaimState, EncounterStatus, ScrubEdit } from '@medbill/core';
import type { AuditRow, InstitutionalDetailsView } from '@medbill/api';
import type { ColumnType, Generated } from 'kysely';
import type { RemitTables } from './schema-remit.ts';
import type { StatusTables } from './schema-status.ts';
import type { AccountsTables } from './schema-accounts.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** 'YYYY-MM-DD' on both drivers (we set the date parser). */
type DateString = string;

export interface TenantTable {
  id: Generated<number>;
  name: string;
  slug: string;
  mfa_required: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultedTimestamp;
}

export interface AppUserTable {
  tenant_id: number;
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface UserSessionTable {
  tenant_id: number;
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: DefaultedTimestamp;
  last_seen_at: DefaultedTimestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  source_ip: string | null;
}

export interface UserMfaTable {
  tenant_id: number;
  user_id: number;
  secret_enc: string | null;
  pending_secret_enc: string | null;
  enabled_at: Timestamp | null;
  last_used_step: number | null;
  updated_at: DefaultedTimestamp;
}

export interface MfaRecoveryCodeTable {
  tenant_id: number;
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  created_at: DefaultedTimestamp;
  used_at: Timestamp | null;
}

export interface LoginChallengeTable {
  tenant_id: number;
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  purpose: 'verify' | 'enrol';
  created_at: DefaultedTimestamp;
  expires_at: Timestamp;
  consumed_at: Timestamp | null;
  failures: ColumnType<number, number | undefined, number>;
  source_ip: string | null;
}

export interface AddressColumns {
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  zip: string;
}

export interface PracticeTable {
  tenant_id: number;
  id: Generated<number>;
  legal_name: string;
  npi: string;
  tin: string;
  taxonomy: string;
  phone: string | null;
  service_line1: string;
  service_line2: string | null;
  service_city: string;
  service_state: string;
  service_zip: string;
  pay_to_line1: string | null;
  pay_to_line2: string | null;
  pay_to_city: string | null;
  pay_to_state: string | null;
  pay_to_zip: string | null;
  /** NUCC taxonomy of the facility (837I 2000A PRV), e.g. 261QR1300X rural health clinic */
  facility_taxonomy: ColumnType<string | null, string | null | undefined, string | null>;
  /** CLIA certificate number for lab tests (837P REF*X4) */
  clia_number: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface ProviderTable {
  tenant_id: number;
  id: Generated<number>;
  practice_id: number;
  npi: string;
  first_name: string;
  last_name: string;
  credential: string | null;
  taxonomy: string;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface PayerTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  payer_code: string;
  claim_filing_indicator: string;
  timely_filing_days: number;
  appeal_days: ColumnType<number, number | undefined, number>;
  followup_days: ColumnType<number, number | undefined, number>;
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface GuarantorTable extends AddressColumns {
  tenant_id: number;
  id: Generated<number>;
  first_name: string;
  last_name: string;
  birth_date: DateString | null;
  phone: string | null;
  email: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface PatientTable extends AddressColumns {
  tenant_id: number;
  id: Generated<number>;
  account_number: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  birth_date: DateString;
  sex: string;
  phone: string | null;
  email: string | null;
  guarantor_id: number | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface CoverageTable {
  tenant_id: number;
  id: Generated<number>;
  patient_id: number;
  payer_id: number;
  coverage_order: number;
  member_id: string;
  group_number: string | null;
  relationship_code: string;
  subscriber_first_name: string;
  subscriber_last_name: string;
  subscriber_birth_date: DateString | null;
  subscriber_sex: string | null;
  effective_date: DateString;
  end_date: DateString | null;
  /** SBR05 Medicare secondary payer type (12, 13, 14, 15, 16, 41, 42, 43, 47) when Medicare is not primary */
  msp_type: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface AuditEventTable {
  tenant_id: number;
  seq: number;
  occurred_at: Timestamp;
  user_id: number | null;
  username: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  patient_id: number | null;
  data_category: string | null;
  source_ip: string | null;
  outcome: string;
  /** a JSON object (recordAudit writes what each action needs) */
  details: ColumnType<AuditRow['details'], string, string>;
  prev_hash: string;
  hash: string;
  hmac: string;
}

export interface AuditChainHeadTable {
  tenant_id: number;
  seq: number;
  hash: string;
  hmac: string;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: DefaultedTimestamp;
}

export interface FeeScheduleTable {
  tenant_id: number;
  id: Generated<number>;
  practice_id: number;
  name: string;
  effective_from: DateString;
  effective_to: DateString | null;
  created_at: DefaultedTimestamp;
}

export interface FeeScheduleItemTable {
  tenant_id: number;
  fee_schedule_id: number;
  procedure_code: string;
  modifier: ColumnType<string, string | undefined, string>;
  charge_cents: number;
}

export interface EncounterTable {
  tenant_id: number;
  id: Generated<number>;
  patient_id: number;
  practice_id: number;
  rendering_provider_id: number;
  referring_provider_id: number | null;
  kind: ColumnType<ClaimKind, ClaimKind | undefined, ClaimKind>;
  place_of_service: string;
  service_date_from: DateString;
  service_date_to: DateString;
  prior_authorization: string | null;
  note_text: ColumnType<string, string | undefined, string>;
  institutional: ColumnType<InstitutionalDetailsView | null, string | null | undefined, string | null>;
  status: ColumnType<EncounterStatus, EncounterStatus | undefined, EncounterStatus>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface EncounterDiagnosisTable {
  tenant_id: number;
  encounter_id: number;
  position: number;
  code: string;
  /** present on admission (837I HI C022-09): Y, N, U, W; null when exempt or not inpatient */
  poa: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ServiceLineTable {
  tenant_id: number;
  id: Generated<number>;
  encounter_id: number;
  line_number: number;
  procedure_code: string;
  modifiers: ColumnType<string[], string[] | undefined, string[]>;
  units: number;
  charge_cents: number;
  charge_override_reason: string | null;
  diagnosis_pointers: number[];
  service_date: DateString;
  revenue_code: string | null;
  /** 11-digit NDC (2410 LIN*N4) with its quantity and unit (CTP04/CTP05) */
  ndc: ColumnType<string | null, string | null | undefined, string | null>;
  ndc_quantity: ColumnType<string | number | null, number | null | undefined, number | null>;
  ndc_unit: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ClearinghouseTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  transport: string;
  config: ColumnType<Record<string, unknown>, string | undefined, string>;
  submitter_id: string;
  submitter_name: string;
  receiver_id: string;
  receiver_name: string;
  usage_indicator: ColumnType<string, string | undefined, string>;
  created_at: DefaultedTimestamp;
}

/** a clearinghouse's SFTP password or private key, sealed (clearinghouse-secrets.ts); never sent back */
export interface ClearinghouseSecretTable {
  tenant_id: number;
  clearinghouse_id: number;
  kind: string;
  secret_enc: string;
  set_at: DefaultedTimestamp;
  set_by: string | null;
}

export interface ControlNumberTable {
  tenant_id: number;
  clearinghouse_id: number;
  kind: string;
  last_value: number;
}

export interface EdiFileTable {
  tenant_id: number;
  id: Generated<number>;
  direction: 'inbound' | 'outbound';
  kind: string;
  file_name: string;
  sha256: string;
  size_bytes: number;
  content: string;
  clearinghouse_id: number | null;
  status: ColumnType<string, string | undefined, string>;
  issues: ColumnType<unknown[], string | undefined, string>;
  created_at: DefaultedTimestamp;
  processed_at: Timestamp | null;
}

/** Inbound files held back with their reason (0014): not text, not X12, for another submitter, or failing. */
export interface InboundQuarantineTable {
  tenant_id: number;
  id: Generated<number>;
  clearinghouse_id: number | null;
  file_name: string;
  sha256: string;
  size_bytes: number;
  content: Uint8Array;
  reason: string;
  reason_code: string;
  status: ColumnType<string, string | undefined, string>;
  received_at: DefaultedTimestamp;
  decided_at: Timestamp | null;
  decided_by: number | null;
  decision_note: string | null;
}

export interface BatchTable {
  tenant_id: number;
  id: Generated<number>;
  clearinghouse_id: number;
  payer_id: number;
  kind: ClaimKind;
  state: ColumnType<BatchState, BatchState | undefined, BatchState>;
  interchange_control_number: number;
  group_control_number: number;
  claim_count: number;
  total_charge_cents: number;
  file_id: number | null;
  ack_file_id: number | null;
  created_at: DefaultedTimestamp;
  submitted_at: Timestamp | null;
}

export interface ClaimTable {
  tenant_id: number;
  id: Generated<number>;
  claim_number: string;
  encounter_id: number;
  coverage_id: number;
  payer_id: number;
  kind: ClaimKind;
  frequency_code: ColumnType<string, string | undefined, string>;
  original_payer_claim_number: string | null;
  payer_claim_number: string | null;
  state: ColumnType<ClaimState, ClaimState | undefined, ClaimState>;
  total_charge_cents: number;
  edits: ColumnType<ScrubEdit[], string | undefined, string>;
  scrubbed_at: Timestamp | null;
  batch_id: number | null;
  rejection_reason: string | null;
  /** the claim this replacement (frequency 7) or void (8) takes the place of */
  replaces_claim_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** a void (8): what becomes of the voided claim's balance once the payer's reversal is posted */
  void_disposition: ColumnType<
    'rebill' | 'write_off' | null,
    'rebill' | 'write_off' | null | undefined,
    'rebill' | 'write_off' | null
  >;
  /** a void (8): why, as the person said it (the write-off's reason) */
  void_reason: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

/** What a payer decided on a claim: a posted 835 (CLP) or a paper EOB typed in. */
export interface ClaimAdjudicationTable {
  tenant_id: number;
  id: Generated<number>;
  claim_id: number;
  source: string;
  edi_file_id: number | null;
  payer_claim_number: string | null;
  status_code: string;
  adjudication_date: DateString;
  charge_cents: number;
  paid_cents: number;
  patient_responsibility_cents: number;
  adjustments: ColumnType<unknown[], string | undefined, string>;
  remarks: ColumnType<string[], string | undefined, string>;
  crossover: ColumnType<boolean, boolean | undefined, boolean>;
  crossover_payer_name: string | null;
  entered_by: string | null;
  created_at: DefaultedTimestamp;
  reversed_at: Timestamp | null;
}

export interface ClaimAdjudicationLineTable {
  tenant_id: number;
  adjudication_id: number;
  position: number;
  line_number: number;
  procedure_code: string;
  modifiers: ColumnType<string[], string[] | undefined, string[]>;
  revenue_code: string | null;
  charge_cents: number;
  paid_cents: number;
  paid_units: ColumnType<string | number, number, number>;
  allowed_cents: number | null;
  adjustments: ColumnType<unknown[], string | undefined, string>;
  remarks: ColumnType<string[], string | undefined, string>;
}

export interface ClaimEventTable {
  tenant_id: number;
  id: Generated<number>;
  claim_id: number;
  from_state: ClaimState | null;
  to_state: ClaimState;
  occurred_at: DefaultedTimestamp;
  user_id: number | null;
  username: string | null;
  reason: string;
  /** typed why (0014): required on every new event; NULL only on older events whose reason did not say */
  cause: ColumnType<ClaimEventCause | null, ClaimEventCause, ClaimEventCause>;
  file_id: number | null;
}

export interface CodeFileTable {
  id: Generated<number>;
  kind: string;
  code_set: string | null;
  release_id: string | null;
  effective_from: DateString | null;
  effective_to: DateString | null;
  file_name: string;
  sha256: string;
  size_bytes: number;
  records: number;
  payload: Uint8Array;
  imported_at: DefaultedTimestamp;
  imported_by: string | null;
}

export interface EligibilityCheckTable {
  tenant_id: number;
  id: Generated<number>;
  patient_id: number;
  coverage_id: number;
  payer_id: number;
  practice_id: number;
  clearinghouse_id: number;
  service_date: DateString;
  service_types: ColumnType<string[], string[] | undefined, string[]>;
  procedures: ColumnType<string[], string[] | undefined, string[]>;
  trace_number: string;
  status: ColumnType<
    'sent' | 'answered' | 'rejected' | 'failed',
    'sent' | undefined,
    'answered' | 'rejected' | 'failed'
  >;
  request_file_id: number | null;
  response_file_id: number | null;
  response: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  problem: string | null;
  requested_by: string;
  requested_at: Timestamp;
  answered_at: Timestamp | null;
}

export interface ContactLogTable {
  tenant_id: number;
  id: Generated<number>;
  patient_id: number;
  occurred_at: Timestamp;
  user_id: number | null;
  username: string;
  channel: string;
  direction: string;
  outcome: string;
  note: ColumnType<string, string | undefined, never>;
  promise_date: DateString | null;
  promise_cents: number | null;
  follow_up_date: DateString | null;
  created_at: DefaultedTimestamp;
}

/** A coder's accept / reject of a code suggestion on an encounter (issue 13). */
export interface CodeSuggestionDecisionTable {
  tenant_id: number;
  id: Generated<number>;
  encounter_id: number;
  code: string;
  decision: 'accepted' | 'rejected';
  confidence: number | null;
  rank: number | null;
  index_path: ColumnType<string, string | undefined, string | undefined>;
  evidence: ColumnType<string, string | undefined, string | undefined>;
  release_id: ColumnType<string, string | undefined, string | undefined>;
  reason: string | null;
  user_id: number | null;
  username: string;
  decided_at: DefaultedTimestamp;
}

/** What a tenant's coded notes taught the code suggester (`learnOfficeModel`): one row per tenant, the latest. */
export interface OfficeModelTable {
  tenant_id: number;
  /** `officeModelToJSON` (jsonb): written as its JSON text */
  model: ColumnType<unknown, string, string>;
  notes: number;
  patients: number;
  codes: number;
  phrases: number;
  learn_ms: number;
  built_at: DefaultedTimestamp;
  built_by: number | null;
  built_by_username: string;
}

export interface LoginFailureUnknownTable {
  id: Generated<number>;
  occurred_at: ColumnType<Date, Date | undefined, never>;
  username: string;
  source_ip: string | null;
}

export interface Database extends RemitTables, AccountsTables, StatusTables {
  login_failure_unknown: LoginFailureUnknownTable;
  code_file: CodeFileTable;
  fee_schedule: FeeScheduleTable;
  fee_schedule_item: FeeScheduleItemTable;
  encounter: EncounterTable;
  encounter_diagnosis: EncounterDiagnosisTable;
  service_line: ServiceLineTable;
  clearinghouse: ClearinghouseTable;
  clearinghouse_secret: ClearinghouseSecretTable;
  control_number: ControlNumberTable;
  edi_file: EdiFileTable;
  inbound_quarantine: InboundQuarantineTable;
  batch: BatchTable;
  claim: ClaimTable;
  claim_event: ClaimEventTable;
  claim_adjudication: ClaimAdjudicationTable;
  claim_adjudication_line: ClaimAdjudicationLineTable;
  tenant: TenantTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  user_mfa: UserMfaTable;
  mfa_recovery_code: MfaRecoveryCodeTable;
  login_challenge: LoginChallengeTable;
  practice: PracticeTable;
  provider: ProviderTable;
  payer: PayerTable;
  guarantor: GuarantorTable;
  patient: PatientTable;
  coverage: CoverageTable;
  audit_event: AuditEventTable;
  audit_chain_head: AuditChainHeadTable;
  schema_migration: SchemaMigrationTable;
  eligibility_check: EligibilityCheckTable;
  contact_log: ContactLogTable;
  code_suggestion_decision: CodeSuggestionDecisionTable;
  office_model: OfficeModelTable;
}
