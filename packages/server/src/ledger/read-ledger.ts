/** Reads the ledger: entries with their postings, totals and balances (always sums of entries). */
import {
  addToTotals,
  BalanceBook,
  emptyTotals,
  type AdjustmentGroup,
  type EntryInput,
  type LedgerTotals,
  type Party,
  type StoredPosting,
} from '@medbill/core/ledger';
import { sql } from 'kysely';
import type { Tx } from '../db/open-database.ts';
import type { LedgerEntryTable } from '../db/schema-remit.ts';
import { AppError } from '../app-error.ts';
import { timeSlice } from '../jobs/time-slice.ts';

export interface LedgerFilter {
  claimId?: number;
  patientId?: number;
  serviceLineIds?: number[];
  payerId?: number;
  practiceId?: number;
  postingId?: number;
}

type EntryRow = Omit<LedgerEntryTable, 'id'> & { id: number };

function partyOf(r: Pick<EntryRow, 'responsibility' | 'payer_id'>): Party | undefined {
  if (r.responsibility === 'patient') return { kind: 'patient' };
  if (r.responsibility === 'payer' && r.payer_id) return { kind: 'payer', payerId: r.payer_id };
  return undefined;
}

/** A stored entry row as the core's EntryInput. */
export function entryFromRow(r: EntryRow): EntryInput {
  const e: EntryInput = {
    account: r.account as EntryInput['account'],
    kind: r.kind as EntryInput['kind'],
    amount: r.amount_cents,
  };
  if (r.service_line_id && r.claim_id && r.patient_id && r.practice_id)
    e.line = {
      serviceLineId: r.service_line_id,
      claimId: r.claim_id,
      patientId: r.patient_id,
      practiceId: r.practice_id,
    };
  else {
    if (r.claim_id) e.claimId = r.claim_id;
    if (r.patient_id) e.patientId = r.patient_id;
    if (r.practice_id) e.practiceId = r.practice_id;
  }
  const party = partyOf(r);
  if (party) e.party = party;
  if (r.payer_id) e.payerId = r.payer_id;
  if (r.adjustment_group) e.group = r.adjustment_group as AdjustmentGroup;
  if (r.reason_code) e.reason = r.reason_code;
  if (r.reference) e.reference = r.reference;
  return e;
}

/** The filter as one SQL condition over the entry alias `e`. */
function matches(f: LedgerFilter) {
  const conds = [sql`true`];
  if (f.claimId) conds.push(sql`e.claim_id = ${f.claimId}`);
  if (f.patientId) conds.push(sql`e.patient_id = ${f.patientId}`);
  if (f.payerId) conds.push(sql`e.payer_id = ${f.payerId}`);
  if (f.practiceId) conds.push(sql`e.practice_id = ${f.practiceId}`);
  if (f.postingId) conds.push(sql`e.posting_id = ${f.postingId}`);
  if (f.serviceLineIds)
    conds.push(f.serviceLineIds.length ? sql`e.service_line_id IN (${sql.join(f.serviceLineIds)})` : sql`false`);
  return sql<boolean>`${sql.join(conds, sql` AND `)}`;
}

export interface LedgerLine extends EntryInput {
  id: number;
  postingId: number;
  postingKind: string;
  effectiveDate: string;
  memo: string;
  postedAt: Date;
  postedBy: string | null;
  remittanceId: number | null;
  reversesPostingId: number | null;
}

/** Every entry matching the filter, oldest first, with its posting's kind, date and memo. */
export async function ledgerEntries(tx: Tx, tenantId: number, f: LedgerFilter, limit = 5000): Promise<LedgerLine[]> {
  const q = tx
    .selectFrom('ledger_entry as e')
    .innerJoin('ledger_posting as p', (j) =>
      j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.posting_id'),
    )
    .selectAll('e')
    .select([
      'p.kind as posting_kind',
      'p.effective_date',
      'p.memo',
      'p.created_at',
      'p.username',
      'p.remittance_id',
      'p.reverses_posting_id',
    ])
    .where('e.tenant_id', '=', tenantId);
  const rows = await q.where(matches(f)).orderBy('e.posting_id').orderBy('e.id').limit(limit).execute();
  return rows.map((r) => ({
    ...entryFromRow(r),
    id: r.id,
    postingId: r.posting_id,
    postingKind: r.posting_kind,
    effectiveDate: r.effective_date,
    memo: r.memo,
    postedAt: r.created_at,
    postedBy: r.username,
    remittanceId: r.remittance_id,
    reversesPostingId: r.reverses_posting_id,
  }));
}

