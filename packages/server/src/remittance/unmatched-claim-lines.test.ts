/**
 * The two unmatched kinds of a claim of ours that could only be dismissed before, now posted by a person: several
 * service lines (SVCs) none of which matched a line (each posted to the line it pays), and what a released claim's
 * lines do not explain of its payment (applied to the lines a person chooses, to the cent). Each once, however often
 * or at once it is asked; the ledger balances on every line after each; and the claim's state says what its
 * adjudication is (the rule posting uses), after these and after a single unmatched line is posted.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditKeyForTests, createTenantFixture, login, testDeps, type TenantFixture } from '../../test/fixtures.ts';
import { openTestStore } from '../../test/test-store.ts';
import { seedClaimDifference, seedUnmatchedServices } from '../../test/unmatched-line-seed.test-util.ts';
import { withTenant, type Store } from '../db/open-database.ts';
import { buildApp } from '../http/app.ts';
import { ledgerTotals } from '../ledger/read-ledger.ts';

let store: Store;
let fx: TenantFixture;
let app: Awaited<ReturnType<typeof buildApp>>;
let analyst = '';
const auditKey = auditKeyForTests();

const post = (url: string, payload: unknown) =>
  app.inject({ method: 'POST', url, headers: { cookie: analyst }, payload: payload as object });
const tx = <T>(work: Parameters<typeof withTenant<T>>[2]) => withTenant(store.db, fx.tenantId, work);
const totals = (claimId: number) => tx((t) => ledgerTotals(t, fx.tenantId, { claimId }));
const stateOf = (claimId: number) =>
  tx(
    async (t) =>
      (await t.selectFrom('claim').select('state').where('id', '=', claimId).executeTakeFirstOrThrow()).state as string,
  );

/** per line: charge − payments − adjustments (every kind that lowers what is owed) against what each party owes */
const lineLedger = (claimId: number) =>
  tx(async (t) => {
    const r = await sql<{ line: number; kind: string; responsibility: string | null; s: string }>`
      SELECT l.line_number AS line, e.kind, e.responsibility, sum(e.amount_cents) AS s
      FROM ledger_entry e JOIN service_line l ON l.tenant_id = e.tenant_id AND l.id = e.service_line_id
      WHERE e.tenant_id = ${fx.tenantId} AND e.claim_id = ${claimId} AND e.account = 'ar'
      GROUP BY l.line_number, e.kind, e.responsibility ORDER BY 1, 2, 3`.execute(t);
    const out: Record<number, { charge: number; paid: number; adjusted: number; payer: number; patient: number }> = {};
    for (const x of r.rows) {
      const l = (out[x.line] ??= { charge: 0, paid: 0, adjusted: 0, payer: 0, patient: 0 });
      const s = Number(x.s);
      if (x.kind === 'charge') l.charge += s;
      else if (x.kind === 'insurance_payment') l.paid -= s;
      else if (x.kind === 'adjustment') l.adjusted -= s;
      if (x.responsibility === 'payer') l.payer += s;
      if (x.responsibility === 'patient') l.patient += s;
    }
    // the ledger balances on every line: charge − payments − adjustments is what the parties owe
    for (const l of Object.values(out)) expect(l.charge - l.paid - l.adjusted).toBe(l.payer + l.patient);
    return out;
  });
/** Σ of an account over the ERA's postings */
const accountSum = (remittanceId: number, account: string) =>
  tx(async (t) => {
    const r = await sql<{ s: string | null }>`SELECT sum(e.amount_cents) AS s FROM ledger_entry e
      JOIN ledger_posting p ON p.tenant_id = e.tenant_id AND p.id = e.posting_id
      WHERE e.tenant_id = ${fx.tenantId} AND p.remittance_id = ${remittanceId} AND e.account = ${account}`.execute(t);
    return Number(r.rows[0]?.s ?? 0);
  });

