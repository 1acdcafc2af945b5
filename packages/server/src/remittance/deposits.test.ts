/**
 * Deposits end to end over the API: a deposit is recorded, matched to the 835 of its trace (leading zeros and
 * dashes aside) with the amounts compared; a deposit with no 835 and an 835 with no deposit are listed as
 * unmatched; an 835 that arrives after its deposit is matched by a later reconciliation; the same bank line twice
 * is refused; another tenant sees none of it; each step leaves an audit row.
 */
import { eraText } from '@medbill/core/test-util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditKeyForTests, createTenantFixture, login, testDeps, type TenantFixture } from '../../test/fixtures.ts';
import { addClaim } from '../../test/remit-fixtures.ts';
import { openTestStore } from '../../test/test-store.ts';
import { withTenant, type Store } from '../db/open-database.ts';
import { buildApp } from '../http/app.ts';
import { postClaimCharges } from '../ledger/post-claim-charges.ts';
import { postRemittance } from './post-remittance.ts';

let store: Store;
let fx: TenantFixture;
let other: TenantFixture;
let app: Awaited<ReturnType<typeof buildApp>>;
let analyst = '';
let otherAdmin = '';
let biller = '';
let payerCode = '';
const auditKey = auditKeyForTests();

const req = (method: 'GET' | 'POST', url: string, cookie: string, payload?: unknown) =>
  app.inject({ method, url, headers: { cookie }, ...(method === 'GET' ? {} : { payload: (payload ?? {}) as object }) });

async function postEra(trace: string, paid: number): Promise<number> {
  const c = await addClaim(store, fx, { lines: [{ code: '99213', charge: 20000 }] });
  await withTenant(store.db, fx.tenantId, (t) =>
    postClaimCharges(t, fx.tenantId, [c.claimId], { userId: null, username: 'test' }),
  );
  const text = eraText({
    trace,
    payerId: payerCode,
    claims: [
      {
        pcn: c.claimNumber,
        status: '1',
        charge: 20000,
        paid,
        services: [
          {
            code: '99213',
            charge: 20000,
            paid,
            lineControl: `${c.claimNumber}-1`,
            cas: [{ group: 'CO', reason: '45', amount: 20000 - paid }],
          },
        ],
      },
    ],
  });
  const r = await postRemittance(
    store.db,
    fx.tenantId,
    { fileName: `${trace}.835`, text },
    { actor: { userId: null, username: 'test' }, audit: { key: auditKey, sourceIp: null } },
  );
  expect(r.status).toBe('posted');
  return r.remittances[0].remittanceId!;
}

