/**
 * Corrected (7) and void (8) claims from stored data: the new claim is linked to the original, carries its
 * payer claim number, and its 837 says CLM05-3 7 or 8 with REF*F8; both claims' histories name each other;
 * the encounter can be re-coded for the replacement; a second one, a claim without a payer claim number and
 * a claim the payer does not hold are refused with the reason.
 */
import { claimToSend, render837Interchange } from '@medbill/core';
import { validateFile } from '@medbill/x12';
import { tokenize } from '@medbill/x12';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant, type Store, type Tx } from '../db/open-database.ts';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures.ts';
import { openTestStore } from '../../test/test-store.ts';
import { replaceCoding } from '../coding/create-encounter.ts';
import { loadClaimContext } from './load-claim-context.ts';
import { createReplacementClaim } from './replace-claim.ts';

const ACTOR = { userId: null, username: 'tester' };
let store: Store;
let t: TenantFixture;
const tx = <T>(f: (x: Tx) => Promise<T>) => withTenant(store.db, t.tenantId, f);

beforeAll(async () => {
  store = await openTestStore();
  t = await createTenantFixture(store, 'repl');
  await tx((x) =>
    x
      .updateTable('claim')
      .set({ state: 'adjudicated', payer_claim_number: '2631000099901' })
      .where('tenant_id', '=', t.tenantId)
      .where('id', '=', t.claimId)
      .execute(),
  );
});
afterAll(async () => {
  await store.close();
});

function segmentsOf(text: string, id: string): string[][] {
  return tokenize(text)
    .segments.filter((s) => s.id === id)
    .map((s) => s.elements);
}

async function render(claimId: number): Promise<string> {
  const ctx = await tx((x) => loadClaimContext(x, t.tenantId, claimId));
  return render837Interchange({
    kind: 'professional',
    claims: [claimToSend(ctx)],
    parties: {
      submitterId: 'S1',
      submitterName: 'Us',
      submitterContact: { name: 'Desk', phone: '5125550100' },
      receiverId: 'R1',
      receiverName: 'Them',
    },
    interchangeControlNumber: 9,
    groupControlNumber: 9,
    createdAt: new Date('2026-11-23T12:00:00Z'),
    usage: 'T',
    batchReference: 'B9',
  });
}

describe('corrected and void claims', () => {
  let replacement: number;
  it('a replacement carries frequency 7 and REF*F8 with the original payer claim number, linked both ways', async () => {
    const made = await tx((x) => createReplacementClaim(x, t.tenantId, t.claimId, '7', ACTOR, 'wrong diagnosis'));
    replacement = made.claimId;
    expect(made).toMatchObject({
      frequencyCode: '7',
      replacesClaimId: t.claimId,
      originalPayerClaimNumber: '2631000099901',
    });
    const text = await render(made.claimId);
    expect(validateFile(text).issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(segmentsOf(text, 'CLM')[0][4]).toBe('11:B:7');
    expect(segmentsOf(text, 'REF').find((r) => r[0] === 'F8')?.[1]).toBe('2631000099901');
    const events = await tx((x) =>
      x
        .selectFrom('claim_event')
        .select(['claim_id', 'reason', 'to_state'])
        .where('tenant_id', '=', t.tenantId)
        .where('claim_id', 'in', [t.claimId, made.claimId])
        .orderBy('id')
        .execute(),
    );
    expect(events.find((e) => e.claim_id === t.claimId)?.reason).toBe(
      `corrected by replacement claim ${made.claimNumber}: wrong diagnosis`,
    );
    expect(events.find((e) => e.claim_id === made.claimId)?.reason).toMatch(
      /^replacement \(frequency 7\) of claim T\d+C1, payer claim number 2631000099901/,
    );
    const original = await tx((x) =>
      x
        .selectFrom('claim')
        .select('state')
        .where('tenant_id', '=', t.tenantId)
        .where('id', '=', t.claimId)
        .executeTakeFirstOrThrow(),
    );
    expect(original.state).toBe('adjudicated');
  });

  it('the encounter can be re-coded for the open replacement', async () => {
    await tx((x) =>
      replaceCoding(
        x,
        t.tenantId,
        t.encounterId,
        {
          diagnoses: ['E1165'],
          lines: [
            {
              procedureCode: '99213',
              units: 1,
              chargeCents: 15000,
              chargeOverrideReason: 'fee',
              diagnosisPointers: [1],
            },
          ],
        },
        ACTOR,
      ),
    );
    const ctx = await tx((x) => loadClaimContext(x, t.tenantId, replacement));
    expect(ctx.diagnoses).toEqual(['E1165']);
  });

  it('a second replacement while one is open is refused, naming it', async () => {
    await expect(tx((x) => createReplacementClaim(x, t.tenantId, t.claimId, '7', ACTOR))).rejects.toThrow(
      /already has a replacement on its way/,
    );
  });

  it('a void carries frequency 8 and REF*F8', async () => {
    await tx((x) =>
      x
        .updateTable('claim')
        .set({ state: 'voided' })
        .where('tenant_id', '=', t.tenantId)
        .where('id', '=', replacement)
        .execute(),
    );
    const made = await tx((x) => createReplacementClaim(x, t.tenantId, t.claimId, '8', ACTOR, undefined, 'rebill'));
    const text = await render(made.claimId);
    expect(validateFile(text).issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(segmentsOf(text, 'CLM')[0][4]).toBe('11:B:8');
    expect(segmentsOf(text, 'REF').find((r) => r[0] === 'F8')?.[1]).toBe('2631000099901');
  });

  it('a claim its 835 posted as paid, partially paid or denied can be corrected', async () => {
    const posted = await createTenantFixture(store, 'repl3');
    const run = <T>(f: (x: Tx) => Promise<T>) => withTenant(store.db, posted.tenantId, f);
    for (const state of ['paid', 'partially_paid', 'denied'] as const) {
      await run((x) =>
        x
          .updateTable('claim')
          .set({ state, payer_claim_number: `26310000${state.length}` })
          .where('tenant_id', '=', posted.tenantId)
          .where('id', '=', posted.claimId)
          .execute(),
      );
      const made = await run((x) => createReplacementClaim(x, posted.tenantId, posted.claimId, '7', ACTOR));
      expect(made).toMatchObject({ frequencyCode: '7', originalPayerClaimNumber: `26310000${state.length}` });
      await run((x) => x.updateTable('claim').set({ state: 'voided' }).where('id', '=', made.claimId).execute());
    }
  });

  it('a claim the payer does not hold, or without a payer claim number, cannot be corrected', async () => {
    const other = await createTenantFixture(store, 'repl2');
    const run = <T>(f: (x: Tx) => Promise<T>) => withTenant(store.db, other.tenantId, f);
    await expect(run((x) => createReplacementClaim(x, other.tenantId, other.claimId, '7', ACTOR))).rejects.toThrow(
      /is draft: only a claim the payer has accepted/,
    );
    await run((x) =>
      x
        .updateTable('claim')
        .set({ state: 'accepted' })
        .where('tenant_id', '=', other.tenantId)
        .where('id', '=', other.claimId)
        .execute(),
    );
    await expect(
      run((x) => createReplacementClaim(x, other.tenantId, other.claimId, '8', ACTOR, undefined, 'rebill')),
    ).rejects.toThrow(/no payer claim number yet/);
  });
});
