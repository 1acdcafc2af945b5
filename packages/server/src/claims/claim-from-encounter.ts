/** A draft claim made from an encounter, to the coverage in the order asked (primary by default); audited. */
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { createClaimForEncounter } from './create-claims.ts';

export async function claimFromEncounter(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  input: { encounterId: number; coverageOrder?: number },
): Promise<{ id: number }> {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const created = await createClaimForEncounter(tx, actor.tenantId, input.encounterId, actor, {
      coverageOrder: input.coverageOrder,
    });
    const enc = await tx
      .selectFrom('encounter')
      .select('patient_id')
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', input.encounterId)
      .executeTakeFirstOrThrow();
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'create',
      resourceType: 'claim',
      resourceId: created,
      patientId: enc.patient_id,
      dataCategory: 'claim',
      details: { encounterId: input.encounterId },
    });
    return { id: created };
  });
}
