/** Encounters, newest visit first (the coding queue is status=to_code). The search is audited. */
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { toCamel } from '../db/case.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import type { EncounterQuery } from './encounter-schemas.ts';

export async function listEncounters(deps: Pick<Deps, 'db' | 'auditKey'>, actor: Actor, input: EncounterQuery) {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    let s = tx
      .selectFrom('encounter as e')
      .innerJoin('patient as p', (j) => j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.patient_id'))
      .where('e.tenant_id', '=', actor.tenantId);
    if (input.status) s = s.where('e.status', '=', input.status);
    if (input.patientId) s = s.where('e.patient_id', '=', input.patientId);
    const rows = await s
      .select([
        'e.id',
        'e.patient_id',
        'e.service_date_from',
        'e.place_of_service',
        'e.status',
        'e.kind',
        'p.first_name',
        'p.last_name',
        'p.account_number',
      ])
      .orderBy('e.service_date_from', 'desc')
      .orderBy('e.id', 'desc')
      .limit(input.limit)
      .offset(input.offset)
      .execute();
    // the search names every patient it showed (issue 8 item 11), as claim lists do
    const patientIds = [...new Set(rows.map((r) => r.patient_id))].sort((a, b) => a - b);
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'query',
      resourceType: 'encounter',
      dataCategory: 'encounter',
      patientId: patientIds.length === 1 ? patientIds[0] : null,
      details: { status: input.status, patientId: input.patientId, resultIds: rows.map((r) => r.id), patientIds },
    });
    return { items: rows.map(toCamel) };
  });
}
