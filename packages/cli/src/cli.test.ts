/** The medbill command as a function: help, usage errors, migrate, demo, audit verify (and tamper), the data-folder lock. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '@medbill/server/db/open-database.ts';
import { createTestDatabase, onPostgres } from '../../server/test/test-store.ts';
import { memoryIO } from './io.ts';
import { run } from './main.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-cli-'));
let dropDb: (() => Promise<void>) | undefined;
const saved = { ...process.env };

beforeAll(async () => {
  process.env.MEDBILL_DATA = dataDir;
  process.env.MEDBILL_DEMO_PASSWORD = 'cli-demo-password';
  if (onPostgres) {
    const created = await createTestDatabase(saved.DATABASE_URL!);
    process.env.DATABASE_URL = created.url;
    dropDb = created.drop;
  }
});
afterAll(async () => {
  process.env = saved;
  await dropDb?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function medbill(...args: string[]) {
  const io = memoryIO();
  await run(['node', 'medbill', ...args], io);
  return io;
}

describe('medbill CLI', () => {
  it('--help on the program and each command exits 0', async () => {
    for (const args of [['--help'], ['serve', '--help'], ['migrate', '--help'], ['demo', '--help'], ['audit', 'verify', '--help']]) {
      const io = await medbill(...args);
      expect(io.exitCode, args.join(' ')).toBe(0);
      expect(io.stdout).toMatch(/Usage: medbill/);
    }
  });

  it('an unknown command or option is a usage error (exit 2)', async () => {
    expect((await medbill('frobnicate')).exitCode).toBe(2);
    expect((await medbill('migrate', '--bogus')).exitCode).toBe(2);
  });

  it('migrate --json reports the schema version; a second run applies nothing', async () => {
    const first = JSON.parse((await medbill('migrate', '--json')).stdout);
    expect(first.schemaVersion).toBeGreaterThanOrEqual(1);
    const second = JSON.parse((await medbill('migrate', '--json')).stdout);
    expect(second).toMatchObject({ applied: [], schemaVersion: first.schemaVersion });
  });

  it('demo creates the demo tenant once', async () => {
    const io = await medbill('demo', '--json');
    expect(io.exitCode).toBe(0);
    expect(JSON.parse(io.stdout)).toMatchObject({ practices: 2, providers: 4, payers: 5, patients: 200, users: 5 });
    expect(JSON.parse((await medbill('demo', '--json')).stdout)).toEqual({ skipped: 'database not empty' });
  });

  it('audit verify passes on the untouched log and reports a row changed directly in the database (exit 1)', async () => {
    const ok = await medbill('audit', 'verify');
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toMatch(/^OK: \d+ entries/);
    const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
    await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(store.db);
    await sql`UPDATE audit_event SET details = '{"patients": 1}'::jsonb WHERE seq = 1`.execute(store.db);
    await sql`ALTER TABLE audit_event ENABLE TRIGGER USER`.execute(store.db);
    await store.close();
    const bad = await medbill('audit', 'verify', '--json');
    expect(bad.exitCode).toBe(1);
    const result = JSON.parse(bad.stdout);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ seq: 1, kind: 'entry_altered' });
  });

  it.skipIf(onPostgres)('refuses clearly while another process holds the embedded database', async () => {
    const holder = await openStore({ dataDir, purpose: 'medbill server' });
    try {
      const io = await medbill('migrate');
      expect(io.exitCode).toBe(1);
      expect(io.stderr).toMatch(/in use by process \d+ \(medbill server.*stop the server/s);
    } finally {
      await holder.close();
    }
  });
});
