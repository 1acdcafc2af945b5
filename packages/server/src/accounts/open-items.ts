/**
 * What patients owe, line by line, read from the ledger: the patient's `ar` balance of each service line, what a
 * payer still owes on it, and since when it is the patient's to pay; plus each patient's credit on account.
 * Set-wise (a fixed number of queries for any number of patients), for the account page and statement runs.
 */
import type { accounts } from '@medbill/core';
import { sql } from 'kysely';
import type { Tx } from '../db/open-database.ts';
import { safeSum } from '../ledger/read-ledger.ts';

const CHUNK = 5000;

/** Open items of these patients (all of the tenant's patients when `patientIds` is null). */
export interface LedgerItem extends accounts.OpenItem {
  chargeCents: number;
  patientPaidCents: number;
  code: string;
}

export async function openItems(tx: Tx, tenantId: number, patientIds: readonly number[] | null): Promise<LedgerItem[]> {
  const out: LedgerItem[] = [];
  const chunks = patientIds === null ? [null] : chunk(patientIds);
  for (const ids of chunks) {
    if (ids && !ids.length) continue;
    const { rows } = await sql<{
      service_line_id: number;
      claim_id: number;
      patient_id: number;
      practice_id: number;
      patient_cents: string;
      payer_cents: string;
      since: string | null;
      service_date: string | null;
      charge_cents: string;
      patient_paid: string;
      code: string | null;
    }>`
      SELECT e.service_line_id, min(e.claim_id) AS claim_id, e.patient_id, e.practice_id,
             sum(CASE WHEN e.responsibility = 'patient' THEN e.amount_cents ELSE 0 END) AS patient_cents,
             sum(CASE WHEN e.responsibility = 'payer' THEN e.amount_cents ELSE 0 END) AS payer_cents,
             min(CASE WHEN e.responsibility = 'patient' AND e.amount_cents > 0 THEN p.effective_date END)::text AS since,
             min(l.service_date)::text AS service_date, min(l.procedure_code) AS code,
             sum(CASE WHEN e.kind = 'charge' THEN e.amount_cents ELSE 0 END) AS charge_cents,
             -sum(CASE WHEN e.kind = 'patient_payment' THEN e.amount_cents ELSE 0 END) AS patient_paid
        FROM ledger_entry e
        JOIN ledger_posting p ON p.tenant_id = e.tenant_id AND p.id = e.posting_id
        LEFT JOIN service_line l ON l.tenant_id = e.tenant_id AND l.id = e.service_line_id
       WHERE e.tenant_id = ${tenantId} AND e.account = 'ar'
         ${ids ? sql`AND e.patient_id IN (${sql.join(ids)})` : sql``}
       GROUP BY e.service_line_id, e.patient_id, e.practice_id
      HAVING sum(CASE WHEN e.responsibility = 'patient' THEN e.amount_cents ELSE 0 END) <> 0`.execute(tx);
    for (const r of rows) {
      const balance = safeSum(r.patient_cents);
      if (balance === 0) continue;
      const serviceDate = r.service_date ?? r.since ?? '1970-01-01';
      out.push({
        lineId: r.service_line_id,
        claimId: r.claim_id,
        patientId: r.patient_id,
        practiceId: r.practice_id,
        serviceDate,
        since: r.since ?? serviceDate,
        balanceCents: balance,
        insurancePendingCents: Math.max(0, safeSum(r.payer_cents)),
        chargeCents: safeSum(r.charge_cents),
        patientPaidCents: safeSum(r.patient_paid),
        code: r.code ?? '',
      });
    }
  }
  return out;
}

/** Each patient's credit on account (money received and not applied to a line), positive cents. */
export async function creditsOnAccount(
  tx: Tx,
  tenantId: number,
  patientIds: readonly number[] | null,
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const ids of patientIds === null ? [null] : chunk(patientIds)) {
    if (ids && !ids.length) continue;
    let q = tx
      .selectFrom('ledger_entry')
      .select('patient_id')
      .select(sql<string>`sum(amount_cents)`.as('amount'))
      .where('tenant_id', '=', tenantId)
      .where('account', '=', 'unapplied')
      .where('patient_id', 'is not', null);
    if (ids) q = q.where('patient_id', 'in', ids);
    for (const r of await q.groupBy('patient_id').execute()) {
      const credit = -safeSum(r.amount);
      if (credit !== 0 && r.patient_id) out.set(r.patient_id, credit);
    }
  }
  return out;
}

function chunk(ids: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(ids.slice(i, i + CHUNK));
  return out.length ? out : [[]];
}
