/**
 * The demo's claim cycle through the demo clearinghouse's folders, with the payer simulator answering on the
 * payer's side of the same folders: what we send is its inbound, what it answers is our inbound.
 */
import path from 'node:path';
import type { Actor } from '../actor.ts';
import { FolderAdapter } from '../clearinghouse/folder-adapter.ts';
import { findClearinghouse } from '../clearinghouse/find-clearinghouse.ts';
import { buildClaimBatches } from '../claims/build-claim-batches.ts';
import type { ClaimServices } from '../claims/claim-services.ts';
import { processInbound } from '../claims/inbound/intake.ts';
import { sendBatches } from '../claims/send-batches.ts';
import { withTenant, type Db } from '../db/open-database.ts';
import type { ClaimsDeps } from '../deps.ts';
import { demoResponder } from '../payer-sim/demo-payer.ts';
import type { ResponderOptions, ResponseFile } from '../payer-sim/payer-sim-responder.ts';

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
  const { ours, payerSide, respond } = await payerSideOf(db, tenantId, clearinghouseId, opts.services, opts.payer);
  try {
    for (const stage of stages) {
      if (!stage.claims.length) continue;
      const { batches } = await buildClaimBatches(deps, actor, { clearinghouseId, claimIds: stage.claims });
      if (!stage.submit) continue;
      await sendBatches(deps, actor, ours, {
        clearinghouseId,
        batchIds: batches.map((b) => b.batchId),
        now: opts.services.now(),
      });
      await answerAsPayer(payerSide, respond, stage.deliver);
      await processInbound(deps, actor, ours, { clearinghouseId });
    }
  } finally {
    await ours.close();
    await payerSide.close();
  }
}
