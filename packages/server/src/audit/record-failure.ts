/** When data was released (audited) but could not be delivered — a file the CLI could not write — a `failure` row says so. */
import { messageForPeople } from '../app-error.ts';
import type { Actor } from '../actor.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { recordAudit, type AuditRecord } from './record-audit.ts';

export async function recordFailure(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  rec: AuditRecord,
  error: unknown,
): Promise<void> {
  const message = messageForPeople(error);
  await withTenant(deps.db, actor.tenantId, (tx) =>
    recordAudit(tx, deps.auditKey, actor, {
      ...rec,
      outcome: 'failure',
      details: { ...rec.details, error: message.slice(0, 300) },
    }),
  );
}
