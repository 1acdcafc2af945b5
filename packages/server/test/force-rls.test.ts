/**
 * FORCE ROW LEVEL SECURITY on every tenant table (issue 8 item 12; SECURITY.md A2). The owner of the tables no longer
 * passes the tenant wall by owning them: with no tenant set it sees no tenant's rows, and the paths that must see
 * every tenant go through asOwner() (the owner_path policy, for a role medbill_app is not).
 *
 * Superusers bypass row-level security even with FORCE. On PostgreSQL the test connects as a role that is NOT a
 * superuser, owns its database and runs the migrations, the way a production install should. PGlite has only its
 * superuser (`postgres`), so there it checks what holds anyway: FORCE is set, and medbill_app (the role withTenant
 * switches to) sees nothing without a tenant and cannot use the owner path.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachAuditAnchor, AuditAnchor } from '../src/audit/audit-anchor.ts';
import { verifyAudit } from '../src/audit/verify-audit.ts';
import { failRunsInterruptedByRestart } from '../src/accounts/interrupted-runs.ts';
import { loginNotice } from '../src/auth/login-notice.ts';
import { migrate } from '../src/db/migrate.ts';
import { allTenantIds, asOwner, openStore, type Store, withTenant } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { payerSimulatorClearinghouses } from '../src/payer-sim/demo-payer.ts';
import { createTenant } from '../src/tenants/create-tenant.ts';
import { resolveTenant } from '../src/tenants/resolve-tenant.ts';
import { auditKeyForTests, testDeps } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

const adminUrl = process.env.DATABASE_URL;
const PASSWORD = 'walled-garden-tulip-87';

/** Tables with a tenant wall: a tenant_id column, or the tenant table itself. */
async function tenantTables(store: Store) {
  const { rows } = await sql<{ relname: string; force: boolean }>`
    SELECT c.relname, c.relforcerowsecurity AS force
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
    WHERE c.relkind = 'r' AND (c.relname = 'tenant' OR EXISTS (
      SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped))
    ORDER BY c.relname`.execute(store.db);
  return rows;
}

const patientRow = (tenantId: number, last: string) => ({
  tenant_id: tenantId,
  account_number: `A${tenantId}${last.length}`,
  first_name: 'Pat',
  last_name: last,
  birth_date: '1970-01-01',
  sex: 'F',
  line1: '1 Main St',
  city: 'Dallas',
  state: 'TX',
  zip: '75201',
});

