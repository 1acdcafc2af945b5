/** 837 generation from the database: ready claims → batches → 837 files, claims per second, on PGlite or PostgreSQL. */
import { withTenant, type Store } from '../packages/server/src/db/open-database.ts';
import { buildBatches } from '../packages/server/src/claims/build-batches.ts';
import { createTenantFixture } from '../packages/server/test/fixtures.ts';
import { openTestStore } from '../packages/server/test/test-store.ts';

async function seedReadyClaims(store: Store, count: number) {
  const t = await createTenantFixture(store, 'bench');
  await withTenant(store.db, t.tenantId, async (tx) => {
    await tx.updateTable('practice').set({ service_zip: '787012345' }).where('tenant_id', '=', t.tenantId).execute();
    const ch = await tx
      .insertInto('clearinghouse')
      .values({
        tenant_id: t.tenantId,
        name: 'Bench',
        transport: 'folder',
        submitter_id: 'BENCH',
        submitter_name: 'Bench Billing',
        receiver_id: 'RCV',
        receiver_name: 'Receiver',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    (t as { benchClearinghouse?: number }).benchClearinghouse = ch.id;
    for (let i = 0; i < count; i++) {
      const enc = await tx
        .insertInto('encounter')
        .values({
          tenant_id: t.tenantId,
          patient_id: t.patientId,
          practice_id: t.practiceId,
          rendering_provider_id: t.providerId,
          place_of_service: '11',
          service_date_from: '2026-11-02',
          service_date_to: '2026-11-02',
          status: 'billed',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('encounter_diagnosis')
        .values([
          { tenant_id: t.tenantId, encounter_id: enc.id, position: 1, code: 'E119' },
          { tenant_id: t.tenantId, encounter_id: enc.id, position: 2, code: 'I10' },
        ])
        .execute();
      await tx
        .insertInto('service_line')
        .values([
          {
            tenant_id: t.tenantId,
            encounter_id: enc.id,
            line_number: 1,
            procedure_code: '99214',
            units: 1,
            charge_cents: 19000,
            diagnosis_pointers: [1, 2],
            service_date: '2026-11-02',
          },
          {
            tenant_id: t.tenantId,
            encounter_id: enc.id,
            line_number: 2,
            procedure_code: '36415',
            units: 1,
            charge_cents: 2500,
            diagnosis_pointers: [1],
            service_date: '2026-11-02',
          },
        ])
        .execute();
      await tx
        .insertInto('claim')
        .values({
          tenant_id: t.tenantId,
          claim_number: `BENCH${i}`,
          encounter_id: enc.id,
          coverage_id: t.coverageId,
          payer_id: t.payerId,
          kind: 'professional',
          total_charge_cents: 21500,
          state: 'ready',
        })
        .execute();
    }
  });
  return t as typeof t & { benchClearinghouse: number };
}

export async function run837FromDbBench(count = 2000, log = (s: string) => console.log(s)) {
  const store = await openTestStore();
  try {
    const t = await seedReadyClaims(store, count);
    const t0 = performance.now();
    const built = await withTenant(store.db, t.tenantId, (tx) =>
      buildBatches(tx, t.tenantId, {
        clearinghouseId: t.benchClearinghouse,
        now: new Date(),
        actor: { userId: null, username: 'bench' },
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const claims = built.reduce((s, b) => s + b.claimIds.length, 0);
    const result = { database: store.kind, claims, seconds, claimsPerSecond: Math.round(claims / seconds) };
    log(
      `837 from the database (${store.kind}): ${claims} claims loaded, mapped, written and stored as ${built.length} file(s) in ${seconds.toFixed(2)} s = ${result.claimsPerSecond} claims/s`,
    );
    return result;
  } finally {
    await store.close();
  }
}

if (process.argv[1]?.endsWith('claims-837.ts')) await run837FromDbBench();
