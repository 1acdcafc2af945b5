/**
 * The unmatched worklist over the API: an 835 claim we do not know is held as unapplied and listed with the
 * claim of ours it most likely pays (patient, date, amount); a person confirms the match and it posts to that
 * claim — payment, contractual adjustment, coinsurance to the patient, the claim paid — once, however many times
 * (or at once) it is confirmed, with the ledger balanced (the unapplied money applied, the cash untouched); another
 * is dismissed with its reason and its money stays unapplied; permissions, tenant walls and audit rows hold.
 */
import { eraText } from '@medbill/core/test-util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditKeyForTests, createTenantFixture, login, testDeps, type TenantFixture } from '../../test/fixtures.ts';
import { seedUnmatched } from '../../test/denial-seed.test-util.ts';
import { addClaim, type ClaimFixture } from '../../test/remit-fixtures.ts';
import { openTestStore } from '../../test/test-store.ts';
import { withTenant, type Store } from '../db/open-database.ts';
import { buildApp } from '../http/app.ts';
import { postClaimCharges } from '../ledger/post-claim-charges.ts';
import { ledgerTotals } from '../ledger/read-ledger.ts';
import { postRemittance } from './post-remittance.ts';

let store: Store;
let fx: TenantFixture;
let other: TenantFixture;
let app: Awaited<ReturnType<typeof buildApp>>;
let analyst = '';
let biller = '';
let otherAdmin = '';
let payerCode = '';
let claim: ClaimFixture;
let decoy: ClaimFixture;
let eraId = 0;
const auditKey = auditKeyForTests();

const req = (method: 'GET' | 'POST', url: string, cookie: string, payload?: unknown) =>
  app.inject({ method, url, headers: { cookie }, ...(method === 'GET' ? {} : { payload: (payload ?? {}) as object }) });
const tx = <T>(work: Parameters<typeof withTenant<T>>[2]) => withTenant(store.db, fx.tenantId, work);

/** Σ of an account's entries over the postings of the ERA */
const accountSum = (account: string) =>
  tx(async (t) => {
    const r = await sql<{ s: string | null }>`SELECT sum(e.amount_cents) AS s FROM ledger_entry e
      JOIN ledger_posting p ON p.tenant_id = e.tenant_id AND p.id = e.posting_id
      WHERE e.tenant_id = ${fx.tenantId} AND p.remittance_id = ${eraId} AND e.account = ${account}`.execute(t);
    return Number(r.rows[0]?.s ?? 0);
  });
const applyPostings = () =>
  tx((t) =>
    t
      .selectFrom('ledger_posting')
      .select('id')
      .where('tenant_id', '=', fx.tenantId)
      .where('kind', '=', 'apply_unapplied')
      .where('claim_id', '=', claim.claimId)
      .execute(),
  );

