/** Kysely table types of the ledger and remittance migrations (kept apart from schema.ts to keep merges small). */
import type { ColumnType, Generated } from 'kysely';

type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** 'YYYY-MM-DD' on both drivers. */
type DateString = string;

export interface LedgerPostingTable {
  tenant_id: number;
  id: Generated<number>;
  kind: string;
  effective_date: DateString;
  memo: ColumnType<string, string | undefined, string>;
  claim_id: number | null;
  patient_id: number | null;
  remittance_id: number | null;
  edi_file_id: number | null;
  reverses_posting_id: number | null;
  user_id: number | null;
  username: string | null;
  created_at: DefaultedTimestamp;
  created_txid: Generated<number>;
}

export interface LedgerEntryTable {
  tenant_id: number;
  id: Generated<number>;
  posting_id: number;
  account: string;
  kind: string;
  amount_cents: number;
  service_line_id: number | null;
  claim_id: number | null;
  patient_id: number | null;
  practice_id: number | null;
  payer_id: number | null;
  responsibility: 'payer' | 'patient' | null;
  adjustment_group: string | null;
  reason_code: string | null;
  reference: string | null;
}

type Json<T> = ColumnType<T, string | undefined, string>;

export interface RemittanceTable {
  tenant_id: number;
  id: Generated<number>;
  edi_file_id: number;
  transaction_index: number;
  st_control_number: string;
  content_sha256: string;
  trace_number: string;
  payer_key: string;
  payee_key: ColumnType<string, string | undefined, string>;
  payer_id: number | null;
  payer_name: ColumnType<string, string | undefined, string>;
  payee_name: ColumnType<string, string | undefined, string>;
  payment_cents: number;
  payment_method: ColumnType<string, string | undefined, string>;
  payment_date: DateString | null;
  claim_count: number;
  status: 'posted' | 'held' | 'dismissed';
  hold_reasons: Json<unknown[]>;
  posted_at: Date | null;
  posted_by: string | null;
  release_reason: string | null;
  released_by: string | null;
  created_at: DefaultedTimestamp;
}

export interface RemittanceClaimTable {
  tenant_id: number;
  remittance_id: number;
  clp_index: number;
  claim_id: number | null;
  patient_control_number: string;
  payer_claim_number: ColumnType<string, string | undefined, string>;
  status_code: string;
  outcome: string;
  matched_by: string | null;
  charge_cents: number;
  paid_cents: number;
  patient_responsibility_cents: number;
  posting_id: number | null;
  detail: Json<unknown>;
}

export interface DenialTable {
  tenant_id: number;
  id: Generated<number>;
  kind: 'denied' | 'underpaid';
  claim_id: number;
  service_line_id: number | null;
  remittance_id: number;
  clp_index: number;
  payer_id: number;
  group_code: string | null;
  reason_code: string | null;
  cause: string;
  remarks: ColumnType<string[], string[] | undefined, string[]>;
  amount_cents: number;
  expected_cents: number | null;
  denied_on: DateString;
  appeal_deadline: DateString | null;
  status: ColumnType<string, string | undefined, string>;
  assigned_user_id: number | null;
  follow_up_on: DateString | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface DenialNoteTable {
  tenant_id: number;
  id: Generated<number>;
  denial_id: number;
  user_id: number | null;
  username: string | null;
  note: string;
  created_at: DefaultedTimestamp;
}

export interface RemittanceUnmatchedTable {
  tenant_id: number;
  id: Generated<number>;
  remittance_id: number;
  clp_index: number;
  svc_index: number | null;
  kind: 'claim' | 'line';
  /** claim, service, services or difference (core's UnmatchedHeldAs); NULL for open items written before 0031 */
  held_as: 'claim' | 'service' | 'services' | 'difference' | null;
  claim_id: number | null;
  amount_cents: number;
  description: string;
  suggestions: Json<unknown[]>;
  status: ColumnType<string, string | undefined, string>;
  resolved_by: string | null;
  resolved_at: Date | null;
  resolution: string | null;
  posting_id: number | null;
}

export interface AppealTemplateTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  body: string;
  updated_by: string | null;
  updated_at: DefaultedTimestamp;
}

export interface PayerContractTable {
  tenant_id: number;
  id: Generated<number>;
  payer_id: number;
  name: string;
  effective_from: DateString;
  effective_to: DateString | null;
  created_at: DefaultedTimestamp;
}

export interface PayerContractRateTable {
  tenant_id: number;
  contract_id: number;
  procedure_code: string;
  modifier: ColumnType<string, string | undefined, string>;
  allowed_cents: number;
}

export interface DepositTable {
  tenant_id: number;
  id: Generated<number>;
  deposited_on: DateString;
  amount_cents: number;
  method: 'EFT' | 'CHK';
  trace_number: string;
  trace_key: string;
  payer_id: number | null;
  memo: ColumnType<string, string | undefined, string>;
  status: ColumnType<'unmatched' | 'matched' | 'difference', string | undefined, string>;
  remitted_cents: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: DefaultedTimestamp;
  reconciled_at: Date | null;
}

export interface DepositRemittanceTable {
  tenant_id: number;
  deposit_id: number;
  remittance_id: number;
  matched_by: 'trace';
  matched_at: DefaultedTimestamp;
}

export interface RemitTables {
  deposit: DepositTable;
  deposit_remittance: DepositRemittanceTable;
  appeal_template: AppealTemplateTable;
  payer_contract: PayerContractTable;
  payer_contract_rate: PayerContractRateTable;
  ledger_posting: LedgerPostingTable;
  ledger_entry: LedgerEntryTable;
  remittance: RemittanceTable;
  remittance_claim: RemittanceClaimTable;
  denial: DenialTable;
  denial_note: DenialNoteTable;
  remittance_unmatched: RemittanceUnmatchedTable;
}
