/**
 * A secondary claim from stored data: the primary's EOB is stored as a payer adjudication, the secondary
 * claim is created from it, loaded from the database, rendered as an 837 that our guide validator passes,
 * and read back: 2320 AMT*D, 2330B REF*F8, 2430 SVD/CAS/DTP*573 balancing to each line's charge. A Medicare
 * crossover is recorded and no secondary claim is made.
 */
import { claimToSend, render837Interchange, type PayerAdjudication } from '@medbill/core';
import { validateFile } from '@medbill/x12';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseX12File } from '@medbill/x12';
import type { ClaimFile837 } from '@medbill/x12/837';
import { withTenant, type Store, type Tx } from '../db/open-database.ts';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures.ts';
import { openTestStore } from '../../test/test-store.ts';
import { createSecondaryClaim } from './create-secondary-claim.ts';
import { loadClaimContext } from './load-claim-context.ts';
import { recordPayerAdjudication } from './payer-adjudications.ts';

const ACTOR = { userId: null, username: 'tester' };
let store: Store;
let t: TenantFixture;

function eob(overrides: Partial<PayerAdjudication> = {}): PayerAdjudication {
  return {
    source: 'paper_eob',
    payerClaimNumber: '2631000012340',
    statusCode: '1',
    adjudicationDate: '2026-11-20',
    chargeCents: 15000,
    paidCents: 8000,
    patientResponsibilityCents: 2000,
    adjustments: [],
    remarks: [],
    crossover: false,
    lines: [
      {
        lineNumber: 1,
        procedureCode: '99213',
        modifiers: [],
        chargeCents: 15000,
        paidCents: 8000,
        paidUnits: 1,
        adjustments: [
          { group: 'CO', reason: '45', amountCents: 5000 },
          { group: 'PR', reason: '2', amountCents: 2000 },
        ],
        remarks: [],
      },
    ],
    ...overrides,
  };
}

