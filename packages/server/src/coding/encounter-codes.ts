/** An encounter's coding as its page and its claims show it: diagnoses in order (with present-on-admission) and service lines. */
import { toCamel } from '../db/case.ts';
import type { Tx } from '../db/open-database.ts';

export async function loadEncounterCodes(tx: Tx, tenantId: number, encounterId: number) {
  const diagnoses = await tx
    .selectFrom('encounter_diagnosis')
    .select(['code', 'poa'])
    .where('tenant_id', '=', tenantId)
    .where('encounter_id', '=', encounterId)
    .orderBy('position')
    .execute();
  const lines = await tx
    .selectFrom('service_line')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('encounter_id', '=', encounterId)
    .orderBy('line_number')
    .execute();
  return {
    diagnoses: diagnoses.map((d) => d.code),
    diagnosisPoa: diagnoses.map((d) => d.poa),
    lines: lines.map(toCamel),
  };
}
