/**
 * An institutional (UB-04) claim's lines are named as people read them on that claim: the revenue code, then the
 * HCPCS/CPT with modifiers when the line has one ("0450 / 99284-25"), or the revenue code alone ("0250"). The claim's
 * ledger view (`medbill claims show`, the claim page's payment history) and the denial worklist (and a denial's
 * detail) say the same, for a line the payer denied too. And when the 835's patient responsibility went on to the
 * next payer (a secondary claim), the claim view says where it went rather than only "patient resp. 0.00".
 */
import { eraText } from '@medbill/core/test-util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditKeyForTests, createTenantFixture, type TenantFixture } from '../../test/fixtures.ts';
import { addClaim, addPatient, addPayer, type ClaimFixture } from '../../test/remit-fixtures.ts';
import { openTestStore } from '../../test/test-store.ts';
import type { Actor } from '../actor.ts';
import { withTenant, type Store } from '../db/open-database.ts';
import { postClaimCharges } from '../ledger/post-claim-charges.ts';
import { getClaimLedger } from '../remittance/get-claim-ledger.ts';
import { postRemittance } from '../remittance/post-remittance.ts';
import type { DenialDeps } from './denial-deps.ts';
import { getDenial, listDenials } from './list-denials.ts';

let store: Store;
let fx: TenantFixture;
let deps: DenialDeps;
let actor: Actor;
let claim: ClaimFixture;
const auditKey = auditKeyForTests();
const tx = <T>(work: Parameters<typeof withTenant<T>>[2]) => withTenant(store.db, fx.tenantId, work);

beforeAll(async () => {
  store = await openTestStore();
  fx = await createTenantFixture(store, 'instlines');
  deps = {
    db: store.db,
    auditKey,
    claims: { today: () => '2026-12-01', now: () => new Date('2026-12-01T12:00:00Z') },
  };
  actor = {
    tenantId: fx.tenantId,
    userId: fx.users.claims_analyst.id,
    username: fx.users.claims_analyst.username,
    sourceIp: null,
  };
  claim = await addClaim(store, fx, {
    lines: [
      { code: '99284', modifiers: ['25'], charge: 95000 },
      { code: '', charge: 48500 },
    ],
  });
  await tx(async (t) => {
    await t
      .updateTable('claim')
      .set({ kind: 'institutional' })
      .where('tenant_id', '=', fx.tenantId)
      .where('id', '=', claim.claimId)
      .execute();
    for (const [i, rev] of ['0450', '0250'].entries())
      await t
        .updateTable('service_line')
        .set({ revenue_code: rev })
        .where('tenant_id', '=', fx.tenantId)
        .where('id', '=', claim.lines[i]!.id)
        .execute();
    await postClaimCharges(t, fx.tenantId, [claim.claimId], { userId: null, username: 'test' });
  });
  const payerCode = (
    await tx((t) => t.selectFrom('payer').select('payer_code').where('id', '=', fx.payerId).executeTakeFirstOrThrow())
  ).payer_code;
  const text = eraText({
    trace: 'INST1',
    payerId: payerCode,
    claims: [
      {
        pcn: claim.claimNumber,
        status: '4',
        charge: 143500,
        paid: 0,
        services: [
          {
            code: '99284',
            modifiers: ['25'],
            charge: 95000,
            paid: 0,
            lineControl: `${claim.claimNumber}-1`,
            cas: [{ group: 'CO', reason: '50', amount: 95000 }],
          },
          {
            code: 'REV0250',
            charge: 48500,
            paid: 0,
            lineControl: `${claim.claimNumber}-2`,
            cas: [{ group: 'CO', reason: '197', amount: 48500 }],
          },
        ],
      },
    ],
  }).replace('SVC*HC:REV0250*', 'SVC*NU:0250*');
  const r = await postRemittance(
    store.db,
    fx.tenantId,
    { fileName: 'inst.835', text },
    { actor: { userId: null, username: 'test' }, audit: { key: auditKey, sourceIp: null } },
  );
  expect(r).toMatchObject({ status: 'posted', claimsPosted: 1 });
});
afterAll(() => store?.close());

