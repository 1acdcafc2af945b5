/**
 * An 835 service line (SVC) of a claim of ours that matched none of the claim's lines is an unmatched-worklist
 * item with the claim's lines it may pay (procedure, modifiers, date, charge); a person posts it to one: payment,
 * contractual adjustment and coinsurance land on that line, the money leaves unapplied (the cash untouched), the
 * ERA's posting view shows it — once, however often or at once it is asked; another line is refused; permissions,
 * tenant walls and the audit row hold.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditKeyForTests, createTenantFixture, login, testDeps, type TenantFixture } from '../../test/fixtures.ts';
import { openTestStore } from '../../test/test-store.ts';
import { seedUnmatchedLine, type UnmatchedLineSeed } from '../../test/unmatched-line-seed.test-util.ts';
import { eraText } from '@medbill/core/test-util';
import { addClaim } from '../../test/remit-fixtures.ts';
import { withTenant, type Store } from '../db/open-database.ts';
import { postClaimCharges } from '../ledger/post-claim-charges.ts';
import { postRemittance } from './post-remittance.ts';
import { buildApp } from '../http/app.ts';
import { ledgerTotals } from '../ledger/read-ledger.ts';

let store: Store;
let fx: TenantFixture;
let other: TenantFixture;
let app: Awaited<ReturnType<typeof buildApp>>;
let analyst = '';
let biller = '';
let otherAdmin = '';
let seed: UnmatchedLineSeed;
const auditKey = auditKeyForTests();

const req = (method: 'GET' | 'POST', url: string, cookie: string, payload?: unknown) =>
  app.inject({ method, url, headers: { cookie }, ...(method === 'GET' ? {} : { payload: (payload ?? {}) as object }) });
const tx = <T>(work: Parameters<typeof withTenant<T>>[2]) => withTenant(store.db, fx.tenantId, work);
const totals = () => tx((t) => ledgerTotals(t, fx.tenantId, { claimId: seed.claim.claimId }));
/** Σ of an account's entries over the postings of the ERA */
const accountSum = (account: string) =>
  tx(async (t) => {
    const r = await sql<{ s: string | null }>`SELECT sum(e.amount_cents) AS s FROM ledger_entry e
      JOIN ledger_posting p ON p.tenant_id = e.tenant_id AND p.id = e.posting_id
      WHERE e.tenant_id = ${fx.tenantId} AND p.remittance_id = ${seed.remittanceId} AND e.account = ${account}`.execute(
      t,
    );
    return Number(r.rows[0]?.s ?? 0);
  });
/** what each party owes on a line */
const lineBalance = (lineId: number) =>
  tx(async (t) => {
    const r = await sql<{ responsibility: string; s: string }>`SELECT responsibility, sum(amount_cents) AS s
      FROM ledger_entry WHERE tenant_id = ${fx.tenantId} AND service_line_id = ${lineId} AND account = 'ar'
      GROUP BY responsibility ORDER BY responsibility`.execute(t);
    return Object.fromEntries(r.rows.map((x) => [x.responsibility, Number(x.s)]));
  });

