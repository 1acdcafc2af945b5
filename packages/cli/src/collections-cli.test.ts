/**
 * medbill collections agencies | add-agency: an agency added from the command line through the same use case as
 * POST /api/collection-agencies (code upper-cased, unique in the office, audited as the OS user), listed with
 * what is placed with it; a fee read as text, bad flags usage errors naming the flag.
 */
import os from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '@medbill/server';
import { createTenantFixture, type TenantFixture } from '../../server/test/fixtures.ts';
import { useCliTestEnv } from './cli-test-env.test-util.ts';
import { percentToBasisPoints } from './commands/collections.ts';

const { dataDir, medbill } = useCliTestEnv('medbill-collections-cli-', {
  MEDBILL_ADMIN_PASSWORD: 'collections-cli-admin-pw',
});
let t: TenantFixture;

beforeAll(async () => {
  expect(
    (await medbill('tenant', 'create', '--name', 'Collections Office', '--slug', 'coll-office', '--admin', 'co.admin'))
      .exitCode,
  ).toBe(0);
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    t = await createTenantFixture(store, 'collcli');
  } finally {
    await store.close();
  }
});

describe('medbill collections', () => {
  it('reads a fee in percent as text', () => {
    expect(percentToBasisPoints('25')).toBe(2500);
    expect(percentToBasisPoints('12.5')).toBe(1250);
    expect(percentToBasisPoints('0.07%')).toBe(7);
    expect(percentToBasisPoints('1e2')).toBeNull();
    expect(percentToBasisPoints('-5')).toBeNull();
  });

  it('adds an agency, lists it, and audits the add as the OS user', async () => {
    const before = await medbill('collections', 'agencies', '--tenant', t.slug, '--json');
    expect(before.exitCode, before.stderr).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual({ items: [] });

    const add = await medbill(
      'collections',
      'add-agency',
      '--tenant',
      t.slug,
      '--name',
      'Gulf Coast Recovery',
      '--code',
      'gcr-2',
      '--fee-percent',
      '27.5',
      '--json',
    );
    expect(add.exitCode, add.stderr).toBe(0);
    const made = JSON.parse(add.stdout);
    expect(made).toEqual({
      id: expect.any(Number),
      name: 'Gulf Coast Recovery',
      code: 'GCR-2',
      feeBasisPoints: 2750,
      placedAccounts: 0,
      placedCents: 0,
    });

    const list = await medbill('collections', 'agencies', '--tenant', t.slug);
    expect(list.exitCode, list.stderr).toBe(0);
    expect(list.stdout).toContain('1 collection agency');
    expect(list.stdout).toMatch(/GCR-2\s+Gulf Coast Recovery\s+fee\s+27\.5%\s+0 placed, 0\.00/);

    const again = await medbill(
      'collections',
      'add-agency',
      '--tenant',
      t.slug,
      '--name',
      'Someone Else',
      '--code',
      'GCR-2',
      '--fee-percent',
      '10',
    );
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(/GCR-2 is already Gulf Coast Recovery's/);

    const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
    try {
      const audit = await store.db
        .selectFrom('audit_event')
        .select(['action', 'resource_id', 'username'])
        .where('tenant_id', '=', t.tenantId)
        .where('resource_type', '=', 'collection_agency')
        .execute();
      expect(audit).toEqual([
        { action: 'create', resource_id: String(made.id), username: `cli:${os.userInfo().username}` },
      ]);
    } finally {
      await store.close();
    }
  });

  it('names the flag at fault', async () => {
    const fee = await medbill(
      'collections',
      'add-agency',
      '--tenant',
      t.slug,
      '--name',
      'X Co',
      '--code',
      'XC',
      '--fee-percent',
      'lots',
    );
    expect(fee.exitCode).toBe(2);
    expect(fee.stderr).toContain('--fee-percent is not a percentage: "lots"');
    const over = await medbill(
      'collections',
      'add-agency',
      '--tenant',
      t.slug,
      '--name',
      'X Co',
      '--code',
      'XC',
      '--fee-percent',
      '101',
    );
    expect(over.exitCode).toBe(2);
    expect(over.stderr).toMatch(/--fee-percent /);
    const code = await medbill(
      'collections',
      'add-agency',
      '--tenant',
      t.slug,
      '--name',
      'X Co',
      '--code',
      'x c',
      '--fee-percent',
      '10',
    );
    expect(code.exitCode).toBe(2);
    expect(code.stderr).toContain('--code letters, digits and dashes, 2 to 20 of them');
  });
});
