/** Everything the server reads from the environment, in one place. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePublicOrigins, type PublicOrigin } from './http/public-origin.ts';

export interface MedbillConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  demoPassword?: string;
  /** in demo mode, how long after the 277CA the simulated payer's 835 arrives (MEDBILL_DEMO_REMIT_DELAY, seconds) */
  demoRemitDelayMs: number;
  auditEnvKey?: string;
  auditKeyFile: string;
  /** the append-only anchor of every tenant's audit chain head, beside the key (audit-anchor.ts) */
  auditAnchorFile: string;
  webDistDir: string;
  logRequests: boolean;
  /** addresses/CIDRs of the TLS-terminating proxies whose X-Forwarded-For/-Proto are believed */
  trustProxy: string[];
  /** the origins the server is published as (MEDBILL_PUBLIC_ORIGIN); others' Host headers are refused */
  publicOrigins: PublicOrigin[];
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): MedbillConfig {
  const dataDir = path.resolve(env.MEDBILL_DATA || '.medbill');
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    demoPassword: env.MEDBILL_DEMO_PASSWORD || undefined,
    demoRemitDelayMs: seconds(env.MEDBILL_DEMO_REMIT_DELAY, 'MEDBILL_DEMO_REMIT_DELAY', 60) * 1000,
    auditEnvKey: env.MEDBILL_AUDIT_KEY || undefined,
    auditKeyFile: path.resolve(env.MEDBILL_AUDIT_KEY_FILE || path.join(dataDir, 'audit.key')),
    auditAnchorFile: path.resolve(
      env.MEDBILL_AUDIT_ANCHOR_FILE ||
        path.join(
          path.dirname(path.resolve(env.MEDBILL_AUDIT_KEY_FILE || path.join(dataDir, 'audit.key'))),
          'audit.anchor',
        ),
    ),
    webDistDir: path.join(REPO_ROOT, 'packages/web/dist'),
    logRequests: env.MEDBILL_LOG === '1',
    trustProxy: parseTrustProxy(env.MEDBILL_TRUST_PROXY),
    publicOrigins: parsePublicOrigins(env.MEDBILL_PUBLIC_ORIGIN),
  };
}

function seconds(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number of seconds, not "${value}"`);
  return n;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * MEDBILL_TRUST_PROXY: the proxies in front of medbill, e.g. "127.0.0.1" or "10.0.0.0/8,loopback". Only their
 * X-Forwarded-For (the address put in the audit log) and X-Forwarded-Proto (which makes the session cookie Secure)
 * are believed. "true" or "*" are refused: trusting every sender would let anyone write the audited address.
 */
export function parseTrustProxy(value: string | undefined): string[] {
  if (!value?.trim()) return [];
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => {
      const ok = PROXY_NAMES.has(v) || /^[0-9.]+(\/\d{1,2})?$/.test(v) || /^[0-9a-fA-F:]+(\/\d{1,3})?$/.test(v);
      if (!ok || v === 'true' || v === '*') {
        throw new Error(
          `MEDBILL_TRUST_PROXY: "${v}" is not a proxy address, CIDR range or one of ${[...PROXY_NAMES].join(', ')}`,
        );
      }
      return v;
    });
}

export function describeStore(cfg: MedbillConfig): string {
  return cfg.databaseUrl ? `PostgreSQL at ${redactUrl(cfg.databaseUrl)}` : `embedded PGlite in ${cfg.dataDir}`;
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
