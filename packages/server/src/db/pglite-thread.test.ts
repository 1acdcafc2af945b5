/**
 * PGlite on its own thread (the default for a data folder): the same answers as on the server's thread — numbers,
 * dates, errors with their code and constraint, transactions all or nothing — and the server's event loop turns while
 * a long statement runs (issue 8 item 4).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import { migrate } from './migrate.ts';
import { openStore, type Store } from './open-database.ts';
import { onPostgres } from '../../test/test-store.ts';
import { testDeps } from '../../test/fixtures.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-pglite-thread-'));
let store: Store;

beforeAll(async () => {
  if (onPostgres) return;
  store = await openStore({ dataDir: dir });
  await migrate(store);
}, 120_000);
afterAll(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** a statement that keeps PGlite busy for a while (longer on a busy machine, which only helps the tests below) */
const longStatement = (db: Store['db']) =>
  sql<{ n: number }>`SELECT count(*)::int AS n FROM generate_series(1, 4000000) g WHERE g % 7 = 3`.execute(db);

describe.skipIf(onPostgres)('PGlite on its own thread', () => {
  it('is the default for a data folder, and answers as PGlite on this thread does', async () => {
    expect(store.pglite).toBeUndefined();
    const { rows } = await sql<{ big: number; day: string; at: Date; bytes: Uint8Array; doc: unknown }>`
      SELECT 9007199254740991::int8 AS big, '2026-12-07'::date AS day, now() AS at, '\\x0102'::bytea AS bytes,
        '{"a":[1,2]}'::jsonb AS doc`.execute(store.db);
    expect(rows[0].big).toBe(9007199254740991);
    expect(rows[0].day).toBe('2026-12-07');
    expect(rows[0].at).toBeInstanceOf(Date);
    expect([...rows[0].bytes]).toEqual([1, 2]);
    expect(rows[0].doc).toEqual({ a: [1, 2] });
  });

  it('passes a database error on with its code and constraint, and rolls a failed transaction back', async () => {
    const slug = `thread-${Date.now()}`;
    await store.db.insertInto('tenant').values({ name: 'Thread Billing', slug }).execute();
    const again = store.db.insertInto('tenant').values({ name: 'Thread Billing 2', slug }).execute();
    await expect(again).rejects.toMatchObject({ code: '23505', constraint: expect.stringContaining('slug') });
    await expect(
      store.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('tenant')
          .values({ name: 'Never', slug: `${slug}-never` })
          .execute();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const left = await store.db.selectFrom('tenant').select('slug').where('slug', 'like', `${slug}%`).execute();
    expect(left.map((r) => r.slug)).toEqual([slug]);
  });

  it('lets a timer run while a long statement is in progress (on the server thread it would wait for the end)', async () => {
    const order: string[] = [];
    const running = longStatement(store.db).then(() => order.push('statement'));
    await new Promise((r) => setTimeout(r, 1));
    order.push('timer');
    await running;
    expect(order).toEqual(['timer', 'statement']);
  });

  it('answers GET /api/health while a transaction holds the database with a long statement', async () => {
    const app = await buildApp(testDeps(store));
    try {
      const order: string[] = [];
      const tx = store.db.transaction().execute(async (t) => {
        await longStatement(t);
        order.push('transaction');
      });
      await new Promise((r) => setImmediate(r));
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      order.push(`health ${health.statusCode}`);
      await tx;
      expect(order).toEqual(['health 200', 'transaction']);
    } finally {
      await app.close();
    }
  });
});
