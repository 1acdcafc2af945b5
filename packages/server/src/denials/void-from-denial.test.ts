/**
 * A void (frequency 8) started from the denial worklist, end to end: a claim billed to Acme for a visit after the
 * patient's Acme plan ended is denied by the payer simulator (CARC 27, coverage terminated) and its 835 posted; the
 * denial is on the worklist under eligibility. The analyst voids the claim from the worklist (the route); the void
 * claim replaces the denied one, is scrubbed and batched like any claim — its 837 says CLM05-3 8 with the payer's
 * claim number in REF*F8 — and the simulator takes it back (CLP02 22); posted, the denied claim is reversed.
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
import { ledgerTotals } from '../ledger/read-ledger.ts';
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

    // the analyst voids the claim from the worklist
    const res = await app.inject({
      method: 'POST',
      url: `/api/denials/${denial.id}/replacement-claim`,
      headers: { cookie: analyst },
      payload: { kind: 'void', reason: 'the Acme plan ended in October; billed to the wrong payer' },
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
    // the denial leaves the open worklist, its note says what was done
    expect((await listDenials(deps, actor)).items.some((d) => d.id === denial.id)).toBe(false);
    const again = await app.inject({
      method: 'POST',
      url: `/api/denials/${denial.id}/replacement-claim`,
      headers: { cookie: analyst },
      payload: { kind: 'void', reason: 'again' },
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
  });
});