beforeAll(async () => {
  store = await openTestStore();
  fx = await createTenantFixture(store, 'deposits');
  other = await createTenantFixture(store, 'deposits-b');
  app = await buildApp(testDeps(store, { auditKey }));
  analyst = await login(app, fx.users.claims_analyst.username);
  biller = await login(app, fx.users.biller.username);
  otherAdmin = await login(app, other.users.admin.username);
  payerCode = (
    await withTenant(store.db, fx.tenantId, (t) =>
      t.selectFrom('payer').select('payer_code').where('id', '=', fx.payerId).executeTakeFirstOrThrow(),
    )
  ).payer_code;
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

describe('deposits', () => {
  let eraMatched = 0;
  let eraShort = 0;
  let eraAlone = 0;
  it('a deposit recorded after its 835 is matched at once, by the trace whatever its zeros and dashes', async () => {
    eraMatched = await postEra('EFT-0001', 8000);
    const res = await req('POST', '/api/deposits', analyst, {
      depositedOn: '2026-12-02',
      amountCents: 8000,
      method: 'EFT',
      traceNumber: 'EFT0001',
      payerId: fx.payerId,
      memo: 'bank line 14',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'matched',
      amountCents: 8000,
      remittedCents: 8000,
      differenceCents: 0,
      payerId: fx.payerId,
      remittances: [{ id: eraMatched, traceNumber: 'EFT-0001', paymentCents: 8000 }],
    });
  });

  it('a deposit whose amount differs from its 835 shows the difference', async () => {
    eraShort = await postEra('00777', 5000);
    const res = await req('POST', '/api/deposits', analyst, {
      depositedOn: '2026-12-03',
      amountCents: 4500,
      method: 'CHK',
      traceNumber: '777',
    });
    expect(res.json()).toMatchObject({ status: 'difference', remittedCents: 5000, differenceCents: -500 });
    expect(res.json().remittances.map((r: { id: number }) => r.id)).toEqual([eraShort]);
  });

  it('lists what is unmatched on both sides, and a later reconciliation matches an 835 that came after', async () => {
    eraAlone = await postEra('NODEPOSIT9', 1234);
    const early = await req('POST', '/api/deposits', analyst, {
      depositedOn: '2026-12-04',
      amountCents: 3000,
      method: 'EFT',
      traceNumber: 'LATE55',
    });
    expect(early.json()).toMatchObject({ status: 'unmatched', remittances: [], differenceCents: 0 });
    const view = (await req('GET', '/api/deposits/reconciliation', analyst)).json();
    expect(view.unmatchedDeposits.map((d: { traceNumber: string }) => d.traceNumber)).toEqual(['LATE55']);
    expect(view.unmatchedRemittances.map((r: { id: number }) => r.id)).toEqual([eraAlone]);
    expect(view.differences.map((d: { traceNumber: string }) => d.traceNumber)).toEqual(['777']);
    expect(view.totals).toEqual({
      depositedCents: 8000 + 4500 + 3000,
      remittedCents: 8000 + 5000,
      unmatchedDepositCents: 3000,
      unmatchedRemittanceCents: 1234,
    });
    const late = await postEra('LATE55', 3000);
    const run = await req('POST', '/api/deposits/reconcile', analyst);
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ matched: 1, unmatchedDeposits: [] });
    expect(run.json().unmatchedRemittances.map((r: { id: number }) => r.id)).toEqual([eraAlone]);
    const list = (await req('GET', '/api/deposits?status=matched', analyst)).json();
    expect(list.total).toBe(2);
    expect(list.items.find((d: { traceNumber: string }) => d.traceNumber === 'LATE55').remittances[0].id).toBe(late);
    // nothing is matched twice
    expect((await req('POST', '/api/deposits/reconcile', analyst)).json().matched).toBe(0);
  });

  it('the same bank line twice is refused, naming the deposit; bad input names the field', async () => {
    const res = await req('POST', '/api/deposits', analyst, {
      depositedOn: '2026-12-09',
      amountCents: 1,
      method: 'EFT',
      traceNumber: 'eft 0001',
      payerId: fx.payerId,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/^Deposit #\d+ of 2026-12-02 already has EFT trace eft 0001/);
    const bad = await req('POST', '/api/deposits', analyst, {
      depositedOn: '2026-13-01',
      amountCents: 10.5,
      method: 'CASH',
      traceNumber: '',
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().issues.map((i: { location: { field: string } }) => i.location.field);
    expect(fields).toEqual(expect.arrayContaining(['depositedOn', 'amountCents', 'method', 'traceNumber']));
    const payer = await req('POST', '/api/deposits', analyst, {
      depositedOn: '2026-12-09',
      amountCents: 100,
      method: 'CHK',
      traceNumber: '1',
      payerId: other.payerId,
    });
    expect(payer.statusCode).toBe(400);
    expect(payer.json().issues).toEqual([
      { code: 'no-such-record', severity: 'error', message: 'Payer ID: no such payer', location: { field: 'payerId' } },
    ]);
  });

  it('roles and tenants: a biller reads but cannot record; another tenant sees none of it', async () => {
    expect((await req('GET', '/api/deposits', biller)).statusCode).toBe(200);
    const denied = await req('POST', '/api/deposits', biller, {
      depositedOn: '2026-12-09',
      amountCents: 100,
      method: 'CHK',
      traceNumber: '2',
    });
    expect(denied.statusCode).toBe(403);
    const theirs = (await req('GET', '/api/deposits', otherAdmin)).json();
    expect(theirs.total).toBe(0);
    const view = (await req('POST', '/api/deposits/reconcile', otherAdmin)).json();
    expect(view).toMatchObject({ matched: 0, unmatchedDeposits: [], unmatchedRemittances: [], differences: [] });
  });

  it('each step is audited', async () => {
    const rows = await store.db
      .selectFrom('audit_event')
      .select(['action', 'username'])
      .where('tenant_id', '=', fx.tenantId)
      .where('resource_type', '=', 'deposit')
      .execute();
    expect(rows.filter((r) => r.action !== 'query').every((r) => r.username === fx.users.claims_analyst.username)).toBe(
      true,
    );
    const actions = rows.map((r) => r.action);
    expect(actions.filter((a) => a === 'create')).toHaveLength(3);
    expect(actions).toEqual(expect.arrayContaining(['query', 'update']));
  });
});
