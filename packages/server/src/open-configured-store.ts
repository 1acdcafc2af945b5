import { attachAuditAnchor, AuditAnchor } from './audit/audit-anchor.ts';
import { loadAuditKey } from './audit/audit-key.ts';
import type { MedbillConfig } from './config.ts';
import { migrate } from './db/migrate.ts';
import { openStore, type Store } from './db/open-database.ts';

export type AuditKeyNeed = 'create' | 'require' | 'none';

/** Opens the configured database (taking the data-folder lock for PGlite), migrates it and loads the audit key when needed. */
export async function openConfiguredStore(cfg: MedbillConfig, purpose: string, opts: { auditKey: AuditKeyNeed }) {
  const auditKey =
    opts.auditKey === 'none'
      ? Buffer.alloc(0)
      : loadAuditKey({ envKey: cfg.auditEnvKey, keyFile: cfg.auditKeyFile, create: opts.auditKey === 'create' });
  const store: Store = await openStore({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir, purpose });
  try {
    const { applied, schemaVersion } = await migrate(store);
    if (opts.auditKey !== 'none') {
      // every audit row written through this store is anchored outside the database; heads it missed are anchored now
      const anchor = attachAuditAnchor(store.db, new AuditAnchor(cfg.auditAnchorFile));
      await anchor.catchUp(store.db, auditKey);
    }
    return { store, auditKey, applied, schemaVersion };
  } catch (e) {
    await store.close();
    throw e;
  }
}
