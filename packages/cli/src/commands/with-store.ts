/**
 * Commands that need the database open it directly when no server holds the embedded data folder,
 * and refuse with a clear message when one does (two processes on one PGlite folder corrupt it).
 */
import { loadConfig, describeStore, type MedbillConfig } from '@medbill/server/config.ts';
import { DataFolderLockedError } from '@medbill/server/db/data-lock.ts';
import { openConfiguredStore, type AuditKeyNeed } from '@medbill/server/open-configured-store.ts';
import fs from 'node:fs';
import type { CliIO } from '../io.ts';

export class InUseError extends Error {}

/**
 * The data folder holds the embedded database and the audit key. A command that only reads (claims, audit,
 * code search) refuses to start without one, naming it, instead of creating an empty database or failing on the
 * missing key; `serve`, `migrate`, `demo`, `tenant create` and `codes import` create it.
 */
export function missingDataFolder(cfg: MedbillConfig, auditKey: AuditKeyNeed): string | undefined {
  const needsFolder = !cfg.databaseUrl || (auditKey !== 'none' && !cfg.auditEnvKey);
  if (!needsFolder || fs.existsSync(cfg.dataDir)) return undefined;
  return `No data folder at ${cfg.dataDir}${process.env.MEDBILL_DATA ? ' (MEDBILL_DATA)' : ''}: set MEDBILL_DATA to your data folder, or create one with "medbill migrate" or "npm start"`;
}

export async function withStore<T>(
  io: CliIO,
  purpose: string,
  work: (ctx: Awaited<ReturnType<typeof openConfiguredStore>> & { cfg: MedbillConfig }) => Promise<T>,
  opts: { auditKey?: AuditKeyNeed; quiet?: boolean; createsDataFolder?: boolean } = {},
): Promise<T> {
  const cfg = loadConfig();
  const missing =
    opts.createsDataFolder || opts.auditKey === 'create' ? undefined : missingDataFolder(cfg, opts.auditKey ?? 'none');
  if (missing) throw new Error(missing);
  let opened: Awaited<ReturnType<typeof openConfiguredStore>>;
  try {
    opened = await openConfiguredStore(cfg, `medbill ${purpose}`, { auditKey: opts.auditKey ?? 'none' });
  } catch (e) {
    if (e instanceof DataFolderLockedError) {
      throw new InUseError(
        `${e.message}\n(The embedded database in ${cfg.dataDir} can be opened by one process at a time: stop the server to run "${purpose}", or set DATABASE_URL to use PostgreSQL.)`,
      );
    }
    throw e;
  }
  if (!opts.quiet) io.err(`Using ${describeStore(cfg)}\n`);
  try {
    return await work({ ...opened, cfg });
  } finally {
    await opened.store.close();
  }
}
