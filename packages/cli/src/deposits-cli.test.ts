/**
 * medbill deposits add | list | reconcile: a deposit recorded against an 835 already posted is matched at once,
 * an amount is read as text (never a float), bad flags are usage errors naming the flag, and reconcile lists what
 * is unmatched on each side (exit 1 while anything is).
 */
import { eraText } from '@medbill/core/test-util';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore, withTenant } from '@medbill/server';
import { postClaimCharges } from '@medbill/server/test-support';
import { createTenantFixture, type TenantFixture } from '../../server/test/fixtures.ts';
import { addClaim } from '../../server/test/remit-fixtures.ts';
import { useCliTestEnv } from './cli-test-env.test-util.ts';
import { dollarsToCents } from './commands/deposits.ts';
import fs from 'node:fs';
import path from 'node:path';

const { dataDir, medbill } = useCliTestEnv('medbill-deposits-cli-', {
  MEDBILL_ADMIN_PASSWORD: 'deposit-cli-admin-pw-1',
});
let t: TenantFixture;
let eraFile = '';

beforeAll(async () => {
  expect(
    (await medbill('tenant', 'create', '--name', 'Deposit Office', '--slug', 'deposit-office', '--admin', 'dep.admin'))
      .exitCode,
  ).toBe(0);
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    t = await createTenantFixture(store, 'depcli');
    const c = await addClaim(store, t, { lines: [{ code: '99213', charge: 12000 }] });
    await withTenant(store.db, t.tenantId, (tx) =>
      postClaimCharges(tx, t.tenantId, [c.claimId], { userId: null, username: 'fixture' }),
    );
    const payer = await withTenant(store.db, t.tenantId, (tx) =>
      tx.selectFrom('payer').select('payer_code').where('id', '=', t.payerId).executeTakeFirstOrThrow(),
    );
    eraFile = path.join(dataDir, 'dep.835');
    fs.writeFileSync(
      eraFile,
      eraText({
        trace: 'EFT778899',
        payerId: payer.payer_code,
        claims: [
          {
            pcn: c.claimNumber,
            status: '1',
            charge: 12000,
            paid: 9000,
            services: [
              {
                code: '99213',
                charge: 12000,
                paid: 9000,
                lineControl: `${c.claimNumber}-1`,
                cas: [{ group: 'CO', reason: '45', amount: 3000 }],
              },
            ],
          },
        ],
      }),
    );
  } finally {
    await store.close();
  }
});

describe('medbill deposits', () => {
  it('reads dollars as text', () => {
    expect(dollarsToCents('1,234.5')).toBe(123450);
    expect(dollarsToCents('$0.07')).toBe(7);
    expect(dollarsToCents('90')).toBe(9000);
    expect(dollarsToCents('1.234')).toBeNull();
    expect(dollarsToCents('12,34')).toBeNull();
  });

  it('add: matched to the posted 835 at once; list and reconcile say what is left on each side', async () => {
    const posted = await medbill('era', 'post', eraFile, '--tenant', t.slug);
    expect(posted.exitCode, posted.stderr).toBe(0);
    const add = await medbill(
      'deposits',
      'add',
      '--tenant',
      t.slug,
      '--date',
      '2026-12-02',
      '--amount',
      '90.00',
      '--trace',
      'EFT778899',
      '--json',
    );
    expect(add.exitCode, add.stderr).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ status: 'matched', amountCents: 9000, differenceCents: 0 });
    const lone = await medbill(
      'deposits',
      'add',
      '--tenant',
      t.slug,
      '--date',
      '2026-12-03',
      '--amount',
      '1,500.25',
      '--trace',
      '55501',
      '--method',
      'chk',
    );
    expect(lone.exitCode, lone.stderr).toBe(0);
    expect(lone.stdout).toMatch(/^Recorded deposit #\d+ +2026-12-03 CHK 55501 +1,?500\.25 +unmatched/);
    const list = await medbill('deposits', 'list', '--tenant', t.slug);
    expect(list.stdout).toMatch(/^2 deposits\n/);
    const rec = await medbill('deposits', 'reconcile', '--tenant', t.slug);
    expect(rec.exitCode).toBe(1);
    expect(rec.stdout).toContain('Deposits with no 835 (1,');
    expect(rec.stdout).toContain('835s with no deposit (0,');
    const json = JSON.parse((await medbill('deposits', 'reconcile', '--tenant', t.slug, '--json')).stdout);
    expect(json.unmatchedDeposits.map((d: { traceNumber: string }) => d.traceNumber)).toEqual(['55501']);
  });

  it('bad flags are usage errors naming the flag', async () => {
    const amount = await medbill('deposits', 'add', '--date', '2026-12-02', '--amount', '12.345', '--trace', 'X');
    expect(amount.exitCode).toBe(2);
    expect(amount.stderr).toContain('--amount is not an amount in dollars and cents');
    const date = await medbill('deposits', 'add', '--date', '12/02/2026', '--amount', '1', '--trace', 'X');
    expect(date.exitCode).toBe(2);
    expect(date.stderr).toContain('--date is not a date (YYYY-MM-DD)');
    const method = await medbill(
      'deposits',
      'add',
      '--date',
      '2026-12-02',
      '--amount',
      '1',
      '--trace',
      'X',
      '--method',
      'cash',
    );
    expect(method.stderr).toContain('--method is EFT or CHK');
  });
});
