/**
 * The tenant wall is one SQL function (migration 0015): every table with a tenant_id column carries the
 * same tenant_wall policy, and a table walled with the function keeps tenants apart.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant, type Store } from '../src/db/open-database.ts';
import { openTestStore } from './test-store.ts';

let store: Store;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => {
  await store?.close();
});

describe('medbill_tenant_wall', () => {
  it('every tenant table has RLS and one and the same tenant_wall policy', async () => {
    const { rows } = await sql<{ relname: string; rls: boolean; qual: string | null; check: string | null }>`
      SELECT c.relname, c.relrowsecurity AS rls,
             pg_get_expr(p.polqual, p.polrelid) AS qual, pg_get_expr(p.polwithcheck, p.polrelid) AS check
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
      LEFT JOIN pg_policy p ON p.polrelid = c.oid AND p.polname = 'tenant_wall'
      WHERE c.relkind = 'r'
      ORDER BY c.relname`.execute(store.db);
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.filter((r) => !r.rls || r.qual === null).map((r) => r.relname)).toEqual([]);
    const shapes = new Set(rows.map((r) => `${r.qual} | ${r.check}`));
    expect([...shapes]).toHaveLength(1);
    expect([...shapes][0]).toContain("current_setting('app.tenant_id'");
  });

  it('a new table walled by the function shows each tenant only its own rows and refuses writes into another', async () => {
    const tenants = await sql<{ id: number }>`
      INSERT INTO tenant (name, slug) VALUES ('Wall A', 'wall-a'), ('Wall B', 'wall-b') RETURNING id`.execute(store.db);
    const [a, b] = tenants.rows.map((r) => Number(r.id));
    await sql`CREATE TABLE wall_probe (tenant_id bigint NOT NULL, note text NOT NULL)`.execute(store.db);
    await sql`GRANT SELECT, INSERT ON wall_probe TO medbill_app`.execute(store.db);
    await sql`SELECT medbill_tenant_wall('wall_probe')`.execute(store.db);
    await sql`INSERT INTO wall_probe VALUES (${a}, 'a'), (${b}, 'b')`.execute(store.db);
    const seen = await withTenant(store.db, a, (tx) => sql<{ note: string }>`SELECT note FROM wall_probe`.execute(tx));
    expect(seen.rows.map((r) => r.note)).toEqual(['a']);
    await expect(
      withTenant(store.db, a, (tx) => sql`INSERT INTO wall_probe VALUES (${b}, 'sneaked')`.execute(tx)),
    ).rejects.toThrow(/row-level security/);
  });
});