describe('institutional claim lines', () => {
  it('the claim view names each line by revenue code and HCPCS with modifiers', async () => {
    const c = await getClaimLedger(
      { db: store.db, tenantId: fx.tenantId, actor, auditKey, now: deps.claims.now },
      claim.claimNumber,
    );
    expect(c.lines.map((l) => [l.revenueCode, l.label])).toEqual([
      ['0450', '0450 / 99284-25'],
      ['0250', '0250'],
    ]);
  });

  it('the denial worklist and a denial name the denied line the same way, not "claim"', async () => {
    const list = await listDenials(deps, actor, { claimId: claim.claimId });
    const byLine = new Map(list.items.map((d) => [d.lineId, d]));
    expect(byLine.get(claim.lines[0]!.id)).toMatchObject({ procedure: '0450 / 99284-25', amountCents: 95000 });
    expect(byLine.get(claim.lines[1]!.id)).toMatchObject({ procedure: '0250', amountCents: 48500 });
    const one = await getDenial(deps, actor, { denialId: byLine.get(claim.lines[1]!.id)!.id });
    expect(one.procedure).toBe('0250');
  });
});

describe('patient responsibility forwarded to the next payer', () => {
  it('the claim view names the secondary claim and payer the PR went to', async () => {
    const second = await addPayer(store, fx, 'Medigap Two', 'GAP2');
    const pat = await addPatient(store, fx, {
      last: 'Twopay',
      coverages: [
        { payerId: fx.payerId, order: 1 },
        { payerId: second, order: 2 },
      ],
    });
    const c = await addClaim(store, fx, {
      patientId: pat.patientId,
      coverageId: pat.coverageIds[0],
      lines: [{ code: '99213', charge: 15000 }],
    });
    await tx((t) => postClaimCharges(t, fx.tenantId, [c.claimId], { userId: null, username: 'test' }));
    const payerCode = (
      await tx((t) => t.selectFrom('payer').select('payer_code').where('id', '=', fx.payerId).executeTakeFirstOrThrow())
    ).payer_code;
    const text = eraText({
      trace: 'TSEC',
      payerId: payerCode,
      claims: [
        {
          pcn: c.claimNumber,
          status: '1',
          charge: 15000,
          paid: 7200,
          pr: 1800,
          services: [
            {
              code: '99213',
              charge: 15000,
              paid: 7200,
              lineControl: `${c.claimNumber}-1`,
              cas: [
                { group: 'CO', reason: '45', amount: 6000 },
                { group: 'PR', reason: '2', amount: 1800 },
              ],
            },
          ],
        },
      ],
    });
    const r = await postRemittance(
      store.db,
      fx.tenantId,
      { fileName: 'sec.835', text },
      { actor: { userId: null, username: 'test' }, audit: { key: auditKey, sourceIp: null } },
    );
    expect(r).toMatchObject({ status: 'posted', secondaryClaims: 1 });
    const sec = await tx((t) =>
      t
        .selectFrom('claim')
        .select(['id', 'claim_number'])
        .where('tenant_id', '=', fx.tenantId)
        .where('encounter_id', '=', c.encounterId)
        .where('payer_id', '=', second)
        .executeTakeFirstOrThrow(),
    );
    const view = await getClaimLedger(
      { db: store.db, tenantId: fx.tenantId, actor, auditKey, now: deps.claims.now },
      c.claimNumber,
    );
    expect(view.totals.patientResponsibility).toBe(0);
    expect(view.forwarded).toEqual([
      { claimId: sec.id, claimNumber: sec.claim_number, payerId: second, payerName: 'Medigap Two', amountCents: 1800 },
    ]);
    const first = await getClaimLedger(
      { db: store.db, tenantId: fx.tenantId, actor, auditKey, now: deps.claims.now },
      claim.claimNumber,
    );
    expect(first.forwarded).toEqual([]);
  });
});