beforeAll(async () => {
  store = await openTestStore();
  fx = await createTenantFixture(store, 'unmatched-lines');
  other = await createTenantFixture(store, 'unmatched-lines-b');
  app = await buildApp(testDeps(store, { auditKey }));
  analyst = await login(app, fx.users.claims_analyst.username);
  biller = await login(app, fx.users.biller.username);
  otherAdmin = await login(app, other.users.admin.username);
  seed = await seedUnmatchedLine(store, fx, auditKey);
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

const item = async (status = 'open') => {
  const res = await req('GET', `/api/unmatched?kind=line&status=${status}&remittanceId=${seed.remittanceId}`, analyst);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.find((i: { id: number }) => i.id === seed.itemId);
};

describe('an unmatched service line of a claim of ours', () => {
  it('is on the worklist with the SVC as paid and the claim lines it may pay, best first', async () => {
    const it0 = await item();
    expect(it0).toMatchObject({
      kind: 'line',
      status: 'open',
      amountCents: 3200,
      claimId: seed.claim.claimId,
      claimNumber: seed.claim.claimNumber,
      service: {
        svcIndex: 1,
        procedure: '97530-GP',
        submittedProcedure: null,
        serviceDate: '2026-10-05',
        billedCents: 6000,
        paidCents: 3200,
        adjustments: [
          { group: 'CO', reason: '45', amountCents: 2000 },
          { group: 'PR', reason: '2', amountCents: 800 },
        ],
      },
    });
    expect(it0.lineSuggestions).toEqual([
      {
        lineId: seed.lineId,
        lineNumber: 2,
        procedure: '97110-GP',
        serviceDate: '2026-10-05',
        chargeCents: 6000,
        score: 5,
        why: ['modifiers', 'date of service', 'charge'],
      },
      {
        lineId: seed.claim.lines[0].id,
        lineNumber: 1,
        procedure: '99214',
        serviceDate: '2026-10-05',
        chargeCents: 15000,
        score: 2,
        why: ['date of service'],
      },
    ]);
    // as posted: the matched SVC on line 1, the other $32 unapplied, line 2 still owed by the payer
    expect(await totals()).toMatchObject({
      charges: 21000,
      insurancePayments: 10000,
      patientResponsibility: 1500,
      balance: 7500,
      insuranceBalance: 6000,
      patientBalance: 1500,
    });
    expect(await accountSum('cash')).toBe(13200);
    expect(await accountSum('unapplied')).toBe(-3200);
    expect(await lineBalance(seed.lineId)).toEqual({ payer: 6000 });
  });

  it('posted to the line a person chose: payment, CO-45 and PR-2 on it, out of unapplied, ledger balanced', async () => {
    const denied = await req('POST', `/api/unmatched/${seed.itemId}/post-to-line`, biller, { lineId: seed.lineId });
    expect(denied.statusCode).toBe(403);
    const wrong = await req('POST', `/api/unmatched/${seed.itemId}/post-to-line`, analyst, { lineNumber: 9 });
    expect(wrong.statusCode).toBe(404);
    const both = await req('POST', `/api/unmatched/${seed.itemId}/post-to-line`, analyst, {
      lineId: seed.lineId,
      lineNumber: 2,
    });
    expect(both.statusCode).toBe(400);
    const res = await req('POST', `/api/unmatched/${seed.itemId}/post-to-line`, analyst, { lineNumber: 2 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: seed.itemId,
      status: 'matched',
      claimId: seed.claim.claimId,
      claimNumber: seed.claim.claimNumber,
      lineId: seed.lineId,
      alreadyDone: false,
    });
    expect(res.json().message).toBe(
      `32.00 of ERA #${seed.remittanceId} posted to line 2 (97110) of claim ${seed.claim.claimNumber} with CO-45 20.00, PR-2 8.00`,
    );
    expect(await totals()).toMatchObject({
      charges: 21000,
      insurancePayments: 13200,
      patientResponsibility: 2300,
      balance: 2300,
      insuranceBalance: 0,
      patientBalance: 2300,
    });
    expect((await totals()).adjustments.CO).toBe(5500);
    expect(await lineBalance(seed.lineId)).toEqual({ patient: 800, payer: 0 });
    // the money left unapplied; the cash the ERA brought is what it was (BPR02)
    expect(await accountSum('unapplied')).toBe(0);
    expect(await accountSum('cash')).toBe(13200);
    // every posting of the ERA balances
    const unbalanced = await tx(async (t) => {
      const r = await sql<{ n: string }>`SELECT count(*) AS n FROM (SELECT p.id FROM ledger_posting p
        JOIN ledger_entry e ON e.tenant_id = p.tenant_id AND e.posting_id = p.id
        WHERE p.tenant_id = ${fx.tenantId} AND p.remittance_id = ${seed.remittanceId}
        GROUP BY p.id HAVING sum(e.amount_cents) <> 0) x`.execute(t);
      return Number(r.rows[0]?.n);
    });
    expect(unbalanced).toBe(0);
    const era = (await req('GET', `/api/remittances/${seed.remittanceId}`, analyst)).json();
    const line = era.claims[0].lines.find((l: { procedure: string }) => l.procedure === '97530-GP');
    expect(line).toMatchObject({ lineId: seed.lineId, matchedBy: 'person', paidCents: 3200 });
    expect(line.adjustments.map((a: { posted: string }) => a.posted)).toEqual(['adjustment', 'transfer']);
    expect(era.claims[0].patientResponsibilityCents).toBe(2300);
    const done = await item('matched');
    expect(done).toMatchObject({
      resolvedBy: fx.users.claims_analyst.username,
      resolution: `posted to line 2 (97110) of claim ${seed.claim.claimNumber}`,
    });
  });

  it('asked again, or at once, posts nothing more; another line, a claim match or a dismissal is refused', async () => {
    const answers = await Promise.all(
      [1, 2].map(() => req('POST', `/api/unmatched/${seed.itemId}/post-to-line`, analyst, { lineId: seed.lineId })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    expect(answers.every((a) => a.json().alreadyDone)).toBe(true);
    expect(answers[0].json().message).toMatch(/^already posted to line 2 \(97110\)/);
    const applied = await tx((t) =>
      t
        .selectFrom('ledger_posting')
        .select('id')
        .where('tenant_id', '=', fx.tenantId)
        .where('kind', '=', 'apply_unapplied')
        .where('claim_id', '=', seed.claim.claimId)
        .execute(),
    );
    expect(applied).toHaveLength(1);
    expect((await totals()).insurancePayments).toBe(13200);
    const otherLine = await req('POST', `/api/unmatched/${seed.itemId}/post-to-line`, analyst, { lineNumber: 1 });
    expect(otherLine.statusCode).toBe(409);
    const dismiss = await req('POST', `/api/unmatched/${seed.itemId}/dismiss`, analyst, {
      reason: 'not ours after all',
    });
    expect(dismiss.statusCode).toBe(409);
  });

  it('two people posting an open line at the same moment post it once', async () => {
    const s2 = await seedUnmatchedLine(store, fx, auditKey, { trace: 'ULRACE' });
    const answers = await Promise.all(
      [1, 2, 3].map(() => req('POST', `/api/unmatched/${s2.itemId}/post-to-line`, analyst, { lineId: s2.lineId })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(answers.filter((a) => !a.json().alreadyDone)).toHaveLength(1);
    const t = await tx((x) => ledgerTotals(x, fx.tenantId, { claimId: s2.claim.claimId }));
    expect(t).toMatchObject({ charges: 21000, insurancePayments: 13200, balance: 2300, insuranceBalance: 0 });
    // a claim match is for an 835 claim we could not match, not a line
    const s3 = await seedUnmatchedLine(store, fx, auditKey, { trace: 'ULCLAIM' });
    const asClaim = await req('POST', `/api/unmatched/${s3.itemId}/match`, analyst, { claimId: s3.claim.claimId });
    expect(asClaim.statusCode).toBe(409);
    expect(asClaim.json().message).toMatch(/post to line/);
    // a line of another claim is not one of this claim's lines
    const elsewhere = await req('POST', `/api/unmatched/${s3.itemId}/post-to-line`, analyst, { lineId: s2.lineId });
    expect(elsewhere.statusCode).toBe(404);
  });

  it('a one-line claim the payer answered under another code: its only service is posted to the line', async () => {
    const one = await addClaim(store, fx, { lines: [{ code: '99213', charge: 9000 }], date: '2026-10-08' });
    const payerCode = await tx(async (t) => {
      await postClaimCharges(t, fx.tenantId, [one.claimId], { userId: null, username: 'test' });
      return (await t.selectFrom('payer').select('payer_code').where('id', '=', one.payerId).executeTakeFirstOrThrow())
        .payer_code;
    });
    const r = await postRemittance(
      store.db,
      fx.tenantId,
      {
        fileName: 'one.835',
        text: eraText({
          trace: 'ULONE',
          payerId: payerCode,
          claims: [
            {
              pcn: one.claimNumber,
              status: '1',
              charge: 9000,
              paid: 6000,
              services: [
                {
                  code: '99212',
                  charge: 9000,
                  paid: 6000,
                  date: '20261008',
                  cas: [{ group: 'CO', reason: '45', amount: 3000 }],
                },
              ],
            },
          ],
        }),
      },
      { actor: { userId: null, username: 'test' }, audit: { key: auditKey, sourceIp: null } },
    );
    const eraId = r.remittances[0].remittanceId!;
    const list = (await req('GET', `/api/unmatched?kind=line&remittanceId=${eraId}`, analyst)).json();
    expect(list.total).toBe(1);
    const it1 = list.items[0];
    expect(it1).toMatchObject({
      amountCents: 6000,
      claimId: one.claimId,
      service: { svcIndex: 0, procedure: '99212', serviceDate: '2026-10-08', billedCents: 9000, paidCents: 6000 },
    });
    expect(it1.lineSuggestions).toEqual([
      {
        lineId: one.lines[0].id,
        lineNumber: 1,
        procedure: '99213',
        serviceDate: '2026-10-08',
        chargeCents: 9000,
        score: 4,
        why: ['date of service', 'charge'],
      },
    ]);
    const res = await req('POST', `/api/unmatched/${it1.id}/post-to-line`, analyst, { lineId: one.lines[0].id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().message).toBe(
      `60.00 of ERA #${eraId} posted to line 1 (99213) of claim ${one.claimNumber} with CO-45 30.00`,
    );
    const t = await tx((x) => ledgerTotals(x, fx.tenantId, { claimId: one.claimId }));
    expect(t).toMatchObject({ charges: 9000, insurancePayments: 6000, balance: 0, insuranceBalance: 0 });
    expect(t.adjustments.CO).toBe(3000);
  });

  it('another office sees none of it and cannot post it; the posting is audited', async () => {
    const poke = await req('POST', `/api/unmatched/${seed.itemId}/post-to-line`, otherAdmin, { lineNumber: 2 });
    expect(poke.statusCode).toBe(404);
    const theirs = (await req('GET', '/api/unmatched?kind=line&status=matched', otherAdmin)).json();
    expect(theirs.total).toBe(0);
    const rows = await store.db
      .selectFrom('audit_event')
      .select(['action', 'username', 'details', 'resource_id'])
      .where('tenant_id', '=', fx.tenantId)
      .where('resource_type', '=', 'remittance_unmatched')
      .where('action', '=', 'update')
      .execute();
    const mine = rows.filter((r) => r.resource_id === String(seed.itemId));
    expect(mine.map((r) => (r.details as { action: string }).action)).toEqual(['post_to_line']);
    expect(mine[0]).toMatchObject({ username: fx.users.claims_analyst.username });
    expect(mine[0].details).toMatchObject({ lineId: seed.lineId, svcIndex: 1 });
  });
});
