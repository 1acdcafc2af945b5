/**
 * SECURITY.md B2: TOTP MFA end to end through the API. No session exists before the second factor;
 * codes work once; recovery codes work once; wrong codes feed the log-in brake; an admin can require
 * MFA (users without it must enrol before anything else) and reset a user's MFA in their own tenant only.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LoginThrottle } from '../src/auth/login-throttle.ts';
import { base32Decode, hotp, stepAt } from '../src/auth/totp.ts';
import type { Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { createTenant } from '../src/tenants/create-tenant.ts';
import { createTenantFixture, login, testDeps, TEST_PASSWORD, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let t: TenantFixture;
let other: TenantFixture;
const throttle = new LoginThrottle();

// Only Date is faked: the tests step the clock 30 s at a time to get fresh TOTP codes.
let clock = Date.now();
const tick = (steps = 1) => {
  clock += steps * 30_000;
  vi.setSystemTime(clock);
};

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(clock);
  store = await openTestStore();
  app = await buildApp(testDeps(store, { throttle }));
  t = await createTenantFixture(store, 'mfa');
  other = await createTenantFixture(store, 'mfaother');
});
afterAll(async () => {
  vi.useRealTimers();
  await app?.close();
  await store?.close();
});
afterEach(() => tick(2)); // each test starts on a fresh step

type Res = Awaited<ReturnType<typeof app.inject>>;
const post = (url: string, payload: object, cookie?: string) =>
  app.inject({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} });
const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });
const cookieOf = (res: Res, name: string) => {
  const c = res.cookies.find((k) => k.name === name && k.value);
  return c ? `${name}=${c.value}` : undefined;
};
const codeNow = (seed: Buffer, offset = 0) => hotp(seed, stepAt(Date.now()) + offset);
const audits = (action: string, tenantId = t.tenantId) =>
  store.db
    .selectFrom('audit_event')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('action', '=', action)
    .orderBy('seq')
    .execute();

/** Enrols a logged-in user through the Security-page API; returns the seed and recovery codes. */
async function enrol(session: string): Promise<{ seed: Buffer; recoveryCodes: string[] }> {
  const start = await post('/api/account/mfa/enrol', {}, session);
  expect(start.statusCode).toBe(200);
  const uri = new URL(start.json().otpauthUri);
  const seed = base32Decode(uri.searchParams.get('secret')!);
  expect(start.json().secret).toBe(uri.searchParams.get('secret'));
  const ok = await post('/api/account/mfa/confirm', { code: codeNow(seed) }, session);
  expect(ok.statusCode, ok.body).toBe(200);
  return { seed, recoveryCodes: ok.json().recoveryCodes };
}

/** Password step: returns the challenge cookie (and checks no session was made). */
async function passwordStep(username: string, expectMfa: 'verify' | 'enrol' = 'verify'): Promise<string> {
  const res = await post('/api/auth/login', { username, password: TEST_PASSWORD });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toEqual({ mfa: expectMfa });
  expect(cookieOf(res, 'medbill_session')).toBeUndefined();
  return cookieOf(res, 'medbill_mfa')!;
}

