/**
 * The walls, walked over the whole route table (SECURITY.md A1, A3, A8): every /api route needs a
 * session or is on the reviewed public list; every role is refused what it may not do; a user of one
 * tenant gets 404 (never the record, never 403) for another tenant's ids, and no list leaks a byte.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, ROLES, type Permission } from '../src/auth/permissions.ts';
import { defaultClaimServices } from '../src/claims/claim-services.ts';
import { startSftpServer } from '../src/clearinghouse/sftp-test-server.ts';
import { withTenant, type Store } from '../src/db/open-database.ts';
import { buildApp, type RouteEntry } from '../src/http/app.ts';
import { createTenantFixture, testDeps, login, TEST_PASSWORD, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';
import { seedAccounts, type AccountSeed } from './accounts-seed.test-util.ts';
import { seedDenials, seedHeldEra, seedUnmatched } from './denial-seed.test-util.ts';
import {
  seedClaimDifference,
  seedUnmatchedLine,
  seedUnmatchedServices,
  type UnmatchedClaimSeed,
  type UnmatchedLineSeed,
} from './unmatched-line-seed.test-util.ts';

const PUBLIC_ROUTES = [
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'GET /api/auth/notice',
  // the second log-in step: each reads only the MFA challenge cookie (checked in the test below and in mfa.test.ts)
  'POST /api/auth/mfa/verify',
  'POST /api/auth/mfa/setup',
  'POST /api/auth/mfa/setup/confirm',
];

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let a: TenantFixture;
let b: TenantFixture;
const cookies: Record<string, string> = {};
let bEligibilityCheckId: number;
let bQuarantineId: number;
let aSeed: AccountSeed;
let bSeed: AccountSeed;
let aDenialId: number;
let bDenialId: number;
let bHeldEraId: number;
let bUnmatched: { typo: number; nobody: number; claimId: number };
let aUnmatched: { typo: number; nobody: number; claimId: number };
let bContractId: number;
let aLine: UnmatchedLineSeed;
let bLine: UnmatchedLineSeed;
let aServices: UnmatchedClaimSeed;
let aDifference: UnmatchedClaimSeed;
let bServices: UnmatchedClaimSeed;
let bDifference: UnmatchedClaimSeed;

beforeAll(async () => {
  store = await openTestStore();
  const deps = testDeps(store);
  app = await buildApp(deps);
  a = await createTenantFixture(store, 'alpha');
  b = await createTenantFixture(store, 'beta');
  [aDenialId] = await seedDenials(store, a, 1, deps.auditKey);
  [bDenialId] = await seedDenials(store, b, 1, deps.auditKey);
  bHeldEraId = await seedHeldEra(store, b, deps.auditKey);
  bUnmatched = await seedUnmatched(store, b, deps.auditKey);
  aUnmatched = await seedUnmatched(store, a, deps.auditKey);
  aLine = await seedUnmatchedLine(store, a, deps.auditKey);
  bLine = await seedUnmatchedLine(store, b, deps.auditKey);
  aServices = await seedUnmatchedServices(store, a, deps.auditKey);
  aDifference = await seedClaimDifference(store, a, deps.auditKey);
  bServices = await seedUnmatchedServices(store, b, deps.auditKey);
  bDifference = await seedClaimDifference(store, b, deps.auditKey);
  bContractId = (
    await store.db
      .insertInto('payer_contract')
      .values({ tenant_id: b.tenantId, payer_id: b.payerId, name: 'beta contract', effective_from: '2026-01-01' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  aSeed = await seedAccounts(store, a);
  bSeed = await seedAccounts(store, b);
  bEligibilityCheckId = (
    await store.db
      .insertInto('eligibility_check')
      .values({
        tenant_id: b.tenantId,
        patient_id: b.patientId,
        coverage_id: b.coverageId,
        payer_id: b.payerId,
        practice_id: b.practiceId,
        clearinghouse_id: b.clearinghouseId,
        service_date: '2026-11-23',
        trace_number: 'EL-BETA-1',
        requested_by: 'beta',
        requested_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  bQuarantineId = (
    await store.db
      .insertInto('inbound_quarantine')
      .values({
        tenant_id: b.tenantId,
        clearinghouse_id: b.clearinghouseId,
        file_name: 'beta-held.835',
        sha256: 'b'.repeat(64),
        size_bytes: 3,
        content: new Uint8Array([0, 1, 2]),
        reason: 'a NUL byte',
        reason_code: 'not_text',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  for (const role of ROLES) cookies[role] = await login(app, a.users[role].username);
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

function idOfB(url: string): number {
  const map: Record<string, number> = {
    '/api/practices/:id': b.practiceId,
    '/api/providers/:id': b.providerId,
    '/api/payers/:id': b.payerId,
    '/api/guarantors/:id': b.guarantorId,
    '/api/patients/:id': b.patientId,
    '/api/coverages/:id': b.coverageId,
    '/api/coverages/:id/end': b.coverageId,
    '/api/users/:id': b.users.admin.id,
    '/api/users/:id/mfa/reset': b.users.admin.id,
    '/api/encounters/:id': b.encounterId,
    '/api/encounters/:id/claims': b.encounterId,
    '/api/encounters/:id/coding': b.encounterId,
    '/api/encounters/:id/suggestion-decisions': b.encounterId,
    '/api/claims/:id': b.claimId,
    '/api/claims/:id/pdf': b.claimId,
    '/api/claims/:id/replacement': b.claimId,
    '/api/batches/:id': b.batchId,
    '/api/clearinghouses/:id/submit': b.clearinghouseId,
    '/api/clearinghouses/:id/poll': b.clearinghouseId,
    '/api/clearinghouses/:id/secret': b.clearinghouseId,
    '/api/edi-files/:id': b.ediFileId,
    '/api/inbound-quarantine/:id/release': bQuarantineId,
    '/api/inbound-quarantine/:id/discard': bQuarantineId,
    '/api/fee-schedules/:id': b.feeScheduleId,
    '/api/fee-schedules/:id/items': b.feeScheduleId,
    '/api/patients/:id/eligibility-checks': b.patientId,
    '/api/eligibility-checks/:id': bEligibilityCheckId,
    '/api/patients/:id/contacts': b.patientId,
    '/api/patients/:id/account': b.patientId,
    '/api/patients/:id/payments': b.patientId,
    '/api/patients/:id/refund-requests': b.patientId,
    '/api/patients/:id/small-balance-write-off': b.patientId,
    '/api/patients/:id/payment-plans': b.patientId,
    '/api/patients/:id/final-notice': b.patientId,
    '/api/refund-requests/:id/decision': bSeed.refundId,
    '/api/statements/:id/pdf': bSeed.statementId,
    '/api/collection-placements/:id/recall': bSeed.placementId,
    '/api/collection-agencies/:id/reports': bSeed.agencyId,
    '/api/patients/:id/estimates': b.patientId,
    '/api/estimates/:id': bSeed.estimateId,
    '/api/estimates/:id/good-faith-estimate.pdf': bSeed.estimateId,
    '/api/statement-runs/:id': bSeed.runId,
    '/api/statement-runs/:id/print-vendor.csv': bSeed.runId,
    '/api/denials/:id': bDenialId,
    '/api/denials/:id/notes': bDenialId,
    '/api/denials/:id/write-off': bDenialId,
    '/api/denials/:id/transfer-to-patient': bDenialId,
    '/api/denials/:id/replacement-claim': bDenialId,
    '/api/denials/:id/appeal': bDenialId,
    '/api/payers/:id/contracts': b.payerId,
    '/api/remittances/:id': bHeldEraId,
    '/api/remittances/:id/release': bHeldEraId,
    '/api/claims/:id/status-inquiries': b.claimId,
    '/api/claims/:id/ledger': b.claimId,
    '/api/unmatched/:id/match': bUnmatched.typo,
    '/api/unmatched/:id/dismiss': bUnmatched.nobody,
    '/api/unmatched/:id/post-to-line': bLine.itemId,
    '/api/unmatched/:id/post-services': bServices.itemId,
    '/api/unmatched/:id/apply-difference': bDifference.itemId,
    '/api/payers/:id/contracts/:contractId/rates': b.payerId,
    '/api/payers/:id/contracts/:contractId': b.payerId,
  };
  if (!(url in map)) throw new Error(`No tenant-B id known for ${url}: add it to this test`);
  return map[url];
}

/** valid bodies for the account routes, so the wall (404) answers and not validation */
const ACCOUNT_BODIES: Record<string, unknown> = {
  contacts: { channel: 'call', direction: 'outbound', outcome: 'sent' },
  'suggestion-decisions': { code: 'I10', decision: 'rejected' },
  secret: { password: 'walls-test-password' },
  payments: { amountCents: 100, method: 'cash' },
  'refund-requests': { amountCents: 100, reason: 'x' },
  decision: { approve: false },
  match: { claimId: 1 },
  dismiss: { reason: 'not ours at all' },
  'post-to-line': { lineNumber: 2 },
  'post-services': { lines: [{ svcIndex: 0, lineNumber: 1 }] },
  'apply-difference': { lines: [{ lineNumber: 1, amountCents: 800 }] },
  rates: { procedureCode: '99213', allowedCents: 1 },
  'payment-plans': { installments: 2, firstDueDate: '2030-01-01' },
  recall: { reason: 'x' },
  estimates: { lines: [{ code: '99213' }] },
  replacement: { kind: 'void', disposition: 'rebill' },
  notes: { note: 'x' },
  'write-off': { reason: 'xyz' },
  'transfer-to-patient': { reason: 'xyz' },
  'replacement-claim': { kind: 'correct', reason: 'xyz' },
  appeal: { argument: 'an argument of some length' },
  contracts: { name: 'x', effectiveFrom: '2026-01-01', rates: [{ procedureCode: '99213', allowedCents: 1 }] },
  reports: {
    fileName: 'r.csv',
    csv: 'record_type,placement_id,account_number,date,paid_amount,fee_amount,status,note',
  },
};

