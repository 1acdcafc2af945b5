/**
 * The per-tenant secret store for clearinghouse credentials (issue 8 item 1). A tenant admin writes an SFTP
 * password or private key through the API or the CLI; it is kept AES-256-GCM sealed under a key derived from
 * the audit key (outside the database), bound to tenant and clearinghouse, and never read back: answers say
 * only what kind of secret is set and when. A tenant can no longer name where the server finds a secret (the
 * old `passwordEnv` sent any server variable to a host of the tenant's choosing).
 */
import type { Tx } from '../db/open-database.ts';
import { deriveKey, seal, unseal } from '../secrets/sealed-box.ts';

export type ClearinghouseSecret = { password: string } | { privateKey: string; passphrase?: string };

/** What the adapter receives: the secret, opened, for this one connection. */
export interface ClearinghouseCredential {
  password?: string;
  privateKey?: string;
  passphrase?: string;
}

export interface SecretStatus {
  kind: 'password' | 'private_key';
  setAt: string;
}

/**
 * The operator's override, for deployments that hand secrets to processes through the environment: a fixed
 * name built from the tenant and clearinghouse ids, which no tenant can choose.
 */
export const operatorSecretVariable = (tenantId: number, clearinghouseId: number) =>
  `MEDBILL_SFTP_PASSWORD_T${tenantId}_C${clearinghouseId}`;

const secretKey = (auditKey: Buffer) => deriveKey(auditKey, 'medbill-secrets', 'clearinghouse-secret-v1');
const aad = (tenantId: number, clearinghouseId: number) => `clearinghouse:${tenantId}:${clearinghouseId}`;

export async function setClearinghouseSecret(
  tx: Tx,
  auditKey: Buffer,
  tenantId: number,
  clearinghouseId: number,
  secret: ClearinghouseSecret,
  setBy: string | null,
  now = new Date(),
): Promise<SecretStatus> {
  const kind = 'password' in secret ? 'password' : 'private_key';
  const sealed = seal(secretKey(auditKey), aad(tenantId, clearinghouseId), Buffer.from(JSON.stringify(secret)));
  await tx
    .insertInto('clearinghouse_secret')
    .values({
      tenant_id: tenantId,
      clearinghouse_id: clearinghouseId,
      kind,
      secret_enc: sealed,
      set_at: now,
      set_by: setBy,
    })
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'clearinghouse_id'])
        .doUpdateSet({ kind, secret_enc: sealed, set_at: now, set_by: setBy }),
    )
    .execute();
  return { kind, setAt: now.toISOString() };
}

/** Which clearinghouses have a secret, and since when; never the secret. */
export async function secretStatuses(tx: Tx, tenantId: number): Promise<Map<number, SecretStatus>> {
  const rows = await tx
    .selectFrom('clearinghouse_secret')
    .select(['clearinghouse_id', 'kind', 'set_at'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return new Map(
    rows.map((r) => [
      r.clearinghouse_id,
      { kind: r.kind as SecretStatus['kind'], setAt: new Date(r.set_at).toISOString() },
    ]),
  );
}

/** The stored secret, opened for a connection; else the operator's variable; else null. */
export async function loadClearinghouseCredential(
  tx: Tx,
  auditKey: Buffer,
  tenantId: number,
  clearinghouseId: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ClearinghouseCredential | null> {
  const row = await tx
    .selectFrom('clearinghouse_secret')
    .select('secret_enc')
    .where('tenant_id', '=', tenantId)
    .where('clearinghouse_id', '=', clearinghouseId)
    .executeTakeFirst();
  if (row) {
    const opened = unseal(secretKey(auditKey), aad(tenantId, clearinghouseId), row.secret_enc);
    return JSON.parse(opened.toString('utf8')) as ClearinghouseCredential;
  }
  const fromOperator = env[operatorSecretVariable(tenantId, clearinghouseId)];
  return fromOperator ? { password: fromOperator } : null;
}
