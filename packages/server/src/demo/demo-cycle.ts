/**
 * The demo's claim cycle through the demo clearinghouse's folders, with the payer simulator answering on the
 * payer's side of the same folders: what we send is its inbound, what it answers is our inbound. The seeding of a
 * worklist's story bills a few visits on a day of the demo's past (`billDemoVisits`) and sends them there to be
 * answered (`runDemoCycle`), or has the payer answer what was sent today (`answerNow`).
 */
import path from 'node:path';
import type { Actor } from '../actor.ts';
import { FolderAdapter } from '../clearinghouse/folder-adapter.ts';
import { findClearinghouse } from '../clearinghouse/find-clearinghouse.ts';
import { buildClaimBatches } from '../claims/build-claim-batches.ts';
import type { ClaimServices } from '../claims/claim-services.ts';
import { processInbound } from '../claims/inbound/intake.ts';
import { sendBatches } from '../claims/send-batches.ts';
import { createClaimForEncounter } from '../claims/create-claims.ts';
import { scrubClaims } from '../claims/scrub-claims.ts';
import { createEncounter } from '../coding/create-encounter.ts';
import { withTenant, type Db, type Tx } from '../db/open-database.ts';
import type { ClaimsDeps } from '../deps.ts';
import { demoResponder } from '../payer-sim/demo-payer.ts';
import type { ResponderOptions, ResponseFile } from '../payer-sim/payer-sim-responder.ts';
import type { DemoVisit } from './demo-visits.ts';

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** What a worklist story's seeding works with: the demo tenant, its clearinghouse and data folder, the demo's clock. */
export interface DemoSetting {
  db: Db;
  auditKey: Buffer;
  tenantId: number;
  clearinghouseId: number;
  dataDir: string;
  services: ClaimServices;
}

export interface Stage {
  /** the part of the ready claims (by id) this stage sends, as fractions */
  share: [number, number];
  submit: boolean;
  deliver: Array<ResponseFile['kind']>;
}

/** The first tenth stays ready; the rest stop at different points of the cycle. */
export const CYCLE: Stage[] = [
  { share: [0.1, 0.2], submit: false, deliver: [] }, // batched
  { share: [0.2, 0.3], submit: true, deliver: [] }, // submitted
  { share: [0.3, 0.45], submit: true, deliver: ['999'] }, // accepted
  { share: [0.45, 0.65], submit: true, deliver: ['999', '277CA'] }, // acknowledged or rejected
  { share: [0.65, 1], submit: true, deliver: ['999', '277CA', '835'] }, // adjudicated or rejected
];

/** Every ready claim sent and answered to the end: 999, 277CA and 835. */
export const WHOLE_CYCLE: Stage[] = [{ share: [0, 1], submit: true, deliver: ['999', '277CA', '835'] }];

/** How the simulated payer answers one part of the seeding: its mistakes, its random rejections. */
export type PayerAnswers = Partial<Pick<ResponderOptions, 'slips' | 'rejectRate'>>;

/** Our adapter on the demo clearinghouse, the payer's side of its folders and the simulated payer (its clock). */
export async function payerSideOf(
  db: Db,
  tenantId: number,
  clearinghouseId: number,
  services: ClaimServices,
  answers: PayerAnswers = {},
) {
  const ch = await withTenant(db, tenantId, (tx) => findClearinghouse(tx, tenantId, clearinghouseId));
  const ours = services.adapterFor(ch);
  if (!(ours instanceof FolderAdapter)) throw new Error('the demo clearinghouse is a folder clearinghouse');
  const root = path.dirname(ours.folders.outboundDir);
  const payerSide = new FolderAdapter({
    outboundDir: ours.folders.inboundDir,
    inboundDir: ours.folders.outboundDir,
    processedDir: path.join(root, 'payer-processed'),
  });
  return { ours, payerSide, respond: demoResponder(root, services.now, answers) };
}

/** The payer reads what we sent and answers it, delivering only the kinds named. */
export async function answerAsPayer(
  payerSide: FolderAdapter,
  respond: ReturnType<typeof demoResponder>,
  deliver: Array<ResponseFile['kind']>,
): Promise<number> {
  const files = await payerSide.listInbound();
  for (const file of files) {
    const text = Buffer.from(await payerSide.download(file)).toString('utf8');
    for (const r of await respond(file.name, text))
      if (deliver.includes(r.kind)) await payerSide.upload(r.name, Buffer.from(r.text));
    await payerSide.markProcessed(file);
  }
  return files.length;
}

/** The demo's services as of `daysBack` days before its clock, at `hourUtc` (UTC): the clock of that day. */
export function demoDayBack(services: ClaimServices, daysBack: number, hourUtc: number): ClaimServices {
  const at = new Date(services.now().getTime() - daysBack * DAY);
  at.setUTCHours(hourUtc, 0, 0, 0);
  return { ...services, now: () => new Date(at), today: () => iso(at) };
}

