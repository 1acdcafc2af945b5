/**
 * Missing payments through the API: claims sent to the payer simulator (through a folder clearinghouse) whose
 * answers we never picked up, and one the payer never received, wait past their payer's follow-up days and land on
 * the follow-up worklist (days per payer, changed through the API); a status inquiry sends a 276 that passes the
 * guide, the simulator answers with a 277 from what it knows, and reading it records each claim's status (an
 * inquiry row, a claim event with its cause, the claim accepted when the payer has it) and updates the worklist.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FollowUpItem, StatusInquiry } from '@medbill/api';
import { validateFile } from '@medbill/x12';
import { parseX12File } from '@medbill/x12';
import type { ClaimStatusTransaction } from '@medbill/x12/276-277';
import { defaultClaimServices } from '../src/claims/claim-services.ts';
import { runPayerDropBox, type PayerDropBox } from '../src/clearinghouse/payer-drop-box.ts';
import { withTenant, type Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { demoPayerContracts } from '../src/payer-sim/demo-contracts.ts';
import { createPayerSimResponder } from '../src/payer-sim/payer-sim-responder.ts';
import { createTenantFixture, login, testDeps, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let t: TenantFixture;
let biller: string;
let coder: string;
let box: PayerDropBox;
let secondPayerId: number;
let chId: number;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-followup-'));
const SENT = new Date('2026-11-23T15:00:00Z');
let now = SENT;
/** while set, the payer never sees the 837s it is sent (a file lost on the way) */
let lose = false;

