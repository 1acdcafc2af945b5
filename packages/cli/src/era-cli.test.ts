/**
 * medbill era post | list | show | release, claims show: exit 0 when posted, 1 when held or already posted
 * (with the reason), the claim with every ledger entry and its totals.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eraText } from '@medbill/core/test-util';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '@medbill/server';
import { createTenantFixture, type TenantFixture } from '../../server/test/fixtures.ts';
import { addClaim, type ClaimFixture } from '../../server/test/remit-fixtures.ts';
import { postClaimCharges } from '@medbill/server/test-support';
import { withTenant } from '@medbill/server';
import { useCliTestEnv } from './cli-test-env.test-util.ts';

const { dataDir, medbill } = useCliTestEnv('medbill-era-cli-', { MEDBILL_ADMIN_PASSWORD: 'era-cli-admin-pw-1' });
let t: TenantFixture;
let c: ClaimFixture;

beforeAll(async () => {
  expect(
    (await medbill('tenant', 'create', '--name', 'ERA Office', '--slug', 'era-office', '--admin', 'era.admin'))
      .exitCode,
  ).toBe(0);
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    t = await createTenantFixture(store, 'eracli');
    c = await addClaim(store, t, {
      lines: [
        { code: '99214', charge: 15000 },
        { code: '36415', charge: 2000 },
      ],
    });
    await withTenant(store.db, t.tenantId, (tx) =>
      postClaimCharges(tx, t.tenantId, [c.claimId], { userId: null, username: 'fixture' }),
    );
  } finally {
    await store.close();
  }
});

const spec = () => ({
  trace: 'CLI835',
  claims: [
    {
      pcn: c.claimNumber,
      status: '1',
      charge: 17000,
      paid: 7200,
      pr: 1800,
      services: [
        {
          code: '99214',
          charge: 15000,
          paid: 7200,
          lineControl: `${c.claimNumber}-1`,
          cas: [
            { group: 'CO', reason: '45', amount: 6000 },
            { group: 'PR', reason: '2', amount: 1800 },
          ],
        },
        {
          code: '36415',
          charge: 2000,
          paid: 0,
          lineControl: `${c.claimNumber}-2`,
          cas: [{ group: 'CO', reason: '97', amount: 2000 }],
          remarks: ['M15'],
        },
      ],
    },
  ],
});

function file(name: string, text: string): string {
  const f = path.join(dataDir, name);
  fs.writeFileSync(f, text);
  return f;
}

describe('medbill era', () => {
  it('post: 0 and what was posted; again: 1 and "already posted"; an unbalanced file: 1 and the equation', async () => {
    const f = file('pay.835', eraText(spec()));
    const first = await medbill('era', 'post', f, '--tenant', t.slug);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /^posted ERA #\d+: TRN02 CLI835 from TEST PAYER, 72\.00 over 1 claim\n {2}1 claims posted, 1 denials to work, 0 secondary claims made, 0 items not matched\n$/,
    );
    const again = await medbill('era', 'post', f, '--tenant', t.slug, '--json');
    expect(again.exitCode).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({
      status: 'duplicate',
      message: expect.stringMatching(/^already posted: TRN02 CLI835/),
    });
    const bad = await medbill(
      'era',
      'post',
      file('bad.835', eraText({ ...spec(), trace: 'CLI836', total: 100 })),
      '--tenant',
      t.slug,
    );
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toContain('BPR02 1.00 ≠ ΣCLP04 72.00 − ΣPLB 0.00 = 72.00 (difference -71.00)');
  });

  it('list and show', async () => {
    const list = await medbill('era', 'list', '--tenant', t.slug, '--json');
    expect(list.exitCode).toBe(0);
    const rows = JSON.parse(list.stdout).items as Array<{ id: number; status: string; traceNumber: string }>;
    expect(rows.map((r) => [r.traceNumber, r.status])).toEqual([
      ['CLI836', 'held'],
      ['CLI835', 'posted'],
    ]);
    const show = await medbill('era', 'show', String(rows[1].id), '--tenant', t.slug);
    expect(show.exitCode, show.stderr).toBe(0);
    expect(show.stdout).toContain('CO-97 20.00 Included in another service [open]');
    expect(show.stdout).toContain('PR-2 18.00 Coinsurance [transfer]');
    const dismissed = await medbill(
      'era',
      'dismiss',
      String(rows[0].id),
      '--reason',
      'the payer resends it corrected',
      '--tenant',
      t.slug,
    );
    expect(dismissed.stdout).toMatch(/^ERA #\d+ dismissed: nothing posted \(the payer resends it corrected\)\n$/);
  });

  it('claims show: by the number people see, every entry and the totals', async () => {
    const io = await medbill('claims', 'show', c.claimNumber, '--tenant', t.slug, '--json');
    expect(io.exitCode, io.stderr).toBe(0);
    const v = JSON.parse(io.stdout);
    expect(v.totals).toMatchObject({
      charges: 17000,
      insurancePayments: 7200,
      patientResponsibility: 1800,
      balance: 3800,
      insuranceBalance: 2000,
      patientBalance: 1800,
    });
    expect(v.totals.adjustments.CO).toBe(6000);
    expect(v.lines.map((l: { balanceCents: number }) => l.balanceCents)).toEqual([1800, 2000]);
    expect(v.payments).toHaveLength(1);
    const text = await medbill('claims', 'show', String(c.claimId), '--tenant', t.slug);
    expect(text.stdout).toMatch(/balance\s+38\.00 {2}\(payer 20\.00, patient 18\.00\)/);
    const missing = await medbill('claims', 'show', 'NOPE1', '--tenant', t.slug);
    expect(missing).toMatchObject({ exitCode: 1 });
    expect(missing.stderr).toContain('Claim NOPE1 not found');
  });
});