beforeAll(async () => {
  store = await openTestStore();
  fx = await createTenantFixture(store, 'unmatched-claim-lines');
  app = await buildApp(testDeps(store, { auditKey }));
  analyst = await login(app, fx.users.claims_analyst.username);
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

/** The ERA's open line items, as the worklist lists them. */
async function itemsOf(remittanceId: number, status: 'open' | 'matched' = 'open') {
  const res = await app.inject({
    method: 'GET',
    url: `/api/unmatched?kind=line&remittanceId=${remittanceId}&status=${status}`,
    headers: { cookie: analyst },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Array<Record<string, unknown> & { id: number }>;
}

describe('several service lines of a claim, none matching a line', () => {
  it('are listed as the claim’s services with the lines each may pay, and posted each to its line once', async () => {
    const { claim, remittanceId } = await seedUnmatchedServices(store, fx, auditKey);
    const items = await itemsOf(remittanceId);
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expect(item).toMatchObject({ heldAs: 'services', amountCents: 10000, claimId: claim.claimId, service: null });
    const services = item.services as Array<{ svcIndex: number; procedure: string; lineSuggestions: unknown[] }>;
    expect(services.map((s) => [s.svcIndex, s.procedure])).toEqual([
      [0, '99215'],
      [1, '97530-GP'],
    ]);
    expect((services[1]!.lineSuggestions[0] as { lineNumber: number }).lineNumber).toBe(2);
    // as posted: $100 unapplied, nothing on the lines, and the claim said paid
    expect(await accountSum(remittanceId, 'unapplied')).toBe(-10000);
    expect(await stateOf(claim.claimId)).toBe('paid');
    const url = `/api/unmatched/${item.id}/post-services`;

    const short = await post(url, { lines: [{ svcIndex: 0, lineNumber: 1 }] });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toBe(
      'Choose a line for each of the 2 service lines the payer sent: SVC 2 (97530-GP) has none; nothing was posted',
    );
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        post(url, {
          lines: [
            { svcIndex: 0, lineNumber: 1 },
            { svcIndex: 1, lineId: claim.lines[1]!.id },
          ],
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    const first = answers.filter((a) => !a.json().alreadyDone);
    expect(first).toHaveLength(1);
    expect(first[0]!.json().message).toBe(
      `100.00 of ERA #${remittanceId} posted to claim ${claim.claimNumber} (SVC 1 (99215) to line 1 (99214), SVC 2 (97530-GP) to line 2 (97110)): paid with line denials`,
    );
    expect(answers.find((a) => a.json().alreadyDone)!.json().message).toMatch(/^already posted \(SVC 1/);

    // line 1: paid $100, CO-45 $35, PR-2 $15 to the patient; line 2: denied, $60 still open with the payer
    expect(await lineLedger(claim.claimId)).toEqual({
      1: { charge: 15000, paid: 10000, adjusted: 3500, payer: 0, patient: 1500 },
      2: { charge: 6000, paid: 0, adjusted: 0, payer: 6000, patient: 0 },
    });
    expect(await totals(claim.claimId)).toMatchObject({
      charges: 21000,
      insurancePayments: 10000,
      patientResponsibility: 1500,
      balance: 7500,
      insuranceBalance: 6000,
      patientBalance: 1500,
    });
    expect(await accountSum(remittanceId, 'unapplied')).toBe(0);
    expect(await accountSum(remittanceId, 'cash')).toBe(10000);
    // the claim's state by the rule posting uses, and the denial on the worklist
    expect(await stateOf(claim.claimId)).toBe('paid_with_line_denials');
    const denials = await tx((t) =>
      t
        .selectFrom('denial')
        .select(['service_line_id', 'group_code', 'reason_code', 'amount_cents', 'status'])
        .where('claim_id', '=', claim.claimId)
        .execute(),
    );
    expect(denials).toEqual([
      { service_line_id: claim.lines[1]!.id, group_code: 'CO', reason_code: '50', amount_cents: 6000, status: 'open' },
    ]);
    const era = (
      await app.inject({ method: 'GET', url: `/api/remittances/${remittanceId}`, headers: { cookie: analyst } })
    ).json();
    expect(era.claims[0].lines.map((l: { lineId: number; matchedBy: string }) => [l.lineId, l.matchedBy])).toEqual([
      [claim.lines[0]!.id, 'person'],
      [claim.lines[1]!.id, 'person'],
    ]);
    // resolved, it still lists as the claim's services (not as a difference: its claim's lines are now posted)
    expect(await itemsOf(remittanceId, 'matched')).toMatchObject([{ id: item.id, heldAs: 'services' }]);
    expect(era.claims[0].appliedDifference).toEqual([]);
    // other lines are refused; the item is audited once as posted
    const other = await post(url, {
      lines: [
        { svcIndex: 0, lineNumber: 2 },
        { svcIndex: 1, lineNumber: 1 },
      ],
    });
    expect(other.statusCode).toBe(409);
    const audits = await store.db
      .selectFrom('audit_event')
      .select(['details'])
      .where('tenant_id', '=', fx.tenantId)
      .where('resource_type', '=', 'remittance_unmatched')
      .where('resource_id', '=', String(item.id))
      .where('action', '=', 'update')
      .execute();
    expect(audits.map((a) => (a.details as { action: string }).action)).toEqual(['post_services']);
  });

  it('two services may pay one line (a split line), and post-to-line is refused for them', async () => {
    const { claim, remittanceId } = await seedUnmatchedServices(store, fx, auditKey);
    const items = await itemsOf(remittanceId);
    const item = items[0]!;
    const single = await post(`/api/unmatched/${item.id}/post-to-line`, { lineNumber: 1 });
    expect(single.statusCode).toBe(409);
    const res = await post(`/api/unmatched/${item.id}/post-services`, {
      lines: [
        { svcIndex: 0, lineNumber: 1 },
        { svcIndex: 1, lineNumber: 1 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    // line 1 takes both: $100 paid, CO-45 $35, PR-2 $15, and the CO-50 $60 stays open with the payer beyond its charge
    expect(await lineLedger(claim.claimId)).toEqual({
      1: { charge: 15000, paid: 10000, adjusted: 3500, payer: 0, patient: 1500 },
      2: { charge: 6000, paid: 0, adjusted: 0, payer: 6000, patient: 0 },
    });
    expect(await stateOf(claim.claimId)).toBe('paid_with_line_denials');
  });
});

describe('what a released claim’s lines do not explain of its payment', () => {
  it('is applied to the lines a person chooses, to the cent, once', async () => {
    const { claim, remittanceId } = await seedClaimDifference(store, fx, auditKey);
    const items = await itemsOf(remittanceId);
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expect(item).toMatchObject({ heldAs: 'difference', amountCents: 800, claimId: claim.claimId, service: null });
    expect(
      (item.claimLines as Array<{ lineNumber: number; payerBalanceCents: number }>).map((l) => [
        l.lineNumber,
        l.payerBalanceCents,
      ]),
    ).toEqual([
      [1, 0],
      [2, 1600],
    ]);
    const url = `/api/unmatched/${item.id}/apply-difference`;
    const wrong = await post(url, {
      lines: [
        { lineNumber: 1, amountCents: 300 },
        { lineNumber: 2, amountCents: 400 },
      ],
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toBe(
      'The amounts add up to 7.00 but the difference held is 8.00 (1.00 short): they must add up to it to the cent; nothing was posted',
    );
    const sign = await post(url, {
      lines: [
        { lineNumber: 1, amountCents: 900 },
        { lineNumber: 2, amountCents: -100 },
      ],
    });
    expect(sign.statusCode).toBe(400);
    const asServices = await post(`/api/unmatched/${item.id}/post-services`, {
      lines: [{ svcIndex: 0, lineNumber: 1 }],
    });
    expect(asServices.statusCode).toBe(409);
    const body = {
      lines: [
        { lineNumber: 2, amountCents: 500 },
        { lineId: claim.lines[0]!.id, amountCents: 300 },
      ],
    };
    const answers = await Promise.all([1, 2, 3].map(() => post(url, body)));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    const first = answers.filter((a) => !a.json().alreadyDone);
    expect(first).toHaveLength(1);
    expect(first[0]!.json().message).toBe(
      `8.00 of ERA #${remittanceId} applied to claim ${claim.claimNumber} (5.00 to line 2 (97110), 3.00 to line 1 (99214)): paid`,
    );
    expect(answers.find((a) => a.json().alreadyDone)!.json().message).toMatch(/^already applied \(5\.00 to line 2/);
    expect(await lineLedger(claim.claimId)).toEqual({
      1: { charge: 15000, paid: 10300, adjusted: 3500, payer: -300, patient: 1500 },
      2: { charge: 6000, paid: 2900, adjusted: 2000, payer: 1100, patient: 0 },
    });
    expect(await totals(claim.claimId)).toMatchObject({ charges: 21000, insurancePayments: 13200, balance: 2300 });
    expect(await accountSum(remittanceId, 'unapplied')).toBe(0);
    expect(await accountSum(remittanceId, 'cash')).toBe(13200);
    expect(await stateOf(claim.claimId)).toBe('paid');
    // the ERA's posting view and the claim's payment history show what was applied to which line
    const era = (
      await app.inject({ method: 'GET', url: `/api/remittances/${remittanceId}`, headers: { cookie: analyst } })
    ).json();
    const applied = [
      { lineId: claim.lines[1]!.id, lineNumber: 2, procedure: '97110', amountCents: 500 },
      { lineId: claim.lines[0]!.id, lineNumber: 1, procedure: '99214', amountCents: 300 },
    ];
    expect(era.claims[0].appliedDifference).toEqual(applied);
    expect(era.claims[0].paidCents).toBe(13200);
    const ledger = (
      await app.inject({ method: 'GET', url: `/api/claims/${claim.claimId}/ledger`, headers: { cookie: analyst } })
    ).json();
    expect(ledger.payments.map((p: { appliedDifference: unknown }) => p.appliedDifference)).toEqual([applied]);
    expect(await itemsOf(remittanceId, 'matched')).toMatchObject([{ id: item.id, heldAs: 'difference' }]);
    const again = await post(url, { lines: [{ lineNumber: 2, amountCents: 800 }] });
    expect(again.statusCode).toBe(409);
  });
});

describe('posting a single unmatched line', () => {
  it('moves the claim to the state its adjudication says (a denied line: paid with line denials)', async () => {
    // the first service is billed as we sent it: only the denied 97530-GP matches no line
    const { claim, remittanceId } = await seedUnmatchedServices(store, fx, auditKey, { oneMatched: true });
    const items = await itemsOf(remittanceId);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ heldAs: 'service', amountCents: 0 });
    expect(await stateOf(claim.claimId)).toBe('paid');
    const res = await post(`/api/unmatched/${items[0]!.id}/post-to-line`, { lineNumber: 2 });
    expect(res.statusCode, res.body).toBe(200);
    expect(await stateOf(claim.claimId)).toBe('paid_with_line_denials');
    expect(await lineLedger(claim.claimId)).toEqual({
      1: { charge: 15000, paid: 10000, adjusted: 3500, payer: 0, patient: 1500 },
      2: { charge: 6000, paid: 0, adjusted: 0, payer: 6000, patient: 0 },
    });
    const events = await tx((t) =>
      t
        .selectFrom('claim_event')
        .select(['from_state', 'to_state'])
        .where('claim_id', '=', claim.claimId)
        .orderBy('id')
        .execute(),
    );
    expect(events.at(-1)).toEqual({ from_state: 'paid', to_state: 'paid_with_line_denials' });
  });
});