beforeAll(async () => {
  store = await openTestStore();
  const deps = testDeps(store);
  deps.claims = defaultClaimServices(path.join(root, 'data'), { now: () => now, coding: deps.codes.check });
  app = await buildApp(deps);
  t = await createTenantFixture(store, 'followup');
  await withTenant(store.db, t.tenantId, async (tx) => {
    await tx
      .updateTable('payer')
      .set({ payer_code: 'DEMOACME', name: 'Acme Health PPO' })
      .where('tenant_id', '=', t.tenantId)
      .where('id', '=', t.payerId)
      .execute();
    await tx.updateTable('practice').set({ service_zip: '787012345' }).where('tenant_id', '=', t.tenantId).execute();
    await tx.updateTable('coverage').set({ group_number: 'G1000' }).where('tenant_id', '=', t.tenantId).execute();
    for (const [code, cents] of [
      ['99212', 9000],
      ['99213', 13000],
      ['99214', 19000],
    ] as const)
      await tx
        .insertInto('fee_schedule_item')
        .values({ tenant_id: t.tenantId, fee_schedule_id: t.feeScheduleId, procedure_code: code, charge_cents: cents })
        .execute();
    chId = (
      await tx
        .insertInto('clearinghouse')
        .values({
          tenant_id: t.tenantId,
          name: 'Payer simulator folder',
          transport: 'folder',
          submitter_id: 'FUSUB',
          submitter_name: 'Follow-up Billing',
          receiver_id: 'DEMOCH',
          receiver_name: 'Demo CH',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    secondPayerId = (
      await tx
        .insertInto('payer')
        .values({
          tenant_id: t.tenantId,
          name: 'Blue Demo',
          payer_code: 'DEMOBLUE',
          claim_filing_indicator: 'BL',
          timely_filing_days: 90,
          followup_days: 45,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  const chRoot = path.join(root, 'data', 'clearinghouse', String(t.tenantId), `clearinghouse-${chId}`);
  for (const d of ['outbound', 'inbound', 'processed']) fs.mkdirSync(path.join(chRoot, d), { recursive: true });
  const respond = createPayerSimResponder({
    contracts: demoPayerContracts(),
    seed: 'follow-up-test',
    rejectRate: 0,
    now: () => now,
  });
  box = await runPayerDropBox({
    rootDir: chRoot,
    outboundDir: 'outbound',
    inboundDir: 'inbound',
    stateFile: path.join(root, 'drop-box.json'),
    pollMs: 50,
    onError: (e) => console.error(e),
    respond: async (name, text) => (lose && name.startsWith('837') ? [] : respond(name, text)),
  });
  biller = await login(app, t.users.biller.username);
  coder = await login(app, t.users.coder.username);
});
afterAll(async () => {
  await box?.close();
  await app?.close();
  await store?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const call = (cookie: string, method: string, url: string, payload?: unknown) =>
  app.inject({ method: method as 'GET', url, payload: payload as object, headers: { cookie } });

/** An encounter → claim → scrubbed → batched → sent, for the payer of the patient's coverage. */
async function sendClaim(procedure: string): Promise<number> {
  const enc = await call(coder, 'POST', '/api/encounters', {
    patientId: t.patientId,
    practiceId: t.practiceId,
    renderingProviderId: t.providerId,
    placeOfService: '11',
    serviceDateFrom: '2026-11-10',
    noteText: 'Follow-up visit',
    diagnoses: ['I10'],
    lines: [{ procedureCode: procedure, units: 1, diagnosisPointers: [1] }],
  });
  expect(enc.statusCode, enc.body).toBe(201);
  const claimId = (await call(biller, 'POST', `/api/encounters/${enc.json().id}/claims`, {})).json().id as number;
  const scrub = await call(biller, 'POST', '/api/claims/scrub', { claimIds: [claimId] });
  expect(scrub.json().outcomes[0].state, scrub.body).toBe('ready');
  const built = await call(biller, 'POST', '/api/batches', { clearinghouseId: chId });
  expect(built.statusCode, built.body).toBe(201);
  const sent = await call(biller, 'POST', `/api/clearinghouses/${chId}/submit`, {
    batchIds: built.json().batches.map((b: { batchId: number }) => b.batchId),
  });
  expect(sent.statusCode, sent.body).toBe(200);
  await box.pollOnce();
  return claimId;
}

const followUp = async () => {
  const res = await call(biller, 'GET', '/api/claims/follow-up');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: FollowUpItem[]; total: number };
};

describe('missing payments', () => {
  let paid: number;
  let lost: number;
  let other: number;

  it('puts claims on the follow-up worklist after their payer’s follow-up days, not before', async () => {
    paid = await sendClaim('99213');
    lose = true;
    lost = await sendClaim('99214');
    lose = false;
    // the second payer's claim: same patient, its coverage moved to the second payer
    await withTenant(store.db, t.tenantId, (tx) =>
      tx.updateTable('coverage').set({ payer_id: secondPayerId }).where('tenant_id', '=', t.tenantId).execute(),
    );
    other = await sendClaim('99212');
    expect((await followUp()).items).toEqual([]);
    now = new Date(SENT.getTime() + 31 * 86_400_000);
    const day31 = await followUp();
    expect(day31.items.map((i) => i.claimId).sort()).toEqual([paid, lost].sort());
    expect(day31.items[0]).toMatchObject({ daysWaiting: 31, followupDays: 30, waitingFor: '277CA', lastInquiry: null });
    // the second payer waits 45 days; made 20 through the API, its claim is due too
    const changed = await call(biller, 'PATCH', `/api/payers/${secondPayerId}`, { followupDays: 20 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().followupDays).toBe(20);
    expect((await call(biller, 'PATCH', `/api/payers/${secondPayerId}`, { followupDays: 0 })).statusCode).toBe(400);
    const withOther = await followUp();
    expect(withOther.items.map((i) => i.claimId).sort()).toEqual([paid, lost, other].sort());
    const onlyBlue = await call(biller, 'GET', `/api/claims/follow-up?payerId=${secondPayerId}`);
    expect(onlyBlue.json().items.map((i: { claimId: number }) => i.claimId)).toEqual([other]);
    // the Payers page sends null when the field is cleared: back to the default 30 days
    const cleared = await call(biller, 'PATCH', `/api/payers/${secondPayerId}`, { followupDays: null });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().followupDays).toBe(30);
    const reread = await call(biller, 'GET', `/api/payers/${secondPayerId}`);
    expect(reread.json().followupDays).toBe(30);
    expect((await call(biller, 'PATCH', `/api/payers/${secondPayerId}`, { followupDays: 20 })).statusCode).toBe(200);
  });

  it('sends a 276 that passes the guide, reads the simulator’s 277 and records each claim’s status', async () => {
    const res = await call(biller, 'POST', '/api/claims/status-inquiries', { claimIds: [paid, lost], waitSeconds: 20 });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result.files).toHaveLength(1);
    expect(result.skipped).toEqual([]);
    const byClaim = new Map<number, StatusInquiry>(result.inquiries.map((i: StatusInquiry) => [i.claimId, i]));
    expect(byClaim.get(paid)).toMatchObject({
      status: 'answered',
      category: 'F1',
      statusCode: '65',
      outcome: 'paid',
      chargeCents: 13000,
    });
    expect(byClaim.get(paid)!.paidCents).toBeGreaterThan(0);
    expect(byClaim.get(paid)!.remittanceTrace).toBeTruthy();
    expect(byClaim.get(paid)!.words).toContain('paid');
    expect(byClaim.get(lost)).toMatchObject({
      status: 'answered',
      category: 'A4',
      statusCode: '35',
      outcome: 'not_found',
    });
    expect(byClaim.get(lost)!.advice).toContain('send it again');

    // the 276 as stored and sent
    const file = (await call(biller, 'GET', `/api/edi-files/${result.files[0].fileId}`)).json();
    expect(validateFile(file.content).issues.filter((i) => i.severity === 'error')).toEqual([]);
    const tx276 = parseX12File(file.content).transactions[0]!.value as ClaimStatusTransaction;
    expect(tx276.roots[0]!.entity.name.id).toBe('DEMOACME');
    const claimNumbers = (await Promise.all([paid, lost].map((id) => call(biller, 'GET', `/api/claims/${id}`)))).map(
      (r) => r.json().claimNumber,
    );
    const asked = JSON.stringify(tx276);
    for (const n of claimNumbers) expect(asked).toContain(`"value":"${n}"`);

    // the paid claim: the payer has it, so it is accepted with the payer's claim number; the lost one stays
    const paidClaim = (await call(biller, 'GET', `/api/claims/${paid}`)).json();
    expect(paidClaim.state).toBe('accepted');
    expect(paidClaim.payerClaimNumber).toBeTruthy();
    const causes = paidClaim.events.map((e: { cause: string }) => e.cause);
    expect(causes.slice(-2)).toEqual(['status_inquiry', 'status_response']);
    expect(paidClaim.events.at(-1).reason).toContain('277: Finalized: paid');
    const lostClaim = (await call(biller, 'GET', `/api/claims/${lost}`)).json();
    expect(lostClaim.state).toBe('submitted');
    expect(lostClaim.events.at(-1)).toMatchObject({
      cause: 'status_response',
      fromState: 'submitted',
      toState: 'submitted',
    });

    // the worklist shows the answers; the claim page's history has them
    const list = await followUp();
    const row = list.items.find((i) => i.claimId === lost)!;
    expect(row.lastInquiry).toMatchObject({ outcome: 'not_found', status: 'answered' });
    expect(list.items.find((i) => i.claimId === paid)!.waitingFor).toBe('835');
    const history = (await call(biller, 'GET', `/api/claims/${paid}/status-inquiries`)).json();
    expect(history.inquiries).toHaveLength(1);
    expect(history.inquiries[0].outcome).toBe('paid');
  });

  it('asks about the whole worklist when no claim is named, and not twice a day about an unanswered claim', async () => {
    await box.close();
    const res = await call(biller, 'POST', '/api/claims/status-inquiries', { waitSeconds: 0 });
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res
        .json()
        .inquiries.map((i: { claimId: number }) => i.claimId)
        .sort(),
    ).toEqual([paid, lost, other].sort());
    expect(res.json().inquiries.every((i: { status: string }) => i.status === 'sent')).toBe(true);
    const again = await call(biller, 'POST', '/api/claims/status-inquiries', { claimIds: [other] });
    expect(again.json().inquiries).toEqual([]);
    expect(again.json().skipped[0]).toMatchObject({
      claimId: other,
      reason: expect.stringContaining('not been answered'),
    });
    const coderTry = await call(coder, 'POST', '/api/claims/status-inquiries', {});
    expect(coderTry.statusCode).toBe(403);
  });
});