const bodyFor = (r: RouteEntry) =>
  r.method === 'GET'
    ? undefined
    : r.url.endsWith('/coding')
      ? { diagnoses: [], lines: [] }
      : r.url.endsWith('/items')
        ? { items: [] }
        : r.url.endsWith('/end')
          ? { endDate: '2030-01-01' }
          : r.url === '/api/remittances/:id/release'
            ? { action: 'dismiss', reason: 'not ours at all' }
            : (ACCOUNT_BODIES[r.url.split('/').at(-1) ?? ''] ?? {});
const routes = () => app.routeTable;

describe('route table', () => {
  it('every /api route declares a permission or is on the reviewed public list', () => {
    expect(routes().length).toBeGreaterThan(20);
    const publicOnes = routes()
      .filter((r) => r.public)
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(publicOnes).toEqual([...PUBLIC_ROUTES].sort());
    for (const r of routes().filter((r) => !r.public)) expect(r.permission, `${r.method} ${r.url}`).toBeTruthy();
  });

  it('every /api route declares the schema of its answer, and the OpenAPI document publishes it', async () => {
    const without = routes()
      .filter((r) => !r.response)
      .map((r) => `${r.method} ${r.url}`);
    expect(without, 'declare schema.response from @medbill/api').toEqual([]);
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const undocumented = routes()
      .map((r) => ({ r, op: doc.paths[r.url.replace(/:([a-zA-Z]+)/g, '{$1}')]?.[r.method.toLowerCase()] }))
      .filter(
        ({ op }) => !Object.values(op?.responses ?? {}).some((a: any) => a?.content || a?.description === 'No Content'),
      )
      .map(({ r }) => `${r.method} ${r.url}`);
    expect(undocumented).toEqual([]);
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
  it('the MFA log-in routes answer 401 without a challenge, and a half-logged-in user (password right, no second factor) gets 401 on every non-public route', async () => {
    for (const url of ['/api/auth/mfa/verify', '/api/auth/mfa/setup', '/api/auth/mfa/setup/confirm']) {
      const res = await app.inject({ method: 'POST', url, payload: { code: '123456' } });
      expect(res.statusCode, url).toBe(401);
    }
    // tenant B requires MFA: its users get an enrolment challenge after the password, and no session
    await store.db.updateTable('tenant').set({ mfa_required: true }).where('id', '=', b.tenantId).execute();
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: b.users.account_rep.login, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ mfa: 'enrol' });
    expect(res.cookies.map((c) => c.name)).toEqual(['medbill_mfa']);
    const token = res.cookies[0].value;
    let walked = 0;
    for (const r of routes().filter((r) => !r.public)) {
      for (const cookie of [`medbill_mfa=${token}`, `medbill_session=${token}`]) {
        const denied = await app.inject({
          method: r.method as 'GET',
          url: r.url.replace(':id', '1'),
          payload: bodyFor(r),
          headers: { cookie },
        });
        expect(denied.statusCode, `${r.method} ${r.url} with ${cookie.split('=')[0]}`).toBe(401);
        walked++;
      }
    }
    expect(walked).toBeGreaterThan(40);
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `medbill_mfa=${token}` } }))
        .statusCode,
    ).toBe(401);
    const sessions = await store.db
      .selectFrom('user_session')
      .select('id')
      .where('tenant_id', '=', b.tenantId)
      .execute();
    expect(sessions).toEqual([]);
    await store.db.updateTable('tenant').set({ mfa_required: false }).where('id', '=', b.tenantId).execute();
  });

  it('a forged or unknown session cookie is 401', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/patients',
      headers: { cookie: 'medbill_session=forged' },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('roles', () => {
  it('every role gets 403 on every route whose permission it lacks, and the refusal is audited', async () => {
    let refused = 0;
    for (const role of ROLES) {
      for (const r of routes().filter((r) => !r.public && !can(role, r.permission as Permission))) {
        const res = await app.inject({
          method: r.method as 'GET',
          url: r.url.replace(':id', '1'),
          payload: bodyFor(r),
          headers: { cookie: cookies[role] },
        });
        expect(res.statusCode, `${role} ${r.method} ${r.url}`).toBe(403);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(20);
    const denied = await store.db
      .selectFrom('audit_event')
      .select('seq')
      .where('tenant_id', '=', a.tenantId)
      .where('action', '=', 'access_denied')
      .execute();
    expect(denied.length).toBe(refused);
  }, 240_000); // walks every route for every role: minutes on a loaded 2-core machine
});

describe('tenant wall', () => {
  it("every route with an id answers 404 for the other tenant's record, for every role allowed to call it", async () => {
    let checked = 0;
    for (const r of routes().filter((r) => r.url.includes(':id'))) {
      for (const role of ROLES.filter((role) => can(role, r.permission as Permission))) {
        const res = await app.inject({
          method: r.method as 'GET',
          url: r.url.replace(':id', String(idOfB(r.url))).replace(':contractId', String(bContractId)),
          payload: bodyFor(r),
          headers: { cookie: cookies[role] },
        });
        expect(res.statusCode, `${role} ${r.method} ${r.url}: ${res.body}`).toBe(404);
        expect(res.body).not.toMatch(/beta/i);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  }, 240_000); // walks every route for every role: minutes on a loaded 2-core machine

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
    // every list route × role × query: about 60 s on PostgreSQL on a loaded machine
  }, 240_000);

  it('records cannot point at the other tenant (a coverage with their payer, a provider in their practice)', async () => {
    const cov = await app.inject({
      method: 'POST',
      url: '/api/coverages',
      headers: { cookie: cookies.admin },
      payload: {
        patientId: a.patientId,
        payerId: b.payerId,
        coverageOrder: 2,
        memberId: 'X123',
        relationshipCode: '18',
        subscriberFirstName: 'Q',
        subscriberLastName: 'S',
        effectiveDate: '2025-01-01',
      },
    });
    expect(cov.statusCode).toBe(400);
    const prov = await app.inject({
      method: 'POST',
      url: '/api/providers',
      headers: { cookie: cookies.admin },
      payload: { practiceId: b.practiceId, npi: '1234567893', firstName: 'A', lastName: 'B', taxonomy: '207Q00000X' },
    });
    expect(prov.statusCode).toBe(400);
    expect(prov.body).not.toMatch(/beta/i);
  });

  it("every id filter on every list, given the other tenant's id, finds nothing and shows nothing of theirs", async () => {
    const idFor: Record<string, number> = {
      patientId: b.patientId,
      practiceId: b.practiceId,
      payerId: b.payerId,
      batchId: b.batchId,
      claimId: b.claimId,
      assignedUserId: b.users.claims_analyst.id,
      remittanceId: bHeldEraId,
    };
    let checked = 0;
    for (const r of routes().filter((r) => r.method === 'GET' && !r.url.includes(':id'))) {
      for (const param of r.query.filter((q) => q.endsWith('Id'))) {
        expect(idFor[param], `no tenant-B id for the ${param} filter of ${r.url}: add it to this test`).toBeDefined();
        for (const role of ROLES.filter((role) => can(role, r.permission as Permission))) {
          const res = await app.inject({
            method: 'GET',
            url: `${r.url}?${param}=${idFor[param]}`,
            headers: { cookie: cookies[role] },
          });
          expect(res.statusCode, `${role} GET ${r.url}?${param}`).toBe(200);
          expect(res.body).not.toMatch(/beta/i);
          if (String(res.headers['content-type']).startsWith('text/csv'))
            expect(res.body.trim().split('\r\n'), `${role} GET ${r.url}?${param}`).toHaveLength(1); // the header only
          else expect(res.json().items, `${role} GET ${r.url}?${param}`).toEqual([]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(15);
  });

  it("every state-changing route refuses the other tenant's ids in its body, and leaves their records as they were", async () => {
    const snapshot = () =>
      Promise.all(
        (
          [
            'patient',
            'guarantor',
            'coverage',
            'provider',
            'practice',
            'claim',
            'batch',
            'encounter',
            'fee_schedule',
          ] as const
        ).map((tbl) =>
          store.db.selectFrom(tbl).selectAll().where('tenant_id', '=', b.tenantId).orderBy('id').execute(),
        ),
      );
    const cov = {
      coverageOrder: 3,
      memberId: 'X123',
      relationshipCode: '18',
      subscriberFirstName: 'Q',
      subscriberLastName: 'S',
      effectiveDate: '2025-01-01',
    };
    const enc = {
      patientId: a.patientId,
      practiceId: a.practiceId,
      renderingProviderId: a.providerId,
      placeOfService: '11',
      serviceDateFrom: '2026-11-02',
      diagnoses: [],
      lines: [],
    };
    const patient = {
      firstName: 'X',
      lastName: 'Y',
      birthDate: '1990-01-01',
      sex: 'F',
      line1: '1 A St',
      city: 'Austin',
      state: 'TX',
      zip: '78701',
    };
    const bLineId = (
      await store.db
        .selectFrom('service_line')
        .select('id')
        .where('tenant_id', '=', b.tenantId)
        .executeTakeFirstOrThrow()
    ).id;
    // expected: 400 naming the field, 404, or an empty result (the other tenant's ids are simply not among ours)
    const replays: Record<
      string,
      Array<{ url?: string; body: object; expect: 400 | 404 | 'empty'; field?: string }>
    > = {
      'POST /api/providers': [
        {
          body: { practiceId: b.practiceId, npi: '1234567893', firstName: 'A', lastName: 'B', taxonomy: '207Q00000X' },
          expect: 400,
          field: 'practiceId',
        },
      ],
      'PATCH /api/providers/:id': [
        { url: `/api/providers/${a.providerId}`, body: { practiceId: b.practiceId }, expect: 400, field: 'practiceId' },
      ],
      'POST /api/patients': [{ body: { ...patient, guarantorId: b.guarantorId }, expect: 400, field: 'guarantorId' }],
      'PATCH /api/patients/:id': [
        {
          url: `/api/patients/${a.patientId}`,
          body: { guarantorId: b.guarantorId },
          expect: 400,
          field: 'guarantorId',
        },
      ],
      'POST /api/coverages': [
        { body: { ...cov, patientId: b.patientId, payerId: a.payerId }, expect: 400, field: 'patientId' },
        { body: { ...cov, patientId: a.patientId, payerId: b.payerId }, expect: 400, field: 'payerId' },
      ],
      'PATCH /api/coverages/:id': [
        { url: `/api/coverages/${a.coverageId}`, body: { payerId: b.payerId }, expect: 400, field: 'payerId' },
      ],
      'POST /api/encounters': [
        { body: { ...enc, patientId: b.patientId }, expect: 400, field: 'patientId' },
        { body: { ...enc, practiceId: b.practiceId }, expect: 400, field: 'practiceId' },
        { body: { ...enc, renderingProviderId: b.providerId }, expect: 400, field: 'renderingProviderId' },
        { body: { ...enc, referringProviderId: b.providerId }, expect: 400, field: 'referringProviderId' },
      ],
      'POST /api/patients/:id/eligibility-checks': [
        {
          url: `/api/patients/${a.patientId}/eligibility-checks`,
          body: { coverageId: b.coverageId },
          expect: 400,
          field: 'coverageId',
        },
        {
          url: `/api/patients/${a.patientId}/eligibility-checks`,
          body: { practiceId: b.practiceId },
          expect: 400,
          field: 'practiceId',
        },
      ],
      'POST /api/patients/:id/payments': [
        {
          url: `/api/patients/${a.patientId}/payments`,
          body: { amountCents: 100, method: 'cash', lineIds: [bLineId] },
          expect: 400,
          field: 'lineIds',
        },
      ],
      'POST /api/collection-placements': [
        { body: { agencyId: bSeed.agencyId, patientIds: [aSeed.readyPatientId] }, expect: 400, field: 'agencyId' },
        { body: { agencyId: aSeed.agencyId, patientIds: [bSeed.readyPatientId] }, expect: 404 },
      ],
      'POST /api/patients/:id/estimates': (['coverageId', 'practiceId', 'providerId'] as const).map((field) => ({
        url: `/api/patients/${a.patientId}/estimates`,
        body: { lines: [{ code: '99213' }], [field]: b[field] },
        expect: 400,
        field,
      })),
      'POST /api/claims/scrub': [{ body: { claimIds: [b.claimId] }, expect: 404 }],
      'POST /api/coding/suggest': [{ body: { encounterId: b.encounterId }, expect: 404 }],
      'POST /api/batches': [
        { body: { clearinghouseId: b.clearinghouseId }, expect: 404 },
        { body: { clearinghouseId: a.clearinghouseId, claimIds: [b.claimId] }, expect: 404 },
        { body: { clearinghouseId: a.clearinghouseId, claimIds: [a.claimId, b.claimId] }, expect: 404 },
      ],
      'POST /api/clearinghouses/:id/submit': [
        { url: `/api/clearinghouses/${a.clearinghouseId}/submit`, body: { batchIds: [b.batchId] }, expect: 'empty' },
      ],
      'PATCH /api/denials/:id': [
        {
          url: `/api/denials/${aDenialId}`,
          body: { assignedUserId: b.users.claims_analyst.id },
          expect: 400,
          field: 'assignedUserId',
        },
      ],
      'POST /api/deposits': [
        {
          body: {
            depositedOn: '2026-12-01',
            amountCents: 100,
            method: 'EFT',
            traceNumber: 'WALL1',
            payerId: b.payerId,
          },
          expect: 400,
          field: 'payerId',
        },
      ],
      'POST /api/claims/status-inquiries': [{ body: { claimIds: [b.claimId], waitSeconds: 0 }, expect: 404 }],
      'POST /api/unmatched/:id/match': [
        { url: `/api/unmatched/${aUnmatched.typo}/match`, body: { claimId: b.claimId }, expect: 404 },
      ],
      'POST /api/unmatched/:id/post-to-line': [
        { url: `/api/unmatched/${aLine.itemId}/post-to-line`, body: { lineId: bLine.lineId }, expect: 404 },
      ],
      'POST /api/unmatched/:id/post-services': [
        {
          url: `/api/unmatched/${aServices.itemId}/post-services`,
          body: { lines: [{ svcIndex: 0, lineId: bLine.lineId }] },
          expect: 404,
        },
      ],
      'POST /api/unmatched/:id/apply-difference': [
        {
          url: `/api/unmatched/${aDifference.itemId}/apply-difference`,
          body: { lines: [{ lineId: bLine.lineId, amountCents: 800 }] },
          expect: 404,
        },
      ],
      'POST /api/fee-schedules': [
        {
          body: { practiceId: b.practiceId, name: 'x', effectiveFrom: '2025-01-01', items: [] },
          expect: 400,
          field: 'practiceId',
        },
      ],
    };
    // state-changing routes whose bodies carry no record id (their path ids are walked above)
    const noIdsInBody = [
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'POST /api/auth/mfa/verify',
      'POST /api/auth/mfa/setup',
      'POST /api/auth/mfa/setup/confirm',
      'POST /api/account/mfa/enrol',
      'POST /api/account/mfa/confirm',
      'POST /api/account/mfa/disable',
      'POST /api/account/mfa/recovery-codes',
      'POST /api/users/:id/mfa/reset',
      'PATCH /api/tenant/security',
      'POST /api/users',
      'PATCH /api/users/:id',
      'POST /api/audit/verify',
      'POST /api/practices',
      'PATCH /api/practices/:id',
      'POST /api/payers',
      'PATCH /api/payers/:id',
      'POST /api/guarantors',
      'PATCH /api/guarantors/:id',
      'POST /api/coverages/:id/end',
      'DELETE /api/coverages/:id',
      'PUT /api/encounters/:id/coding',
      'POST /api/encounters/:id/suggestion-decisions',
      'POST /api/coding/office-model',
      'POST /api/encounters/:id/claims',
      'POST /api/claims/:id/replacement',
      'POST /api/clearinghouses',
      'POST /api/clearinghouses/:id/poll',
      'POST /api/inbound-quarantine/:id/release',
      'POST /api/inbound-quarantine/:id/discard',
      'PUT /api/clearinghouses/:id/secret',
      'PUT /api/fee-schedules/:id/items',
      'POST /api/codes/check',
      'POST /api/patients/:id/contacts',
      'POST /api/patients/:id/refund-requests',
      'POST /api/refund-requests/:id/decision',
      'POST /api/patients/:id/small-balance-write-off',
      'POST /api/patients/:id/payment-plans',
      'POST /api/statement-runs',
      'POST /api/patients/:id/final-notice',
      'POST /api/collection-placements/:id/recall',
      'POST /api/collection-agencies/:id/reports',
      'POST /api/denials/:id/notes',
      'POST /api/denials/:id/write-off',
      'POST /api/denials/:id/transfer-to-patient',
      'POST /api/denials/:id/replacement-claim',
      'POST /api/denials/:id/appeal',
      'PUT /api/appeal-template',
      'POST /api/payers/:id/contracts',
      'POST /api/remittances',
      'POST /api/remittances/:id/release',
      'POST /api/deposits/reconcile',
      'POST /api/appeal-template/preview',
      'POST /api/collection-agencies',
      'POST /api/unmatched/:id/dismiss',
      'PUT /api/payers/:id/contracts/:contractId/rates',
    ];
    const unlisted = routes()
      .filter((r) => r.method !== 'GET')
      .map((r) => `${r.method} ${r.url}`)
      .filter((k) => !(k in replays) && !noIdsInBody.includes(k));
    expect(unlisted, 'say which ids each new route takes in its body').toEqual([]);
    const before = await snapshot();
    for (const [route, cases] of Object.entries(replays)) {
      const [method, url] = route.split(' ');
      for (const c of cases) {
        const res = await app.inject({
          method: method as 'POST',
          url: c.url ?? url,
          payload: c.body,
          headers: { cookie: cookies.admin },
        });
        const what = `${route} ${JSON.stringify(c.body)}`;
        expect(res.body, what).not.toMatch(/beta/i);
        if (c.expect === 'empty') {
          expect(res.statusCode, what).toBeLessThan(300);
          expect(Object.values(res.json()).flat(), what).toEqual([]);
        } else {
          expect(res.statusCode, `${what}: ${res.body}`).toBe(c.expect);
          if (c.field)
            expect(
              res.json().issues?.map((i: { location: { field: string } }) => i.location.field),
              what,
            ).toContain(c.field);
        }
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('a client cannot choose its tenant', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/payers',
      headers: { cookie: cookies.admin },
      payload: {
        tenantId: b.tenantId,
        name: 'Sneaky',
        payerCode: 'SNEAK1',
        claimFilingIndicator: 'CI',
        timelyFilingDays: 90,
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].message).toMatch(/tenantId/);
  });
});

describe('CSRF and injection', () => {
  it('refuses a state-changing request that is not JSON, or comes from another origin', async () => {
    const form = await app.inject({
      method: 'POST',
      url: '/api/payers',
      headers: { cookie: cookies.admin, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=x',
    });
    expect(form.statusCode).toBe(415);
    const cross = await app.inject({
      method: 'PATCH',
      url: `/api/patients/${a.patientId}`,
      headers: { cookie: cookies.admin, origin: 'https://evil.example', host: 'localhost' },
      payload: { phone: '5125550199' },
    });
    expect(cross.statusCode).toBe(403);
  });

  it('every state-changing route refuses a body that is not JSON (415) and a request from another origin (403), before anything runs', async () => {
    const head = () =>
      store.db
        .selectFrom('audit_chain_head')
        .select('seq')
        .where('tenant_id', '=', a.tenantId)
        .executeTakeFirst()
        .then((h) => h?.seq ?? 0);
    const before = await head();
    const changing = routes().filter((r) => r.method !== 'GET');
    expect(changing.length).toBeGreaterThan(20);
    for (const r of changing) {
      const url = r.url.replace(':id', String(a.patientId));
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        const res = await app.inject({
          method: r.method as 'POST',
          url,
          headers: { cookie: cookies.admin, 'content-type': type },
          payload: 'a=1',
        });
        expect(res.statusCode, `${r.method} ${r.url} as ${type}`).toBe(415);
      }
      const noType = await app.inject({ method: r.method as 'POST', url, headers: { cookie: cookies.admin } });
      expect(noType.statusCode, `${r.method} ${r.url} without a content type`).toBe(415);
      const cross = await app.inject({
        method: r.method as 'POST',
        url,
        headers: { cookie: cookies.admin, origin: 'https://evil.example', host: 'localhost' },
        payload: bodyFor(r) ?? {},
      });
      expect(cross.statusCode, `${r.method} ${r.url} cross-origin`).toBe(403);
    }
    expect(await head()).toBe(before);
  });

  it('every answer carries a Content-Security-Policy with no inline or eval script, and API answers are not cached', async () => {
    for (const url of ['/', '/api/health', `/api/patients/${a.patientId}`, '/api/no-such-route']) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies.admin } });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toMatch(/script-src 'self'/);
      expect(csp, url).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      if (url.startsWith('/api')) expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('SQL, traversal and script payloads in every filter give no 5xx and no database text', async () => {
    const payloads = [
      "' OR 1=1 --",
      "'; DROP TABLE patient; --",
      '%',
      '_',
      '\\',
      '../../etc/passwd',
      '<script>alert(1)</script>',
      '1) UNION SELECT password_hash FROM app_user --',
      '\u0000',
      'A000001%27',
    ];
    for (const p of payloads) {
      for (const url of [
        '/api/patients?q=',
        '/api/patients?accountNumber=',
        '/api/payers?q=',
        '/api/practices?q=',
        '/api/guarantors?q=',
        '/api/audit?sort=',
        '/api/audit?username=',
        '/api/providers?practiceId=',
      ]) {
        const res = await app.inject({
          method: 'GET',
          url: url + encodeURIComponent(p),
          headers: { cookie: cookies.admin },
        });
        expect(res.statusCode, `${url}${p}`).toBeLessThan(500);
        expect(res.body).not.toMatch(/syntax error|pg_|scrypt\$|at .*\.ts:/i);
      }
    }
    const still = await store.db.selectFrom('patient').select('id').where('tenant_id', '=', a.tenantId).execute();
    expect(still.length).toBeGreaterThan(0);
  });
});

describe('input that answered 500 (issue 8 item 8)', () => {
  const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
  const deepArray = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

  it('JSON nested 20,000 deep is a 400 on every public route and on every state-changing route, before anything runs', async () => {
    const before = await store.db.selectFrom('audit_event').select('seq').execute();
    let sent = 0;
    for (const r of routes().filter((r) => r.method !== 'GET')) {
      for (const body of [deep(20_000), deepArray(20_000), deep(33)]) {
        for (const cookie of r.public ? [undefined, cookies.admin] : [cookies.admin]) {
          const res = await app.inject({
            method: r.method as 'POST',
            url: r.url.replace(':id', String(a.patientId)),
            payload: body,
            headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
          });
          expect(res.statusCode, `${r.method} ${r.url}: ${res.body.slice(0, 200)}`).toBe(400);
          expect(res.json().issues?.[0]?.location?.field, `${r.method} ${r.url}`).toBe('body');
          sent++;
        }
      }
    }
    expect(sent).toBeGreaterThan(60);
    // 32 levels is still parsed (the route then judges the content)
    const ok = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: deep(32),
      headers: { 'content-type': 'application/json' },
    });
    expect(ok.statusCode).toBe(400);
    expect(ok.json().issues[0].location.field).not.toBe('body');
    expect((await store.db.selectFrom('audit_event').select('seq').execute()).length).toBe(before.length);
  });

  it('an unknown /api address answers 404 while logged in, also when the web UI is served beside the API', async () => {
    const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-web-'));
    fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>medbill</title>');
    const withWeb = await buildApp(testDeps(store, { webDistDir: webDist }));
    try {
      for (const url of ['/api/nope', '/api/patients/1/nope', '/api/claims/summary/x', '/api/audit/verify', '/api']) {
        for (const cookie of [cookies.admin, cookies.biller, undefined]) {
          const res = await withWeb.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
          expect(res.statusCode, `${url}: ${res.body}`).toBe(404);
          expect(res.json().error).toBe('not_found');
        }
      }
      const page = await withWeb.inject({ method: 'GET', url: '/patients/12' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<title>medbill</title>');
    } finally {
      await withWeb.close();
      fs.rmSync(webDist, { recursive: true, force: true });
    }
  });

  it('path ids are decimal digits only: hexadecimal, exponents, signs, spaces and over-long ids are a 400 on every route with an id', async () => {
    const hex = `0x${a.patientId.toString(16)}`;
    const bad = [
      hex,
      `${a.patientId}e0`,
      `+${a.patientId}`,
      `0${a.patientId}`,
      `%20${a.patientId}`,
      '1.0',
      '9'.repeat(17),
      '1'.repeat(101),
      'a'.repeat(150),
    ];
    let checked = 0;
    for (const r of routes().filter((r) => r.url.includes(':id'))) {
      for (const id of bad) {
        const res = await app.inject({
          method: r.method as 'GET',
          url: r.url.replace(':id', id),
          payload: bodyFor(r),
          headers: { cookie: cookies.admin },
        });
        expect(res.statusCode, `${r.method} ${r.url} with ${id.slice(0, 20)}: ${res.body.slice(0, 200)}`).toBe(400);
        expect(res.json().error, `${r.method} ${r.url}`).toBe('validation');
        expect(res.body).not.toContain('1'.repeat(101));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('the Host header must name this server: loopback, or the configured public origin', async () => {
    const published = await buildApp(
      testDeps(store, {
        publicOrigins: (await import('../src/http/public-origin.ts')).parsePublicOrigins('https://billing.example.org'),
      }),
    );
    try {
      for (const [server, host, status] of [
        [app, 'evil.example', 421],
        [app, 'billing.example.org', 421],
        [app, '127.0.0.1:3000', 200],
        [app, '[::1]:3000', 200],
        [published, 'billing.example.org', 200],
        [published, 'billing.example.org:443', 200],
        [published, 'BILLING.example.org', 200],
        [published, 'billing.example.org.evil.example', 421],
        [published, 'localhost:3000', 200],
      ] as const) {
        const res = await server.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: { host, cookie: cookies.admin },
        });
        expect(res.statusCode, `${host}: ${res.body}`).toBe(status);
      }
      const page = await app.inject({ method: 'GET', url: '/', headers: { host: 'rebound.example' } });
      expect(page.statusCode).toBe(421);
    } finally {
      await published.close();
    }
  });
});

describe("clearinghouses cannot reach another tenant's folders or the server's secrets (issue 8 items 1, 2)", () => {
  let exchange: Awaited<ReturnType<typeof buildApp>>;
  let dataDir: string;
  const post = (url: string, payload: object, cookie = cookies.admin) =>
    exchange.inject({ method: 'POST', url, payload, headers: { cookie } });
  const folderBody = (root: unknown) => ({
    transport: 'folder',
    name: `Folder ${String(root).slice(0, 20)}`,
    submitterId: 'SUB1',
    submitterName: 'Alpha Billing',
    receiverId: 'RCV1',
    receiverName: 'Receiver',
    config: { root },
  });
  /** a record as an older version (or a direct write) left it: the API refuses to make these */
  const legacyRecord = (tenantId: number, transport: string, config: object) =>
    withTenant(store.db, tenantId, (tx) =>
      tx
        .insertInto('clearinghouse')
        .values({
          tenant_id: tenantId,
          name: 'Legacy',
          transport,
          config: JSON.stringify(config),
          submitter_id: 'SUB1',
          submitter_name: 'x',
          receiver_id: 'RCV1',
          receiver_name: 'y',
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    ).then((r) => r.id);

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-walls-data-'));
    const deps = testDeps(store);
    deps.claims = defaultClaimServices(dataDir, { coding: deps.codes.check });
    exchange = await buildApp(deps);
  });
  afterAll(async () => {
    await exchange?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("naming the other tenant's folder reaches only one's own: no file of theirs is read, moved or written", async () => {
    const victim = await legacyRecord(b.tenantId, 'folder', { root: 'shared-name' });
    const inbound = path.join(dataDir, 'clearinghouse', String(b.tenantId), 'shared-name', 'inbound');
    fs.mkdirSync(inbound, { recursive: true });
    fs.writeFileSync(path.join(inbound, 'beta-277CA.x12'), 'ISA*beta patients*~');
    // the legacy layout: every tenant's roots in one namespace under the data folder
    fs.mkdirSync(path.join(dataDir, 'shared-name', 'inbound'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'shared-name', 'inbound', 'beta-835.x12'), 'ISA*beta remittance*~');
    const made = await post('/api/clearinghouses', folderBody('shared-name'));
    expect(made.statusCode, made.body).toBe(201);
    const polled = await post(`/api/clearinghouses/${made.json().id}/poll`, {});
    expect(polled.statusCode, polled.body).toBe(200);
    expect(polled.json().files).toEqual([]);
    expect(polled.body).not.toMatch(/beta/i);
    expect(fs.readdirSync(inbound)).toEqual(['beta-277CA.x12']);
    expect(fs.readdirSync(path.join(dataDir, 'shared-name', 'inbound'))).toEqual(['beta-835.x12']);
    const own = path.join(dataDir, 'clearinghouse', String(a.tenantId), 'shared-name');
    expect(fs.existsSync(own)).toBe(true);
    expect(victim).toBeGreaterThan(0);
  });

  it("roots that are not a plain name are refused, and 'pgdata' is a folder of one's own, never the database's", async () => {
    for (const root of [
      '../x',
      '..',
      '.',
      '/etc',
      'a/b',
      'a\\b',
      '%2e%2e',
      '',
      ' x',
      'x'.repeat(61),
      '.hidden',
      7,
      null,
    ]) {
      const res = await post('/api/clearinghouses', folderBody(root));
      expect(res.statusCode, `${JSON.stringify(root)}: ${res.body}`).toBe(400);
    }
    fs.mkdirSync(path.join(dataDir, 'pgdata', 'inbound'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'pgdata', 'inbound', 'PG_VERSION'), '15');
    const made = await post('/api/clearinghouses', folderBody('pgdata'));
    expect(made.statusCode).toBe(201);
    expect((await post(`/api/clearinghouses/${made.json().id}/poll`, {})).json().files).toEqual([]);
    expect(fs.readdirSync(path.join(dataDir, 'pgdata', 'inbound'))).toEqual(['PG_VERSION']);
  });

  it('a stored root that escapes (an old record, or a link planted in the folder) is refused, not followed', async () => {
    for (const root of ['../../etc', '/etc', `../${b.tenantId}/shared-name`]) {
      const id = await legacyRecord(a.tenantId, 'folder', { root });
      const res = await post(`/api/clearinghouses/${id}/poll`, {});
      expect(res.statusCode, `${root}: ${res.body}`).toBe(409);
      expect(res.body).not.toContain(dataDir);
    }
    const base = path.join(dataDir, 'clearinghouse', String(a.tenantId));
    fs.mkdirSync(base, { recursive: true });
    fs.symlinkSync(path.join(dataDir, 'clearinghouse', String(b.tenantId), 'shared-name'), path.join(base, 'linked'));
    const linked = await legacyRecord(a.tenantId, 'folder', { root: 'linked' });
    const res = await post(`/api/clearinghouses/${linked}/poll`, {});
    expect(res.statusCode, res.body).toBe(409);
    expect(res.body).not.toMatch(/beta/i);
  });

  it('a clearinghouse cannot name a server variable as its password: the API refuses it, and an old record never sends it', async () => {
    const sftp = {
      transport: 'sftp',
      name: 'Evil SFTP',
      submitterId: 'SUB1',
      submitterName: 'Alpha',
      receiverId: 'RCV1',
      receiverName: 'R',
      config: { host: '127.0.0.1', port: 22, username: 'u', hostKeySha256: 'SHA256:abcdefghijklmnopqrstuvwxyz' },
    };
    for (const name of ['MEDBILL_AUDIT_KEY', 'DATABASE_URL', 'PATH', 'MEDBILL_DEMO_PASSWORD'])
      expect(
        (await post('/api/clearinghouses', { ...sftp, config: { ...sftp.config, passwordEnv: name } })).statusCode,
      ).toBe(400);
    // a server variable the tenant's host would love to receive
    process.env.MEDBILL_WALLS_CANARY = 'server-secret-canary-7q';
    const server = await startSftpServer({
      rootDir: fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-evil-sftp-')),
      username: 'u',
      password: 'server-secret-canary-7q',
    });
    try {
      const id = await legacyRecord(a.tenantId, 'sftp', {
        host: server.host,
        port: server.port,
        username: 'u',
        hostKeySha256: server.hostKeySha256,
        passwordEnv: 'MEDBILL_WALLS_CANARY',
      });
      for (const url of [`/api/clearinghouses/${id}/poll`, `/api/clearinghouses/${id}/submit`]) {
        const res = await post(url, {});
        expect(res.statusCode, `${url}: ${res.body}`).toBe(409);
        expect(res.json().message).toMatch(/No password or private key is set/);
      }
      expect(server.connectionCount).toBe(0);
      // the other tenant's operator variable is no help either: it is named by tenant and clearinghouse
      process.env[`MEDBILL_SFTP_PASSWORD_T${b.tenantId}_C${id}`] = 'server-secret-canary-7q';
      expect((await post(`/api/clearinghouses/${id}/poll`, {})).statusCode).toBe(409);
      expect(server.connectionCount).toBe(0);
    } finally {
      delete process.env.MEDBILL_WALLS_CANARY;
      await server.close();
    }
  });

  it('a secret is written, never read back, and only for the tenant whose clearinghouse it is', async () => {
    const made = await post('/api/clearinghouses', {
      transport: 'sftp',
      name: 'Alpha SFTP',
      submitterId: 'SUB1',
      submitterName: 'Alpha',
      receiverId: 'RCV1',
      receiverName: 'R',
      config: { host: '127.0.0.1', port: 22, username: 'u', hostKeySha256: 'SHA256:abcdefghijklmnopqrstuvwxyz' },
      secret: { password: 'alpha-sftp-password' },
    });
    expect(made.statusCode, made.body).toBe(201);
    for (const r of routes().filter((r) => r.method === 'GET' && !r.url.includes(':id') && !r.public)) {
      const res = await exchange.inject({ method: 'GET', url: r.url, headers: { cookie: cookies.admin } });
      expect(res.body, r.url).not.toContain('alpha-sftp-password');
      expect(res.body, r.url).not.toContain(dataDir);
    }
    const put = await exchange.inject({
      method: 'PUT',
      url: `/api/clearinghouses/${b.clearinghouseId}/secret`,
      payload: { password: 'hijack' },
      headers: { cookie: cookies.admin },
    });
    expect(put.statusCode).toBe(404);
    const theirs = await store.db
      .selectFrom('clearinghouse_secret')
      .select('clearinghouse_id')
      .where('tenant_id', '=', b.tenantId)
      .execute();
    expect(theirs).toEqual([]);
  });
});
