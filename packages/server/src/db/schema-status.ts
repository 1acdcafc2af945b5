/** Kysely table types of the claim status follow-up (migration 0028; kept apart from schema.ts to keep merges small). */
import type { ColumnType, Generated } from 'kysely';

/** 'YYYY-MM-DD' on both drivers. */
type DateString = string;

export interface ClaimStatusInquiryTable {
  tenant_id: number;
  id: Generated<number>;
  claim_id: number;
  payer_id: number;
  clearinghouse_id: number;
  trace_number: string;
  request_file_id: number;
  status: ColumnType<'sent' | 'answered' | 'failed', 'sent' | 'answered' | 'failed' | undefined>;
  sent_by: string | null;
  sent_at: ColumnType<Date, Date | string, Date | string>;
  response_file_id: number | null;
  answered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  category: string | null;
  status_code: string | null;
  entity_code: string | null;
  outcome: string | null;
  words: string | null;
  payer_claim_number: string | null;
  charge_cents: ColumnType<number | null, number | null | undefined>;
  paid_cents: ColumnType<number | null, number | null | undefined>;
  adjudicated_on: DateString | null;
  remittance_date: DateString | null;
  remittance_trace: string | null;
  problem: string | null;
}

export interface StatusTables {
  claim_status_inquiry: ClaimStatusInquiryTable;
}
