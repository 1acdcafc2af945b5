/** The audit HMAC key lives outside the database: MEDBILL_AUDIT_KEY, or a 0600 key file. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function loadAuditKey(opts: { envKey?: string; keyFile: string; create: boolean }): Buffer {
  if (opts.envKey) {
    const key = Buffer.from(opts.envKey, /^[0-9a-f]+$/i.test(opts.envKey) ? 'hex' : 'base64');
    if (key.length < 32) throw new Error('MEDBILL_AUDIT_KEY must hold at least 32 bytes (64 hex characters)');
    return key;
  }
  if (fs.existsSync(opts.keyFile)) return Buffer.from(fs.readFileSync(opts.keyFile, 'utf8').trim(), 'hex');
  if (!opts.create) throw new Error(`No audit key: set MEDBILL_AUDIT_KEY or provide ${opts.keyFile}`);
  fs.mkdirSync(path.dirname(opts.keyFile), { recursive: true });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(opts.keyFile, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
