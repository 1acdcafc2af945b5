/**
 * Payment plans and collections on the ledger: a plan shown on the statement instead of the balance; an old
 * unpaid account reaches the worklist after its statements, gets a final notice, is placed with an agency (CSV
 * export), and the agency's report is imported — payment posted (fee recorded apart), status kept, each line once.
 * Every balance stays equal to the sum of its ledger entries.
 */
import { collectionsWorklist as collectionsWorklistSchema, patientAccount, placementMade } from '@medbill/api';
import { chargePosting, transferEntries, type LineRef } from '@medbill/core/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectionsWorklist,
  importAgencyReport,
  placeWithAgency,
  recallPlacement,
  sendFinalNotice,
} from '../src/accounts/collections.ts';
import { getPatientAccount } from '../src/accounts/get-account.ts';
import { createPaymentPlan } from '../src/accounts/payment-plans.ts';
import { recordPatientPayment } from '../src/accounts/record-payment.ts';
import { planStatementRun } from '../src/accounts/run-statements.ts';
import type { UseCaseContext } from '../src/accounts/use-case-context.ts';
import { withTenant, type Store } from '../src/db/open-database.ts';
import { appendPostings, ledgerEntries, ledgerTotals } from '../src/ledger/index.ts';
import { auditKeyForTests, createTenantFixture, type TenantFixture } from './fixtures.ts';
import { serialiseStrictly } from './serialise-strictly.ts';
import { openTestStore } from './test-store.ts';

let store: Store;
let t: TenantFixture;
let day = '2026-06-01';
let rep: UseCaseContext;
let planPatient: number;
let agencyId: number;
const key = auditKeyForTests();

