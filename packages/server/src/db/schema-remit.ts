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

export interface RemitTables {
  ledger_posting: LedgerPostingTable;
  ledger_entry: LedgerEntryTable;
}
