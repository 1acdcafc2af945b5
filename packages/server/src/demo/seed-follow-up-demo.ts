/**
 * The demo's follow-up worklist: a few office visits billed about 45 days back on the demo's clock (the clock of
 * that day, as the accounts story does), sent to the payer simulator, which took them (some with a 999) and never
 * answered further — so they wait past their payer's follow-up days. For the last a 276 was sent today through
 * the real use case and the simulator's 277 read back, so the worklist also shows a status answer on file.
 */
import type { Actor } from '../actor.ts';
import type { ClaimServices } from '../claims/claim-services.ts';
import { createClaimForEncounter } from '../claims/create-claims.ts';
import { processInbound } from '../claims/inbound/intake.ts';
import { scrubClaims } from '../claims/scrub-claims.ts';
import { createEncounter } from '../coding/create-encounter.ts';
import { withTenant, type Db } from '../db/open-database.ts';
import { sendStatusInquiries } from '../follow-up/send-status-inquiries.ts';
import { answerAsPayer, payerSideOf, runDemoCycle } from './demo-cycle.ts';
import { DEMO_VISITS } from './demo-visits.ts';

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

export interface FollowUpSetting {
  db: Db;
  auditKey: Buffer;
  tenantId: number;
  clearinghouseId: number;
  dataDir: string;
  services: ClaimServices;
}

/** `patients`: four patients with a primary coverage. Returns the claims left waiting (the last one asked about). */
export async function seedFollowUpDemo(s: FollowUpSetting, patients: number[]): Promise<number[]> {
  const t = s.tenantId;
  const actor: Actor = { tenantId: t, userId: null, username: 'system', sourceIp: null };
  const at = new Date(s.services.now().getTime() - 45 * DAY);
  at.setUTCHours(15, 0, 0, 0);
  const then: ClaimServices = { ...s.services, now: () => new Date(at), today: () => iso(at) };
  const dos = iso(new Date(at.getTime() - 2 * DAY));
  const claimIds = await withTenant(s.db, t, async (tx) => {
    const provider = await tx
      .selectFrom('provider as pv')
      .innerJoin('practice as pr', (j) =>
        j.onRef('pr.tenant_id', '=', 'pv.tenant_id').onRef('pr.id', '=', 'pv.practice_id'),
      )
      .select(['pv.id', 'pv.practice_id'])
      .where('pv.tenant_id', '=', t)
      .where((eb) => eb.or([eb('pr.facility_taxonomy', 'is', null), eb('pr.facility_taxonomy', 'not like', '28%')]))
      .orderBy('pv.id')
      .executeTakeFirst();
    if (!provider) return [];
    const ids: number[] = [];
    for (const [i, patientId] of patients.entries()) {
      const visit = DEMO_VISITS[i % 3]!;
      const encounterId = await createEncounter(tx, t, {
        patientId,
        practiceId: provider.practice_id,
        renderingProviderId: provider.id,
        placeOfService: '11',
        serviceDateFrom: dos,
        noteText: visit.note,
        diagnoses: visit.diagnoses,
        lines: visit.lines.map((l) => ({ ...l, units: l.units ?? 1 })),
      });
      ids.push(await createClaimForEncounter(tx, t, encounterId, actor));
    }
    await scrubClaims(
      tx,
      t,
      ids,
      { today: then.today, coding: s.services.coding, payerRules: s.services.payerRules },
      actor,
    );
    return ids;
  });
  if (!claimIds.length) return [];
  // half sent and never acknowledged, half accepted by a 999 and never answered by a 277CA
  await runDemoCycle(
    { db: s.db, auditKey: s.auditKey, claims: then },
    actor,
    s.clearinghouseId,
    claimIds,
    {
      dataDir: s.dataDir,
      services: then,
    },
    [
      { share: [0, 0.5], submit: true, deliver: [] },
      { share: [0.5, 1], submit: true, deliver: ['999'] },
    ],
  );
  // today: a 276 for the last (accepted, waiting for its 835), answered by the simulator's 277 and read like any
  // inbound file; the others are still never asked
  const deps = { db: s.db, auditKey: s.auditKey, claims: s.services };
  await sendStatusInquiries(deps, actor, { claimIds: [claimIds.at(-1)!], waitSeconds: 0 });
  const { ours, payerSide, respond } = await payerSideOf(s.db, t, s.clearinghouseId, s.services);
  try {
    await answerAsPayer(payerSide, respond, ['277']);
    await processInbound(deps, actor, ours, { clearinghouseId: s.clearinghouseId });
  } finally {
    await ours.close();
    await payerSide.close();
  }
  return claimIds;
}