async function patientWithBalance(name: string, cents: number, since: string): Promise<number> {
  return withTenant(store.db, t.tenantId, async (tx) => {
    const p = await tx
      .insertInto('patient')
      .values({
        tenant_id: t.tenantId,
        account_number: `${name}-${t.tenantId}`,
        first_name: name,
        last_name: 'Collect',
        birth_date: '1970-01-01',
        sex: 'M',
        line1: '9 Pine St',
        city: 'Austin',
        state: 'TX',
        zip: '78701',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const e = await tx
      .insertInto('encounter')
      .values({
        tenant_id: t.tenantId,
        patient_id: p.id,
        practice_id: t.practiceId,
        rendering_provider_id: t.providerId,
        place_of_service: '11',
        service_date_from: since,
        service_date_to: since,
        note_text: '',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const l = await tx
      .insertInto('service_line')
      .values({
        tenant_id: t.tenantId,
        encounter_id: e.id,
        line_number: 1,
        procedure_code: '99214',
        units: 1,
        charge_cents: cents,
        diagnosis_pointers: [1],
        service_date: since,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const c = await tx
      .insertInto('claim')
      .values({
        tenant_id: t.tenantId,
        claim_number: `${name}C`,
        encounter_id: e.id,
        coverage_id: t.coverageId,
        payer_id: t.payerId,
        kind: 'professional',
        total_charge_cents: cents,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const line: LineRef = { serviceLineId: l.id, claimId: c.id, patientId: p.id, practiceId: t.practiceId };
    const payer = { kind: 'payer' as const, payerId: t.payerId };
    await appendPostings(
      tx,
      t.tenantId,
      [
        chargePosting(line, payer, cents, since, 'sent'),
        {
          kind: 'claim_payment',
          effectiveDate: since,
          memo: '835',
          claimId: c.id,
          patientId: p.id,
          entries: transferEntries(line, payer, { kind: 'patient' }, cents, { group: 'PR', reason: '1' }),
        },
      ],
      { userId: null, username: 'test' },
    );
    return p.id;
  });
}

/** Every patient's balance equals the sum of its `ar` entries, read two ways. */
async function expectBalancesAreSums(patientIds: number[]) {
  await withTenant(store.db, t.tenantId, async (tx) => {
    for (const id of patientIds) {
      const totals = await ledgerTotals(tx, t.tenantId, { patientId: id });
      const sum = (await ledgerEntries(tx, t.tenantId, { patientId: id }))
        .filter((e) => e.account === 'ar')
        .reduce((s, e) => s + e.amount, 0);
      expect(totals.balance).toBe(sum);
      expect(
        totals.charges -
          totals.insurancePayments -
          totals.patientPayments -
          Object.values(totals.adjustments).reduce((a, b) => a + b, 0) -
          totals.writeOffs +
          totals.refunds,
      ).toBe(sum);
    }
  });
}

beforeAll(async () => {
  store = await openTestStore();
  t = await createTenantFixture(store, 'coll');
  rep = {
    db: store.db,
    tenantId: t.tenantId,
    actor: {
      tenantId: t.tenantId,
      userId: t.users.account_rep.id,
      username: t.users.account_rep.username,
      sourceIp: null,
    },
    auditKey: key,
    now: () => new Date(`${day}T12:00:00Z`),
  };
  agencyId = (
    await withTenant(store.db, t.tenantId, (tx) =>
      tx
        .insertInto('collection_agency')
        .values({ tenant_id: t.tenantId, name: 'Lone Star Recovery', code: 'LSR', fee_basis_points: 3000 })
        .returning('id')
        .executeTakeFirstOrThrow(),
    )
  ).id;
});
afterAll(async () => {
  await store?.close();
});

describe('payment plans and collections', () => {
  let debtor: number;

  it('a kept plan puts the installment on the statement; misses break it and the balance comes back', async () => {
    planPatient = await patientWithBalance('Plan', 60000, '2026-05-01');
    const plan = await createPaymentPlan(rep, {
      patientId: planPatient,
      installments: 6,
      firstDueDate: '2026-06-15',
      graceDays: 5,
      maxMisses: 2,
    });
    expect(plan.schedule.map((i) => i.amountCents)).toEqual([10000, 10000, 10000, 10000, 10000, 10000]);
    const run = await planStatementRun(rep, { asOf: day });
    const s = run.statements.find((x) => x.patientIds.includes(planPatient))!;
    expect(s.content).toMatchObject({
      amountDueCents: 10000,
      dueDate: '2026-06-15',
      plan: { installmentCents: 10000, remainingCents: 60000 },
    });
    day = '2026-06-14';
    await recordPatientPayment(rep, {
      patientId: planPatient,
      amountCents: 10000,
      method: 'card',
      reference: 'visa 4242 auth 77',
    });
    day = '2026-08-25';
    const a = await getPatientAccount(rep, planPatient);
    expect(a.plan).toMatchObject({ misses: 2, state: 'broken', paidCents: 10000 });
    expect(serialiseStrictly(patientAccount, a)).toEqual(JSON.parse(JSON.stringify(a)));
    const later = await planStatementRun(rep, { asOf: day });
    expect(later.statements.find((x) => x.patientIds.includes(planPatient))?.content.amountDueCents).toBe(50000);
    await expectBalancesAreSums([planPatient]);
  });

  it('an old unpaid account reaches the worklist, gets a final notice, is placed, and the agency report is posted', async () => {
    day = '2026-06-01';
    debtor = await patientWithBalance('Debtor', 42000, '2026-01-15');
    for (const d of ['2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01']) {
      day = d;
      await planStatementRun(rep, { asOf: d });
    }
    day = '2026-09-05';
    const list = await collectionsWorklist(rep);
    const row = list.find((r) => r.patientIds.includes(debtor))!;
    serialiseStrictly(collectionsWorklistSchema, { items: list });
    expect(row).toMatchObject({ balanceCents: 42000, statementsSent: 4, ready: false, finalNoticeDate: null });
    await expect(placeWithAgency(rep, { patientIds: [debtor], agencyId })).rejects.toThrow(/final notice/);
    await sendFinalNotice(rep, debtor);
    day = '2026-09-16';
    const placed = serialiseStrictly(placementMade, await placeWithAgency(rep, { patientIds: [debtor], agencyId }));
    const [header, line] = placed.csv.trim().split('\r\n');
    expect(header).toBe(
      'placement_id,account_number,guarantor_name,address_line1,city,state,zip,phone,balance,first_service_date,last_service_date,last_payment_date,placed_date',
    );
    expect(line).toBe(
      `${placed.placementIds[0]},Debtor-${t.tenantId},Debtor Collect,9 Pine St,Austin,TX,78701,,420.00,2026-01-15,2026-01-15,,2026-09-16`,
    );
    expect((await planStatementRun(rep, { asOf: '2026-10-01' })).skipped.placed).toBe(1);
    const report = [
      'record_type,placement_id,account_number,date,paid_amount,fee_amount,status,note',
      `payment,${placed.placementIds[0]},Debtor-${t.tenantId},2026-10-02,150.00,45.00,,`,
      `status,${placed.placementIds[0]},Debtor-${t.tenantId},2026-10-02,,,active,payment arrangement`,
      `payment,999999,X,2026-10-02,10.00,1.00,,`,
      `payment,${placed.placementIds[0]},X,2026-10-02,=1+1,0,,`,
    ].join('\r\n');
    day = '2026-10-03';
    const imported = await importAgencyReport(rep, agencyId, 'lsr-2026-10.csv', report);
    expect(imported).toMatchObject({ duplicate: false, posted: 1, statuses: 1 });
    expect(imported.problems).toEqual([
      `lsr-2026-10.csv line 4: placement_id "999999" is not one of this agency's placements`,
      `lsr-2026-10.csv line 5: paid_amount "=1+1" is not an amount more than zero (dollars and cents, e.g. 25.00)`,
    ]);
    const a = await getPatientAccount(rep, debtor);
    expect(a.patientBalanceCents).toBe(27000);
    expect(a.placement).toMatchObject({
      agency: 'Lone Star Recovery',
      status: 'placed',
      agencyStatus: 'active',
      placedBalanceCents: 42000,
    });
    expect(serialiseStrictly(patientAccount, a)).toEqual(JSON.parse(JSON.stringify(a)));
    expect(() => serialiseStrictly(patientAccount, { ...a, placement: { ...a.placement, placed_by: 'amy' } })).toThrow(
      'placement.placed_by: the answer holds placement.placed_by, which its response schema does not describe',
    );
    const fee = await withTenant(store.db, t.tenantId, (tx) =>
      tx
        .selectFrom('agency_report_line')
        .select(['paid_cents', 'fee_cents', 'posting_id'])
        .where('tenant_id', '=', t.tenantId)
        .where('record_type', '=', 'payment')
        .where('problem', 'is', null)
        .execute(),
    );
    expect(fee).toEqual([{ paid_cents: 15000, fee_cents: 4500, posting_id: expect.any(Number) }]);
    expect((await importAgencyReport(rep, agencyId, 'lsr-2026-10.csv', report)).duplicate).toBe(true);
    expect((await getPatientAccount(rep, debtor)).patientBalanceCents).toBe(27000);
    await recallPlacement(rep, placed.placementIds[0]!, 'patient disputes the bill');
    expect((await getPatientAccount(rep, debtor)).placement).toMatchObject({ status: 'recalled' });
    await expectBalancesAreSums([debtor, planPatient, t.patientId]);
  });
});
