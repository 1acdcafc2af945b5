/** The coder's save: the encounter's diagnoses and service lines replaced (while no claim of it is with a payer). */
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { replaceCoding } from './create-encounter.ts';
import type { CodingInput } from './encounter-schemas.ts';

export async function recodeEncounter(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  input: CodingInput & { encounterId: number },
): Promise<{ id: number }> {
  const { encounterId, ...coding } = input;
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    await replaceCoding(tx, actor.tenantId, encounterId, coding, actor);
    const enc = await tx
      .selectFrom('encounter')
      .select('patient_id')
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', encounterId)
      .executeTakeFirstOrThrow();
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'update',
      resourceType: 'encounter',
      resourceId: encounterId,
      patientId: enc.patient_id,
      dataCategory: 'encounter',
      details: { diagnoses: coding.diagnoses, lines: coding.lines.length },
    });
    return { id: encounterId };
  });
}
