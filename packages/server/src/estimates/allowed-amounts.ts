/**
 * What a payer is likely to allow per unit of a code: the allowed amount on its newest remittance line for the
 * code (835 SVC with an AMT*B6, or the paid plus contractual amounts), not reversed, adjudicated by the date.
 * An estimate without one uses the charge and says so.
 */
import { sql } from 'kysely';
import type { Tx } from '../db/open-database.ts';

export async function allowedFromRemittances(
  tx: Tx,
  tenantId: number,
  payerId: number,
  onOrBefore: string,
): Promise<Map<string, number>> {
  const rows = await tx
    .selectFrom('claim_adjudication_line as l')
    .innerJoin('claim_adjudication as a', (j) =>
      j.onRef('a.tenant_id', '=', 'l.tenant_id').onRef('a.id', '=', 'l.adjudication_id'),
    )
    .innerJoin('claim as c', (j) => j.onRef('c.tenant_id', '=', 'a.tenant_id').onRef('c.id', '=', 'a.claim_id'))
    .select(['l.procedure_code', 'l.allowed_cents', 'l.paid_units', 'a.adjudication_date', 'a.id'])
    .where('l.tenant_id', '=', tenantId)
    .where('c.payer_id', '=', payerId)
    .where('a.reversed_at', 'is', null)
    .where('a.adjudication_date', '<=', onOrBefore)
    .where('l.allowed_cents', 'is not', null)
    .where(sql<boolean>`l.paid_units > 0`)
    .orderBy('a.adjudication_date', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
  const out = new Map<string, number>();
  for (const r of rows)
    if (!out.has(r.procedure_code))
      out.set(r.procedure_code, Math.round(Number(r.allowed_cents) / Number(r.paid_units)));
  return out;
}
