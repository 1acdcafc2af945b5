/**
 * medbill eligibility check PATIENT: the 270 goes through the tenant's folder clearinghouse, the payer simulator
 * answers with a 271, and the command prints it the way a biller explains it; audited as the OS user.
 */
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPayerDropBox, type PayerDropBox } from '@medbill/server/test-support';
import { openStore, withTenant } from '@medbill/server';
import { demoPayerContracts } from '@medbill/server';
import { createPayerSimResponder } from '@medbill/server';
import { createTenantFixture, type TenantFixture } from '../../server/test/fixtures.ts';
import { useCliTestEnv } from './cli-test-env.test-util.ts';

const { dataDir, medbill } = useCliTestEnv('medbill-elig-cli-', { MEDBILL_ADMIN_PASSWORD: 'elig-cli-admin-pw' });
let t: TenantFixture;
let payer: PayerDropBox;

beforeAll(async () => {
  expect(
    (await medbill('tenant', 'create', '--name', 'CLI Office', '--slug', 'cli-office', '--admin', 'cli.admin'))
      .exitCode,
  ).toBe(0);
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    t = await createTenantFixture(store, 'clielig');
    await withTenant(store.db, t.tenantId, (tx) =>
      tx
        .updateTable('payer')
        .set({ payer_code: 'DEMOBLUE', name: 'Bluebonnet Blue HMO' })
        .where('tenant_id', '=', t.tenantId)
        .execute(),
    );
  } finally {
    await store.close();
  }
  const respond = createPayerSimResponder({ contracts: demoPayerContracts(), seed: 'cli', rejectRate: 0 });
  payer = await runPayerDropBox({
    rootDir: path.join(dataDir, 'clearinghouse', String(t.tenantId), `clearinghouse-${t.clearinghouseId}`),
    outboundDir: '/outbound',
    inboundDir: '/inbound',
    pollMs: 50,
    respond: async (name, text) => (await respond(name, text)).map((f) => ({ name: f.name, text: f.text })),
  });
});
afterAll(async () => {
  await payer?.close();
});

describe('medbill eligibility check', () => {
  it('prints the answer in words, by account number, and audits as the OS user', async () => {
    const io = await medbill('eligibility', 'check', `T${t.tenantId}P1`, '--date', '2026-11-23', '--tenant', t.slug);
    expect(io.exitCode, io.stderr).toBe(0);
    expect(io.stdout).toMatch(/^Eligibility check EL\d{9} with BLUEBONNET BLUE HMO for 2026-11-23: answered/);
    expect(io.stdout).toContain('The plan BLUEBONNET BLUE HMO DEMO is active on Nov 23, 2026.');
    expect(io.stdout).toContain('Copay for office visits (individual, in network): $30.00.');
    expect(io.stdout).toContain(
      'Deductible (individual, in network): $300.00 per calendar year; $0.00 met; $300.00 left.',
    );
    const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
    try {
      const rows = await store.db
        .selectFrom('audit_event')
        .select(['action', 'username', 'patient_id'])
        .where('tenant_id', '=', t.tenantId)
        .where('resource_type', '=', 'eligibility_check')
        .orderBy('seq')
        .execute();
      expect(rows.map((r) => r.action)).toEqual(['export', 'update', 'read']);
      for (const r of rows)
        expect(r).toMatchObject({ username: `cli:${os.userInfo().username}`, patient_id: t.patientId });
    } finally {
      await store.close();
    }
  });

  it('--json gives the stored check; an unknown patient is a clear error', async () => {
    const io = await medbill('eligibility', 'check', String(t.patientId), '--json', '--tenant', t.slug);
    expect(io.exitCode, io.stderr).toBe(0);
    expect(JSON.parse(io.stdout)).toMatchObject({ status: 'answered', benefits: { status: 'active' } });
    const missing = await medbill('eligibility', 'check', 'NOPE-1', '--tenant', t.slug);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('No patient with account number or id "NOPE-1"');
  });
});
