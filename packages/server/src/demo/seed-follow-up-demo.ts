/**
 * The demo's follow-up worklist: a few office visits billed about 45 days back on the demo's clock (the clock of
 * that day, as the accounts story does), sent to the payer simulator, which took them (some with a 999) and never
 * answered further — so they wait past their payer's follow-up days. For the last a 276 was sent today through
 * the real use case and the simulator's 277 read back, so the worklist also shows a status answer on file.
 */
import type { Actor } from '../actor.ts';
import { sendStatusInquiries } from '../follow-up/send-status-inquiries.ts';
import { answerNow, billDemoVisits, demoDayBack, runDemoCycle, type DemoSetting } from './demo-cycle.ts';
import { DEMO_VISITS } from './demo-visits.ts';

/** `patients`: four patients with a primary coverage. Returns the claims left waiting (the last one asked about). */
export async function seedFollowUpDemo(s: DemoSetting, patients: number[]): Promise<number[]> {
  const actor: Actor = { tenantId: s.tenantId, userId: null, username: 'system', sourceIp: null };
  const then = demoDayBack(s.services, 45, 15);
  const visits = patients.map((patientId, i) => ({ patientId, visit: DEMO_VISITS[i % 3]! }));
  const claimIds = await billDemoVisits(s, actor, then, visits);
  if (!claimIds.length) return [];
  // half sent and never acknowledged, half accepted by a 999 and never answered by a 277CA
  await runDemoCycle(
    { db: s.db, auditKey: s.auditKey, claims: then },
    actor,
    s.clearinghouseId,
    claimIds,
    { dataDir: s.dataDir, services: then },
    [
      { share: [0, 0.5], submit: true, deliver: [] },
      { share: [0.5, 1], submit: true, deliver: ['999'] },
    ],
  );
  // today: a 276 for the last (accepted, waiting for its 835), answered by the simulator's 277 and read like any
  // inbound file; the others are still never asked
  const deps = { db: s.db, auditKey: s.auditKey, claims: s.services };
  await sendStatusInquiries(deps, actor, { claimIds: [claimIds.at(-1)!], waitSeconds: 0 });
  await answerNow(s, actor, ['277']);
  return claimIds;
}
