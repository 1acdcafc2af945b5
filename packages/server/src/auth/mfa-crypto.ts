/**
 * Keys for MFA, derived (HKDF-SHA-256) from the audit key, which lives outside the database
 * (MEDBILL_AUDIT_KEY or the 0600 key file): a copy of the database alone yields neither the TOTP
 * seeds (AES-256-GCM, bound to tenant and user) nor a way to test guesses of recovery codes (HMAC).
 */
import crypto from 'node:crypto';

export interface MfaKeys {
  seedKey: Buffer;
  recoveryKey: Buffer;
}

const cache = new WeakMap<Buffer, MfaKeys>();

export function mfaKeys(auditKey: Buffer): MfaKeys {
  let keys = cache.get(auditKey);
  if (!keys) {
    if (auditKey.length < 32) throw new Error('MFA needs the audit key (at least 32 bytes)');
    const derive = (info: string) =>
      Buffer.from(crypto.hkdfSync('sha256', auditKey, Buffer.from('medbill-mfa'), Buffer.from(info), 32));
    keys = { seedKey: derive('totp-seed-v1'), recoveryKey: derive('recovery-code-v1') };
    cache.set(auditKey, keys);
  }
  return keys;
}

const aad = (tenantId: number, userId: number) => Buffer.from(`mfa:${tenantId}:${userId}`);

export function encryptSeed(keys: MfaKeys, tenantId: number, userId: number, seed: Buffer): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', keys.seedKey, iv);
  c.setAAD(aad(tenantId, userId));
  const ct = Buffer.concat([c.update(seed), c.final()]);
  return `v1:${Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64url')}`;
}

/** Throws when the stored text was altered, moved to another user, or encrypted under another key. */
export function decryptSeed(keys: MfaKeys, tenantId: number, userId: number, stored: string): Buffer {
  if (!stored.startsWith('v1:')) throw new Error('Unknown MFA seed format');
  const raw = Buffer.from(stored.slice(3), 'base64url');
  const d = crypto.createDecipheriv('aes-256-gcm', keys.seedKey, raw.subarray(0, 12));
  d.setAAD(aad(tenantId, userId));
  d.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([d.update(raw.subarray(28)), d.final()]);
}

export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // no 0/o, 1/l/i

/** Ten one-time codes like "k7mq-x2pd-9hfa" (~64 bits each), shown once. */
export function newRecoveryCodes(n = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: n }, () => {
    let s = '';
    for (let i = 0; i < 12; i++) s += RECOVERY_ALPHABET[crypto.randomInt(RECOVERY_ALPHABET.length)];
    return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
  });
}

export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function hashRecoveryCode(keys: MfaKeys, tenantId: number, userId: number, code: string): string {
  return crypto
    .createHmac('sha256', keys.recoveryKey)
    .update(`${tenantId}:${userId}:${normaliseRecoveryCode(code)}`)
    .digest('hex');
}
