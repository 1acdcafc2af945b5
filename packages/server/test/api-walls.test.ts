/**
 * The walls, walked over the whole route table (SECURITY.md A1, A3, A8): every /api route needs a
 * session or is on the reviewed public list; every role is refused what it may not do; a user of one
 * tenant gets 404 (never the record, never 403) for another tenant's ids, and no list leaks a byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, ROLES, type Permission } from '../src/auth/permissions.ts';
import type { Store } from '../src/db/open-database.ts';
import { buildApp, type RouteEntry } from '../src/http/app.ts';
import { createTenantFixture, testDeps, login, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

const PUBLIC_ROUTES = ['GET /api/health', 'POST /api/auth/login', 'POST /api/auth/logout', 'GET /api/auth/me'];

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let a: TenantFixture;
let b: TenantFixture;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  store = await openTestStore();
  app = await buildApp(testDeps(store));
  a = await createTenantFixture(store, 'alpha');
  b = await createTenantFixture(store, 'beta');
  for (const role of ROLES) cookies[role] = await login(app, a.users[role].username);
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

function idOfB(url: string): number {
  const map: Record<string, number> = {
    '/api/practices/:id': b.practiceId, '/api/providers/:id': b.providerId, '/api/payers/:id': b.payerId,
    '/api/guarantors/:id': b.guarantorId, '/api/patients/:id': b.patientId, '/api/coverages/:id': b.coverageId, '/api/users/:id': b.users.admin.id,
    '/api/encounters/:id': b.encounterId, '/api/encounters/:id/claims': b.encounterId, '/api/encounters/:id/coding': b.encounterId, '/api/claims/:id': b.claimId, '/api/claims/:id/pdf': b.claimId, '/api/batches/:id': b.batchId,
    '/api/clearinghouses/:id/submit': b.clearinghouseId, '/api/clearinghouses/:id/poll': b.clearinghouseId, '/api/edi-files/:id': b.ediFileId, '/api/fee-schedules/:id': b.feeScheduleId, '/api/fee-schedules/:id/items': b.feeScheduleId,
  };
  if (!(url in map)) throw new Error(`No tenant-B id known for ${url}: add it to this test`);
  return map[url];
}

const bodyFor = (r: RouteEntry) => (r.method === 'GET' ? undefined : r.url.endsWith('/coding') ? { diagnoses: [], lines: [] } : r.url.endsWith('/items') ? { items: [] } : {});
const routes = () => app.routeTable;

describe('route table', () => {
  it('every /api route declares a permission or is on the reviewed public list', () => {
    expect(routes().length).toBeGreaterThan(20);
    const publicOnes = routes().filter((r) => r.public).map((r) => `${r.method} ${r.url}`).sort();
    expect(publicOnes).toEqual([...PUBLIC_ROUTES].sort());
    for (const r of routes().filter((r) => !r.public)) expect(r.permission, `${r.method} ${r.url}`).toBeTruthy();
  });
});

describe('unauthenticated', () => {
  it('every non-public route answers 401 without a session', async () => {
    for (const r of routes().filter((r) => !r.public)) {
      const res = await app.inject({ method: r.method as 'GET', url: r.url.replace(':id', '1'), payload: bodyFor(r) });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error).toBe('unauthenticated');
    }
  });
  it('a forged or unknown session cookie is 401', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/patients', headers: { cookie: 'medbill_session=forged' } });
    expect(res.statusCode).toBe(401);
  });
});

describe('roles', () => {
  it('every role gets 403 on every route whose permission it lacks, and the refusal is audited', async () => {
    let refused = 0;
    for (const role of ROLES) {
      for (const r of routes().filter((r) => !r.public && !can(role, r.permission as Permission))) {
        const res = await app.inject({ method: r.method as 'GET', url: r.url.replace(':id', '1'), payload: bodyFor(r), headers: { cookie: cookies[role] } });
        expect(res.statusCode, `${role} ${r.method} ${r.url}`).toBe(403);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(20);
    const denied = await store.db.selectFrom('audit_event').select('seq').where('tenant_id', '=', a.tenantId).where('action', '=', 'access_denied').execute();
    expect(denied.length).toBe(refused);
  });
});

describe('tenant wall', () => {
  it("every route with an id answers 404 for the other tenant's record, for every role allowed to call it", async () => {
    let checked = 0;
    for (const r of routes().filter((r) => r.url.includes(':id'))) {
      for (const role of ROLES.filter((role) => can(role, r.permission as Permission))) {
        const res = await app.inject({ method: r.method as 'GET', url: r.url.replace(':id', String(idOfB(r.url))), payload: bodyFor(r), headers: { cookie: cookies[role] } });
        expect(res.statusCode, `${role} ${r.method} ${r.url}`).toBe(404);
        expect(res.body).not.toMatch(/beta/i);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('no list, search or export shows a byte of the other tenant', async () => {
    for (const r of routes().filter((r) => r.method === 'GET' && !r.url.includes(':id') && !r.public)) {
      for (const role of ROLES.filter((role) => can(role, r.permission as Permission))) {
        for (const q of ['', '?q=beta', '?q=Sample', '?limit=500']) {
          const res = await app.inject({ method: 'GET', url: r.url + q, headers: { cookie: cookies[role] } });
          if (res.statusCode === 400) continue; // this route takes no q
          expect(res.statusCode, `${role} GET ${r.url}${q}`).toBe(200);
          expect(res.body, `${role} GET ${r.url}${q}`).not.toMatch(/beta/i);
        }
      }
    }
  });

  it('records cannot point at the other tenant (a coverage with their payer, a provider in their practice)', async () => {
    const cov = await app.inject({ method: 'POST', url: '/api/coverages', headers: { cookie: cookies.admin }, payload: { patientId: a.patientId, payerId: b.payerId, coverageOrder: 2, memberId: 'X123', relationshipCode: '18', subscriberFirstName: 'Q', subscriberLastName: 'S', effectiveDate: '2025-01-01' } });
    expect(cov.statusCode).toBe(400);
    const prov = await app.inject({ method: 'POST', url: '/api/providers', headers: { cookie: cookies.admin }, payload: { practiceId: b.practiceId, npi: '1234567893', firstName: 'A', lastName: 'B', taxonomy: '207Q00000X' } });
    expect(prov.statusCode).toBe(400);
    expect(prov.body).not.toMatch(/beta/i);
  });

  it('a client cannot choose its tenant', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/payers', headers: { cookie: cookies.admin }, payload: { tenantId: b.tenantId, name: 'Sneaky', payerCode: 'SNEAK1', claimFilingIndicator: 'CI', timelyFilingDays: 90 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].message).toMatch(/tenantId/);
  });
});

describe('CSRF and injection', () => {
  it('refuses a state-changing request that is not JSON, or comes from another origin', async () => {
    const form = await app.inject({ method: 'POST', url: '/api/payers', headers: { cookie: cookies.admin, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'name=x' });
    expect(form.statusCode).toBe(415);
    const cross = await app.inject({ method: 'PATCH', url: `/api/patients/${a.patientId}`, headers: { cookie: cookies.admin, origin: 'https://evil.example', host: 'localhost' }, payload: { phone: '5125550199' } });
    expect(cross.statusCode).toBe(403);
  });

  it('SQL, traversal and script payloads in every filter give no 5xx and no database text', async () => {
    const payloads = ["' OR 1=1 --", "'; DROP TABLE patient; --", '%', '_', '\\', '../../etc/passwd', '<script>alert(1)</script>', "1) UNION SELECT password_hash FROM app_user --", '\u0000', 'A000001%27'];
    for (const p of payloads) {
      for (const url of ['/api/patients?q=', '/api/patients?accountNumber=', '/api/payers?q=', '/api/practices?q=', '/api/guarantors?q=', '/api/audit?sort=', '/api/audit?username=', '/api/providers?practiceId=']) {
        const res = await app.inject({ method: 'GET', url: url + encodeURIComponent(p), headers: { cookie: cookies.admin } });
        expect(res.statusCode, `${url}${p}`).toBeLessThan(500);
        expect(res.body).not.toMatch(/syntax error|pg_|scrypt\$|at .*\.ts:/i);
      }
    }
    const still = await store.db.selectFrom('patient').select('id').where('tenant_id', '=', a.tenantId).execute();
    expect(still.length).toBeGreaterThan(0);
  });
});
