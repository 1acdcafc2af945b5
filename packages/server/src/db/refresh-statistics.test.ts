import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAuditChain } from '../audit/seed-audit-chain.test-util.ts';
import { openTestStore } from '../../test/test-store.ts';
import type { Store } from './open-database.ts';
import { refreshStatistics, startStatisticsRefresh } from './refresh-statistics.ts';

let store: Store;
let tenantId: number;
beforeAll(async () => {
  store = await openTestStore();
  tenantId = (
    await store.db
      .insertInto('tenant')
      .values({ name: 'Stats', slug: `stats-${crypto.randomBytes(3).toString('hex')}` })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await seedAuditChain(store.db, crypto.randomBytes(32), tenantId, 20_000);
});
afterAll(() => store?.close());

const estimate = async (tenant: number) => {
  const plan = await sql<{
    'QUERY PLAN': string;
  }>`EXPLAIN SELECT * FROM audit_event WHERE tenant_id = ${tenant}`.execute(store.db);
  return Number(/rows=(\d+)/.exec(plan.rows.map((r) => Object.values(r)[0]).join('\n'))?.[1]);
};

const newTenant = async (slug: string) =>
  (
    await store.db
      .insertInto('tenant')
      .values({ name: slug, slug: `${slug}-${crypto.randomBytes(3).toString('hex')}` })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

// PostgreSQL's autovacuum keeps its statistics; refreshStatistics is PGlite's stand-in for it
describe.skipIf(Boolean(process.env.DATABASE_URL))('planner statistics on PGlite', () => {
  it('after a refresh the planner knows how big a grown table is (PGlite has no autovacuum to do it)', async () => {
    expect(await estimate(tenantId)).toBeLessThan(5_000);
    await refreshStatistics(store);
    expect(await estimate(tenantId)).toBeGreaterThan(10_000);
  });

  it('is refreshed on a timer that can be stopped', async () => {
    const second = await newTenant('stats-2');
    await seedAuditChain(store.db, crypto.randomBytes(32), second, 20_000);
    expect(await estimate(second)).toBeLessThan(5_000);
    const errors: unknown[] = [];
    const stop = startStatisticsRefresh(store, (e) => errors.push(e), 20);
    await expect.poll(() => estimate(second), { timeout: 5_000 }).toBeGreaterThan(10_000);
    stop();
    expect(errors).toEqual([]);
  });
});
