/**
 * Commands that need the database open it directly when no server holds the embedded data folder,
 * and refuse with a clear message when one does (two processes on one PGlite folder corrupt it).
 */
import { loadConfig, describeStore, type MedbillConfig } from '@medbill/server/config.ts';
import { DataFolderLockedError } from '@medbill/server/db/data-lock.ts';
import { openConfiguredStore, type AuditKeyNeed } from '@medbill/server/open-configured-store.ts';
import type { CliIO } from '../io.ts';

export class InUseError extends Error {}

export async function withStore<T>(
  io: CliIO,
  purpose: string,
  work: (ctx: Awaited<ReturnType<typeof openConfiguredStore>> & { cfg: MedbillConfig }) => Promise<T>,
  opts: { auditKey?: AuditKeyNeed; quiet?: boolean } = {},
): Promise<T> {
  const cfg = loadConfig();
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
