/** MFA records of one user, always inside withTenant (row-level security applies). */
import type { Tx } from '../db/open-database.ts';
import { decryptSeed, encryptSeed, hashRecoveryCode, newRecoveryCodes, type MfaKeys } from './mfa-crypto.ts';
import { checkTotp, newTotpSeed } from './totp.ts';

export interface MfaStatus {
  enabled: boolean;
  pending: boolean;
  recoveryCodesLeft: number;
}

export async function mfaStatus(tx: Tx, tenantId: number, userId: number): Promise<MfaStatus> {
  const row = await tx
    .selectFrom('user_mfa')
    .select(['enabled_at', 'pending_secret_enc'])
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const left = await tx
    .selectFrom('mfa_recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    enabled: Boolean(row?.enabled_at),
    pending: Boolean(row?.pending_secret_enc),
    recoveryCodesLeft: Number(left.n),
  };
}

/** A new seed waiting for its first code; an active seed stays in force until the new one is confirmed. */
export async function startEnrolment(tx: Tx, keys: MfaKeys, tenantId: number, userId: number): Promise<Buffer> {
  const seed = newTotpSeed();
  const enc = encryptSeed(keys, tenantId, userId, seed);
  await tx
    .insertInto('user_mfa')
    .values({ tenant_id: tenantId, user_id: userId, pending_secret_enc: enc })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'user_id']).doUpdateSet({ pending_secret_enc: enc, updated_at: new Date() }),
    )
    .execute();
  return seed;
}

export type ConfirmResult =
  | { ok: true; recoveryCodes: string[] }
  | { ok: false; reason: 'no_enrolment' | 'wrong' | 'replay' };

/** Activates the pending seed once the user proves a code from it; issues fresh recovery codes. */
export async function confirmEnrolment(
  tx: Tx,
  keys: MfaKeys,
  tenantId: number,
  userId: number,
  code: string,
  now = new Date(),
): Promise<ConfirmResult> {
  const row = await tx
    .selectFrom('user_mfa')
    .select(['pending_secret_enc'])
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
  if (!row?.pending_secret_enc) return { ok: false, reason: 'no_enrolment' };
  const check = checkTotp(decryptSeed(keys, tenantId, userId, row.pending_secret_enc), code, now.getTime(), null);
  if (!check.ok) return check;
  await tx
    .updateTable('user_mfa')
    .set({
      secret_enc: row.pending_secret_enc,
      pending_secret_enc: null,
      enabled_at: now,
      last_used_step: check.step,
      updated_at: now,
    })
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .execute();
  return { ok: true, recoveryCodes: await replaceRecoveryCodes(tx, keys, tenantId, userId) };
}

export async function replaceRecoveryCodes(tx: Tx, keys: MfaKeys, tenantId: number, userId: number): Promise<string[]> {
  await tx.deleteFrom('mfa_recovery_code').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
  const codes = newRecoveryCodes();
  await tx
    .insertInto('mfa_recovery_code')
    .values(
      codes.map((c) => ({
        tenant_id: tenantId,
        user_id: userId,
        code_hash: hashRecoveryCode(keys, tenantId, userId, c),
      })),
    )
    .execute();
  return codes;
}

export type FactorResult =
  | { ok: true; method: 'totp' | 'recovery' }
  | { ok: false; method: 'totp' | 'recovery'; reason: 'not_enrolled' | 'wrong' | 'replay' };

export const looksLikeTotp = (code: string) => /^\d{6}$/.test(code.replace(/\s/g, ''));

/**
 * Checks a second factor: a 6-digit code from the active seed (each step's code once) or an unused
 * recovery code (which is then spent). Both consume atomically, so two racing requests cannot both pass.
 */
export async function checkSecondFactor(
  tx: Tx,
  keys: MfaKeys,
  tenantId: number,
  userId: number,
  code: string,
  opts: { allowRecovery: boolean; now?: Date },
): Promise<FactorResult> {
  const now = opts.now ?? new Date();
  const row = await tx
    .selectFrom('user_mfa')
    .select(['secret_enc', 'last_used_step'])
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (looksLikeTotp(code)) {
    if (!row?.secret_enc) return { ok: false, method: 'totp', reason: 'not_enrolled' };
    const check = checkTotp(
      decryptSeed(keys, tenantId, userId, row.secret_enc),
      code,
      now.getTime(),
      row.last_used_step,
    );
    if (!check.ok) return { ok: false, method: 'totp', reason: check.reason };
    const taken = await tx
      .updateTable('user_mfa')
      .set({ last_used_step: check.step, updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', check.step)]))
      .returning('user_id')
      .executeTakeFirst();
    return taken ? { ok: true, method: 'totp' } : { ok: false, method: 'totp', reason: 'replay' };
  }
  if (!opts.allowRecovery || !row?.secret_enc)
    return { ok: false, method: 'recovery', reason: row?.secret_enc ? 'wrong' : 'not_enrolled' };
  const spent = await tx
    .updateTable('mfa_recovery_code')
    .set({ used_at: now })
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('code_hash', '=', hashRecoveryCode(keys, tenantId, userId, code))
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return spent ? { ok: true, method: 'recovery' } : { ok: false, method: 'recovery', reason: 'wrong' };
}

/** Removes the user's seed (active and pending) and recovery codes; true when MFA was on. */
export async function removeMfa(tx: Tx, tenantId: number, userId: number): Promise<boolean> {
  const gone = await tx
    .deleteFrom('user_mfa')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .returning('enabled_at')
    .executeTakeFirst();
  await tx.deleteFrom('mfa_recovery_code').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
  return Boolean(gone?.enabled_at);
}