beforeAll(async () => {
  store = await openTestStore();
  fx = await createTenantFixture(store, 'unmatched');
  other = await createTenantFixture(store, 'unmatched-b');
  app = await buildApp(testDeps(store, { auditKey }));
  analyst = await login(app, fx.users.claims_analyst.username);
  biller = await login(app, fx.users.biller.username);
  otherAdmin = await login(app, other.users.admin.username);
  // the payer keyed the claim number wrong; the same patient another day is suggested too, lower
  const seeded = await seedUnmatched(store, fx, auditKey, {
    trace: 'UNM1',
    last: 'Quimby',
    numbers: { typo: 'X-TYPO-1', nobody: 'NOBODY-2' },
    payerClaimNumber: 'PAYER777',
    patientShare: 3000,
    remarks: ['N130'],
    decoyDate: '2026-09-01',
  });
  ({ claim, payerCode, remittanceId: eraId } = seeded);
  decoy = seeded.decoy!;
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

const open = async () => {
  const res = await req('GET', `/api/unmatched?remittanceId=${eraId}`, analyst);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('the unmatched worklist', () => {
  it('lists each 835 claim we do not know with the claims it may be (patient, date, amount)', async () => {
    const list = await open();
    expect(list.total).toBe(2);
    const typo = list.items.find((i: { patientControlNumber: string }) => i.patientControlNumber === 'X-TYPO-1');
    expect(typo).toMatchObject({
      kind: 'claim',
      status: 'open',
      amountCents: 9000,
      chargeCents: 15000,
      payerClaimNumber: 'PAYER777',
      statusCode: '1',
      patientName: 'QUIMBY, HARRIET',
      serviceDate: '2026-10-05',
      traceNumber: 'UNM1',
      remittanceId: eraId,
      claimId: null,
    });
    expect(typo.suggestions[0]).toMatchObject({
      claimId: claim.claimId,
      claimNumber: claim.claimNumber,
      patientName: 'Quimby, Harriet',
      serviceDate: '2026-10-05',
      chargeCents: 15000,
      state: 'accepted',
      payerName: 'unmatched Health',
    });
    expect(typo.suggestions[0].why).toEqual(['patient last name', 'first name', 'date of service', 'billed amount']);
    expect(typo.suggestions.map((s: { claimId: number }) => s.claimId)).toContain(decoy.claimId);
    const nobody = list.items.find((i: { patientControlNumber: string }) => i.patientControlNumber === 'NOBODY-2');
    expect(nobody).toMatchObject({ amountCents: 1234, suggestions: [] });
    // the money waits as unapplied: cash in, nothing on the claim
    expect(await accountSum('cash')).toBe(10234);
    expect(await accountSum('unapplied')).toBe(-10234);
  });

  it('a confirmed match posts to that claim: payment, adjustment, coinsurance, state paid, ledger balanced', async () => {
    const item = (await open()).items.find(
      (i: { patientControlNumber: string }) => i.patientControlNumber === 'X-TYPO-1',
    );
    const before = await tx((t) => ledgerTotals(t, fx.tenantId, { claimId: claim.claimId }));
    expect(before).toMatchObject({ charges: 15000, insurancePayments: 0, balance: 15000 });
    const denied = await req('POST', `/api/unmatched/${item.id}/match`, biller, { claimId: claim.claimId });
    expect(denied.statusCode).toBe(403);
    const res = await req('POST', `/api/unmatched/${item.id}/match`, analyst, { claimId: claim.claimId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'matched',
      claimId: claim.claimId,
      claimNumber: claim.claimNumber,
      alreadyDone: false,
    });
    expect(res.json().message).toContain(`90.00 of ERA #${eraId} posted to claim ${claim.claimNumber}`);
    const t = await tx((x) => ledgerTotals(x, fx.tenantId, { claimId: claim.claimId }));
    expect(t).toMatchObject({
      charges: 15000,
      insurancePayments: 9000,
      patientResponsibility: 3000,
      balance: 3000,
      insuranceBalance: 0,
      patientBalance: 3000,
    });
    expect(t.adjustments.CO).toBe(3000);
    // the applied money leaves unapplied; the cash the ERA brought is what it was (BPR02)
    expect(await accountSum('unapplied')).toBe(-1234);
    expect(await accountSum('cash')).toBe(10234);
    const c = await tx((x) =>
      x
        .selectFrom('claim')
        .select(['state', 'payer_claim_number'])
        .where('id', '=', claim.claimId)
        .executeTakeFirstOrThrow(),
    );
    expect(c).toEqual({ state: 'paid', payer_claim_number: 'PAYER777' });
    // the ERA's posting view names the claim now
    const era = (await req('GET', `/api/remittances/${eraId}`, analyst)).json();
    const row = era.claims.find((x: { patientControlNumber: string }) => x.patientControlNumber === 'X-TYPO-1');
    expect(row).toMatchObject({
      claimNumber: claim.claimNumber,
      matchedBy: 'person',
      outcome: 'paid',
      paidCents: 9000,
    });
    expect(row.lines[0].adjustments.map((a: { group: string; reason: string }) => `${a.group}-${a.reason}`)).toEqual([
      'CO-45',
      'PR-2',
    ]);
    const matched = (await req('GET', `/api/unmatched?status=matched&remittanceId=${eraId}`, analyst)).json();
    expect(matched.items).toHaveLength(1);
    expect(matched.items[0]).toMatchObject({
      claimNumber: claim.claimNumber,
      resolvedBy: fx.users.claims_analyst.username,
      resolution: `matched to claim ${claim.claimNumber}`,
    });
  });

  it("the claim's payment history: every entry with its CARC and RARC in words, the totals, the ERA", async () => {
    const denied = await req('GET', `/api/claims/${claim.claimId}/ledger`, otherAdmin);
    expect(denied.statusCode).toBe(404);
    const res = await req('GET', `/api/claims/${claim.claimId}/ledger`, biller);
    expect(res.statusCode, res.body).toBe(200);
    const l = res.json();
    expect(l.claim).toMatchObject({ id: claim.claimId, claimNumber: claim.claimNumber, state: 'paid' });
    expect(l.totals).toMatchObject({
      charges: 15000,
      insurancePayments: 9000,
      patientResponsibility: 3000,
      balance: 3000,
      patientBalance: 3000,
      adjustments: { CO: 3000, OA: 0, PI: 0, CR: 0 },
    });
    const ar = l.entries.filter((e: { account: string }) => e.account === 'ar');
    const row = (kind: string, party: string) =>
      ar
        .filter((e: { kind: string; party: string }) => e.kind === kind && e.party === party)
        .map((e: { amountCents: number; group: string | null; reason: string | null }) => [
          e.amountCents,
          e.group && `${e.group}-${e.reason}`,
        ]);
    expect(row('charge', 'payer')).toEqual([[15000, null]]);
    expect(row('insurance_payment', 'payer')).toEqual([[-9000, null]]);
    expect(row('adjustment', 'payer')).toEqual([[-3000, 'CO-45']]);
    expect(row('transfer', 'payer')).toEqual([[-3000, 'PR-2']]);
    expect(row('transfer', 'patient')).toEqual([[3000, 'PR-2']]);
    const co = ar.find((e: { kind: string }) => e.kind === 'adjustment');
    expect(co).toMatchObject({ postingKind: 'apply_unapplied', remittanceId: eraId, lineId: claim.lines[0].id });
    expect(co.reasonText).toMatch(/\w{4}/);
    expect(co.reasonText).not.toBe('45');
    expect(co.remarks).toEqual([{ code: 'N130', text: expect.stringMatching(/\w{4}/) }]);
    expect(co.remarks[0].text).not.toBe('N130');
    expect(l.payments).toHaveLength(1);
    expect(l.payments[0]).toMatchObject({
      remittanceId: eraId,
      traceNumber: 'UNM1',
      matchedBy: 'person',
      paidCents: 9000,
      patientResponsibilityCents: 3000,
    });
    expect(l.payments[0].lines[0].adjustments.map((a: { text: string }) => a.text)).toEqual([
      co.reasonText,
      expect.stringMatching(/\w{4}/),
    ]);
  });

  it('confirming again, or twice at once, posts nothing more; another claim is refused', async () => {
    const item = (await req('GET', `/api/unmatched?status=matched&remittanceId=${eraId}`, analyst)).json().items[0];
    const [a, b] = await Promise.all([
      req('POST', `/api/unmatched/${item.id}/match`, analyst, { claimId: claim.claimId }),
      req('POST', `/api/unmatched/${item.id}/match`, analyst, { claimNumber: claim.claimNumber }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json().alreadyDone && b.json().alreadyDone).toBe(true);
    expect(a.json().message).toMatch(/^already matched to claim /);
    expect(await applyPostings()).toHaveLength(1);
    const t = await tx((x) => ledgerTotals(x, fx.tenantId, { claimId: claim.claimId }));
    expect(t.insurancePayments).toBe(9000);
    const other = await req('POST', `/api/unmatched/${item.id}/match`, analyst, { claimId: decoy.claimId });
    expect(other.statusCode).toBe(409);
    const dismiss = await req('POST', `/api/unmatched/${item.id}/dismiss`, analyst, { reason: 'not ours after all' });
    expect(dismiss.statusCode).toBe(409);
  });

  it('two people confirming an open item at the same moment post it once', async () => {
    const fresh = await addClaim(store, fx, { lines: [{ code: '99212', charge: 7000 }], date: '2026-10-07' });
    await tx((t) => postClaimCharges(t, fx.tenantId, [fresh.claimId], { userId: null, username: 'test' }));
    const r = await postRemittance(
      store.db,
      fx.tenantId,
      {
        fileName: 'unm2.835',
        text: eraText({
          trace: 'UNM2',
          payerId: payerCode,
          claims: [
            {
              pcn: 'X-TYPO-2',
              status: '1',
              charge: 7000,
              paid: 7000,
              services: [{ code: '99212', charge: 7000, paid: 7000, date: '20261007' }],
            },
          ],
        }),
      },
      { actor: { userId: null, username: 'test' }, audit: { key: auditKey, sourceIp: null } },
    );
    const id = (await req('GET', `/api/unmatched?remittanceId=${r.remittances[0].remittanceId}`, analyst)).json()
      .items[0].id;
    const answers = await Promise.all(
      [1, 2, 3].map(() => req('POST', `/api/unmatched/${id}/match`, analyst, { claimId: fresh.claimId })),
    );
    expect(answers.map((x) => x.statusCode)).toEqual([200, 200, 200]);
    expect(answers.filter((x) => !x.json().alreadyDone)).toHaveLength(1);
    const t = await tx((x) => ledgerTotals(x, fx.tenantId, { claimId: fresh.claimId }));
    expect(t).toMatchObject({ charges: 7000, insurancePayments: 7000, balance: 0 });
  });

  it('a dismissed payment keeps its reason and its money stays unapplied', async () => {
    const item = (await open()).items.find(
      (i: { patientControlNumber: string }) => i.patientControlNumber === 'NOBODY-2',
    );
    const short = await req('POST', `/api/unmatched/${item.id}/dismiss`, analyst, { reason: 'no' });
    expect(short.statusCode).toBe(400);
    const res = await req('POST', `/api/unmatched/${item.id}/dismiss`, analyst, {
      reason: 'another practice: returned to the payer',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'dismissed', alreadyDone: false });
    expect(
      (await req('POST', `/api/unmatched/${item.id}/dismiss`, analyst, { reason: 'again, same' })).json(),
    ).toMatchObject({ status: 'dismissed', alreadyDone: true });
    expect((await open()).total).toBe(0);
    const gone = (await req('GET', `/api/unmatched?status=dismissed&remittanceId=${eraId}`, analyst)).json();
    expect(gone.items[0]).toMatchObject({ resolution: 'another practice: returned to the payer', status: 'dismissed' });
    expect(await accountSum('unapplied')).toBe(-1234);
  });

  it('another office sees none of it and cannot act on it; each step is audited', async () => {
    const theirs = (await req('GET', '/api/unmatched?status=matched', otherAdmin)).json();
    expect(theirs.total).toBe(0);
    const mine = (await req('GET', `/api/unmatched?status=dismissed&remittanceId=${eraId}`, analyst)).json();
    const poke = await req('POST', `/api/unmatched/${mine.items[0].id}/dismiss`, otherAdmin, {
      reason: 'not yours at all',
    });
    expect(poke.statusCode).toBe(404);
    const rows = await store.db
      .selectFrom('audit_event')
      .select(['action', 'username', 'details'])
      .where('tenant_id', '=', fx.tenantId)
      .where('resource_type', '=', 'remittance_unmatched')
      .execute();
    const actions = rows.map((r) => `${r.action}:${(r.details as { action?: string }).action ?? ''}`);
    expect(actions).toEqual(expect.arrayContaining(['read:', 'update:match', 'update:dismiss']));
  });
});