/**
 * Office visits billed on the day `then`: each patient's visit seen two days before it by the first clinic provider
 * (a practice that is not a hospital), its claim created and scrubbed as of that day. None when there is no clinic.
 */
/** The demo's clinic providers (practices that are not a facility: no 28x taxonomy), first made first. */
export function clinicProviders(tx: Tx, tenantId: number) {
  return tx
    .selectFrom('provider as pv')
    .innerJoin('practice as pr', (j) =>
      j.onRef('pr.tenant_id', '=', 'pv.tenant_id').onRef('pr.id', '=', 'pv.practice_id'),
    )
    .select(['pv.id', 'pv.practice_id'])
    .where('pv.tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('pr.facility_taxonomy', 'is', null), eb('pr.facility_taxonomy', 'not like', '28%')]))
    .orderBy('pv.id')
    .execute();
}

export async function billDemoVisits(
  s: DemoSetting,
  actor: Actor,
  then: ClaimServices,
  visits: ReadonlyArray<{ patientId: number; visit: DemoVisit }>,
): Promise<number[]> {
  const t = s.tenantId;
  return withTenant(s.db, t, async (tx) => {
    const [provider] = await clinicProviders(tx, t);
    if (!provider) return [];
    const ids: number[] = [];
    for (const { patientId, visit } of visits) {
      const encounterId = await createEncounter(tx, t, {
        patientId,
        practiceId: provider.practice_id,
        renderingProviderId: provider.id,
        placeOfService: '11',
        serviceDateFrom: iso(new Date(then.now().getTime() - 2 * DAY)),
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
}

type PayerSide = Awaited<ReturnType<typeof payerSideOf>>;

/** The payer answers what we sent (delivering only the kinds named) and we read its answers like any inbound file. */
async function answerAndRead(
  deps: ClaimsDeps,
  actor: Actor,
  clearinghouseId: number,
  side: PayerSide,
  deliver: Array<ResponseFile['kind']>,
): Promise<void> {
  await answerAsPayer(side.payerSide, side.respond, deliver);
  await processInbound(deps, actor, side.ours, { clearinghouseId });
}

/** Our side and the payer's side of the demo clearinghouse, open for `work` and closed after it. */
async function withPayerSide<T>(
  deps: ClaimsDeps,
  actor: Actor,
  clearinghouseId: number,
  services: ClaimServices,
  answers: PayerAnswers | undefined,
  work: (side: PayerSide) => Promise<T>,
): Promise<T> {
  const side = await payerSideOf(deps.db, actor.tenantId, clearinghouseId, services, answers);
  try {
    return await work(side);
  } finally {
    await side.ours.close();
    await side.payerSide.close();
  }
}

/** What was sent outside a cycle (a 276 today, say) answered by the payer now, the kinds named, and read back. */
export function answerNow(
  s: DemoSetting,
  actor: Actor,
  deliver: Array<ResponseFile['kind']>,
  payer?: PayerAnswers,
): Promise<void> {
  const deps = { db: s.db, auditKey: s.auditKey, claims: s.services };
  return withPayerSide(deps, actor, s.clearinghouseId, s.services, payer, (side) =>
    answerAndRead(deps, actor, s.clearinghouseId, side, deliver),
  );
}

/** Ready claims split into groups that stop at different points of the cycle. */
export async function runDemoCycle(
  deps: ClaimsDeps,
  actor: Actor,
  clearinghouseId: number,
  claimIds: number[],
  opts: { dataDir: string; services: ClaimServices; payer?: PayerAnswers },
  plan: Stage[] = CYCLE,
) {
  const { db } = deps;
  const tenantId = actor.tenantId;
  const ready = await withTenant(db, tenantId, (tx) =>
    tx
      .selectFrom('claim')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('state', '=', 'ready')
      .where('id', 'in', claimIds.length ? claimIds : [-1])
      .orderBy('id')
      .execute(),
  );
  const ids = ready.map((r) => r.id);
  const cut = (a: number, b: number) => ids.slice(Math.floor(ids.length * a), Math.floor(ids.length * b));
  const stages = plan.map((p) => ({ ...p, claims: cut(p.share[0], p.share[1]) }));
  await withPayerSide(deps, actor, clearinghouseId, opts.services, opts.payer, async (side) => {
    for (const stage of stages) {
      if (!stage.claims.length) continue;
      const { batches } = await buildClaimBatches(deps, actor, { clearinghouseId, claimIds: stage.claims });
      if (!stage.submit) continue;
      await sendBatches(deps, actor, side.ours, {
        clearinghouseId,
        batchIds: batches.map((b) => b.batchId),
        now: opts.services.now(),
      });
      await answerAndRead(deps, actor, clearinghouseId, side, stage.deliver);
    }
  });
}
