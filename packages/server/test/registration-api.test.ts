/** Registration through the API: each record created, read, changed; bad input named by field; PHI access audited. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaVersion } from '../src/db/migrate.ts';
import type { Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { createTenantFixture, testDeps, login, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let t: TenantFixture;
let admin: string;
let rep: string;

beforeAll(async () => {
  store = await openTestStore();
  app = await buildApp(testDeps(store));
  t = await createTenantFixture(store, 'reg');
  admin = await login(app, t.users.admin.username);
  rep = await login(app, t.users.account_rep.username);
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

const call = (cookie: string, method: string, url: string, payload?: unknown) =>
  app.inject({ method: method as 'GET', url, payload: payload as object, headers: { cookie } });

const validPractice = {
  legalName: 'Test Medical Group',
  npi: '1234567893',
  tin: '74-2223333',
  taxonomy: '207q00000x',
  serviceLine1: '9 Test Rd',
  serviceCity: 'Dallas',
  serviceState: 'tx',
  serviceZip: '75201-1234',
  phone: '(214) 555-0100',
};

describe('practices', () => {
  it('creates with normalized identifiers, reads and updates', async () => {
    const res = await call(admin, 'POST', '/api/practices', validPractice);
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      tin: '742223333',
      taxonomy: '207Q00000X',
      serviceState: 'TX',
      serviceZip: '752011234',
      phone: '2145550100',
    });
    expect(p.tenantId).toBeUndefined();
    const upd = await call(admin, 'PATCH', `/api/practices/${p.id}`, { legalName: 'Renamed Group' });
    expect(upd.statusCode).toBe(200);
    expect((await call(admin, 'GET', `/api/practices/${p.id}`)).json().legalName).toBe('Renamed Group');
    const dup = await call(admin, 'POST', '/api/practices', validPractice);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().issues[0].location.field).toBe('npi');
  });

  it.each([
    ['npi', { npi: '1234567890' }, /check digit/],
    ['npi', { npi: '12345' }, /10 digits/],
    ['tin', { tin: '07-1234567' }, /prefix 07/],
    ['tin', { tin: '12345' }, /9 digits/],
    ['serviceState', { serviceState: 'ZZ' }, /not a US state/],
    ['serviceZip', { serviceZip: '123' }, /ZIP/],
    ['taxonomy', { taxonomy: 'ABC' }, /taxonomy/],
    ['legalName', { legalName: '' }, /required/],
  ])('rejects a bad %s with a 400 naming the field', async (field, patch, message) => {
    const res = await call(admin, 'POST', '/api/practices', { ...validPractice, npi: '1245319599', ...patch });
    expect(res.statusCode).toBe(400);
    const issue = res.json().issues.find((i: { location: { field: string } }) => i.location.field === field);
    expect(issue, JSON.stringify(res.json())).toBeTruthy();
    expect(issue.message).toMatch(message);
  });

  it("a missing or mistyped field is named in words, never in the validator's terms (issue 8 item 16)", async () => {
    const res = await call(admin, 'POST', '/api/patients', { firstName: 'Ann', birthDate: 7, sex: 'F' });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { message: string; issues: { message: string; location: { field: string } }[] };
    const said = (field: string) => body.issues.find((i) => i.location.field === field)?.message;
    expect(said('lastName')).toBe('Last name is required');
    expect(said('line1')).toBe('Line 1 is required');
    expect(said('birthDate')).toMatch(/^Date of birth|^Birth date/);
    expect(body.message).toContain('Last name is required');
    expect(JSON.stringify(body)).not.toMatch(/expected \w+, received|Invalid input/);
    const practice = await call(admin, 'POST', '/api/practices', {
      ...validPractice,
      legalName: undefined,
      serviceState: 'ZZ',
    });
    expect(practice.json().issues).toEqual(
      expect.arrayContaining([
        { code: 'required', severity: 'error', message: 'Legal name is required', location: { field: 'legalName' } },
        expect.objectContaining({
          location: { field: 'serviceState' },
          message: expect.stringMatching(/not a US state/),
        }),
      ]),
    );
  });

  it('a biller may read but not change practices', async () => {
    const biller = await login(app, t.users.biller.username);
    expect((await call(biller, 'GET', '/api/practices')).statusCode).toBe(200);
    expect((await call(biller, 'PATCH', `/api/practices/${t.practiceId}`, { legalName: 'x' })).statusCode).toBe(403);
  });
});

describe('providers and payers', () => {
  it('registers a provider at a practice and lists by practice', async () => {
    const res = await call(admin, 'POST', '/api/providers', {
      practiceId: t.practiceId,
      npi: '1245319599',
      firstName: 'Ada',
      lastName: 'Lovelace',
      credential: 'MD',
      taxonomy: '207R00000X',
    });
    expect(res.statusCode).toBe(201);
    const list = (await call(admin, 'GET', `/api/providers?practiceId=${t.practiceId}`)).json();
    expect(list.items.map((p: { lastName: string }) => p.lastName)).toContain('Lovelace');
  });
  it('registers a payer and rejects an unknown claim filing indicator', async () => {
    const ok = await call(admin, 'POST', '/api/payers', {
      name: 'Lone Star Mutual',
      payerCode: 'LSM01',
      claimFilingIndicator: 'CI',
      timelyFilingDays: 120,
      state: 'TX',
      zip: '75001',
    });
    expect(ok.statusCode).toBe(201);
    const bad = await call(admin, 'POST', '/api/payers', {
      name: 'X',
      payerCode: 'X2',
      claimFilingIndicator: 'QQ',
      timelyFilingDays: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .issues.map((i: { location: { field: string } }) => i.location.field)
        .sort(),
    ).toEqual(['claimFilingIndicator', 'timelyFilingDays']);
  });
});

describe('patients, guarantors and coverages', () => {
  let patientId: number;
  it('creates a patient with the next account number; refuses impossible and future birth dates', async () => {
    const res = await call(rep, 'POST', '/api/patients', {
      firstName: 'Maria',
      lastName: 'Delgado-Ruiz',
      birthDate: '1975-08-14',
      sex: 'F',
      line1: '5 Pine St',
      city: 'Austin',
      state: 'TX',
      zip: '78702',
      phone: '512-555-0123',
    });
    expect(res.statusCode).toBe(201);
    patientId = res.json().id;
    expect(res.json().accountNumber).toMatch(/^A\d{6,}$/);
    for (const birthDate of ['1975-02-30', '2999-01-01', '08/14/1975']) {
      const bad = await call(rep, 'POST', '/api/patients', {
        firstName: 'X',
        lastName: 'Y',
        birthDate,
        sex: 'F',
        line1: '1',
        city: 'A',
        state: 'TX',
        zip: '78702',
      });
      expect(bad.statusCode, birthDate).toBe(400);
      expect(bad.json().issues[0].location.field).toBe('birthDate');
    }
  });

  it('finds patients by last name, "last, first", "first last", DOB in either form, and account number', async () => {
    const acct = (await call(rep, 'GET', `/api/patients/${patientId}`)).json().accountNumber;
    for (const q of ['delgado', 'Delgado-Ruiz, Ma', 'maria delg', '1975-08-14', '08/14/1975', acct]) {
      const res = (await call(rep, 'GET', `/api/patients?q=${encodeURIComponent(q)}`)).json();
      expect(
        res.items.map((p: { id: number }) => p.id),
        q,
      ).toContain(patientId);
    }
    expect((await call(rep, 'GET', '/api/patients?q=zzzznotaname')).json().total).toBe(0);
  });

  it('adds coverage with a guarantor and shows them on the patient; end before start is refused', async () => {
    const g = await call(rep, 'POST', '/api/guarantors', {
      firstName: 'Luis',
      lastName: 'Delgado',
      line1: '5 Pine St',
      city: 'Austin',
      state: 'TX',
      zip: '78702',
    });
    expect(g.statusCode).toBe(201);
    expect((await call(rep, 'PATCH', `/api/patients/${patientId}`, { guarantorId: g.json().id })).statusCode).toBe(200);
    const cov = await call(rep, 'POST', '/api/coverages', {
      patientId,
      payerId: t.payerId,
      coverageOrder: 1,
      memberId: 'W123456789',
      groupNumber: 'GRP1',
      relationshipCode: '18',
      subscriberFirstName: 'Maria',
      subscriberLastName: 'Delgado-Ruiz',
      effectiveDate: '2025-01-01',
    });
    expect(cov.statusCode).toBe(201);
    const bad = await call(rep, 'POST', '/api/coverages', {
      patientId,
      payerId: t.payerId,
      coverageOrder: 2,
      memberId: 'W1',
      relationshipCode: '18',
      subscriberFirstName: 'M',
      subscriberLastName: 'D',
      effectiveDate: '2025-06-01',
      endDate: '2025-01-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].location.field).toBe('endDate');
    const p = (await call(rep, 'GET', `/api/patients/${patientId}`)).json();
    expect(p.coverages).toHaveLength(1);
    expect(p.coverages[0]).toMatchObject({ memberId: 'W123456789', payerCode: expect.any(String), coverageOrder: 1 });
    expect(p.guarantor.firstName).toBe('Luis');
  });

  it('audits every PHI read, search and change with who, what, which patient and from where', async () => {
    const before = Number(
      (await store.db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tenant_id', '=', t.tenantId)
        .executeTakeFirst())!.n,
    );
    await call(rep, 'GET', `/api/patients/${patientId}`);
    await call(rep, 'PATCH', `/api/patients/${patientId}`, { phone: '5125550177' });
    await call(rep, 'GET', `/api/patients?q=delgado`);
    const rows = await store.db
      .selectFrom('audit_event')
      .selectAll()
      .where('tenant_id', '=', t.tenantId)
      .where('seq', '>', before)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['read', 'update', 'query']);
    for (const r of rows)
      expect(r).toMatchObject({
        username: t.users.account_rep.username,
        data_category: 'demographics',
        source_ip: '127.0.0.1',
        outcome: 'success',
      });
    expect(rows[0].patient_id).toBe(patientId);
    expect(rows[1].details).toMatchObject({ changes: { phone: { from: '5125550123', to: '5125550177' } } });
  });

  it('an unknown API route is 404, with or without a session', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/no-such-thing' })).statusCode).toBe(404);
    expect((await call(rep, 'GET', '/api/no-such-thing')).statusCode).toBe(404);
  });

  it('unknown ids are 404 and malformed ids 400', async () => {
    expect((await call(rep, 'GET', '/api/patients/999999999')).statusCode).toBe(404);
    expect((await call(rep, 'GET', '/api/patients/abc')).statusCode).toBe(400);
  });
});

describe('health and docs', () => {
  it('health names the database and schema version without a session', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', database: store.kind, schemaVersion: await schemaVersion(store) });
  });
  it('serves the OpenAPI document with every route', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/patients',
        '/api/patients/{id}',
        '/api/practices',
        '/api/audit',
        '/api/auth/login',
      ]),
    );
  });
});
