/**
 * A void (frequency 8) started from the denial worklist, end to end: a claim billed to Acme for a visit after the
 * patient's Acme plan ended is denied by the payer simulator (CARC 27, coverage terminated) and its 835 posted; the
 * denial is on the worklist under eligibility. The analyst voids the claim from the worklist (the route); the void
 * claim replaces the denied one, is scrubbed and batched like any claim — its 837 says CLM05-3 8 with the payer's
 * claim number in REF*F8 — and the simulator takes it back (CLP02 22); posted, the denied claim is reversed.
 *
 * The void request says what becomes of the balance once the payer's reversal is posted (no default): `rebill` moves
 * what the payer owed to the patient's other coverage active on the date of service (a new claim, scrubbed like any)
 * or, with none, to the patient; `write_off` adjusts it off as billed in error with the reason. Applied in the same
 * transaction as the reversal; the void claim ends `rebilled` or `written_off`; the same 835 again changes nothing.
 * A claim the payer had paid in part (payment, contractual, copay and coinsurance to the patient) is voided from the
 * claim page both ways, and after its reversal the payer owes nothing either.
 */
import { emptyAccumulators, simulatePayer, type Accumulators } from '@medbill/core';
import { parseX12File, validateFile } from '@medbill/x12';
import type { ClaimFile837 } from '@medbill/x12/837';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditKeyForTests, createTenantFixture, login, testDeps, type TenantFixture } from '../../test/fixtures.ts';
import { openTestStore } from '../../test/test-store.ts';
import type { Actor } from '../actor.ts';
import { buildBatches } from '../claims/build-batches.ts';
import { scrubClaims } from '../claims/scrub-claims.ts';
import { withTenant, type Store } from '../db/open-database.ts';
import { buildApp } from '../http/app.ts';
import { ledgerEntries, ledgerTotals } from '../ledger/read-ledger.ts';
import { demoPayerContracts } from '../payer-sim/demo-contracts.ts';
import { postRemittance } from '../remittance/post-remittance.ts';
import type { DenialDeps } from './denial-deps.ts';
import { listDenials } from './list-denials.ts';

let store: Store;
let t: TenantFixture;
let app: Awaited<ReturnType<typeof buildApp>>;
let deps: DenialDeps;
let actor: Actor;
let analyst = '';
const auditKey = auditKeyForTests();
const system = { userId: null, username: 'test' };
// Acme's roster: the member's plan ended on October 31, before the November 2 visit
const contracts = demoPayerContracts();
contracts.DEMOACME = {
  ...contracts.DEMOACME!,
  members: [{ memberId: 'MEM12345', coverageStart: '20250101', coverageEnd: '20261031' }],
};

