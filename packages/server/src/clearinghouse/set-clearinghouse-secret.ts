/**
 * Set or replace an SFTP clearinghouse's password or private key in the tenant's secret store (issue 8 item 1):
 * sealed, never read back; the audit row names only the kind of secret.
 */
import type { ClearinghouseSecretInput } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { AppError } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { setClearinghouseSecret, type SecretStatus } from './clearinghouse-secrets.ts';
import { findClearinghouse } from './find-clearinghouse.ts';

export async function storeClearinghouseSecret(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  input: { clearinghouseId: number; secret: ClearinghouseSecretInput },
): Promise<{ id: number; secret: SecretStatus }> {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const ch = await findClearinghouse(tx, actor.tenantId, input.clearinghouseId);
    if (ch.transport !== 'sftp')
      throw new AppError('conflict', `Clearinghouse ${ch.id} is not SFTP: it takes no password or private key`);
    const secret = await setClearinghouseSecret(tx, deps.auditKey, actor.tenantId, ch.id, input.secret, actor.username);
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'update',
      resourceType: 'clearinghouse',
      resourceId: ch.id,
      details: { secret: secret.kind },
    });
    return { id: ch.id, secret };
  });
}
