/** Posting 835 files into the database: exact ledger figures, claim states, holds and duplicates. */
import { eraText } from '@medbill/core/test-util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant, type Store } from '../db/open-database.ts';
import { auditKeyForTests, createTenantFixture, type TenantFixture } from '../../test/fixtures.ts';
import { addClaim, addPatient, addPayer, type ClaimFixture, type LineSpec } from '../../test/remit-fixtures.ts';
import { openTestStore } from '../../test/test-store.ts';
import { ledgerTotals } from '../ledger/read-ledger.ts';
import { postClaimCharges } from '../ledger/post-claim-charges.ts';
import { postRemittance } from './post-remittance.ts';

let store: Store;
let fx: TenantFixture;
const opts = () => ({ actor: { userId: null, username: 'test' }, audit: { key: auditKey, sourceIp: null } });
const auditKey = auditKeyForTests();
let payerCode = '';

beforeAll(async () => {
  store = await openTestStore();
  fx = await createTenantFixture(store, 'post');
  payerCode = (
    await withTenant(store.db, fx.tenantId, (tx) =>
      tx.selectFrom('payer').select('payer_code').where('id', '=', fx.payerId).executeTakeFirstOrThrow(),
    )
  ).payer_code;
});
afterAll(() => store?.close());

const tx = <T>(work: Parameters<typeof withTenant<T>>[2]) => withTenant(store.db, fx.tenantId, work);

async function sentClaim(
  lines: LineSpec[],
  extra: Parameters<typeof addClaim>[2] extends infer O ? Partial<O> : never = {},
): Promise<ClaimFixture> {
  const c = await addClaim(store, fx, { lines, ...extra });
  await tx((t) => postClaimCharges(t, fx.tenantId, [c.claimId], { userId: null, username: 'test' }));
  return c;
}

const post = (text: string, name = 'era.835') =>
  postRemittance(store.db, fx.tenantId, { fileName: name, text }, opts());
const totals = (claimId: number) => tx((t) => ledgerTotals(t, fx.tenantId, { claimId }));
const state = (claimId: number) =>
  tx((t) => t.selectFrom('claim').select('state').where('id', '=', claimId).executeTakeFirstOrThrow()).then(
    (r) => r.state,
  );

