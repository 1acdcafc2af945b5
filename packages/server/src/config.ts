/** Everything the server reads from the environment, in one place. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface MedbillConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  demoPassword?: string;
  auditEnvKey?: string;
  auditKeyFile: string;
  webDistDir: string;
  logRequests: boolean;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): MedbillConfig {
  const dataDir = path.resolve(env.MEDBILL_DATA || '.medbill');
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    demoPassword: env.MEDBILL_DEMO_PASSWORD || undefined,
    auditEnvKey: env.MEDBILL_AUDIT_KEY || undefined,
    auditKeyFile: path.resolve(env.MEDBILL_AUDIT_KEY_FILE || path.join(dataDir, 'audit.key')),
    webDistDir: path.join(REPO_ROOT, 'packages/web/dist'),
    logRequests: env.MEDBILL_LOG === '1',
  };
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