beforeAll(async () => {
  store = await openTestStore();
  t = await createTenantFixture(store, 'voidden');
  app = await buildApp(testDeps(store, { auditKey }));
  deps = { db: store.db, auditKey, claims: { today: () => '2026-11-20', now: () => new Date('2026-11-20T12:00:00Z') } };
  actor = {
    tenantId: t.tenantId,
    userId: t.users.claims_analyst.id,
    username: t.users.claims_analyst.username,
    sourceIp: null,
  };
  analyst = await login(app, t.users.claims_analyst.username);
  await withTenant(store.db, t.tenantId, async (tx) => {
    await tx
      .updateTable('payer')
      .set({ name: 'Acme Health', payer_code: 'DEMOACME' })
      .where('id', '=', t.payerId)
      .execute();
    await tx.updateTable('claim').set({ state: 'ready' }).where('id', '=', t.claimId).execute();
    await tx.updateTable('practice').set({ service_zip: '787012345' }).where('id', '=', t.practiceId).execute();
    await tx.updateTable('coverage').set({ group_number: 'GRP1' }).where('id', '=', t.coverageId).execute();
    for (const kind of ['interchange', 'group'])
      await tx
        .insertInto('control_number')
        .values({ tenant_id: t.tenantId, clearinghouse_id: t.clearinghouseId, kind, last_value: 10 })
        .execute();
  });
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

const tx = <T>(work: Parameters<typeof withTenant<T>>[2]) => withTenant(store.db, t.tenantId, work);
const claimRow = (id: number) =>
  tx((x) =>
    x
      .selectFrom('claim')
      .select(['state', 'frequency_code', 'replaces_claim_id', 'payer_claim_number', 'claim_number'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
  );

let n = 100;
async function sendAndAnswer(claimId: number, acc: Accumulators, day: string) {
  const [b] = await tx((x) =>
    buildBatches(x, t.tenantId, {
      clearinghouseId: t.clearinghouseId,
      claimIds: [claimId],
      now: new Date(`${day}T12:00:00Z`),
      actor: system,
    }),
  );
  expect(b).toBeDefined();
  const { content } = await tx((x) =>
    x.selectFrom('edi_file').select('content').where('id', '=', b!.fileId).executeTakeFirstOrThrow(),
  );
  await tx((x) => x.updateTable('claim').set({ state: 'submitted' }).where('id', '=', claimId).execute());
  const answer = simulatePayer(content, {
    contracts,
    rejectRate: 0,
    seed: day,
    now: new Date(`${day}T15:00:00Z`),
    payerName: 'SIM',
    controlNumbers: { next: () => ++n },
    accumulators: acc,
  });
  expect(answer.claims.map((c) => c.accepted)).toEqual([true]);
  return { text837: content, answer };
}

describe('a void claim from the denial worklist', () => {
  it('is made from the denial, scrubbed, batched and sent as frequency 8, and the payer takes the claim back', async () => {
    const first = await sendAndAnswer(t.claimId, emptyAccumulators(), '2026-11-10');
    const icn = first.answer.claims[0]!.icn!;
    expect(first.answer.claims[0]!.adjudication).toMatchObject({
      status: 'denied',
      claimStatusCode: '4',
      paidCents: 0,
    });
    const posted = await postRemittance(
      store.db,
      t.tenantId,
      { fileName: 'denied.835', text: first.answer.remittances[0]!.text835 },
      { actor: system, audit: { key: auditKey, sourceIp: null } },
    );
    expect(posted).toMatchObject({ status: 'posted', denials: 1 });
    expect(await claimRow(t.claimId)).toMatchObject({ state: 'denied', payer_claim_number: icn });

    // on the worklist under eligibility, the whole $150.00 still the payer's
    const denial = (await listDenials(deps, actor)).items.find((d) => d.claimId === t.claimId)!;
    expect(denial).toMatchObject({ status: 'open', reason: '27', cause: 'eligibility', amountCents: 15000 });

    // a void must say what becomes of the balance: refused without the choice, nothing made
    const bare = await app.inject({
      method: 'POST',
      url: `/api/denials/${denial.id}/replacement-claim`,
      headers: { cookie: analyst },
      payload: { kind: 'void', reason: 'the Acme plan ended in October; billed to the wrong payer' },
    });
    expect(bare.statusCode, bare.body).toBe(400);
    expect(bare.json().issues).toEqual([
      expect.objectContaining({
        location: { field: 'disposition' },
        message: expect.stringMatching(/^Disposition is required for a void: rebill or write_off/),
      }),
    ]);
    expect((await listDenials(deps, actor)).items.some((d) => d.id === denial.id)).toBe(true);

    // the analyst voids the claim from the worklist: once the payer takes it back, rebill the balance
    const res = await app.inject({
      method: 'POST',
      url: `/api/denials/${denial.id}/replacement-claim`,
      headers: { cookie: analyst },
      payload: {
        kind: 'void',
        reason: 'the Acme plan ended in October; billed to the wrong payer',
        disposition: 'rebill',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out).toMatchObject({
      denialId: denial.id,
      status: 'voided',
      message: expect.stringMatching(/^Void claim \S+ made for \S+$/),
    });
    expect(await claimRow(out.claimId)).toMatchObject({
      state: 'draft',
      frequency_code: '8',
      replaces_claim_id: t.claimId,
      claim_number: out.claimNumber,
    });
    const voidPage = await app.inject({
      method: 'GET',
      url: `/api/claims/${out.claimId}`,
      headers: { cookie: analyst },
    });
    expect(voidPage.json()).toMatchObject({
      voidDisposition: 'rebill',
      voidReason: 'denial: the Acme plan ended in October; billed to the wrong payer',
    });
    // the denial leaves the open worklist, its note says what was done
    expect((await listDenials(deps, actor)).items.some((d) => d.id === denial.id)).toBe(false);
    const again = await app.inject({
      method: 'POST',
      url: `/api/denials/${denial.id}/replacement-claim`,
      headers: { cookie: analyst },
      payload: { kind: 'void', reason: 'again', disposition: 'rebill' },
    });
    expect(again.statusCode).toBe(409);

    // scrubbed and batched like any claim: the 837 says void (CLM05-3 8) and names the payer's claim (REF*F8)
    const [scrubbed] = await tx((x) =>
      scrubClaims(
        x,
        t.tenantId,
        [out.claimId],
        {
          today: () => '2026-11-20',
          coding: testDeps(store).claims.coding,
          payerRules: testDeps(store).claims.payerRules,
        },
        system,
      ),
    );
    expect(scrubbed!.edits.filter((e) => e.severity === 'error')).toEqual([]);
    const voided = await sendAndAnswer(out.claimId, first.answer.accumulators, '2026-11-21');
    expect(validateFile(voided.text837).issues.filter((i) => i.severity === 'error')).toEqual([]);
    const file = parseX12File(voided.text837).transactions[0]!.value as ClaimFile837;
    const claim = file.billingProviders[0]!.subscribers[0]!.claims[0]!;
    expect([claim.frequency, claim.originalReference]).toEqual(['8', icn]);

    // registration has meanwhile entered the patient's other plan, active on the date of service
    const beta = await tx(async (x) => {
      const payer = await x
        .insertInto('payer')
        .values({
          tenant_id: t.tenantId,
          name: 'Beta Health',
          payer_code: 'DEMOBLUE',
          claim_filing_indicator: 'CI',
          timely_filing_days: 180,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const cov = await x
        .insertInto('coverage')
        .values({
          tenant_id: t.tenantId,
          patient_id: t.patientId,
          payer_id: payer.id,
          coverage_order: 2,
          member_id: 'BETA778899',
          relationship_code: '18',
          subscriber_first_name: 'Quinn',
          subscriber_last_name: 'Samplevoidden',
          effective_date: '2026-01-01',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { payerId: payer.id, coverageId: cov.id };
    });

    // the payer takes the denied claim back (CLP02 22, nothing paid); posted, the original claim is reversed
    expect(voided.answer.claims[0]).toMatchObject({ accepted: true, reversedIcn: icn });
    const back = await postRemittance(
      store.db,
      t.tenantId,
      { fileName: 'void.835', text: voided.answer.remittances[0]!.text835 },
      { actor: system, audit: { key: auditKey, sourceIp: null } },
    );
    expect(back.status).toBe('posted');
    expect(back).toMatchObject({ claimsPosted: 1, claimsMoved: 1, denials: 0, unmatched: 0 });
    expect((await claimRow(t.claimId)).state).toBe('reversed');
    // nothing was ever paid and nothing is paid back: the visit's $150.00 charge is still on the ledger
    expect(await tx((x) => ledgerTotals(x, t.tenantId, { claimId: t.claimId }))).toMatchObject({
      charges: 15000,
      insurancePayments: 0,
    });

    // the rebill in the same transaction: Acme owes nothing, Beta's claim owes the $150.00, the void is done
    const totals = () => tx((x) => ledgerTotals(x, t.tenantId, { patientId: t.patientId }));
    const after = await totals();
    expect(after).toMatchObject({ charges: 15000, balance: 15000, insuranceBalance: 15000, patientBalance: 0 });
    expect(after.byPayer[t.payerId] ?? 0).toBe(0);
    expect(after.byPayer[beta.payerId]).toBe(15000);
    expect((await claimRow(out.claimId)).state).toBe('rebilled');
    const rebills = await tx((x) =>
      x
        .selectFrom('claim')
        .select(['id', 'claim_number', 'state', 'frequency_code', 'payer_id'])
        .where('coverage_id', '=', beta.coverageId)
        .execute(),
    );
    expect(rebills).toEqual([expect.objectContaining({ state: 'draft', frequency_code: '1', payer_id: beta.payerId })]);
    const moved = (await tx((x) => ledgerEntries(x, t.tenantId, { patientId: t.patientId }))).filter(
      (e) => e.postingKind === 'transfer' && e.reason === 'void',
    );
    expect(moved.map((e) => [e.party, e.line?.claimId, e.amount])).toEqual([
      [{ kind: 'payer', payerId: t.payerId }, t.claimId, -15000],
      [{ kind: 'payer', payerId: beta.payerId }, rebills[0]!.id, 15000],
    ]);
    expect(moved[0]!.memo).toBe(
      `void ${out.claimNumber} of claim ${(await claimRow(t.claimId)).claim_number}: rebilled to claim ${rebills[0]!.claim_number} to Beta Health`,
    );
    // the claim page shows it: the void's history says where the balance went
    const page = (
      await app.inject({ method: 'GET', url: `/api/claims/${out.claimId}`, headers: { cookie: analyst } })
    ).json();
    expect(page.state).toBe('rebilled');
    expect(page.events.at(-1)).toMatchObject({
      fromState: 'submitted',
      toState: 'rebilled',
      cause: 'remittance',
      reason: expect.stringContaining(`$150.00 the payer no longer owes rebilled to claim ${rebills[0]!.claim_number}`),
    });

    // the same 835 again posts nothing: no second rebill, no second claim
    const twice = await postRemittance(
      store.db,
      t.tenantId,
      { fileName: 'void-again.835', text: voided.answer.remittances[0]!.text835 },
      { actor: system, audit: { key: auditKey, sourceIp: null } },
    );
    expect(twice.status).toBe('duplicate');
    expect(await totals()).toEqual(after);
    expect(
      await tx((x) => x.selectFrom('claim').select('id').where('coverage_id', '=', beta.coverageId).execute()),
    ).toHaveLength(1);

    // the rebilled claim is scrubbed like any claim
    const [rescrubbed] = await tx((x) =>
      scrubClaims(
        x,
        t.tenantId,
        [rebills[0]!.id],
        {
          today: () => '2026-11-25',
          coding: testDeps(store).claims.coding,
          payerRules: testDeps(store).claims.payerRules,
        },
        system,
      ),
    );
    expect(rescrubbed).toMatchObject({ claimId: rebills[0]!.id });
  });
});

const claimNumberOf = (run: <T>(work: Parameters<typeof withTenant<T>>[2]) => Promise<T>, id: number) =>
  run((x) => x.selectFrom('claim').select('claim_number').where('id', '=', id).executeTakeFirstOrThrow());

/** An office whose Acme member is covered on the date of service and has met the deductible: Acme pays in part. */
async function paidInPartOffice(label: string) {
  const o = await createTenantFixture(store, label);
  const run = <T>(work: Parameters<typeof withTenant<T>>[2]) => withTenant(store.db, o.tenantId, work);
  await run(async (x) => {
    await x
      .updateTable('payer')
      .set({ name: 'Acme Health', payer_code: 'DEMOACME' })
      .where('id', '=', o.payerId)
      .execute();
    await x.updateTable('claim').set({ state: 'ready' }).where('id', '=', o.claimId).execute();
    await x.updateTable('practice').set({ service_zip: '787012345' }).where('id', '=', o.practiceId).execute();
    await x.updateTable('coverage').set({ group_number: 'GRP1' }).where('id', '=', o.coverageId).execute();
    for (const kind of ['interchange', 'group'])
      await x
        .insertInto('control_number')
        .values({ tenant_id: o.tenantId, clearinghouse_id: o.clearinghouseId, kind, last_value: 10 })
        .execute();
  });
  const paying = demoPayerContracts();
  paying.DEMOACME = { ...paying.DEMOACME!, deductibleCents: 0 };
  /** builds the claim's batch; the payer answers it (leaveBatched: before we mark it sent, as when the payer acts first) */
  const send = async (claimId: number, acc: Accumulators, day: string, leaveBatched = false) => {
    const [b] = await run((x) =>
      buildBatches(x, o.tenantId, {
        clearinghouseId: o.clearinghouseId,
        claimIds: [claimId],
        now: new Date(`${day}T12:00:00Z`),
        actor: system,
      }),
    );
    const { content } = await run((x) =>
      x.selectFrom('edi_file').select('content').where('id', '=', b!.fileId).executeTakeFirstOrThrow(),
    );
    if (!leaveBatched)
      await run((x) => x.updateTable('claim').set({ state: 'submitted' }).where('id', '=', claimId).execute());
    return simulatePayer(content, {
      contracts: paying,
      rejectRate: 0,
      seed: day,
      now: new Date(`${day}T15:00:00Z`),
      payerName: 'SIM',
      controlNumbers: { next: () => ++n },
      accumulators: acc,
    });
  };
  const post = (fileName: string, text: string) =>
    postRemittance(
      store.db,
      o.tenantId,
      { fileName, text },
      { actor: system, audit: { key: auditKey, sourceIp: null } },
    );
  const totals = () => run((x) => ledgerTotals(x, o.tenantId, { patientId: o.patientId }));
  const state = async (id: number) =>
    (await run((x) => x.selectFrom('claim').select('state').where('id', '=', id).executeTakeFirstOrThrow())).state;
  return { o, run, send, post, totals, state };
}

describe('a void of a claim the payer paid in part, from the claim page', () => {
  for (const disposition of ['write_off', 'rebill'] as const)
    it(`${disposition === 'write_off' ? 'writes the balance off as billed in error' : 'rebills the balance to the patient (no other coverage)'} once the payer's reversal is posted: the payer owes nothing`, async () => {
      const { o, run, send, post, totals, state } = await paidInPartOffice(
        disposition === 'write_off' ? 'voidwo' : 'voidpt',
      );
      const cookie = await login(app, o.users.claims_analyst.username);
      // Acme pays in part: $150.00 billed, $95.00 allowed (CO-45 $55.00), $25.00 copay to the patient, $70.00 paid
      const first = await send(o.claimId, emptyAccumulators(), '2026-11-10');
      const adj = first.claims[0]!.adjudication!;
      expect(adj).toMatchObject({ claimStatusCode: '1', allowedCents: 9500, paidCents: 7000 });
      expect((await post('paid.835', first.remittances[0]!.text835)).status).toBe('posted');
      expect(await totals()).toMatchObject({
        charges: 15000,
        insurancePayments: 7000,
        patientResponsibility: 2500,
        balance: 2500,
        patientBalance: 2500,
      });
      expect((await totals()).byPayer[o.payerId] ?? 0).toBe(0);

      // the claim page's void: the choice is required, a write-off needs the write-off permission
      const url = `/api/claims/${o.claimId}/replacement`;
      const bare = await app.inject({
        method: 'POST',
        url,
        headers: { cookie },
        payload: { kind: 'void', reason: 'x' },
      });
      expect(bare.statusCode, bare.body).toBe(400);
      expect(bare.json().issues[0].location).toEqual({ field: 'disposition' });
      const biller = await login(app, o.users.biller.username);
      const notAllowed = await app.inject({
        method: 'POST',
        url,
        headers: { cookie: biller },
        payload: { kind: 'void', reason: 'billed under the wrong patient', disposition: 'write_off' },
      });
      expect(notAllowed.statusCode, notAllowed.body).toBe(403);
      const made = await app.inject({
        method: 'POST',
        url,
        headers: { cookie },
        payload: { kind: 'void', reason: 'billed under the wrong patient', disposition },
      });
      expect(made.statusCode, made.body).toBe(201);
      const voidId: number = made.json().claimId;
      const [scrubbed] = await run((x) =>
        scrubClaims(
          x,
          o.tenantId,
          [voidId],
          {
            today: () => '2026-11-20',
            coding: testDeps(store).claims.coding,
            payerRules: testDeps(store).claims.payerRules,
          },
          system,
        ),
      );
      expect(scrubbed!.edits.filter((e) => e.severity === 'error')).toEqual([]);

      // sent; the payer takes back its $70.00 (CLP02 22 with the original's figures negated)
      const back = await send(voidId, first.accumulators, '2026-11-21');
      expect(back.claims[0]).toMatchObject({ accepted: true, reversedIcn: first.claims[0]!.icn });
      const posted = await post('void.835', back.remittances[0]!.text835);
      expect(posted).toMatchObject({ status: 'posted', claimsPosted: 1 });
      expect(await state(o.claimId)).toBe('reversed');
      // the posting says what became of the void, and so does the ERA's posting view
      const settled = disposition === 'write_off' ? 'written_off' : 'rebilled';
      const voidNumber = (await claimNumberOf(run, voidId)).claim_number;
      const origNumber = (await claimNumberOf(run, o.claimId)).claim_number;
      expect(posted.voidsSettled).toEqual([
        {
          voidClaimId: voidId,
          voidClaimNumber: voidNumber,
          originalClaimId: o.claimId,
          originalClaimNumber: origNumber,
          state: settled,
          amountCents: 15000,
          rebillClaimId: null,
          message: `void ${voidNumber} of claim ${origNumber} done: $150.00 the payer no longer owes ${
            disposition === 'write_off'
              ? 'written off as billed in error: billed under the wrong patient'
              : 'rebilled to the patient'
          }`,
        },
      ]);
      expect(posted.message).toContain(posted.voidsSettled[0]!.message);
      const era = await app.inject({
        method: 'GET',
        url: `/api/remittances/${posted.remittances[0]!.remittanceId}`,
        headers: { cookie },
      });
      expect(era.statusCode, era.body).toBe(200);
      expect(era.json().voidsSettled).toEqual([
        {
          voidClaimId: voidId,
          voidClaimNumber: voidNumber,
          originalClaimId: o.claimId,
          originalClaimNumber: origNumber,
          state: settled,
          description: expect.stringMatching(
            new RegExp(`the payer took claim ${origNumber} back; \\$150\\.00 the payer no longer owes`),
          ),
        },
      ]);
      const after = await totals();
      // the payer owes nothing; the payment is gone; the whole $150.00 went where the void said
      expect(after.byPayer[o.payerId] ?? 0).toBe(0);
      expect(after).toMatchObject({ charges: 15000, insurancePayments: 0, insuranceBalance: 0 });
      if (disposition === 'write_off') {
        expect(await state(voidId)).toBe('written_off');
        expect(after).toMatchObject({ writeOffs: 15000, balance: 0, patientBalance: 0, patientResponsibility: 0 });
        const offs = (await run((x) => ledgerEntries(x, o.tenantId, { patientId: o.patientId }))).filter(
          (e) => e.postingKind === 'write_off',
        );
        expect(offs.map((e) => [e.account, e.reason, e.amount, e.party])).toEqual([
          ['ar', 'billed in error (void)', -15000, { kind: 'payer', payerId: o.payerId }],
          ['write_offs', 'billed in error (void)', 15000, undefined],
        ]);
        expect(offs[0]!.memo).toMatch(/written off as billed in error: billed under the wrong patient$/);
        // the original claim's payment history shows the write-off and nothing owed
        const ledger = (
          await app.inject({ method: 'GET', url: `/api/claims/${o.claimId}/ledger`, headers: { cookie } })
        ).json();
        expect(ledger.totals).toMatchObject({ writeOffs: 15000, balance: 0, insuranceBalance: 0 });
        expect(ledger.entries).toContainEqual(
          expect.objectContaining({
            account: 'ar',
            postingKind: 'write_off',
            reason: 'billed in error (void)',
            amountCents: -15000,
          }),
        );
      } else {
        expect(await state(voidId)).toBe('rebilled');
        expect(after).toMatchObject({ balance: 15000, patientBalance: 15000 });
        expect(
          await run((x) => x.selectFrom('claim').select('id').where('encounter_id', '=', o.encounterId).execute()),
        ).toHaveLength(2);
      }
      // the same 835 again: already posted, nothing moves
      expect((await post('void-again.835', back.remittances[0]!.text835)).status).toBe('duplicate');
      expect(await totals()).toEqual(after);
    });
});

describe('a void still in its batch when the payer takes the claim back', () => {
  it("is settled by the payer's reversal all the same: the payer owes nothing and the ERA says so", async () => {
    const { o, run, send, post, totals, state } = await paidInPartOffice('voidbat');
    const cookie = await login(app, o.users.claims_analyst.username);
    const first = await send(o.claimId, emptyAccumulators(), '2026-11-10');
    expect((await post('paid.835', first.remittances[0]!.text835)).status).toBe('posted');
    const made = await app.inject({
      method: 'POST',
      url: `/api/claims/${o.claimId}/replacement`,
      headers: { cookie },
      payload: { kind: 'void', reason: 'billed under the wrong patient', disposition: 'write_off' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const voidId: number = made.json().claimId;
    await run((x) =>
      scrubClaims(
        x,
        o.tenantId,
        [voidId],
        {
          today: () => '2026-11-20',
          coding: testDeps(store).claims.coding,
          payerRules: testDeps(store).claims.payerRules,
        },
        system,
      ),
    );
    // the void is in a built batch, not yet sent, when the payer's reversal of the claim is posted
    const back = await send(voidId, first.accumulators, '2026-11-21', true);
    expect(await state(voidId)).toBe('batched');
    const posted = await post('void.835', back.remittances[0]!.text835);
    expect(posted).toMatchObject({ status: 'posted', claimsPosted: 1 });
    expect(await state(o.claimId)).toBe('reversed');
    expect(await state(voidId)).toBe('written_off');
    expect(posted.voidsSettled.map((v) => [v.voidClaimId, v.state, v.amountCents])).toEqual([
      [voidId, 'written_off', 15000],
    ]);
    const after = await totals();
    expect(after.byPayer[o.payerId] ?? 0).toBe(0);
    expect(after).toMatchObject({ charges: 15000, insurancePayments: 0, writeOffs: 15000, balance: 0 });
    const events = await run((x) =>
      x
        .selectFrom('claim_event')
        .select(['from_state', 'to_state', 'cause'])
        .where('claim_id', '=', voidId)
        .orderBy('id')
        .execute(),
    );
    expect(events.at(-1)).toEqual({ from_state: 'batched', to_state: 'written_off', cause: 'remittance' });
    // the same 835 again: already posted, nothing moves
    expect((await post('void-again.835', back.remittances[0]!.text835)).status).toBe('duplicate');
    expect(await totals()).toEqual(after);
  });
});

describe("a payer's reversal of a payment we never posted", () => {
  it('is not posted: the ledger is unchanged, the void waits, and the reversal is on the unmatched worklist saying why', async () => {
    const { o, run, send, post, totals, state } = await paidInPartOffice('voidnever');
    const cookie = await login(app, o.users.claims_analyst.username);
    // Acme pays $70.00 of $150.00 (CO-45 $55.00, copay $25.00), but its 835 never reaches us
    const first = await send(o.claimId, emptyAccumulators(), '2026-11-10');
    expect(first.claims[0]!.adjudication).toMatchObject({ claimStatusCode: '1', paidCents: 7000 });
    // the 277CA accepted it and named the payer's claim number
    await run((x) =>
      x
        .updateTable('claim')
        .set({ state: 'accepted', payer_claim_number: first.claims[0]!.icn! })
        .where('id', '=', o.claimId)
        .execute(),
    );
    const before = await totals();
    expect(before).toMatchObject({ charges: 15000, insurancePayments: 0, balance: 15000, insuranceBalance: 15000 });
    const made = await app.inject({
      method: 'POST',
      url: `/api/claims/${o.claimId}/replacement`,
      headers: { cookie },
      payload: { kind: 'void', reason: 'billed under the wrong patient', disposition: 'write_off' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const voidId: number = made.json().claimId;
    await run((x) =>
      scrubClaims(
        x,
        o.tenantId,
        [voidId],
        {
          today: () => '2026-11-20',
          coding: testDeps(store).claims.coding,
          payerRules: testDeps(store).claims.payerRules,
        },
        system,
      ),
    );
    // the payer takes back its $70.00 paid, $55.00 CO-45 and $25.00 copay: none of it was ever posted here
    const back = await send(voidId, first.accumulators, '2026-11-21');
    expect(back.claims[0]).toMatchObject({ accepted: true, reversedIcn: first.claims[0]!.icn });
    const posted = await post('void.835', back.remittances[0]!.text835);
    expect(posted.voidsSettled).toEqual([]);
    const origNumber = (await claimNumberOf(run, o.claimId)).claim_number;
    // the claim's lines are as before: no payment taken back, no adjustment, nothing written off, the payer owes $150.00
    const after = await totals();
    expect(after).toMatchObject({
      charges: 15000,
      insurancePayments: 0,
      writeOffs: 0,
      patientResponsibility: 0,
      balance: 15000,
      insuranceBalance: 15000,
      patientBalance: 0,
    });
    expect(after.byPayer[o.payerId]).toBe(15000);
    expect(await state(o.claimId)).toBe('accepted');
    expect(await state(voidId)).toBe('submitted');
    const entries = await run((x) => ledgerEntries(x, o.tenantId, { patientId: o.patientId }));
    expect(entries.filter((e) => e.postingKind === 'claim_reversal' || e.postingKind === 'write_off')).toEqual([]);
    // the reversal's -$70.00 waits on the unmatched worklist with the reason in words
    const items = await run((x) =>
      x
        .selectFrom('remittance_unmatched')
        .select(['kind', 'amount_cents', 'description'])
        .where('tenant_id', '=', o.tenantId)
        .execute(),
    );
    expect(items).toEqual([
      {
        kind: 'claim',
        amount_cents: -7000,
        description: expect.stringContaining(
          `reverses a payment of $70.00 that was never posted for claim ${origNumber}`,
        ),
      },
    ]);
  });
});