/** Charges, payments, adjustments by group, patient responsibility and balances, summed in the database. */
export async function ledgerTotals(tx: Tx, tenantId: number, f: LedgerFilter): Promise<LedgerTotals> {
  const q = tx
    .selectFrom('ledger_entry as e')
    .select(['e.kind', 'e.adjustment_group', 'e.responsibility', 'e.payer_id'])
    .select(sql<string>`sum(e.amount_cents)`.as('amount'))
    .where('e.tenant_id', '=', tenantId)
    .where('e.account', '=', 'ar');
  const rows = await q
    .where(matches(f))
    .groupBy(['e.kind', 'e.adjustment_group', 'e.responsibility', 'e.payer_id'])
    .execute();
  const t = emptyTotals();
  for (const r of rows)
    addToTotals(t, {
      account: 'ar',
      kind: r.kind,
      group: r.adjustment_group,
      party: partyOf(r) ?? null,
      amount: safeSum(r.amount),
    });
  return t;
}

/** sum() of bigint is numeric: back to a safe integer or an error, never a rounded float */
export function safeSum(v: string | number | null): number {
  const n = Number(v ?? 0);
  if (!Number.isSafeInteger(n)) throw new AppError('internal', `ledger sum ${v} is outside the safe range`);
  return n;
}

/** Balances per line and party for these lines, as a book the 835 planner keeps in step. */
export async function lineBalanceBook(tx: Tx, tenantId: number, lineIds: number[]): Promise<BalanceBook> {
  const book = new BalanceBook();
  if (!lineIds.length) return book;
  const slice = timeSlice();
  for (let i = 0; i < lineIds.length; i += 2000) {
    if (slice.due()) await slice.pause();
    const rows = await tx
      .selectFrom('ledger_entry')
      .select(['service_line_id', 'responsibility', 'payer_id'])
      .select(sql<string>`sum(amount_cents)`.as('amount'))
      .where('tenant_id', '=', tenantId)
      .where('account', '=', 'ar')
      .where('service_line_id', 'in', lineIds.slice(i, i + 2000))
      .groupBy(['service_line_id', 'responsibility', 'payer_id'])
      .execute();
    for (const r of rows) {
      const party = partyOf(r);
      if (party && r.service_line_id) book.set(r.service_line_id, party, safeSum(r.amount));
    }
  }
  return book;
}

export async function loadPosting(tx: Tx, tenantId: number, postingId: number): Promise<StoredPosting> {
  const p = await tx
    .selectFrom('ledger_posting')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', postingId)
    .executeTakeFirst();
  if (!p) throw new AppError('not_found', 'Posting not found');
  const entries = await tx
    .selectFrom('ledger_entry')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('posting_id', '=', postingId)
    .orderBy('id')
    .execute();
  const out: StoredPosting = {
    id: p.id,
    kind: p.kind as StoredPosting['kind'],
    effectiveDate: p.effective_date,
    memo: p.memo,
    entries: entries.map((r) => ({ ...entryFromRow(r), id: r.id, postingId: r.posting_id })),
  };
  if (p.claim_id) out.claimId = p.claim_id;
  if (p.patient_id) out.patientId = p.patient_id;
  if (p.remittance_id) out.remittanceId = p.remittance_id;
  if (p.edi_file_id) out.ediFileId = p.edi_file_id;
  if (p.reverses_posting_id) out.reversesPostingId = p.reverses_posting_id;
  return out;
}
