/** One ordered list of plain .sql migrations (PostgreSQL 15 syntax), applied on start and by `medbill migrate`. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { OWNER_PATH_SQL, type Store } from './open-database.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  script: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const script = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.slice(5, -4),
        script,
        checksum: crypto.createHash('sha256').update(script).digest('hex'),
      };
    });
  // two branches that each added "the next" migration must not both land under one number
  const seen = new Map<number, string>();
  for (const m of migrations) {
    const other = seen.get(m.version);
    if (other) throw new Error(`Migrations ${other} and ${m.name} share version ${m.version}: renumber one`);
    seen.set(m.version, m.name);
  }
  return migrations;
}

export interface MigrateResult {
  applied: Migration[];
  schemaVersion: number;
}

async function ensureMigrationTable(store: Store): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migration (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`.execute(store.db);
}

export async function migrate(store: Store, migrations = listMigrations()): Promise<MigrateResult> {
  await ensureMigrationTable(store);
  const done = await store.db.selectFrom('schema_migration').selectAll().execute();
  const byVersion = new Map(done.map((m) => [m.version, m]));
  const applied: Migration[] = [];
  for (const m of migrations) {
    const prior = byVersion.get(m.version);
    if (prior) {
      if (prior.checksum !== m.checksum) {
        throw new Error(
          `Migration ${m.version}_${m.name} was changed after it was applied (checksum differs). Add a new migration instead.`,
        );
      }
      continue;
    }
    // the script and its bookkeeping row commit together, so a crash leaves no half-applied migration
    const record = `\nINSERT INTO schema_migration (version, name, checksum) VALUES (${m.version}, '${m.name}', '${m.checksum}');`;
    // migrations may rewrite every tenant's rows: an owner path (tenant tables force row-level security, 0029)
    await store.runScript(`${OWNER_PATH_SQL}\n${m.script}${record}`);
    applied.push(m);
  }
  return { applied, schemaVersion: await schemaVersion(store) };
}

export async function schemaVersion(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('schema_migration')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst()
    .catch(() => undefined);
  return Number(row?.v ?? 0);
}
