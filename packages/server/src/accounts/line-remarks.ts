/**
 * The remark codes (RARC) the payers sent on each service line, from their adjudications of it that are not
 * reversed: line-level remarks and the claim's own (MIA/MOA) remarks. Turned into words on the account page.
 */
import { accounts } from '@medbill/core';
import { sql } from 'kysely';
import type { Tx } from '../db/open-database.ts';

export async function remarksByLine(
  tx: Tx,
  t: number,
  lineIds: number[],
  rarcTitle: (code: string) => string | undefined = () => undefined,
): Promise<Map<number, Array<{ code: string; text: string }>>> {
  const out = new Map<number, Array<{ code: string; text: string }>>();
  if (!lineIds.length) return out;
  const { rows } = await sql<{ line_id: number; line_remarks: string[]; claim_remarks: string[] }>`
    SELECT s.id AS line_id, l.remarks AS line_remarks, a.remarks AS claim_remarks
      FROM service_line s
      JOIN claim c ON c.tenant_id = s.tenant_id AND c.encounter_id = s.encounter_id
      JOIN claim_adjudication a ON a.tenant_id = c.tenant_id AND a.claim_id = c.id AND a.reversed_at IS NULL
      JOIN claim_adjudication_line l ON l.tenant_id = a.tenant_id AND l.adjudication_id = a.id AND l.line_number = s.line_number
     WHERE s.tenant_id = ${t} AND s.id IN (${sql.join(lineIds)})
     ORDER BY a.adjudication_date, a.id`.execute(tx);
  for (const r of rows) {
    const codes = [...new Set([...(r.claim_remarks ?? []), ...(r.line_remarks ?? [])].map(String))];
    const known = out.get(r.line_id) ?? [];
    for (const code of codes)
      if (!known.some((k) => k.code === code))
        known.push({
          code,
          text: accounts.explainRemark(code) ?? rarcTitle(code) ?? `The insurer added remark ${code}.`,
        });
    out.set(r.line_id, known);
  }
  return out;
}
