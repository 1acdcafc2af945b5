/**
 * The demo's revenue cycle: fee schedules, a clearinghouse, encounters (some still to code), and claims
 * driven through the real pipeline — scrub, batch, 837, the folder transport, the payer simulator, 999,
 * 277CA and 835 processing — so a fresh start shows claims in every state. Audited as the user `system`
 * like the rest of the demo: one row for the encounters and claims created and scrubbed, one per batch
 * built, and the rows submitting and processing files write themselves.
 */
import { systemActor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { ClaimServices } from '../claims/claim-services.ts';
import { createClaimForEncounter } from '../claims/create-claims.ts';
import { createEncounter } from '../coding/create-encounter.ts';
import { scrubClaims } from '../claims/scrub-claims.ts';
import { withTenant, type Db } from '../db/open-database.ts';
import { clinicProviders, runDemoCycle } from './demo-cycle.ts';
import { pick, seededRandom } from './demo-people.ts';
import { seedAccountsHistory, seedAccountsToday, type AccountsStory } from './seed-accounts-demo.ts';
import { seedCorrections, seedHospitalStay } from './seed-claim-scenarios.ts';
import { seedFollowUpDemo } from './seed-follow-up-demo.ts';
import { seedRemittanceDemo, type RemittanceStory } from './seed-remittance-demo.ts';
import { DEMO_FEES, DEMO_NOTES_TO_CODE, DEMO_VISITS, DEMO_VISITS_WITH_MISTAKES } from './demo-visits.ts';

/** the demo clearinghouse's folder, inside the demo tenant's own clearinghouse folder */
export const DEMO_CLEARINGHOUSE_FOLDER = 'clearinghouse-demo';

const iso = (d: Date) => d.toISOString().slice(0, 10);

export async function seedClaimsDemo(
  db: Db,
  tenantId: number,
  opts: { dataDir: string; services: ClaimServices; auditKey: Buffer; encounters?: number },
): Promise<{ claims: Record<string, number>; accounts: AccountsStory | null; remittances: RemittanceStory }> {
  const rand = seededRandom(4242);
  const actor = systemActor(tenantId);
  const now = opts.services.now();
  const { clearinghouseId, patients } = await withTenant(db, tenantId, async (tx) => {
    const practices = await tx.selectFrom('practice').select('id').where('tenant_id', '=', tenantId).execute();
    for (const p of practices) {
      const fs = await tx
        .insertInto('fee_schedule')
        .values({ tenant_id: tenantId, practice_id: p.id, name: 'Standard 2026', effective_from: '2025-01-01' })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [code, cents] of Object.entries(DEMO_FEES))
        await tx
          .insertInto('fee_schedule_item')
          .values({ tenant_id: tenantId, fee_schedule_id: fs.id, procedure_code: code, charge_cents: cents })
          .execute();
    }
    const ch = await tx
      .insertInto('clearinghouse')
      .values({
        tenant_id: tenantId,
        name: 'Demo clearinghouse (payer simulator)',
        transport: 'folder',
        // answered by the payer simulator, here and while `medbill serve --demo` runs (payer-sim/demo-payer.ts)
        config: JSON.stringify({ root: DEMO_CLEARINGHOUSE_FOLDER, phone: '5125550199', payerSimulator: true }),
        submitter_id: 'LSBILL01',
        submitter_name: 'Lone Star Billing Co',
        receiver_id: 'DEMOCH',
        receiver_name: 'Demo Clearinghouse',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const withCoverage = await tx
      .selectFrom('patient as p')
      .innerJoin('coverage as c', (j) => j.onRef('c.tenant_id', '=', 'p.tenant_id').onRef('c.patient_id', '=', 'p.id'))
      .select(['p.id'])
      .distinct()
      .where('p.tenant_id', '=', tenantId)
      .where('c.coverage_order', '=', 1)
      .orderBy('p.id')
      .execute();
    return { clearinghouseId: ch.id, patients: withCoverage.map((p) => p.id) };
  });
  // first the accounts' last five months (their visits, cycle, statements, plans, collections), then today's visits
  const setting = {
    db,
    auditKey: opts.auditKey,
    tenantId,
    clearinghouseId,
    dataDir: opts.dataDir,
    services: opts.services,
  };
  const story = await seedAccountsHistory(setting, patients);
  // a few claims sent ~45 days ago and never answered: the follow-up worklist (one with a 277 on file)
  await seedFollowUpDemo(setting, patients.slice(1, 5));

  const claimIds = await withTenant(db, tenantId, async (tx) => {
    // office visits are the clinics' (the hospital's stays come with the claim scenarios)
    const providers = await clinicProviders(tx, tenantId);
    const ids: number[] = [];
    const count = Math.min(opts.encounters ?? 130, patients.length);
    for (let i = 0; i < count; i++) {
      const provider = pick(rand, providers);
      const dos = iso(new Date(now.getTime() - (3 + Math.floor(rand() * 40)) * 86_400_000));
      const base = {
        patientId: patients[i],
        practiceId: provider.practice_id,
        renderingProviderId: provider.id,
        placeOfService: '11',
        serviceDateFrom: dos,
      };
      if (i % 11 === 0) {
        await createEncounter(tx, tenantId, {
          ...base,
          noteText: pick(rand, DEMO_NOTES_TO_CODE),
          diagnoses: [],
          lines: [],
        });
        continue;
      }
      const visit = rand() < 0.14 ? pick(rand, DEMO_VISITS_WITH_MISTAKES) : pick(rand, DEMO_VISITS);
      const encounterId = await createEncounter(tx, tenantId, {
        ...base,
        noteText: visit.note,
        diagnoses: visit.diagnoses,
        lines: visit.lines.map((l) => ({ ...l, units: l.units ?? 1 })),
      });
      ids.push(await createClaimForEncounter(tx, tenantId, encounterId, actor));
    }
    // the family practice is also a rural health clinic: some visits are billed on the UB-04 (837I, type of bill 0711)
    const clinic = providers.filter((p) => p.practice_id === providers[0].practice_id);
    for (let i = 0; i < 6 && count + i < patients.length; i++) {
      const visit = pick(rand, DEMO_VISITS.slice(0, 3));
      const dos = iso(new Date(now.getTime() - (5 + Math.floor(rand() * 30)) * 86_400_000));
      const encounterId = await createEncounter(tx, tenantId, {
        patientId: patients[count + i],
        practiceId: clinic[0].practice_id,
        renderingProviderId: pick(rand, clinic).id,
        kind: 'institutional',
        placeOfService: '72',
        serviceDateFrom: dos,
        noteText: `Rural health clinic visit. ${visit.note}`,
        institutional: { typeOfBill: '0711', admissionType: '9', admissionSource: '1', patientStatus: '01' },
        diagnoses: visit.diagnoses,
        lines: visit.lines.map((l) => ({ ...l, units: l.units ?? 1, revenueCode: '0521' })),
      });
      ids.push(await createClaimForEncounter(tx, tenantId, encounterId, actor));
    }
    const stay = await seedHospitalStay(tx, tenantId, now);
    if (stay) ids.push(stay);
    await scrubClaims(
      tx,
      tenantId,
      ids,
      { today: opts.services.today, coding: opts.services.coding, payerRules: opts.services.payerRules },
      actor,
    );
    // one row, as for the demo's patients: the encounters, the claims made and scrubbed, and whose they are
    const visited = patients.slice(0, count + Math.max(0, Math.min(6, patients.length - count))).sort((x, y) => x - y);
    await recordAudit(tx, opts.auditKey, actor, {
      action: 'create',
      resourceType: 'demo_data',
      dataCategory: 'claim',
      details: { encounters: visited.length, claimIds: ids, scrubbed: ids.length, patientIds: visited },
    });
    return ids;
  });
  const deps = { db, auditKey: opts.auditKey, claims: opts.services };
  await runDemoCycle(deps, actor, clearinghouseId, claimIds, opts);
  // what the cycle's 835s call for: the secondary claims they made, a corrected and a void claim, sent
  const followUps = await withTenant(db, tenantId, async (tx) => {
    const made = await seedCorrections(tx, tenantId, claimIds);
    const secondaries = await tx
      .selectFrom('claim as c')
      .innerJoin('coverage as cv', (j) =>
        j.onRef('cv.tenant_id', '=', 'c.tenant_id').onRef('cv.id', '=', 'c.coverage_id'),
      )
      .select('c.id')
      .where('c.tenant_id', '=', tenantId)
      .where('c.state', '=', 'draft')
      .where('cv.coverage_order', '>', 1)
      .orderBy('c.id')
      .execute();
    const ids = [...secondaries.map((c) => c.id), ...made];
    await scrubClaims(
      tx,
      tenantId,
      ids,
      { today: opts.services.today, coding: opts.services.coding, payerRules: opts.services.payerRules },
      actor,
    );
    return ids;
  });
  await runDemoCycle(deps, actor, clearinghouseId, followUps, opts, [
    { share: [0, 1], submit: true, deliver: ['999'] },
  ]);
  const accounts = story ? await seedAccountsToday(setting, story, patients) : null;
  // an 835 line paid under another code, a held 835 and the bank's deposits: patients no visit above took
  const taken = new Set(
    story ? [...story.eligibility, ...Object.values(story).filter((v) => typeof v === 'number')] : [],
  );
  const remittances = await seedRemittanceDemo(
    setting,
    patients.slice(Math.min(opts.encounters ?? 130, patients.length) + 6).filter((p) => !taken.has(p)),
  );
  const claims = await withTenant(db, tenantId, async (tx) => {
    const rows = await tx
      .selectFrom('claim')
      .select('state')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .groupBy('state')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  });
  return { claims, accounts, remittances };
}