describe('enrolment and log-in with a code', () => {
  let seed: Buffer;

  it('a user enrols: the seed is shown at enrolment only, stored encrypted, and MFA is on only after a valid code', async () => {
    const session = await login(app, t.users.coder.username);
    const start = await post('/api/account/mfa/enrol', {}, session);
    seed = base32Decode(new URL(start.json().otpauthUri).searchParams.get('secret')!);
    // not yet active: log-in still gives a session straight away
    expect((await get('/api/account/mfa', session)).json()).toMatchObject({
      enabled: false,
      pending: true,
      required: false,
    });
    expect(
      cookieOf(
        await post('/api/auth/login', { username: t.users.coder.username, password: TEST_PASSWORD }),
        'medbill_session',
      ),
    ).toBeDefined();
    const wrong = await post('/api/account/mfa/confirm', { code: codeNow(seed, 5) }, session);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().issues[0].location.field).toBe('code');
    const ok = await post('/api/account/mfa/confirm', { code: codeNow(seed) }, session);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().recoveryCodes).toHaveLength(10);
    const status = await get('/api/account/mfa', session);
    expect(status.json()).toEqual({ enabled: true, pending: false, recoveryCodesLeft: 10, required: false });
    expect(status.body).not.toContain(start.json().secret);
    const row = await store.db
      .selectFrom('user_mfa')
      .selectAll()
      .where('tenant_id', '=', t.tenantId)
      .where('user_id', '=', t.users.coder.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_enc).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain(start.json().secret);
    expect(JSON.stringify(row)).not.toContain(seed.toString('hex'));
    const codes = await store.db
      .selectFrom('mfa_recovery_code')
      .select('code_hash')
      .where('tenant_id', '=', t.tenantId)
      .where('user_id', '=', t.users.coder.id)
      .execute();
    expect(codes.map((c) => c.code_hash)).not.toContain(ok.json().recoveryCodes[0]);
    expect((await audits('mfa_enrol')).length).toBeGreaterThan(0);
    expect((await audits('mfa_confirm')).map((a) => a.user_id)).toContain(t.users.coder.id);
  });

  it('the password alone makes no session; the challenge cookie opens no /api route; a valid code does', async () => {
    const sessionsBefore = await store.db
      .selectFrom('user_session')
      .select('id')
      .where('tenant_id', '=', t.tenantId)
      .where('user_id', '=', t.users.coder.id)
      .execute();
    const challenge = await passwordStep(t.users.coder.username);
    const token = challenge.split('=')[1];
    for (const cookie of [challenge, `medbill_session=${token}`]) {
      expect((await get('/api/patients', cookie)).statusCode).toBe(401);
      expect((await get('/api/auth/me', cookie)).statusCode).toBe(401);
      expect((await get('/api/account/mfa', cookie)).statusCode).toBe(401);
    }
    const sessionsAfter = await store.db
      .selectFrom('user_session')
      .select('id')
      .where('tenant_id', '=', t.tenantId)
      .where('user_id', '=', t.users.coder.id)
      .execute();
    expect(sessionsAfter).toHaveLength(sessionsBefore.length);
    const wrong = await post('/api/auth/mfa/verify', { code: codeNow(seed, 4) }, challenge);
    expect(wrong.statusCode).toBe(400);
    expect(cookieOf(wrong, 'medbill_session')).toBeUndefined();
    const ok = await post('/api/auth/mfa/verify', { code: codeNow(seed) }, challenge);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ username: t.users.coder.username, role: 'coder' });
    const session = cookieOf(ok, 'medbill_session')!;
    expect((await get('/api/patients', session)).statusCode).toBe(200);
    // the challenge is spent
    expect((await post('/api/auth/mfa/verify', { code: codeNow(seed, 1) }, challenge)).statusCode).toBe(401);
    expect((await audits('mfa_success')).at(-1)?.details).toMatchObject({ method: 'totp' });
    expect((await audits('mfa_failure')).at(-1)).toMatchObject({ user_id: t.users.coder.id, outcome: 'failure' });
    expect((await audits('login')).at(-1)?.details).toMatchObject({ mfa: 'totp' });
  });

  it('a code is accepted once (replay refused), one step of drift either way is accepted, two is not', async () => {
    const first = await passwordStep(t.users.coder.username);
    const code = codeNow(seed);
    expect((await post('/api/auth/mfa/verify', { code }, first)).statusCode).toBe(200);
    const second = await passwordStep(t.users.coder.username);
    const replay = await post('/api/auth/mfa/verify', { code }, second);
    expect(replay.statusCode).toBe(400);
    expect(replay.json().message).toMatch(/already been used/);
    expect((await audits('mfa_failure')).at(-1)?.details).toMatchObject({ reason: 'replay' });
    // the phone runs a step ahead: accepted
    expect((await post('/api/auth/mfa/verify', { code: codeNow(seed, 1) }, second)).statusCode).toBe(200);
    tick(3);
    const third = await passwordStep(t.users.coder.username);
    const twoAhead = codeNow(seed, 2);
    if (![codeNow(seed), codeNow(seed, -1), codeNow(seed, 1)].includes(twoAhead))
      expect((await post('/api/auth/mfa/verify', { code: twoAhead }, third)).statusCode).toBe(400);
    // a step behind: accepted
    expect((await post('/api/auth/mfa/verify', { code: codeNow(seed, -1) }, third)).statusCode).toBe(200);
  });

  it('a recovery code works once, and is audited', async () => {
    const session = await login(app, t.users.biller.username);
    const { recoveryCodes } = await enrol(session);
    const c1 = await passwordStep(t.users.biller.username);
    const ok = await post('/api/auth/mfa/verify', { code: recoveryCodes[3].toUpperCase() }, c1);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(cookieOf(ok, 'medbill_session')).toBeDefined();
    const c2 = await passwordStep(t.users.biller.username);
    expect((await post('/api/auth/mfa/verify', { code: recoveryCodes[3] }, c2)).statusCode).toBe(400);
    expect((await audits('mfa_recovery_used')).map((a) => a.user_id)).toEqual([t.users.biller.id]);
    expect((await get('/api/account/mfa', cookieOf(ok, 'medbill_session')!)).json().recoveryCodesLeft).toBe(9);
  });

  it('wrong codes count toward the log-in brake: a challenge dies after 5, and the 11th failure blocks even the right password', async () => {
    const session = await login(app, t.users.claims_analyst.username);
    const { seed: s } = await enrol(session);
    const bad = codeNow(s, 7) === codeNow(s) ? '000001' : codeNow(s, 7);
    let failures = 0;
    while (failures < 10) {
      const challenge = await passwordStep(t.users.claims_analyst.username);
      for (let i = 0; i < 5 && failures < 10; i++, failures++)
        expect((await post('/api/auth/mfa/verify', { code: bad }, challenge)).statusCode).toBe(400);
      if (failures % 5 === 0)
        expect((await post('/api/auth/mfa/verify', { code: codeNow(s, 1) }, challenge)).statusCode).toBe(401);
    }
    expect(
      (await post('/api/auth/login', { username: t.users.claims_analyst.username, password: TEST_PASSWORD }))
        .statusCode,
    ).toBe(429);
  });

  it('a password reset by an admin does not bypass MFA', async () => {
    const admin = await login(app, t.users.admin.username);
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/users/${t.users.coder.id}`,
      headers: { cookie: admin },
      payload: { password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    await passwordStep(t.users.coder.username);
  });

  it('the user regenerates recovery codes and disables MFA, each with a current code', async () => {
    const c = await passwordStep(t.users.coder.username);
    const session = cookieOf(await post('/api/auth/mfa/verify', { code: codeNow(seed) }, c), 'medbill_session')!;
    tick();
    expect(
      (
        await post(
          '/api/account/mfa/recovery-codes',
          { code: '000000' === codeNow(seed) ? '111111' : '000000' },
          session,
        )
      ).statusCode,
    ).toBe(400);
    const regen = await post('/api/account/mfa/recovery-codes', { code: codeNow(seed) }, session);
    expect(regen.statusCode).toBe(200);
    expect(regen.json().recoveryCodes).toHaveLength(10);
    expect(await audits('mfa_recovery_codes')).toHaveLength(1);
    tick();
    const off = await post('/api/account/mfa/disable', { code: regen.json().recoveryCodes[0] }, session);
    expect(off.statusCode, off.body).toBe(200);
    expect((await get('/api/account/mfa', session)).json()).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect(await audits('mfa_disable')).toHaveLength(1);
    expect(
      cookieOf(
        await post('/api/auth/login', { username: t.users.coder.username, password: TEST_PASSWORD }),
        'medbill_session',
      ),
    ).toBeDefined();
  });
});

describe('admin controls', () => {
  it("an admin resets a user's MFA: seed and codes gone, sessions ended, audited; only user managers may, and only in their tenant", async () => {
    const session = await login(app, t.users.account_rep.username);
    await enrol(session);
    const otherAdmin = await login(app, other.users.admin.username);
    const cross = await post(`/api/users/${t.users.account_rep.id}/mfa/reset`, {}, otherAdmin);
    expect(cross.statusCode).toBe(404);
    expect(
      (
        await store.db
          .selectFrom('user_mfa')
          .select('enabled_at')
          .where('tenant_id', '=', t.tenantId)
          .where('user_id', '=', t.users.account_rep.id)
          .executeTakeFirst()
      )?.enabled_at,
    ).toBeTruthy();
    // a role without user:manage
    const coderSession = await login(app, other.users.coder.username);
    expect((await post(`/api/users/${other.users.admin.id}/mfa/reset`, {}, coderSession)).statusCode).toBe(403);

    const admin = await login(app, t.users.admin.username);
    const users = await get('/api/users', admin);
    expect(users.json().items.find((u: { id: number }) => u.id === t.users.account_rep.id).mfaEnabled).toBe(true);
    const reset = await post(`/api/users/${t.users.account_rep.id}/mfa/reset`, {}, admin);
    expect(reset.statusCode).toBe(200);
    expect((await get('/api/auth/me', session)).statusCode).toBe(401);
    expect(
      await store.db
        .selectFrom('user_mfa')
        .select('user_id')
        .where('tenant_id', '=', t.tenantId)
        .where('user_id', '=', t.users.account_rep.id)
        .execute(),
    ).toEqual([]);
    expect(
      await store.db
        .selectFrom('mfa_recovery_code')
        .select('id')
        .where('tenant_id', '=', t.tenantId)
        .where('user_id', '=', t.users.account_rep.id)
        .execute(),
    ).toEqual([]);
    expect((await audits('mfa_reset')).at(-1)).toMatchObject({
      user_id: t.users.admin.id,
      resource_id: String(t.users.account_rep.id),
      details: { wasEnabled: true },
    });
    expect(
      cookieOf(
        await post('/api/auth/login', { username: t.users.account_rep.username, password: TEST_PASSWORD }),
        'medbill_session',
      ),
    ).toBeDefined();
  });

  it('when the tenant requires MFA, a user without it must enrol right after the password, and can do nothing else until then', async () => {
    const rep = await login(app, t.users.account_rep.username);
    const admin = await login(app, t.users.admin.username);
    const coderOfOther = await login(app, other.users.coder.username);
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: '/api/tenant/security',
          headers: { cookie: rep },
          payload: { mfaRequired: true },
        })
      ).statusCode,
    ).toBe(403);
    const on = await app.inject({
      method: 'PATCH',
      url: '/api/tenant/security',
      headers: { cookie: admin },
      payload: { mfaRequired: true },
    });
    expect(on.statusCode).toBe(200);
    expect((await get('/api/tenant', admin)).json().mfaRequired).toBe(true);
    expect((await audits('update')).at(-1)).toMatchObject({
      resource_type: 'tenant',
      details: { mfaRequired: { from: false, to: true } },
    });
    // sessions of users without MFA end (the admin's own stays); the other tenant is untouched
    expect((await get('/api/auth/me', rep)).statusCode).toBe(401);
    expect((await get('/api/auth/me', admin)).statusCode).toBe(200);
    expect((await get('/api/auth/me', coderOfOther)).statusCode).toBe(200);
    expect(
      cookieOf(
        await post('/api/auth/login', { username: other.users.biller.login, password: TEST_PASSWORD }),
        'medbill_session',
      ),
    ).toBeDefined();

    const challenge = await passwordStep(t.users.account_rep.username, 'enrol');
    for (const url of ['/api/patients', '/api/auth/me', '/api/account/mfa'])
      expect((await get(url, challenge)).statusCode, url).toBe(401);
    expect((await post('/api/account/mfa/enrol', {}, challenge)).statusCode).toBe(401);
    expect((await post('/api/auth/mfa/verify', { code: '123456' }, challenge)).statusCode).toBe(401); // an enrolment challenge is not a verify one
    expect((await post('/api/auth/mfa/setup/confirm', { code: '123456' }, challenge)).statusCode).toBe(409); // set-up not started
    const setup = await post('/api/auth/mfa/setup', {}, challenge);
    expect(setup.statusCode).toBe(200);
    const seed = base32Decode(new URL(setup.json().otpauthUri).searchParams.get('secret')!);
    expect((await post('/api/auth/mfa/setup/confirm', { code: codeNow(seed, 3) }, challenge)).statusCode).toBe(400);
    const done = await post('/api/auth/mfa/setup/confirm', { code: codeNow(seed) }, challenge);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ username: t.users.account_rep.username, recoveryCodes: expect.any(Array) });
    const session = cookieOf(done, 'medbill_session')!;
    expect((await get('/api/patients', session)).statusCode).toBe(200);
    expect((await audits('login')).at(-1)?.details).toMatchObject({ mfa: 'enrolled' });
    // from now on it is an ordinary second step; and MFA cannot be switched off while required
    tick();
    expect((await post('/api/account/mfa/disable', { code: codeNow(seed) }, session)).statusCode).toBe(409);
    const next = await passwordStep(t.users.account_rep.username, 'verify');
    expect((await post('/api/auth/mfa/verify', { code: codeNow(seed, 1) }, next)).statusCode).toBe(200);

    const off = await app.inject({
      method: 'PATCH',
      url: '/api/tenant/security',
      headers: { cookie: admin },
      payload: { mfaRequired: false },
    });
    expect(off.statusCode).toBe(200);
    expect(
      cookieOf(
        await post('/api/auth/login', { username: t.users.admin.username, password: TEST_PASSWORD }),
        'medbill_session',
      ),
    ).toBeDefined();
  });
});

describe('replacing the seed or the recovery codes (issue 8 item 9)', () => {
  it('moving to a new phone needs the current code or a recovery code; recovery codes can be replaced with one', async () => {
    const session = await login(app, other.users.biller.username);
    const { seed, recoveryCodes } = await enrol(session);
    tick();
    // a stolen session alone cannot put the attacker's phone in place of the user's
    const bare = await post('/api/account/mfa/enrol', {}, session);
    expect(bare.statusCode).toBe(400);
    expect(bare.json().issues[0].location.field).toBe('code');
    const wrong = await post(
      '/api/account/mfa/enrol',
      { code: codeNow(seed) === '000000' ? '111111' : '000000' },
      session,
    );
    expect(wrong.statusCode).toBe(400);
    expect((await audits('mfa_failure', other.tenantId)).at(-1)?.details).toMatchObject({ step: 'enrol' });
    const moved = await post('/api/account/mfa/enrol', { code: codeNow(seed) }, session);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().otpauthUri).toMatch(/^otpauth:/);
    expect((await audits('mfa_enrol', other.tenantId)).at(-1)?.details).toMatchObject({ replacing: true });
    tick();
    const byRecovery = await post('/api/account/mfa/enrol', { code: recoveryCodes[0] }, session);
    expect(byRecovery.statusCode, byRecovery.body).toBe(200);
    // the same recovery code works once
    tick();
    expect((await post('/api/account/mfa/enrol', { code: recoveryCodes[0] }, session)).statusCode).toBe(400);
    const regen = await post('/api/account/mfa/recovery-codes', { code: recoveryCodes[1] }, session);
    expect(regen.statusCode, regen.body).toBe(200);
    expect(regen.json().recoveryCodes).toHaveLength(10);
  });

  it('a new tenant requires MFA from the start; the demo office says on the log-in page that it does not', async () => {
    const made = await createTenant(
      { db: store.db, auditKey: testDeps(store).auditKey },
      { userId: null, username: 'cli:test', sourceIp: null },
      {
        name: 'New Office',
        slug: 'new-office-mfa',
        admin: 'newoffice.admin',
        password: 'copper kettle orbits lavender',
      },
    );
    const row = await store.db
      .selectFrom('tenant')
      .select('mfa_required')
      .where('id', '=', made.tenantId)
      .executeTakeFirstOrThrow();
    expect(row.mfa_required).toBe(true);
    const first = await post('/api/auth/login', {
      username: 'new-office-mfa/newoffice.admin',
      password: 'copper kettle orbits lavender',
    });
    expect(first.json()).toEqual({ mfa: 'enrol' });

    expect((await app.inject({ method: 'GET', url: '/api/auth/notice' })).json()).toEqual({ notice: null });
    await store.db.insertInto('tenant').values({ name: 'Demo Billing', slug: 'demo' }).execute();
    const notice = await app.inject({ method: 'GET', url: '/api/auth/notice' });
    expect(notice.json().notice).toMatch(/Demo office: two-step log-in is off/);
  });
});
