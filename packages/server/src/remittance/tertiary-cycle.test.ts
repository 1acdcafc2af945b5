/**
 * Tertiary after secondary, end to end: a patient with three active coverages (Acme primary, Bluebonnet secondary,
 * Texas Medicaid tertiary). The primary's 835 is posted and makes the secondary claim; the secondary is scrubbed,
 * batched, adjudicated by the payer simulator as secondary and its 835 posted, which makes the tertiary claim. The
 * tertiary is scrubbed and batched like any claim, and its COB 837 carries both prior payers' adjudication (2320 /
 * 2330B with each payer's paid amount and claim number, 2430 SVD + CAS per line); the simulator adjudicates it as
 * tertiary and, posted, leaves every payer and the patient at zero: $70.00 + $25.00 + $64.00 paid of $330.00.
 */
import { emptyAccumulators, simulatePayer, type Accumulators } from '@medbill/core';
import { parseX12File, validateFile } from '@medbill/x12';
import type { ClaimFile837 } from '@medbill/x12/837';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditKeyForTests, createTenantFixture, testDeps, type TenantFixture } from '../../test/fixtures.ts';
import { openTestStore } from '../../test/test-store.ts';
import { buildBatches } from '../claims/build-batches.ts';
import { scrubClaims } from '../claims/scrub-claims.ts';
import { withTenant, type Store } from '../db/open-database.ts';
import { ledgerTotals } from '../ledger/read-ledger.ts';
import { demoPayerContracts } from '../payer-sim/demo-contracts.ts';
import { postRemittance } from './post-remittance.ts';

let store: Store;
let t: TenantFixture;
let blue = 0;
let medicaid = 0;
const actor = { userId: null, username: 'test' };
const audit = { key: auditKeyForTests(), sourceIp: null };

beforeAll(async () => {
  store = await openTestStore();
  t = await createTenantFixture(store, 'tercyc');
  await withTenant(store.db, t.tenantId, async (tx) => {
    await tx
      .updateTable('payer')
      .set({ name: 'Acme Health', payer_code: 'DEMOACME' })
      .where('id', '=', t.payerId)
      .execute();
    const payer = (name: string, code: string, cfi: string) =>
      tx
        .insertInto('payer')
        .values({ tenant_id: t.tenantId, name, payer_code: code, claim_filing_indicator: cfi, timely_filing_days: 95 })
        .returning('id')
        .executeTakeFirstOrThrow();
    blue = (await payer('Bluebonnet Blue', 'DEMOBLUE', 'BL')).id;
    medicaid = (await payer('Texas Medicaid', 'DEMOMCD', 'MC')).id;
    for (const [order, payerId, member, group] of [
      [2, blue, 'BLU1234567', 'GRP77'],
      [3, medicaid, '512345678', null],
    ] as const)
      await tx
        .insertInto('coverage')
        .values({
          tenant_id: t.tenantId,
          patient_id: t.patientId,
          payer_id: payerId,
          coverage_order: order,
          member_id: member,
          group_number: group,
          relationship_code: '18',
          subscriber_first_name: 'Quinn',
          subscriber_last_name: 'Sampletercyc',
          effective_date: '2025-01-01',
        })
        .execute();
    // a knee injection at an office visit: 99213-25 $150.00 and 20610-RT $180.00, for right knee osteoarthritis
    await tx
      .updateTable('encounter_diagnosis')
      .set({ code: 'M1711' })
      .where('tenant_id', '=', t.tenantId)
      .where('encounter_id', '=', t.encounterId)
      .execute();
    await tx
      .updateTable('service_line')
      .set({ modifiers: ['25'] })
      .where('tenant_id', '=', t.tenantId)
      .where('encounter_id', '=', t.encounterId)
      .execute();
    await tx
      .insertInto('service_line')
      .values({
        tenant_id: t.tenantId,
        encounter_id: t.encounterId,
        line_number: 2,
        procedure_code: '20610',
        modifiers: ['RT'],
        units: 1,
        charge_cents: 18000,
        diagnosis_pointers: [1],
        service_date: '2026-11-02',
      })
      .execute();
    await tx
      .updateTable('claim')
      .set({ state: 'ready', total_charge_cents: 33000 })
      .where('id', '=', t.claimId)
      .execute();
    await tx.updateTable('practice').set({ service_zip: '787012345' }).where('id', '=', t.practiceId).execute();
    await tx.updateTable('coverage').set({ group_number: 'GRP1' }).where('id', '=', t.coverageId).execute();
    // the fixture's batch used interchange 1
    for (const kind of ['interchange', 'group'])
      await tx
        .insertInto('control_number')
        .values({ tenant_id: t.tenantId, clearinghouse_id: t.clearinghouseId, kind, last_value: 10 })
        .execute();
  });
});
afterAll(() => store?.close());

