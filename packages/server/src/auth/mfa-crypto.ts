/**
 * Keys for MFA, derived (HKDF-SHA-256) from the audit key, which lives outside the database
 * (MEDBILL_AUDIT_KEY or the 0600 key file): a copy of the database alone yields neither the TOTP
 * seeds (AES-256-GCM, bound to tenant and user) nor a way to test guesses of recovery codes (HMAC).
 */
import crypto from 'node:crypto';
import { deriveKey, seal, unseal } from '../secrets/sealed-box.ts';

export interface MfaKeys {
  seedKey: Buffer;
  recoveryKey: Buffer;
}

export function mfaKeys(auditKey: Buffer): MfaKeys {
  return {
    seedKey: deriveKey(auditKey, 'medbill-mfa', 'totp-seed-v1'),
    recoveryKey: deriveKey(auditKey, 'medbill-mfa', 'recovery-code-v1'),
  };
}

const aad = (tenantId: number, userId: number) => `mfa:${tenantId}:${userId}`;

export function encryptSeed(keys: MfaKeys, tenantId: number, userId: number, seed: Buffer): string {
  return seal(keys.seedKey, aad(tenantId, userId), seed);
}

/** Throws when the stored text was altered, moved to another user, or encrypted under another key. */
export function decryptSeed(keys: MfaKeys, tenantId: number, userId: number, stored: string): Buffer {
  return unseal(keys.seedKey, aad(tenantId, userId), stored);
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