describe('postRemittance', () => {
  it('posts a partial payment with deductible and coinsurance: figures, state, history', async () => {
    const c = await sentClaim([{ code: '99214', charge: 15000 }]);
    const r = await post(
      eraText({
        trace: 'TP1',
        payerId: payerCode,
        claims: [
          {
            pcn: c.claimNumber,
            status: '1',
            charge: 15000,
            paid: 4000,
            pr: 6000,
            services: [
              {
                code: '99214',
                charge: 15000,
                paid: 4000,
                lineControl: `${c.claimNumber}-1`,
                cas: [
                  { group: 'CO', reason: '45', amount: 5000 },
                  { group: 'PR', reason: '1', amount: 5000 },
                  { group: 'PR', reason: '2', amount: 1000 },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(r).toMatchObject({ status: 'posted', claimsPosted: 1, claimsMoved: 1, denials: 0 });
    expect(r.message).toMatch(/^posted ERA #\d+: TRN02 TP1 from TEST PAYER, 40\.00 over 1 claim$/);
    const t = await totals(c.claimId);
    expect(t).toMatchObject({
      charges: 15000,
      insurancePayments: 4000,
      patientResponsibility: 6000,
      balance: 6000,
      insuranceBalance: 0,
      patientBalance: 6000,
    });
    expect(t.adjustments.CO).toBe(5000);
    expect(await state(c.claimId)).toBe('paid');
    const ev = await tx((t) =>
      t
        .selectFrom('claim_event')
        .select(['to_state', 'reason'])
        .where('claim_id', '=', c.claimId)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow(),
    );
    expect(ev.reason).toBe('835 TRN TP1: paid: paid 40.00 of 150.00; adjusted 50.00; patient responsibility 60.00');
  });

  it('a denied claim: state denied, balance still owed by the payer, a denial with cause and appeal deadline', async () => {
    const c = await sentClaim([{ code: '99213', charge: 12000 }]);
    await post(
      eraText({
        trace: 'TD1',
        payerId: payerCode,
        claims: [
          {
            pcn: c.claimNumber,
            status: '4',
            charge: 12000,
            paid: 0,
            services: [
              {
                code: '99213',
                charge: 12000,
                paid: 0,
                lineControl: `${c.claimNumber}-1`,
                cas: [{ group: 'CO', reason: '197', amount: 12000 }],
                remarks: ['M62'],
              },
            ],
          },
        ],
      }),
    );
    expect(await state(c.claimId)).toBe('denied');
    expect(await totals(c.claimId)).toMatchObject({ balance: 12000, insuranceBalance: 12000 });
    const d = await tx((t) =>
      t.selectFrom('denial').selectAll().where('claim_id', '=', c.claimId).executeTakeFirstOrThrow(),
    );
    expect(d).toMatchObject({
      kind: 'denied',
      cause: 'authorization',
      reason_code: '197',
      amount_cents: 12000,
      remarks: ['M62'],
      denied_on: '2026-11-20',
      appeal_deadline: '2027-05-19',
      status: 'open',
    });
  });

  it('the same file twice, and re-enveloped: posted once, the second says already posted', async () => {
    const c = await sentClaim([{ code: '99213', charge: 10000 }]);
    const spec = {
      trace: 'TDUP',
      payerId: payerCode,
      claims: [
        {
          pcn: c.claimNumber,
          status: '1',
          charge: 10000,
          paid: 7000,
          services: [
            {
              code: '99213',
              charge: 10000,
              paid: 7000,
              lineControl: `${c.claimNumber}-1`,
              cas: [{ group: 'CO', reason: '45', amount: 3000 }],
            },
          ],
        },
      ],
    };
    const first = await post(eraText(spec));
    expect(first.status).toBe('posted');
    const again = await post(eraText(spec));
    expect(again.status).toBe('duplicate');
    const moved = await post(eraText({ ...spec, isa13: '000000777' }), 'resent.835');
    expect(moved).toMatchObject({ status: 'duplicate' });
    expect(moved.message).toMatch(
      /^already posted: TRN02 TDUP from TEST PAYER \(70\.00\) was posted on \d{4}-\d\d-\d\d as ERA #\d+; nothing posted again$/,
    );
    expect(await totals(c.claimId)).toMatchObject({ insurancePayments: 7000, balance: 0 });
  });

  it('an unbalanced file is held with the equation, nothing applied', async () => {
    const c = await sentClaim([{ code: '99213', charge: 10000 }]);
    const r = await post(
      eraText({
        trace: 'THOLD',
        total: 9000,
        payerId: payerCode,
        claims: [
          {
            pcn: c.claimNumber,
            status: '1',
            charge: 10000,
            paid: 8000,
            services: [
              { code: '99213', charge: 10000, paid: 8000, cas: [{ group: 'CO', reason: '45', amount: 2000 }] },
            ],
          },
        ],
      }),
    );
    expect(r.status).toBe('held');
    expect(r.message).toBe(
      'held for review, nothing posted: the payment (BPR02) is not the claims paid less the provider-level adjustments — BPR02 90.00 ≠ ΣCLP04 80.00 − ΣPLB 0.00 = 80.00 (difference 10.00)',
    );
    expect(await totals(c.claimId)).toMatchObject({ insurancePayments: 0, balance: 10000 });
    expect(await state(c.claimId)).toBe('accepted');
  });

  it('a secondary claim is created after the primary, and the patient part waits for it', async () => {
    const second = await addPayer(store, fx, 'Medigap Two', 'GAP2');
    const pat = await addPatient(store, fx, {
      last: 'Twopay',
      coverages: [
        { payerId: fx.payerId, order: 1 },
        { payerId: second, order: 2 },
      ],
    });
    const c = await sentClaim([{ code: '99213', charge: 15000 }], {
      patientId: pat.patientId,
      coverageId: pat.coverageIds[0],
    });
    const r = await post(
      eraText({
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
      }),
    );
    expect(r.secondaryClaims).toBe(1);
    const sec = await tx((t) =>
      t
        .selectFrom('claim')
        .select(['id', 'state', 'payer_id'])
        .where('encounter_id', '=', c.encounterId)
        .where('id', '<>', c.claimId)
        .executeTakeFirstOrThrow(),
    );
    expect(sec).toMatchObject({ state: 'draft', payer_id: second });
    expect(await totals(c.claimId)).toMatchObject({ insurancePayments: 7200, byPayer: { [fx.payerId]: 0 } });
    expect(await totals(sec.id)).toMatchObject({ balance: 1800, byPayer: { [second]: 1800 }, patientBalance: 0 });
  });
});
