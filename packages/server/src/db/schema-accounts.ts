/** Kysely table types of the patient-accounts migrations (kept apart from schema.ts to keep merges small). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type OptionalTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateString = string;
type Json<T> = ColumnType<T, string | undefined, string>;

export interface PatientAccountTable {
  tenant_id: number;
  id: Generated<number>;
  guarantor_id: number | null;
  patient_id: number | null;
  statement_hold: ColumnType<boolean, boolean | undefined, boolean>;
  hold_reason: string | null;
  final_notice_date: DateString | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface RefundRequestTable {
  tenant_id: number;
  id: Generated<number>;
  patient_id: number;
  amount_cents: number;
  reason: string;
  status: ColumnType<string, string | undefined, string>;
  requested_by: string;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: OptionalTimestamp;
  posting_id: number | null;
}

export interface StatementRunTable {
  tenant_id: number;
  id: Generated<number>;
  as_of: DateString;
  started_by: string;
  started_at: Timestamp;
  finished_at: OptionalTimestamp;
  statements: ColumnType<number, number | undefined, number>;
  total_due_cents: ColumnType<number, number | undefined, number>;
  skipped: Json<Record<string, number>>;
  status: ColumnType<
    'running' | 'finished' | 'failed',
    'running' | 'finished' | undefined,
    'running' | 'finished' | 'failed'
  >;
  accounts_total: ColumnType<number, number | undefined, number>;
  accounts_done: ColumnType<number, number | undefined, number>;
  printed: ColumnType<number, number | undefined, number>;
  problem: string | null;
  /** host:pid of the process running it */
  runner: ColumnType<string | null, string | null | undefined, string | null>;
  /** when it last stored a batch (wall clock) */
  heartbeat_at: OptionalTimestamp;
}

export interface StatementTable {
  tenant_id: number;
  id: Generated<number>;
  run_id: number;
  account_id: number;
  statement_date: DateString;
  due_date: DateString;
  amount_due_cents: number;
  balance_cents: number;
  dunning_level: string;
  content: ColumnType<unknown, string, never>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  pages: ColumnType<number | null, number | undefined, number>;
}

export interface PaymentPlanTable {
  tenant_id: number;
  id: Generated<number>;
  account_id: number;
  total_cents: number;
  down_payment_cents: number;
  installments: number;
  start_date: DateString;
  first_due_date: DateString;
  frequency: string;
  grace_days: number;
  max_misses: number;
  status: ColumnType<string, string | undefined, string>;
  created_by: string;
  created_at: Timestamp;
  closed_at: OptionalTimestamp;
}

export interface CollectionAgencyTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  code: string;
  fee_basis_points: number;
}

export interface CollectionPlacementTable {
  tenant_id: number;
  id: Generated<number>;
  account_id: number;
  agency_id: number;
  placed_at: DateString;
  placed_balance_cents: number;
  placed_by: string;
  status: ColumnType<string, string | undefined, string>;
  agency_status: string | null;
  recalled_at: DateString | null;
  recall_reason: string | null;
  export_sha256: string | null;
}

export interface AgencyReportLineTable {
  tenant_id: number;
  id: Generated<number>;
  agency_id: number;
  placement_id: number | null;
  file_sha256: string;
  line_number: number;
  record_type: string;
  paid_cents: number | null;
  fee_cents: number | null;
  status: string | null;
  posting_id: number | null;
  problem: string | null;
  imported_at: Timestamp;
}

export interface PatientEstimateTable {
  tenant_id: number;
  id: Generated<number>;
  patient_id: number;
  practice_id: number;
  provider_id: number | null;
  coverage_id: number | null;
  eligibility_check_id: number | null;
  service_date: DateString;
  good_faith: boolean;
  diagnosis_codes: ColumnType<string[], string[] | undefined, string[]>;
  description: ColumnType<string, string | undefined, string>;
  estimate: Json<unknown>;
  charge_cents: number;
  patient_owes_cents: number;
  created_by: string;
  created_at: Timestamp;
}

export interface AccountsTables {
  patient_estimate: PatientEstimateTable;
  patient_account: PatientAccountTable;
  refund_request: RefundRequestTable;
  statement_run: StatementRunTable;
  statement: StatementTable;
  payment_plan: PaymentPlanTable;
  collection_agency: CollectionAgencyTable;
  collection_placement: CollectionPlacementTable;
  agency_report_line: AgencyReportLineTable;
}
