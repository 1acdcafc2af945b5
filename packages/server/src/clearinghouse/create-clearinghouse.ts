/** Set up a clearinghouse (a local folder or SFTP); audited with its name and transport. */
import type { CreateClearinghouseInput } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { setClearinghouseSecret, type SecretStatus } from './clearinghouse-secrets.ts';

export async function createClearinghouse(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  input: CreateClearinghouseInput,
): Promise<{
  id: number;
  name: string;
  transport: CreateClearinghouseInput['transport'];
  secret: SecretStatus | null;
}> {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    const ch = await tx
      .insertInto('clearinghouse')
      .values({
        tenant_id: actor.tenantId,
        name: input.name,
        transport: input.transport,
        config: JSON.stringify(input.config), // never the secret: that goes sealed into the secret store
        submitter_id: input.submitterId,
        submitter_name: input.submitterName,
        receiver_id: input.receiverId,
        receiver_name: input.receiverName,
        usage_indicator: input.usageIndicator,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'create',
      resourceType: 'clearinghouse',
      resourceId: ch.id,
      details: { name: input.name, transport: input.transport, secret: secretOf(input) ? 'set' : undefined },
    });
    const given = secretOf(input);
    const secret = given
      ? await setClearinghouseSecret(tx, deps.auditKey, actor.tenantId, ch.id, given, actor.username)
      : null;
    return { id: ch.id, name: input.name, transport: input.transport, secret };
  });
}

const secretOf = (input: CreateClearinghouseInput) => (input.transport === 'sftp' ? input.secret : undefined);