beforeAll(async () => {
  store = await openTestStore();
  t = await createTenantFixture(store, 'cob');
  await withTenant(store.db, t.tenantId, async (tx) => {
    await tx
      .updateTable('payer')
      .set({ name: 'Medicare Part B', payer_code: 'DEMOMCR', claim_filing_indicator: 'MB' })
      .where('tenant_id', '=', t.tenantId)
      .where('id', '=', t.payerId)
      .execute();
    await tx
      .updateTable('coverage')
      .set({ member_id: '1EG4TE5MK73' })
      .where('tenant_id', '=', t.tenantId)
      .where('id', '=', t.coverageId)
      .execute();
    const supplement = await tx
      .insertInto('payer')
      .values({
        tenant_id: t.tenantId,
        name: 'Acme Medigap',
        payer_code: 'DEMOACME',
        claim_filing_indicator: 'CI',
        timely_filing_days: 90,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('coverage')
      .values({
        tenant_id: t.tenantId,
        patient_id: t.patientId,
        payer_id: supplement.id,
        coverage_order: 2,
        member_id: 'W55501234',
        group_number: 'GAP1',
        relationship_code: '18',
        subscriber_first_name: 'Quinn',
        subscriber_last_name: 'Samplecob',
        effective_date: '2025-01-01',
      })
      .execute();
    await tx
      .updateTable('claim')
      .set({ state: 'adjudicated' })
      .where('tenant_id', '=', t.tenantId)
      .where('id', '=', t.claimId)
      .execute();
  });
});

afterAll(async () => {
  await store.close();
});

const tx = <T>(f: (tx: Tx) => Promise<T>) => withTenant(store.db, t.tenantId, f);

describe('secondary claim after a primary EOB', () => {
  it('refuses an EOB that does not balance, naming the line', async () => {
    const bad = eob();
    bad.lines[0].paidCents = 7000;
    await expect(
      tx((x) => recordPayerAdjudication(x, t.tenantId, t.claimId, bad, { actor: ACTOR })),
    ).rejects.toMatchObject({
      issues: expect.arrayContaining([
        expect.objectContaining({
          code: 'invalid',
          ruleId: 'line-unbalanced',
          location: { field: 'lines[0].adjustments' },
        }),
      ]),
    });
  });

  it('stores the EOB, creates the secondary claim, and its 837 carries 2320/2330/2430 that validate and balance', async () => {
    const outcome = await tx(async (x) => {
      await recordPayerAdjudication(x, t.tenantId, t.claimId, eob(), { actor: ACTOR });
      return createSecondaryClaim(x, t.tenantId, t.claimId, ACTOR);
    });
    expect(outcome.created).toBe(true);
    if (!outcome.created) return;
    const ctx = await tx((x) => loadClaimContext(x, t.tenantId, outcome.claimId));
    expect(ctx.coverage.coverageOrder).toBe(2);
    const text = render837Interchange({
      kind: 'professional',
      claims: [claimToSend(ctx)],
      parties: {
        submitterId: 'S1',
        submitterName: 'Us',
        submitterContact: { name: 'Desk', phone: '5125550100' },
        receiverId: 'R1',
        receiverName: 'Them',
      },
      interchangeControlNumber: 5,
      groupControlNumber: 5,
      createdAt: new Date('2026-11-23T12:00:00Z'),
      usage: 'T',
      batchReference: 'B5',
    });
    expect(validateFile(text).issues.filter((i) => i.severity === 'error')).toEqual([]);
    const file = parseX12File(text).transactions[0].value as ClaimFile837;
    const sub = file.billingProviders[0].subscribers[0];
    expect(sub.sbr.responsibility).toBe('S');
    expect(sub.payer.name.id).toBe('DEMOACME');
    const claim = sub.claims[0];
    const other = claim.otherSubscribers![0];
    expect([other.sbr.responsibility, other.sbr.claimFilingCode, other.payerPaid]).toEqual(['P', 'MB', 8000]);
    expect(other.payer.refs).toEqual([{ qualifier: 'F8', value: '2631000012340' }]);
    const svd = claim.lines[0].adjudications![0];
    expect([svd.payerId, svd.paid, svd.dates?.[0].value]).toEqual(['DEMOMCR', 8000, '20261120']);
    const adjusted = svd.adjustments!.flatMap((a) => a.items).reduce((s, i) => s + i.amount, 0);
    expect(svd.paid + adjusted).toBe(claim.lines[0].charge);
    expect(svd.amounts).toEqual([{ qualifier: 'EAF', amount: 2000 }]);
    const again = await tx((x) => createSecondaryClaim(x, t.tenantId, t.claimId, ACTOR));
    expect(again).toMatchObject({ created: false, reason: 'exists', claimId: outcome.claimId });
  });

  it('a Medicare crossover (CLP02 19) is recorded and no secondary claim is made', async () => {
    const other = await createTenantFixture(store, 'xover');
    const run = <T>(f: (tx: Tx) => Promise<T>) => withTenant(store.db, other.tenantId, f);
    await run((x) =>
      x
        .insertInto('coverage')
        .values({
          tenant_id: other.tenantId,
          patient_id: other.patientId,
          payer_id: other.payerId,
          coverage_order: 2,
          member_id: 'W1',
          relationship_code: '18',
          subscriber_first_name: 'Q',
          subscriber_last_name: 'S',
          effective_date: '2025-01-01',
        })
        .execute(),
    );
    const outcome = await run(async (x) => {
      await recordPayerAdjudication(
        x,
        other.tenantId,
        other.claimId,
        eob({ statusCode: '19', crossoverPayerName: 'TX MEDICAID' }),
        { actor: ACTOR },
      );
      return createSecondaryClaim(x, other.tenantId, other.claimId, ACTOR);
    });
    expect(outcome).toMatchObject({ created: false, reason: 'crossover' });
    const events = await run((x) =>
      x
        .selectFrom('claim_event')
        .select('reason')
        .where('tenant_id', '=', other.tenantId)
        .where('claim_id', '=', other.claimId)
        .execute(),
    );
    expect(events.map((e) => e.reason)).toContain(
      'crossed over by the payer to TX MEDICAID: no secondary claim will be sent',
    );
    const claims = await run((x) =>
      x.selectFrom('claim').select('id').where('tenant_id', '=', other.tenantId).execute(),
    );
    expect(claims).toHaveLength(1);
  });
});
