/** Claims a person might mean for each 835 claim we could not match: same patient name, date of service, amount. */
import { suggestClaims, type OurClaim, type RemittancePlan } from '@medbill/core/remittance';
import type { Remittance835 } from '@medbill/x12/835';
import type { Tx } from '../db/open-database.ts';
import { timeSlice } from '../jobs/time-slice.ts';

export async function suggestionsForUnmatched(
  tx: Tx,
  tenantId: number,
  remit: Remittance835,
  plan: RemittancePlan,
): Promise<Map<number, unknown[]>> {
  const out = new Map<number, unknown[]>();
  const clps = remit.headers.flatMap((h) => h.claims);
  const wanted = plan.unmatched.filter((u) => u.kind === 'claim').map((u) => u.clpIndex);
  const names = [
    ...new Set(wanted.map((i) => clps[i]?.patient?.lastName.toUpperCase()).filter((x): x is string => !!x)),
  ];
  if (!names.length) return out;
  const rows = await tx
    .selectFrom('claim as c')
    .innerJoin('encounter as e', (j) => j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'))
    .innerJoin('patient as p', (j) => j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.patient_id'))
    .select([
      'c.id',
      'c.claim_number',
      'c.payer_id',
      'c.encounter_id',
      'c.state',
      'e.patient_id',
      'e.practice_id',
      'p.last_name',
      'p.first_name',
    ])
    .where('c.tenant_id', '=', tenantId)
    .where((eb) => eb(eb.fn('upper', ['p.last_name']), 'in', names))
    .where('c.state', '<>', 'voided')
    .limit(500)
    .execute();
  if (!rows.length) return out;
  const lines = await tx
    .selectFrom('service_line')
    .select([
      'id',
      'encounter_id',
      'line_number',
      'procedure_code',
      'modifiers',
      'units',
      'charge_cents',
      'service_date',
    ])
    .where('tenant_id', '=', tenantId)
    .where('encounter_id', 'in', [...new Set(rows.map((r) => r.encounter_id))])
    .execute();
  const candidates: OurClaim[] = rows.map((r) => ({
    claimId: r.id,
    claimNumber: r.claim_number,
    payerId: r.payer_id,
    payerClaimNumber: null,
    encounterId: r.encounter_id,
    patientId: r.patient_id,
    practiceId: r.practice_id,
    coverageOrder: 1,
    state: r.state,
    patientName: { last: r.last_name, first: r.first_name },
    lines: lines
      .filter((l) => l.encounter_id === r.encounter_id)
      .map((l) => ({
        id: l.id,
        lineNumber: l.line_number,
        code: l.procedure_code,
        modifiers: l.modifiers,
        units: l.units,
        chargeCents: l.charge_cents,
        date: l.service_date,
      })),
  }));
  const slice = timeSlice();
  for (const i of wanted) {
    out.set(i, suggestClaims(clps[i], candidates));
    if (slice.due()) await slice.pause();
  }
  return out;
}
