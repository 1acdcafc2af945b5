/**
 * Estimates for a planned visit: charges from the fee schedule, allowed amounts from the payer's remittances,
 * benefits from the 271 on file (copay, deductible left, coinsurance, not covered), stored and listed; a Good
 * Faith Estimate PDF for a self-pay patient read back by its text; audited; walled by role and tenant.
 */
import { estimateView } from '@medbill/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant, type Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { savePayerContract } from '../src/remittance/payer-contracts.ts';
import { systemActor } from '../src/actor.ts';
import { hasPoppler, pageText } from '../src/print/poppler.test-util.ts';
import { demo271Response } from './eligibility-answer.test-util.ts';
import { createTenantFixture, login, testDeps, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let t: TenantFixture;
let other: TenantFixture;
let rep: string;
const NOW = new Date('2026-11-23T15:00:00Z');

beforeAll(async () => {
  store = await openTestStore();
  const deps = testDeps(store);
  deps.claims.now = () => NOW;
  app = await buildApp(deps);
  t = await createTenantFixture(store, 'estimates');
  other = await createTenantFixture(store, 'estother');
  rep = await login(app, t.users.account_rep.username);
  const { trace, response } = demo271Response({ serviceDate: '2026-11-23', deductibleMetCents: 12_000 });
  await withTenant(store.db, t.tenantId, async (tx) => {
    await tx
      .insertInto('fee_schedule_item')
      .values(
        [
          ['99213', 15_000],
          ['93000', 9_000],
          ['97810', 8_000],
        ].map(([code, cents]) => ({
          tenant_id: t.tenantId,
          fee_schedule_id: t.feeScheduleId,
          procedure_code: String(code),
          charge_cents: Number(cents),
        })),
      )
      .execute();
    await tx
      .insertInto('eligibility_check')
      .values({
        tenant_id: t.tenantId,
        patient_id: t.patientId,
        coverage_id: t.coverageId,
        payer_id: t.payerId,
        practice_id: t.practiceId,
        clearinghouse_id: t.clearinghouseId,
        service_date: '2026-11-23',
        trace_number: trace,
        requested_by: 'front.desk',
        requested_at: NOW,
      })
      .execute();
    await tx
      .updateTable('eligibility_check')
      .set({ status: 'answered', response: JSON.stringify(response), answered_at: NOW })
      .where('tenant_id', '=', t.tenantId)
      .execute();
    // the payer allowed $100.00 for one 99213 on its last remittance (an older, reversed one said $180.00)
    for (const [allowed, reversed] of [
      [18_000, true],
      [10_000, false],
    ] as const) {
      const adj = await tx
        .insertInto('claim_adjudication')
        .values({
          tenant_id: t.tenantId,
          claim_id: t.claimId,
          source: '835',
          status_code: '1',
          adjudication_date: '2026-11-10',
          charge_cents: 15_000,
          paid_cents: 7_500,
          patient_responsibility_cents: 2_500,
          reversed_at: reversed ? NOW : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('claim_adjudication_line')
        .values({
          tenant_id: t.tenantId,
          adjudication_id: adj.id,
          position: 1,
          line_number: 1,
          procedure_code: '99213',
          charge_cents: 15_000,
          paid_cents: 7_500,
          paid_units: 1,
          allowed_cents: allowed,
        })
        .execute();
    }
  });
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

const call = (cookie: string, method: string, url: string, payload?: unknown) =>
  app.inject({ method: method as 'GET', url, payload: payload as object, headers: { cookie } });

describe('estimates', () => {
  it('figures an insured visit from the 271 on file and the allowed amounts the payer paid before', async () => {
    const res = await call(rep, 'POST', `/api/patients/${t.patientId}/estimates`, {
      serviceDate: '2026-11-23',
      lines: [{ code: '99213' }, { code: '93000' }, { code: '97810' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const e = estimateView.parse(res.json());
    expect(e.goodFaith).toBe(false);
    expect(e.eligibilityCheckId).not.toBeNull();
    // 99213: allowed $100 (not the reversed $180), the $25 office copay, the rest the payer's
    expect(e.lines[0]).toMatchObject({
      code: '99213',
      chargeCents: 15_000,
      allowedCents: 10_000,
      contractualCents: 5_000,
      copayCents: 2_500,
      insurancePaysCents: 7_500,
      patientOwesCents: 2_500,
    });
    // 93000: no remittance for it, the charge is the allowed amount; all of it within the $380 deductible left
    expect(e.lines[1]).toMatchObject({ allowedCents: 9_000, deductibleCents: 9_000, patientOwesCents: 9_000 });
    // 97810 (acupuncture) is not covered by the plan: the whole charge is the patient's
    expect(e.lines[2]).toMatchObject({ notCoveredCents: 8_000, patientOwesCents: 8_000, insurancePaysCents: 0 });
    expect(e).toMatchObject({ chargeCents: 32_000, insurancePaysCents: 7_500, patientOwesCents: 19_500 });
    expect(e.notes.join(' ')).toMatch(/copay \$25\.00/);
    expect(e.notes.join(' ')).toMatch(/latest remittance/);
    const gfe = await call(rep, 'GET', `/api/estimates/${e.id}/good-faith-estimate.pdf`);
    expect(gfe.statusCode).toBe(409);
    expect(gfe.json().message).toMatch(/uninsured or self-pay/);
  });

  it('gives a self-pay patient a Good Faith Estimate of the expected charges, as PDF', async () => {
    const res = await call(rep, 'POST', `/api/patients/${t.patientId}/estimates`, {
      serviceDate: '2026-12-04',
      selfPay: true,
      lines: [{ code: '99213' }, { code: '93000', units: 2 }],
      diagnosisCodes: ['I10'],
      description: 'Office visit for blood pressure with two ECGs',
    });
    expect(res.statusCode, res.body).toBe(201);
    const e = estimateView.parse(res.json());
    expect(e).toMatchObject({ goodFaith: true, payerName: null, chargeCents: 33_000, patientOwesCents: 33_000 });
    expect(e.lines.map((l) => l.insurancePaysCents)).toEqual([0, 0]);
    const pdf = await call(rep, 'GET', `/api/estimates/${e.id}/good-faith-estimate.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    if (!hasPoppler()) return;
    const text = pageText(new Uint8Array(pdf.rawPayload), 1).replace(/\s+/g, ' ');
    expect(text).toContain('Good Faith Estimate for Health Care Items and Services');
    expect(text).toContain(`GFE-${e.id}`);
    expect(text).toContain('Planned date of service 2026-12-04');
    expect(text).toContain('Office visit for blood pressure with two ECGs');
    expect(text).toMatch(/93000 .* 2 \$180\.00/);
    expect(text).toMatch(/Total estimated charges \$330\.00/);
    expect(text).toContain('I10');
    expect(text).toMatch(/at least \$400 more than this estimate \(\$330\.00\)/);
    expect(text).toContain('www.cms.gov/nosurprises');
  });

  it('lists estimates newest first and audits every step with the patient', async () => {
    const list = await call(rep, 'GET', `/api/patients/${t.patientId}/estimates`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { goodFaith: boolean }) => i.goodFaith)).toEqual([true, false]);
    const audit = await withTenant(store.db, t.tenantId, (tx) =>
      tx
        .selectFrom('audit_event')
        .select(['action', 'patient_id', 'username'])
        .where('tenant_id', '=', t.tenantId)
        .where('resource_type', '=', 'patient_estimate')
        .orderBy('seq')
        .execute(),
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'create', 'export', 'query']);
    expect(new Set(audit.map((a) => a.patient_id))).toEqual(new Set([t.patientId]));
    expect(audit[0]!.username).toBe(t.users.account_rep.username);
  });

  it('names the line whose code has no fee, and refuses bad input with the field', async () => {
    const res = await call(rep, 'POST', `/api/patients/${t.patientId}/estimates`, {
      lines: [{ code: '99213' }, { code: '99499' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([
      {
        code: 'invalid',
        severity: 'error',
        location: { field: 'lines[1].code' },
        message: "99499 has no fee in the practice's fee schedule on 2026-11-23",
      },
    ]);
    const bad = await call(rep, 'POST', `/api/patients/${t.patientId}/estimates`, { lines: [{ code: 'ABC' }] });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().issues)).toMatch(/lines.*code/);
  });

  it('keeps estimates inside their tenant and their roles', async () => {
    const mine = (await call(rep, 'GET', `/api/patients/${t.patientId}/estimates`)).json().items[0].id;
    const outsider = await login(app, other.users.account_rep.username);
    expect((await call(outsider, 'GET', `/api/estimates/${mine}`)).statusCode).toBe(404);
    expect((await call(outsider, 'GET', `/api/estimates/${mine}/good-faith-estimate.pdf`)).statusCode).toBe(404);
    const coder = await login(app, t.users.coder.username);
    expect((await call(coder, 'GET', `/api/estimates/${mine}`)).statusCode).toBe(403);
    const analyst = await login(app, t.users.claims_analyst.username);
    const post = await call(analyst, 'POST', `/api/patients/${t.patientId}/estimates`, { lines: [{ code: '99213' }] });
    expect(post.statusCode).toBe(403);
  });

  it("uses the payer's contract in effect on the date before its remittances, per code and modifier", async () => {
    const deps = testDeps(store);
    const actor = systemActor(t.tenantId);
    await savePayerContract(deps, actor, {
      payerId: t.payerId,
      name: '2026 rates',
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-11-30',
      rates: [
        { procedureCode: '99213', allowedCents: 9_000 },
        { procedureCode: '93000', allowedCents: 7_000 },
        { procedureCode: '93000', modifier: '26', allowedCents: 2_500 },
      ],
    });
    await savePayerContract(deps, actor, {
      payerId: t.payerId,
      name: 'December rates',
      effectiveFrom: '2026-12-01',
      rates: [{ procedureCode: '93000', allowedCents: 7_500 }],
    });
    const estimate = async (serviceDate: string, lines: unknown[]) => {
      const res = await call(rep, 'POST', `/api/patients/${t.patientId}/estimates`, { serviceDate, lines });
      expect(res.statusCode, res.body).toBe(201);
      return estimateView.parse(res.json());
    };
    const nov = await estimate('2026-11-23', [
      { code: '99213' },
      { code: '93000', modifiers: ['26'] },
      { code: '93000', units: 2 },
    ]);
    // 99213: the contract's $90.00, not the $100.00 the last remittance allowed; the $25 copay, the rest the payer's
    expect(nov.lines[0]).toMatchObject({
      allowedFrom: 'contract',
      chargeCents: 15_000,
      allowedCents: 9_000,
      contractualCents: 6_000,
      copayCents: 2_500,
      insurancePaysCents: 6_500,
      patientOwesCents: 2_500,
    });
    // 93000-26: the modifier's own rate; 93000 × 2: the rate for any modifier × units; both within the deductible
    expect(nov.lines[1]).toMatchObject({ allowedFrom: 'contract', allowedCents: 2_500, contractualCents: 6_500 });
    expect(nov.lines[1]).toMatchObject({ deductibleCents: 2_500, patientOwesCents: 2_500 });
    expect(nov.lines[2]).toMatchObject({ allowedFrom: 'contract', chargeCents: 18_000, allowedCents: 14_000 });
    expect(nov.lines[2]).toMatchObject({ deductibleCents: 14_000, patientOwesCents: 14_000 });
    expect(nov).toMatchObject({ chargeCents: 42_000, allowedCents: 25_500, insurancePaysCents: 6_500 });
    expect(nov.patientOwesCents).toBe(19_000);
    expect(nov.notes.join(' ')).toContain("payer's contract in effect on 2026-11-23: 99213, 93000");
    // December: the first contract has ended; 93000 from the new one, 99213 (not in it) from the remittance
    const dec = await estimate('2026-12-04', [{ code: '99213' }, { code: '93000' }]);
    expect(dec.lines[0]).toMatchObject({ allowedFrom: 'remittance', allowedCents: 10_000, insurancePaysCents: 7_500 });
    expect(dec.lines[1]).toMatchObject({ allowedFrom: 'contract', allowedCents: 7_500, patientOwesCents: 7_500 });
    expect(dec.notes.join(' ')).toMatch(/latest remittance: 99213\./);
    // a payer with no contract and no remittance: the charge is the allowed amount
    const jan = await estimate('2027-01-04', [{ code: '97810' }]);
    expect(jan.lines[0]).toMatchObject({ allowedFrom: 'charge', allowedCents: 8_000 });
  });
});
