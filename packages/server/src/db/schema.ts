/** Kysely table types for the migrations in ./migrations (keep in step with the SQL). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** 'YYYY-MM-DD' on both drivers (we set the date parser). */
type DateString = string;

export interface TenantTable {
  id: Generated<number>;
  name: string;
  slug: string;
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
  details: ColumnType<Record<string, unknown>, string, string>;
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

export interface Database {
  tenant: TenantTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  practice: PracticeTable;
  provider: ProviderTable;
  payer: PayerTable;
  guarantor: GuarantorTable;
  patient: PatientTable;
  coverage: CoverageTable;
  audit_event: AuditEventTable;
  audit_chain_head: AuditChainHeadTable;
  schema_migration: SchemaMigrationTable;
}
