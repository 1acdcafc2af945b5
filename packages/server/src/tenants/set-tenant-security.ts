/**
 * The tenant's security settings: requiring MFA ends the sessions of users without it (not the admin's own), so
 * they enrol before they work again. Audited with the change and the sessions ended.
 */
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';

export async function setTenantSecurity(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  input: { mfaRequired: boolean; keepSessionId: number },
): Promise<{ mfaRequired: boolean; sessionsEnded: number }> {
  const tenantId = actor.tenantId;
  return withTenant(deps.db, tenantId, async (tx) => {
    const before = await tx
      .selectFrom('tenant')
      .select('mfa_required')
      .where('id', '=', tenantId)
      .executeTakeFirstOrThrow();
    await tx.updateTable('tenant').set({ mfa_required: input.mfaRequired }).where('id', '=', tenantId).execute();
    let sessionsEnded = 0;
    if (input.mfaRequired && !before.mfa_required) {
      const ended = await tx
        .updateTable('user_session')
        .set({ revoked_at: new Date() })
        .where('tenant_id', '=', tenantId)
        .where('revoked_at', 'is', null)
        .where('id', '!=', input.keepSessionId)
        .where('user_id', 'not in', (eb) =>
          eb
            .selectFrom('user_mfa')
            .select('user_id')
            .where('tenant_id', '=', tenantId)
            .where('enabled_at', 'is not', null),
        )
        .returning('id')
        .execute();
      sessionsEnded = ended.length;
    }
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'update',
      resourceType: 'tenant',
      resourceId: tenantId,
      details: { mfaRequired: { from: before.mfa_required, to: input.mfaRequired }, sessionsEnded },
    });
    return { mfaRequired: input.mfaRequired, sessionsEnded };
  });
}
