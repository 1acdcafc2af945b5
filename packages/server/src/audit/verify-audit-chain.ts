/** An admin verifies their tenant's audit chain; the check and its outcome are logged. */
import type { Actor } from '../actor.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { recordAudit } from './record-audit.ts';
import { verifyAudit } from './verify-audit.ts';

export async function verifyAuditChain(deps: Pick<Deps, 'db' | 'auditKey'>, actor: Actor) {
  const result = await verifyAudit(deps.db, deps.auditKey, { tenantId: actor.tenantId });
  await withTenant(deps.db, actor.tenantId, (tx) =>
    recordAudit(tx, deps.auditKey, actor, {
      action: 'verify',
      resourceType: 'audit_log',
      outcome: result.ok ? 'success' : 'failure',
      details: { entries: result.entries, problems: result.problems.length },
    }),
  );
  return result;
}
