/**
 * Small secrets kept in the database encrypted (AES-256-GCM) under keys derived (HKDF-SHA-256) from the audit
 * key, which lives outside the database (MEDBILL_AUDIT_KEY or the 0600 key file). The additional data binds a
 * sealed value to the row it belongs to, so a value copied to another tenant's or user's row does not open.
 */
import crypto from 'node:crypto';

const derived = new WeakMap<Buffer, Map<string, Buffer>>();

/** A 32-byte key for one purpose (`salt`/`info`), derived once per audit key. */
export function deriveKey(auditKey: Buffer, salt: string, info: string): Buffer {
  if (auditKey.length < 32) throw new Error('Secrets need the audit key (at least 32 bytes)');
  let keys = derived.get(auditKey);
  if (!keys) derived.set(auditKey, (keys = new Map()));
  const name = `${salt}\u0000${info}`;
  let key = keys.get(name);
  if (!key) {
    key = Buffer.from(crypto.hkdfSync('sha256', auditKey, Buffer.from(salt), Buffer.from(info), 32));
    keys.set(name, key);
  }
  return key;
}

/** `v1:` + base64url(iv ‖ tag ‖ ciphertext) */
export function seal(key: Buffer, aad: string, plaintext: Buffer): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  return `v1:${Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64url')}`;
}

/** Throws when the text was altered, belongs to another row, or was sealed under another key. */
export function unseal(key: Buffer, aad: string, sealed: string): Buffer {
  if (!sealed.startsWith('v1:')) throw new Error('Unknown sealed-value format');
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  const d = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  d.setAAD(Buffer.from(aad));
  d.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([d.update(raw.subarray(28)), d.final()]);
}
