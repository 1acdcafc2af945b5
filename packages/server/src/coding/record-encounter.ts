/** A visit recorded as an encounter with its diagnoses and service lines; audited against the patient. */
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { createEncounter } from './create-encounter.ts';
import type { EncounterBody } from './encounter-schemas.ts';

export async function recordEncounter(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  input: EncounterBody,
): Promise<{ id: number }> {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const created = await createEncounter(tx, actor.tenantId, input);
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'create',
      resourceType: 'encounter',
      resourceId: created,
      patientId: input.patientId,
      dataCategory: 'encounter',
    });
    return { id: created };
  });
}
