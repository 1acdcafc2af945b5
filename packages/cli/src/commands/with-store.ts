/**
 * Commands that need the database open it directly when no server holds the embedded data folder,
 * and refuse with a clear message when one does (two processes on one PGlite folder corrupt it).
 */
import {
  codeCacheDir,
  DataFolderLockedError,
  defaultClaimServices,
  describeStore,
  loadCodesService,
  loadConfig,
  openConfiguredStore,
  resolveTenant,
  startDemoPayers,
  type Actor,
  type AuditKeyNeed,
  type ClaimServices,
  type Db,
  type ClaimsDeps,
  type MedbillConfig,
} from '@medbill/server';
import fs from 'node:fs';
import type { CliIO } from '../io.ts';
import { cliActor } from './cli-actor.ts';

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

type Opened = Awaited<ReturnType<typeof openConfiguredStore>> & { cfg: MedbillConfig };

export async function withStore<T>(
  io: CliIO,
  purpose: string,
  work: (ctx: Opened) => Promise<T>,
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

/**
 * A claims command's world: the store opened with the audit key required, the tenant chosen with --tenant (or the
 * only one), the OS user as actor, and the claims stage's services (with code edits when `codes` is asked for).
 */
export async function withClaims<T>(
  io: CliIO,
  purpose: string,
  opts: { tenant?: string; codes?: boolean; demoPayer?: boolean },
  work: (deps: ClaimsDeps, actor: Actor) => Promise<T>,
): Promise<T> {
  return withStore(
    io,
    purpose,
    async ({ store, auditKey, cfg }) => {
      const tenant = await resolveTenant(store.db, opts.tenant);
      const coding = opts.codes
        ? (await loadCodesService(store.db, { cacheDir: codeCacheDir(cfg.dataDir) })).check
        : undefined;
      const deps: ClaimsDeps = {
        db: store.db,
        auditKey,
        claims: defaultClaimServices(cfg.dataDir, coding ? { coding } : {}),
      };
      if (!opts.demoPayer) return work(deps, cliActor(tenant.id));
      return whileDemoPayerAnswers(store.db, deps.claims, cfg, io, () => work(deps, cliActor(tenant.id)));
    },
    { auditKey: 'require', quiet: true },
  );
}

/**
 * A command that waits for a payer (270, 276, a poll after a submit) on the demo: the demo's simulated payer answers
 * while it runs, as it does under `medbill serve --demo`. The embedded folder admits one process at a time, so no
 * server is answering then, and without this the demo's answers would never come. It first answers every 837 sent
 * earlier and delivers the 835s now due. Only clearinghouses the demo marked `payerSimulator` are answered.
 */
export async function whileDemoPayerAnswers<T>(
  db: Db,
  services: ClaimServices,
  cfg: MedbillConfig,
  io: CliIO,
  work: () => Promise<T>,
): Promise<T> {
  const payers = await startDemoPayers(db, services, {
    remitDelayMs: cfg.demoRemitDelayMs,
    pollMs: 200,
    onError: (e) => io.err(`demo payer: ${e.message}\n`),
  });
  try {
    if (payers.count) await payers.pollOnce();
    return await work();
  } finally {
    await payers.close();
  }
}
