/**
 * A private, migrated database for one test file: a copy of the PGlite template by default, or a
 * fresh database on the PostgreSQL server named by DATABASE_URL (dropped again on close).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { attachAuditAnchor, AuditAnchor } from '../src/audit/audit-anchor.ts';
import { migrate } from '../src/db/migrate.ts';
import { openStore, type Store } from '../src/db/open-database.ts';

export const onPostgres = Boolean(process.env.DATABASE_URL);

/**
 * `onDisk`: PGlite in a data folder of its own (removed on close), so on its own thread as the server runs it —
 * for benchmarks of what a server does; tests use the faster in-memory copy of the template.
 */
export async function openTestStore(opts: { onDisk?: boolean } = {}): Promise<Store> {
  const store = opts.onDisk && !process.env.DATABASE_URL ? await openOnDisk() : await openMigrated();
  // as the server does: audit rows written through this store are anchored in a file outside the database
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-anchor-'));
  attachAuditAnchor(store.db, new AuditAnchor(path.join(dir, 'audit.anchor')));
  const close = store.close;
  return {
    ...store,
    close: async () => {
      await close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openOnDisk(): Promise<Store> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-data-'));
  const store = await openStore({ dataDir: dir });
  await migrate(store);
  const close = store.close;
  return {
    ...store,
    close: async () => {
      await close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openMigrated(): Promise<Store> {
  if (process.env.DATABASE_URL) return openFreshPostgres(process.env.DATABASE_URL);
  const template = process.env.MEDBILL_TEST_PGLITE_TEMPLATE;
  const store = await openStore({
    dataDir: 'memory',
    loadDataDir: template ? new Blob([fs.readFileSync(template)]) : undefined,
  });
  await migrate(store);
  return store;
}

/** A new database on the same server; returns its URL (for tests that start a whole server). */
export async function createTestDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const pg = (await import('pg')).default;
  const name = `medbill_test_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function openFreshPostgres(adminUrl: string): Promise<Store> {
  const created = await createTestDatabase(adminUrl);
  const store = await openStore({ databaseUrl: created.url });
  await migrate(store);
  const close = store.close;
  return {
    ...store,
    close: async () => {
      await close();
      await created.drop();
    },
  };
}