const tx = <T>(work: Parameters<typeof withTenant<T>>[2]) => withTenant(store.db, t.tenantId, work);

/** Builds the claim's batch (its 837), marks it sent, and has the payer simulator answer it. */
let n = 100;
async function sendAndAnswer(claimId: number, acc: Accumulators, seed: string, day: string) {
  const [b] = await tx((x) =>
    buildBatches(x, t.tenantId, {
      clearinghouseId: t.clearinghouseId,
      claimIds: [claimId],
      now: new Date(`${day}T12:00:00Z`),
      actor,
    }),
  );
  expect(b).toBeDefined();
  const { content } = await tx((x) =>
    x.selectFrom('edi_file').select('content').where('id', '=', b!.fileId).executeTakeFirstOrThrow(),
  );
  await tx((x) => x.updateTable('claim').set({ state: 'submitted' }).where('id', '=', claimId).execute());
  const r = simulatePayer(content, {
    contracts: demoPayerContracts(),
    rejectRate: 0,
    seed,
    now: new Date(`${day}T15:00:00Z`),
    payerName: 'SIM',
    controlNumbers: { next: () => ++n },
    accumulators: acc,
  });
  expect(r.claims.map((c) => c.accepted)).toEqual([true]);
  return { text837: content, answer: r };
}

const claimOf = (payerId: number) =>
  tx((x) =>
    x
      .selectFrom('claim')
      .select(['id', 'state', 'claim_number'])
      .where('encounter_id', '=', t.encounterId)
      .where('payer_id', '=', payerId)
      .executeTakeFirstOrThrow(),
  );

async function scrub(claimId: number, today: string) {
  const deps = testDeps(store);
  const [r] = await tx((x) =>
    scrubClaims(
      x,
      t.tenantId,
      [claimId],
      { today: () => today, coding: deps.claims.coding, payerRules: deps.claims.payerRules },
      actor,
    ),
  );
  expect(r!.edits.filter((e) => e.severity === 'error')).toEqual([]);
  expect(
    (await tx((x) => x.selectFrom('claim').select('state').where('id', '=', claimId).executeTakeFirst()))!.state,
  ).toBe('ready');
}

const post = (fileName: string, text: string) =>
  postRemittance(store.db, t.tenantId, { fileName, text }, { actor, audit });

