/**
 * medbill denials list | show | write-off | appeal | void: the worklist in words, an action's answer, the appeal letter
 * written as PDF, a void claim (frequency 8) made from a denial, a denial number that is not one refused as usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, openConfiguredStore } from '@medbill/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenantFixture, type TenantFixture } from '../../server/test/fixtures.ts';
import { withTenant } from '../../server/src/db/open-database.ts';
import { seedDenials } from '../../server/test/denial-seed.test-util.ts';
import { useCliTestEnv } from './cli-test-env.test-util.ts';

const { dataDir, medbill } = useCliTestEnv('medbill-denials-cli-', {
  MEDBILL_ADMIN_PASSWORD: 'denials-cli-admin-pw-1',
});
let t: TenantFixture;
let ids: number[];

beforeAll(async () => {
  const made = await medbill(
    'tenant',
    'create',
    '--name',
    'Denial Office',
    '--slug',
    'denial-office',
    '--admin',
    'den.admin',
  );
  expect(made.exitCode, made.stderr).toBe(0);
  const { store, auditKey } = await openConfiguredStore(loadConfig(), 'denials cli test', { auditKey: 'require' });
  try {
    t = await createTenantFixture(store, 'dencli');
    ids = await seedDenials(store, t, 2, auditKey);
  } finally {
    await store.close();
  }
});

describe('medbill denials', () => {
  it('list: the worklist in words, as text and as JSON', async () => {
    const json = await medbill('denials', 'list', '--tenant', t.slug, '--json');
    expect(json.exitCode, json.stderr).toBe(0);
    const list = JSON.parse(json.stdout);
    expect(list.total).toBe(2);
    expect(list.items[0]).toMatchObject({
      reason: '16',
      reasonText: 'Missing information or a billing error',
      cause: 'missing_information',
      remarks: [
        { code: 'MA130', text: 'Unprocessable claim: incomplete or invalid information, correct and resubmit' },
      ],
    });
    const text = await medbill('denials', 'list', '--tenant', t.slug);
    expect(text.stdout).toMatch(/^2 denials to work\n/);
    expect(text.stdout).toContain('CO-16 Missing information or a billing error [MA130]');
  });

  it('write-off answers what it did; again, that it is already written off', async () => {
    const r = await medbill(
      'denials',
      'write-off',
      String(ids[0]),
      '--reason',
      'past the payer limit',
      '--tenant',
      t.slug,
      '--json',
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'written_off', amountCents: 10000 });
    const again = await medbill('denials', 'write-off', String(ids[0]), '--reason', 'again', '--tenant', t.slug);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('This denial is already written off');
  });

  it('appeal writes the letter as PDF; a denial number that is not one is a usage error', async () => {
    const out = path.join(dataDir, 'appeal.pdf');
    const r = await medbill(
      'denials',
      'appeal',
      `#${ids[1]}`,
      '--argument',
      'The billing error was corrected; the claim is complete.',
      '--attach',
      'Corrected claim form',
      '--out',
      out,
      '--tenant',
      t.slug,
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Appeal letter for claim \S+ printed; the denial is appealed: .*appeal\.pdf\n$/);
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const bad = await medbill('denials', 'show', 'abc', '--tenant', t.slug);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('give the denial number');
  });

  it('void makes a void claim (frequency 8) for the denied claim, naming it; the denial leaves the worklist', async () => {
    const opened = await openConfiguredStore(loadConfig(), 'denials cli test', { auditKey: 'require' });
    const [id] = await seedDenials(opened.store, t, 1, opened.auditKey, `DSV${t.tenantId}`).finally(() =>
      opened.store.close(),
    );
    // a void says what becomes of the balance once the payer takes the claim back: no default
    const bare = await medbill(
      'denials',
      'void',
      String(id),
      '--reason',
      'billed under the wrong patient',
      '--tenant',
      t.slug,
    );
    expect(bare.exitCode).toBe(2);
    expect(bare.stderr).toContain('--disposition <rebill|write-off>');
    const odd = await medbill(
      'denials',
      'void',
      String(id),
      '--reason',
      'billed under the wrong patient',
      '--disposition',
      'forget-it',
      '--tenant',
      t.slug,
    );
    expect(odd.exitCode).toBe(1);
    expect(odd.stderr).toContain('rebill');
    const claimsBare = await medbill('claims', 'void', 'C0000001', '--tenant', t.slug);
    expect(claimsBare.exitCode).toBe(2);
    expect(claimsBare.stderr).toContain('--disposition <rebill|write-off>');
    const r = await medbill(
      'denials',
      'void',
      String(id),
      '--reason',
      'billed under the wrong patient',
      '--disposition',
      'write-off',
      '--tenant',
      t.slug,
      '--json',
    );
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ denialId: id, status: 'voided', claimNumber: expect.any(String) });
    const { store } = await openConfiguredStore(loadConfig(), 'denials cli test', { auditKey: 'require' });
    try {
      const rows = await withTenant(store.db, t.tenantId, async (tx) => ({
        made: await tx
          .selectFrom('claim')
          .select(['claim_number', 'frequency_code', 'state', 'replaces_claim_id', 'void_disposition'])
          .where('id', '=', out.claimId)
          .executeTakeFirstOrThrow(),
        denial: await tx
          .selectFrom('denial')
          .select(['claim_id', 'status'])
          .where('id', '=', id!)
          .executeTakeFirstOrThrow(),
      }));
      expect(rows.made).toMatchObject({
        claim_number: out.claimNumber,
        frequency_code: '8',
        state: 'draft',
        replaces_claim_id: rows.denial.claim_id,
        void_disposition: 'write_off',
      });
      expect(rows.denial.status).toBe('voided');
    } finally {
      await store.close();
    }
    const text = await medbill('denials', 'show', String(id), '--tenant', t.slug);
    expect(text.stdout).toContain(`Void claim ${out.claimNumber} made: billed under the wrong patient`);
    const list = JSON.parse((await medbill('denials', 'list', '--tenant', t.slug, '--json')).stdout);
    expect(list.items.some((d: { id: number }) => d.id === id)).toBe(false);
    const again = await medbill(
      'denials',
      'void',
      String(id),
      '--reason',
      'again',
      '--disposition',
      'rebill',
      '--tenant',
      t.slug,
    );
    expect(again.exitCode).toBe(1);
  });
});
