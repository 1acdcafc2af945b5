/**
 * Secondary after primary, end to end: the primary's 837 goes to the payer simulator, its 835 is posted and
 * the secondary claim is made from the posted adjudication; scrubbed and batched like any claim, its COB 837
 * is adjudicated by the simulator as secondary (within what the primary left to the patient), and its 835
 * posted: each payer owes nothing, the patient owes exactly what both payers left.
 */
import { simulatePayer, emptyAccumulators, type Accumulators } from '@medbill/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant, type Store } from '../db/open-database.ts';
import { auditKeyForTests, createTenantFixture, testDeps, type TenantFixture } from '../../test/fixtures.ts';
import { openTestStore } from '../../test/test-store.ts';
import { buildBatches } from '../claims/build-batches.ts';
import { scrubClaims } from '../claims/scrub-claims.ts';
import { demoPayerContracts } from '../payer-sim/demo-contracts.ts';
import { ledgerTotals } from '../ledger/read-ledger.ts';
import { postRemittance } from './post-remittance.ts';

let store: Store;
let t: TenantFixture;
let secondPayer = 0;
const actor = { userId: null, username: 'test' };
const audit = { key: auditKeyForTests(), sourceIp: null };

beforeAll(async () => {
  store = await openTestStore();
  t = await createTenantFixture(store, 'seccyc');
  await withTenant(store.db, t.tenantId, async (tx) => {
    await tx
      .updateTable('payer')
      .set({ name: 'Acme Health', payer_code: 'DEMOACME' })
      .where('id', '=', t.payerId)
      .execute();
    const blue = await tx
      .insertInto('payer')
      .values({
        tenant_id: t.tenantId,
        name: 'Bluebonnet Blue',
        payer_code: 'DEMOBLUE',
        claim_filing_indicator: 'BL',
        timely_filing_days: 180,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    secondPayer = blue.id;
    await tx
      .insertInto('coverage')
      .values({
        tenant_id: t.tenantId,
        patient_id: t.patientId,
        payer_id: blue.id,
        coverage_order: 2,
        member_id: 'BLU1234567',
        group_number: 'GRP77',
        relationship_code: '18',
        subscriber_first_name: 'Quinn',
        subscriber_last_name: 'Sampleseccyc',
        effective_date: '2025-01-01',
      })
      .execute();
    await tx.updateTable('claim').set({ state: 'ready' }).where('id', '=', t.claimId).execute();
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

let n = 100;
async function sendAndAnswer(claimId: number, acc: Accumulators, seed: string) {
  const [b] = await tx((x) =>
    buildBatches(x, t.tenantId, {
      clearinghouseId: t.clearinghouseId,
      claimIds: [claimId],
      now: new Date('2026-11-10T12:00:00Z'),
      actor,
    }),
  );
  const text = await tx((x) =>
    x.selectFrom('edi_file').select('content').where('id', '=', b.fileId).executeTakeFirstOrThrow(),
  );
  // sent (the SFTP leg is tested elsewhere)
  await tx((x) => x.updateTable('claim').set({ state: 'submitted' }).where('id', '=', claimId).execute());
  const r = simulatePayer(text.content, {
    contracts: demoPayerContracts(),
    rejectRate: 0,
    seed,
    now: new Date('2026-11-12T12:00:00Z'),
    payerName: 'SIM',
    controlNumbers: { next: () => ++n },
    accumulators: acc,
  });
  expect(r.claims.map((c) => c.accepted)).toEqual([true]);
  return r;
}

describe('secondary claim after the primary 835', () => {
  it('is made, sent as COB, adjudicated as secondary and posted: payers owe nothing, the patient the rest', async () => {
    const first = await sendAndAnswer(t.claimId, emptyAccumulators(), 'primary');
    const p1 = await postRemittance(
      store.db,
      t.tenantId,
      { fileName: 'primary.835', text: first.remittances[0].text835 },
      { actor, audit },
    );
    expect(p1).toMatchObject({ status: 'posted', secondaryClaims: 1 });
    const primary = first.claims[0].adjudication!;
    const sec = await tx((x) =>
      x
        .selectFrom('claim')
        .select(['id', 'state'])
        .where('encounter_id', '=', t.encounterId)
        .where('payer_id', '=', secondPayer)
        .executeTakeFirstOrThrow(),
    );
    expect(sec.state).toBe('draft');
    expect(await tx((x) => ledgerTotals(x, t.tenantId, { claimId: sec.id }))).toMatchObject({
      byPayer: { [secondPayer]: primary.patientResponsibilityCents },
    });

    const deps = testDeps(store);
    const scrubbed = await tx((x) =>
      scrubClaims(
        x,
        t.tenantId,
        [sec.id],
        { today: () => '2026-11-21', coding: deps.claims.coding, payerRules: deps.claims.payerRules },
        actor,
      ),
    );
    expect(scrubbed[0].edits.filter((e) => e.severity === 'error')).toEqual([]);
    const second = await sendAndAnswer(sec.id, first.accumulators, 'secondary');
    const adj = second.claims[0].adjudication!;
    expect(adj.claimStatusCode).toBe('2');
    expect(adj.paidCents).toBeGreaterThan(0);
    expect(adj.paidCents).toBeLessThanOrEqual(primary.patientResponsibilityCents);
    const p2 = await postRemittance(
      store.db,
      t.tenantId,
      { fileName: 'secondary.835', text: second.remittances[0].text835 },
      { actor, audit },
    );
    expect(p2.status).toBe('posted');
    const all = await tx((x) => ledgerTotals(x, t.tenantId, { patientId: t.patientId }));
    const leftToPatient = adj.patientResponsibilityCents;
    expect(all).toMatchObject({
      charges: 15000,
      insurancePayments: primary.paidCents + adj.paidCents,
      byPayer: { [t.payerId]: 0, [secondPayer]: 0 },
      patientBalance: leftToPatient,
      balance: leftToPatient,
    });
    expect(
      await tx((x) => x.selectFrom('claim').select('state').where('id', '=', sec.id).executeTakeFirstOrThrow()),
    ).toEqual({ state: 'paid' });
  });
});
