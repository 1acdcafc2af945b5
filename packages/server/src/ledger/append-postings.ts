/**
 * Appends postings to the ledger inside the caller's transaction. Each posting is checked first (whole
 * cents, balanced, `ar` placed on a line and party); the database checks again at commit (a deferred
 * trigger refuses an unbalanced posting) and refuses any UPDATE or DELETE. Thousands of postings go in
 * a handful of multi-row statements (an 835 of 10,000 claims).
 */
import { assertPosting, type EntryInput, type PostingInput } from '@medbill/core/ledger';
import { sql } from 'kysely';
import { insertColumns } from '../db/insert-columns.ts';
import type { Tx } from '../db/open-database.ts';
import { forEachSliced, timeSlice } from '../jobs/time-slice.ts';

export interface LedgerActor {
  userId: number | null;
  username: string | null;
}

/**
 * rows per INSERT statement (one array per column: db/insert-columns.ts), few enough that building one never holds the
 * event loop long; the loops yield between statements (issue 8 item 4)
 */
const ENTRY_ROWS = 1000;
const POSTING_ROWS = 1000;

export function entryRow(tenantId: number, postingId: number, e: EntryInput) {
  const party = e.party;
  return {
    tenant_id: tenantId,
    posting_id: postingId,
    account: e.account,
    kind: e.kind,
    amount_cents: e.amount,
    service_line_id: e.line?.serviceLineId ?? null,
    claim_id: e.line?.claimId ?? e.claimId ?? null,
    patient_id: e.line?.patientId ?? e.patientId ?? null,
    practice_id: e.line?.practiceId ?? e.practiceId ?? null,
    payer_id: party?.kind === 'payer' ? party.payerId : (e.payerId ?? null),
    responsibility: party ? party.kind : null,
    adjustment_group: e.group ?? null,
    reason_code: e.reason ?? null,
    reference: e.reference ?? null,
  };
}

const ENTRY_COLUMNS = [
  ['tenant_id', 'bigint'],
  ['posting_id', 'bigint'],
  ['account', 'text'],
  ['kind', 'text'],
  ['amount_cents', 'bigint'],
  ['service_line_id', 'bigint'],
  ['claim_id', 'bigint'],
  ['patient_id', 'bigint'],
  ['practice_id', 'bigint'],
  ['payer_id', 'bigint'],
  ['responsibility', 'text'],
  ['adjustment_group', 'text'],
  ['reason_code', 'text'],
  ['reference', 'text'],
] as const;

const POSTING_COLUMNS = [
  ['tenant_id', 'bigint'],
  ['id', 'bigint'],
  ['kind', 'text'],
  ['effective_date', 'date'],
  ['memo', 'text'],
  ['claim_id', 'bigint'],
  ['patient_id', 'bigint'],
  ['remittance_id', 'bigint'],
  ['edi_file_id', 'bigint'],
  ['reverses_posting_id', 'bigint'],
  ['user_id', 'bigint'],
  ['username', 'text'],
] as const;

async function allocateIds(tx: Tx, n: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    SELECT nextval(pg_get_serial_sequence('ledger_posting', 'id'))::bigint AS id FROM generate_series(1, ${n})`.execute(
    tx,
  );
  return rows.map((r) => Number(r.id));
}

/** Appends the postings in order and returns their ids. Throws (and the caller's transaction fails) on any problem. */
export async function appendPostings(
  tx: Tx,
  tenantId: number,
  postings: readonly PostingInput[],
  actor: LedgerActor,
): Promise<number[]> {
  if (!postings.length) return [];
  await forEachSliced(postings, assertPosting);
  const ids = await allocateIds(tx, postings.length);
  // on PGlite a statement runs on this thread and awaiting it never lets the event loop turn: pause between them
  const slice = timeSlice();
  for (let i = 0; i < postings.length; i += POSTING_ROWS) {
    await insertColumns(
      tx,
      'ledger_posting',
      POSTING_COLUMNS,
      postings.slice(i, i + POSTING_ROWS).map((p, k) => ({
        tenant_id: tenantId,
        id: ids[i + k],
        kind: p.kind,
        effective_date: p.effectiveDate,
        memo: p.memo,
        claim_id: p.claimId ?? null,
        patient_id: p.patientId ?? null,
        remittance_id: p.remittanceId ?? null,
        edi_file_id: p.ediFileId ?? null,
        reverses_posting_id: p.reversesPostingId ?? null,
        user_id: actor.userId,
        username: actor.username,
      })),
    );
    if (slice.due()) await slice.pause();
  }
  let rows: ReturnType<typeof entryRow>[] = [];
  const flush = async () => {
    if (!rows.length) return;
    await insertColumns(tx, 'ledger_entry', ENTRY_COLUMNS, rows);
    rows = [];
    if (slice.due()) await slice.pause();
  };
  for (let i = 0; i < postings.length; i++) {
    // a posting's entries stay in one statement
    if (rows.length + postings[i].entries.length > ENTRY_ROWS) await flush();
    for (const e of postings[i].entries) rows.push(entryRow(tenantId, ids[i], e));
    if (slice.due()) await slice.pause();
  }
  await flush();
  return ids;
}

export async function appendPosting(
  tx: Tx,
  tenantId: number,
  posting: PostingInput,
  actor: LedgerActor,
): Promise<number> {
  const [id] = await appendPostings(tx, tenantId, [posting], actor);
  return id;
}