describe.runIf(adminUrl)('PostgreSQL, connected as an owner that is not a superuser', () => {
  const role = `medbill_rls_${crypto.randomBytes(4).toString('hex')}`;
  const dbName = `${role}_db`;
  let store: Store;
  let anchorDir: string;
  let admin: import('pg').Client;
  const auditKey = auditKeyForTests();
  const tenants: Record<'a' | 'b', { id: number; slug: string }> = {} as never;

  beforeAll(async () => {
    const pg = (await import('pg')).default;
    admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS CREATEROLE`);
    await admin.query(`CREATE DATABASE ${dbName} OWNER ${role}`);
    const url = new URL(adminUrl!);
    url.username = role;
    url.password = '';
    url.pathname = `/${dbName}`;
    store = await openStore({ databaseUrl: url.toString() });
    await migrate(store);
    anchorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-rls-anchor-'));
    attachAuditAnchor(store.db, new AuditAnchor(path.join(anchorDir, 'audit.anchor')));
    for (const k of ['a', 'b'] as const) {
      const made = await createTenant(
        { db: store.db, auditKey },
        { userId: null, username: 'operator', sourceIp: null },
        { name: `Office ${k}`, slug: `rls-${k}-${role.slice(-8)}`, admin: 'boss', password: PASSWORD },
      );
      tenants[k] = { id: made.tenantId, slug: made.slug };
      await withTenant(store.db, made.tenantId, (tx) =>
        tx
          .insertInto('patient')
          .values(patientRow(made.tenantId, `Wall${k.toUpperCase()}`))
          .execute(),
      );
    }
    // the test logs in with a password only
    await asOwner(store.db, (tx) => tx.updateTable('tenant').set({ mfa_required: false }).execute());
  });
  afterAll(async () => {
    await store?.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.query(`DROP OWNED BY ${role}`).catch(() => {});
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
    if (anchorDir) fs.rmSync(anchorDir, { recursive: true, force: true });
  });

  it('the connection is the tables’ owner, neither superuser nor BYPASSRLS, and every tenant table forces RLS', async () => {
    const me = await sql<{ rolsuper: boolean; rolbypassrls: boolean; owner: string }>`
      SELECT r.rolsuper, r.rolbypassrls, pg_get_userbyid(c.relowner) AS owner
      FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.relname = 'patient'`.execute(store.db);
    expect(me.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, owner: role });
    const tables = await tenantTables(store);
    expect(tables.length).toBeGreaterThan(20);
    expect(tables.filter((t) => !t.force).map((t) => t.relname)).toEqual([]);
  });

  it('a tenant-scoped query without the tenant setting sees no rows of any tenant, even as the owner', async () => {
    for (const table of ['patient', 'app_user', 'tenant', 'audit_event', 'user_session'])
      expect(
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(store.db)).rows[0].n,
        table,
      ).toBe(0);
    // with one tenant set (no role switch) the owner sees that tenant only, and cannot write into the other
    const seen = await store.db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('app.tenant_id', ${String(tenants.a.id)}, true)`.execute(tx);
      return tx.selectFrom('patient').select(['tenant_id', 'last_name']).execute();
    });
    expect(seen).toEqual([{ tenant_id: tenants.a.id, last_name: 'WallA' }]);
    await expect(
      store.db.transaction().execute(async (tx) => {
        await sql`SELECT set_config('app.tenant_id', ${String(tenants.a.id)}, true)`.execute(tx);
        await tx.insertInto('patient').values(patientRow(tenants.b.id, 'Sneaked')).execute();
      }),
    ).rejects.toThrow(/row-level security/);
  });

  it('an owner path sees every tenant; the application role cannot take that path', async () => {
    const all = await asOwner(store.db, (tx) => tx.selectFrom('patient').select('last_name').orderBy('id').execute());
    expect(all.map((p) => p.last_name)).toEqual(['WallA', 'WallB']);
    const asApp = await withTenant(store.db, tenants.a.id, async (tx) => {
      await sql`SELECT set_config('app.owner_path', 'on', true)`.execute(tx);
      return tx.selectFrom('patient').select('last_name').execute();
    });
    expect(asApp.map((p) => p.last_name)).toEqual(['WallA']);
  });

  it('the owner paths still work: tenants listed, log-in, sessions, audit verification, start-up jobs', async () => {
    expect(await allTenantIds(store.db)).toEqual([tenants.a.id, tenants.b.id]);
    expect(await resolveTenant(store.db, tenants.b.slug)).toEqual(tenants.b);
    expect(await loginNotice({ db: store.db })).toEqual({ notice: null });
    expect(await failRunsInterruptedByRestart(store.db, auditKeyForTests())).toEqual([]);
    expect(await payerSimulatorClearinghouses(store.db)).toEqual([]);
    const deps = testDeps(store, { auditKey });
    const app = await buildApp(deps);
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `${tenants.b.slug}/boss`, password: PASSWORD },
      });
      expect(login.statusCode, login.body).toBe(200);
      const cookie = `medbill_session=${login.cookies.find((c) => c.name === 'medbill_session')!.value}`;
      const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      expect(me.json()).toMatchObject({ username: 'boss' });
      const found = await app.inject({ method: 'GET', url: '/api/patients?q=Wall', headers: { cookie } });
      expect(found.statusCode, found.body).toBe(200);
      expect(found.json().items.map((p: { lastName: string }) => p.lastName)).toEqual(['WallB']);
      const out = await app.inject({ method: 'POST', url: '/api/auth/logout', payload: {}, headers: { cookie } });
      expect(out.statusCode, out.body).toBeLessThan(300);
      expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    } finally {
      await app.close();
    }
    const verified = await verifyAudit(store.db, auditKey);
    expect(verified.problems).toEqual([]);
    expect(verified.tenants).toBe(2);
    expect(verified.entries).toBeGreaterThanOrEqual(4);
  });
});

describe('every database: FORCE is on, and medbill_app sees nothing without a tenant', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('every tenant table forces row-level security', async () => {
    const tables = await tenantTables(store);
    expect(tables.length).toBeGreaterThan(20);
    expect(tables.filter((t) => !t.force).map((t) => t.relname)).toEqual([]);
  });

  it('PGlite connects as its superuser, which RLS never binds; the application role is walled there too', async () => {
    const su = await sql<{ rolsuper: boolean }>`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`.execute(
      store.db,
    );
    if (store.kind === 'pglite') expect(su.rows[0].rolsuper).toBe(true);
    const [a, b] = (
      await asOwner(store.db, (tx) =>
        tx
          .insertInto('tenant')
          .values([
            { name: 'Force A', slug: 'force-a' },
            { name: 'Force B', slug: 'force-b' },
          ])
          .returning('id')
          .execute(),
      )
    ).map((r) => r.id);
    for (const t of [a, b])
      await withTenant(store.db, t, (tx) =>
        tx
          .insertInto('patient')
          .values(patientRow(t, `Force${t}`))
          .execute(),
      );
    const none = await store.db.transaction().execute(async (tx) => {
      await sql`SET LOCAL ROLE medbill_app`.execute(tx);
      await sql`SELECT set_config('app.owner_path', 'on', true)`.execute(tx);
      return sql<{ n: number }>`SELECT count(*)::int AS n FROM patient`.execute(tx);
    });
    expect(none.rows[0].n).toBe(0);
    const mine = await withTenant(store.db, a, (tx) => tx.selectFrom('patient').select('tenant_id').execute());
    expect(mine).toEqual([{ tenant_id: a }]);
  });
});
