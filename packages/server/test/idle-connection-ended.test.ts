/**
 * PostgreSQL may end an idle connection (a restart, an administrator's pg_terminate_backend, a failover): the
 * server must not die of it, and the next query works on a new connection.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestStore } from './test-store.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);

describe('an idle database connection ended by the server', () => {
  it.skipIf(!onPostgres)('is not fatal: the next query runs on a new connection', async () => {
    const store = await openTestStore();
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      // two idle connections in the pool
      await Promise.all([sql`SELECT pg_sleep(0.05)`.execute(store.db), sql`SELECT pg_sleep(0.05)`.execute(store.db)]);
      const admin = new (await import('pg')).default.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      const db = (await sql<{ d: string }>`SELECT current_database() AS d`.execute(store.db)).rows[0].d;
      const ended = await admin.query(
        'SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [db],
      );
      await admin.end();
      expect(Number(ended.rows[0].n)).toBeGreaterThanOrEqual(1);
      await new Promise((r) => setTimeout(r, 200));
      const after = await sql<{ one: number }>`SELECT 1 AS one`.execute(store.db);
      expect(after.rows[0].one).toBe(1);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await store.close();
    }
  });
});
