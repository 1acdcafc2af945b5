/** One encounter: its note, diagnoses (with present-on-admission), lines and claims. The read is audited. */
import type { Actor } from '../actor.ts';
import { notFound } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { toCamel } from '../db/case.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { loadEncounterCodes } from './encounter-codes.ts';

export async function getEncounter(deps: Pick<Deps, 'db' | 'auditKey'>, actor: Actor, input: { encounterId: number }) {
  const tenantId = actor.tenantId;
  return withTenant(deps.db, tenantId, async (tx) => {
    const enc = await tx
      .selectFrom('encounter')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', input.encounterId)
      .executeTakeFirst();
    if (!enc) throw notFound('Encounter');
    const coding = await loadEncounterCodes(tx, tenantId, enc.id);
    const claims = await tx
      .selectFrom('claim')
      .select(['id', 'claim_number', 'state', 'total_charge_cents', 'frequency_code', 'replaces_claim_id'])
      .where('tenant_id', '=', tenantId)
      .where('encounter_id', '=', enc.id)
      .execute();
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'read',
      resourceType: 'encounter',
      resourceId: enc.id,
      patientId: enc.patient_id,
      dataCategory: 'encounter',
    });
    return {
      ...toCamel(enc),
      ...coding,
      claims: claims.map(toCamel),
    };
  });
}
