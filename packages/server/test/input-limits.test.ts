/**
 * Issue 8 item 8, the parts that are not attacks: a fee schedule as large as the schema allows is stored,
 * a clearinghouse that does not answer is a 502 that says so, and a 500 that still happens is logged with
 * a request id that the answer names.
 */
import net from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setClearinghouseSecret } from '../src/clearinghouse/clearinghouse-secrets.ts';
import { withTenant, type Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import type { ErrorLog } from '../src/http/error-handler.ts';
import { createTenantFixture, login, testDeps, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let t: TenantFixture;
let admin: string;
const logged: Array<Parameters<ErrorLog>[0]> = [];
let auditKey: Buffer;

beforeAll(async () => {
  store = await openTestStore();
  const deps = testDeps(store, { errorLog: (e) => logged.push(e) });
  auditKey = deps.auditKey;
  app = await buildApp(deps);
  t = await createTenantFixture(store, 'limits');
  admin = await login(app, t.users.admin.username);
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

const call = (method: string, url: string, payload?: unknown) =>
  app.inject({ method: method as 'GET', url, payload: payload as object, headers: { cookie: admin } });

/** 20,000 distinct CPT-shaped codes, the most a fee schedule may hold */
const manyFees = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ procedureCode: String(10000 + i), chargeCents: 100 + i }));

describe('fee schedules as large as the schema allows', () => {
  it('stores and returns 20,000 fees (more than 13,107 overflowed the bind-parameter limit)', async () => {
    const created = await call('POST', '/api/fee-schedules', {
      practiceId: t.practiceId,
      name: 'Everything',
      effectiveFrom: '2025-01-01',
      items: manyFees(20_000),
    });
    expect(created.statusCode, created.body.slice(0, 300)).toBe(201);
    const id = created.json().id;
    const read = await call('GET', `/api/fee-schedules/${id}`);
    expect(read.json().items).toHaveLength(20_000);
    const replaced = await call('PUT', `/api/fee-schedules/${id}/items`, { items: manyFees(19_999).reverse() });
    expect(replaced.statusCode, replaced.body.slice(0, 300)).toBe(200);
    expect((await call('GET', `/api/fee-schedules/${id}`)).json().items).toHaveLength(19_999);
    const over = await call('PUT', `/api/fee-schedules/${id}/items`, { items: manyFees(20_001) });
    expect(over.statusCode).toBe(400);
  }, 120_000);
});

describe('a clearinghouse that does not answer', () => {
  it('a poll answers 502 naming the host, not 500', async () => {
    // a port that was just free: nothing listens there
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const ch = await withTenant(store.db, t.tenantId, (tx) =>
      tx
        .insertInto('clearinghouse')
        .values({
          tenant_id: t.tenantId,
          name: 'Gone',
          transport: 'sftp',
          submitter_id: 'SUB1',
          submitter_name: 'Us',
          receiver_id: 'RCV1',
          receiver_name: 'Them',
          config: JSON.stringify({ host: '127.0.0.1', port, username: 'u', hostKeySha256: 'SHA256:x'.padEnd(50, 'x') }),
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    await withTenant(store.db, t.tenantId, (tx) =>
      setClearinghouseSecret(tx, auditKey, t.tenantId, ch.id, { password: 'not-used' }, null),
    );
    const res = await call('POST', `/api/clearinghouses/${ch.id}/poll`, {});
    expect(res.statusCode, res.body).toBe(502);
    expect(res.json()).toMatchObject({ error: 'bad_gateway' });
    expect(res.json().message).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}`));
  }, 60_000);
});

describe('a 500 that still happens', () => {
  it('is logged with a request id, and the answer and its X-Request-Id header name it', async () => {
    await sql
      .raw(
        `CREATE FUNCTION limits_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$`,
      )
      .execute(store.db);
    await sql
      .raw(
        `CREATE TRIGGER limits_fault BEFORE INSERT ON audit_event FOR EACH ROW WHEN (NEW.tenant_id = ${t.tenantId}) EXECUTE FUNCTION limits_fault()`,
      )
      .execute(store.db);
    try {
      const res = await call('GET', `/api/patients/${t.patientId}`);
      expect(res.statusCode).toBe(500);
      const body = res.json();
      expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(body.message).toContain(body.requestId);
      expect(res.headers['x-request-id']).toBe(body.requestId);
      const entry = logged.find((e) => e.requestId === body.requestId);
      expect(entry).toMatchObject({ method: 'GET', url: `/api/patients/${t.patientId}` });
      expect(String((entry?.error as Error | undefined)?.message)).toMatch(/injected fault/);
    } finally {
      await sql.raw('DROP TRIGGER limits_fault ON audit_event').execute(store.db);
      await sql.raw('DROP FUNCTION limits_fault()').execute(store.db);
    }
  });

  it('answers that are not 500s carry a request id header too, and no two requests share one', async () => {
    const a = await call('GET', '/api/health');
    const b = await call('GET', '/api/health');
    expect(a.headers['x-request-id']).toBeTruthy();
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });
});
