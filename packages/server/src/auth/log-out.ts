/** Ends the caller's session; audited. */
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { revokeSession } from './sessions.ts';

export async function logOut(deps: Pick<Deps, 'db' | 'auditKey'>, actor: Actor, input: { sessionId: number }) {
  await revokeSession(deps.db, actor.tenantId, input.sessionId);
  await withTenant(deps.db, actor.tenantId, (tx) =>
    recordAudit(tx, deps.auditKey, actor, { action: 'logout', resourceType: 'session' }),
  );
}
