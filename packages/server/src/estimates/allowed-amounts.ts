/**
 * What a payer is likely to allow for a planned line: first the payer's contract in effect on the date of
 * service (remit's `payer_contract`, per code and modifier, effective-dated), then the allowed amount on its
 * newest remittance line for the code (835 SVC with an AMT*B6, or the paid plus contractual amounts), not
 * reversed, adjudicated by the date. A line with neither uses the charge and the estimate says so.
 */
import { sql } from 'kysely';
import type { Tx } from '../db/open-database.ts';
import { contractLookup } from '../remittance/payer-contracts.ts';

export type AllowedFrom = 'contract' | 'remittance';

export interface PlannedLine {
  code: string;
  modifiers: string[];
  units: number;
  chargeCents: number;
}

/** The allowed amount of a planned line (× units) and where it came from, or null when nothing is on file. */
export type AllowedFor = (line: PlannedLine) => { cents: number; from: AllowedFrom } | null;

export async function allowedAmounts(tx: Tx, tenantId: number, payerId: number, date: string): Promise<AllowedFor> {
  const contract = await contractLookup(tx, tenantId, [payerId]);
  const remitted = await allowedFromRemittances(tx, tenantId, payerId, date);
  return (line) => {
    const fromContract = contract({ id: 0, lineNumber: 1, ...line, date }, payerId);
    if (fromContract !== null) return { cents: fromContract, from: 'contract' };
    const perUnit = remitted.get(line.code);
    return perUnit === undefined ? null : { cents: perUnit * line.units, from: 'remittance' };
  };
}

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
