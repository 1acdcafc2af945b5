/** SECURITY.md C6: patient data seeded with a canary never reaches the request log, on success or refusal. */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { createTenantFixture, login, testDeps, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

const CANARY = 'Zqxcanaryvek';
const CANARY_DOB = '1931-07-19';
let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let t: TenantFixture;
let log = '';

beforeAll(async () => {
  store = await openTestStore();
  const stream = new Writable({
    write(chunk, _enc, done) {
      log += String(chunk);
      done();
    },
  });
  app = await buildApp(testDeps(store, { logger: true, logStream: stream }));
  t = await createTenantFixture(store, 'canary');
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

describe('request logs', () => {
  it('hold no canary patient data after registration, search, reads, refusals and errors', async () => {
    const cookie = await login(app, t.users.admin.username);
    const json = { cookie, 'content-type': 'application/json' };
    const patient = {
      lastName: CANARY,
      firstName: CANARY,
      birthDate: CANARY_DOB,
      sex: 'F',
      line1: `1 ${CANARY} St`,
      city: 'Austin',
      state: 'TX',
      zip: '78701',
      phone: '5125550100',
      accountNumber: `A-${CANARY}`,
    };
    const created = await app.inject({ method: 'POST', url: '/api/patients', headers: json, payload: patient });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: number }).id;
    const calls = [
      app.inject({ method: 'GET', url: `/api/patients?q=${CANARY}`, headers: { cookie } }),
      app.inject({ method: 'GET', url: `/api/patients?birthDate=${CANARY_DOB}`, headers: { cookie } }),
      app.inject({ method: 'GET', url: `/api/patients/${id}`, headers: { cookie } }),
      app.inject({
        method: 'POST',
        url: '/api/patients',
        headers: json,
        payload: { ...patient, birthDate: `${CANARY}-bad` },
      }),
      app.inject({ method: 'POST', url: '/api/patients', headers: json, payload: patient }), // the same account number again
      app.inject({ method: 'GET', url: `/api/codes/search?q=${CANARY}`, headers: { cookie } }),
      app.inject({ method: 'GET', url: `/api/patients?q=${CANARY}` }), // no session
    ];
    const answers = await Promise.all(calls);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 400, expect.any(Number), 200, 401]);
    expect(log.length).toBeGreaterThan(500); // the log was written
    expect(log).toContain('/api/patients');
    expect(log).not.toContain(CANARY);
    expect(log).not.toContain(CANARY_DOB);
  });
});