describe('tertiary claim after the secondary 835', () => {
  it("is made from the secondary's posted 835, carries both prior payers in its COB loops, and is paid as tertiary", async () => {
    // the primary: Acme pays the 99213 ($95.00 allowed, $70.00 paid, $25.00 copay) and puts the 20610's $64.00
    // allowed to its deductible: $70.00 paid, $89.00 left to the patient
    const first = await sendAndAnswer(t.claimId, emptyAccumulators(), 'primary', '2026-11-10');
    const primary = first.answer.claims[0]!.adjudication!;
    expect([primary.claimStatusCode, primary.paidCents, primary.patientResponsibilityCents]).toEqual(['1', 7000, 8900]);
    expect(await post('primary.835', first.answer.remittances[0]!.text835)).toMatchObject({
      status: 'posted',
      secondaryClaims: 1,
    });
    const secondary = await claimOf(blue);
    expect(secondary.state).toBe('draft');

    // the secondary: made from the posted adjudication, scrubbed, batched; Bluebonnet pays the $25.00 copay and
    // puts the $64.00 to its own deductible: $25.00 paid, $64.00 left
    await scrub(secondary.id, '2026-11-13');
    const second = await sendAndAnswer(secondary.id, first.answer.accumulators, 'secondary', '2026-11-14');
    const sec = second.answer.claims[0]!.adjudication!;
    expect([sec.claimStatusCode, sec.paidCents, sec.patientResponsibilityCents]).toEqual(['2', 2500, 6400]);
    expect(await post('secondary.835', second.answer.remittances[0]!.text835)).toMatchObject({
      status: 'posted',
      secondaryClaims: 1,
    });

    // the tertiary: to Texas Medicaid, owed what both payers left, scrubbed and batched like any claim
    const tertiary = await claimOf(medicaid);
    expect(tertiary.state).toBe('draft');
    expect(await tx((x) => ledgerTotals(x, t.tenantId, { claimId: tertiary.id }))).toMatchObject({
      byPayer: { [medicaid]: 6400 },
    });
    await scrub(tertiary.id, '2026-11-17');
    const third = await sendAndAnswer(tertiary.id, second.answer.accumulators, 'tertiary', '2026-11-18');
    expect(validateFile(third.text837).issues.filter((i) => i.severity === 'error')).toEqual([]);
    const file = parseX12File(third.text837).transactions[0]!.value as ClaimFile837;
    const sub = file.billingProviders[0]!.subscribers[0]!;
    expect([sub.sbr.responsibility, sub.sbr.claimFilingCode, sub.payer.name.id]).toEqual(['T', 'MC', 'DEMOMCD']);
    const claim = sub.claims[0]!;
    // 2320/2330B: the primary and the secondary, each with what it paid and its claim number (REF*F8)
    expect(
      claim.otherSubscribers!.map((o) => [
        o.sbr.responsibility,
        o.sbr.claimFilingCode,
        o.payer.name.id,
        o.payerPaid,
        o.payer.refs?.[0]?.qualifier,
      ]),
    ).toEqual([
      ['P', 'CI', 'DEMOACME', primary.paidCents, 'F8'],
      ['S', 'BL', 'DEMOBLUE', sec.paidCents, 'F8'],
    ]);
    expect(claim.otherSubscribers!.map((o) => o.payer.refs?.[0]?.value)).toEqual([
      first.answer.claims[0]!.icn,
      second.answer.claims[0]!.icn,
    ]);
    // 2430: each payer's adjudication of each line, paid plus adjustments equal to the line as billed
    const svd = (i: number) =>
      claim.lines[i]!.adjudications!.map((a) => [
        a.payerId,
        a.paid,
        a.adjustments!.flatMap((g) => g.items.map((x) => `${g.group}-${x.reason} ${x.amount}`)),
      ]);
    expect([svd(0), svd(1)]).toEqual([
      [
        ['DEMOACME', 7000, ['CO-45 5500', 'PR-3 2500']],
        ['DEMOBLUE', 2500, ['CO-45 5500', 'OA-23 7000']],
      ],
      [
        ['DEMOACME', 0, ['CO-45 11600', 'PR-1 6400']],
        ['DEMOBLUE', 0, ['CO-45 11600', 'PR-2 6400']],
      ],
    ]);
    for (const [i, l] of claim.lines.entries())
      for (const a of l.adjudications!)
        expect(
          a.paid + a.adjustments!.flatMap((g) => g.items).reduce((sum, x) => sum + x.amount, 0),
          `line ${i + 1}`,
        ).toBe(l.charge);

    // Medicaid pays the $64.00 as tertiary (CLP02 3); posted, no payer owes anything and neither does the patient
    const ter = third.answer.claims[0]!.adjudication!;
    expect([ter.claimStatusCode, ter.paidCents, ter.patientResponsibilityCents]).toEqual(['3', 6400, 0]);
    expect(await post('tertiary.835', third.answer.remittances[0]!.text835)).toMatchObject({
      status: 'posted',
      secondaryClaims: 0,
    });
    expect(await tx((x) => ledgerTotals(x, t.tenantId, { patientId: t.patientId }))).toMatchObject({
      charges: 33000,
      insurancePayments: 7000 + 2500 + 6400,
      byPayer: { [t.payerId]: 0, [blue]: 0, [medicaid]: 0 },
      patientBalance: 0,
      balance: 0,
    });
    expect((await claimOf(medicaid)).state).toBe('paid');
  });
});
