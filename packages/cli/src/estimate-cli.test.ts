/**
 * medbill estimate PATIENT CODES: an insured estimate printed line by line (no 271 on file: the patient is
 * estimated the whole charge, and told so); a self-pay Good Faith Estimate written as PDF; audited as the OS user.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, withTenant } from '@medbill/server';
import { hasPoppler, pageText } from '@medbill/server/test-support';
import { createTenantFixture, type TenantFixture } from '../../server/test/fixtures.ts';
import { useCliTestEnv } from './cli-test-env.test-util.ts';

const { dataDir, medbill } = useCliTestEnv('medbill-estimate-cli-', { MEDBILL_ADMIN_PASSWORD: 'est-cli-admin-pw' });
let t: TenantFixture;
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-gfe-'));

beforeAll(async () => {
  expect(
    (await medbill('tenant', 'create', '--name', 'CLI Office', '--slug', 'cli-est', '--admin', 'cli.admin')).exitCode,
  ).toBe(0);
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    t = await createTenantFixture(store, 'cliest');
    await withTenant(store.db, t.tenantId, (tx) =>
      tx
        .insertInto('fee_schedule_item')
        .values([
          { tenant_id: t.tenantId, fee_schedule_id: t.feeScheduleId, procedure_code: '99213', charge_cents: 15_000 },
          { tenant_id: t.tenantId, fee_schedule_id: t.feeScheduleId, procedure_code: '36415', charge_cents: 2_000 },
        ])
        .execute(),
    );
  } finally {
    await store.close();
  }
});
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('medbill estimate', () => {
  it('prints an insured estimate by account number and says why the patient owes it all', async () => {
    const io = await medbill(
      'estimate',
      `T${t.tenantId}P1`,
      '99213',
      '36415x2',
      '--date',
      '2026-11-23',
      '--tenant',
      t.slug,
    );
    expect(io.exitCode, io.stderr).toBe(0);
    expect(io.stdout).toMatch(/^Estimate \d+ for .+, 2026-11-23, /);
    expect(io.stdout).toMatch(/36415\s+2\s+40\.00/);
    expect(io.stdout).toMatch(/total\s+190\.00\s+190\.00\s+0\.00\s+190\.00/);
    expect(io.stdout).toContain('No eligibility answer on file: the patient is estimated to owe the full charge.');
  });

  it('writes a self-pay Good Faith Estimate PDF and audits both steps as the OS user', async () => {
    const file = path.join(out, 'gfe.pdf');
    const io = await medbill(
      'estimate',
      String(t.patientId),
      '99213',
      '--self-pay',
      '--dx',
      'I10',
      '--gfe',
      file,
      '--json',
      '--tenant',
      t.slug,
    );
    expect(io.exitCode, io.stderr).toBe(0);
    const e = JSON.parse(io.stdout);
    expect(e).toMatchObject({ goodFaith: true, patientOwesCents: 15_000, gfeFile: file, diagnosisCodes: ['I10'] });
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    if (hasPoppler()) expect(pageText(fs.readFileSync(file), 1)).toMatch(/Total estimated charges\s+\$150\.00/);
    const bad = await medbill(
      'estimate',
      String(t.patientId),
      '99213',
      '--self-pay',
      '--dx',
      'nope',
      '--tenant',
      t.slug,
    );
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('diagnosisCodes[0]: NOPE is not an ICD-10-CM code');
    const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
    try {
      const rows = await store.db
        .selectFrom('audit_event')
        .select(['action', 'username', 'patient_id'])
        .where('tenant_id', '=', t.tenantId)
        .where('resource_type', '=', 'patient_estimate')
        .orderBy('seq')
        .execute();
      expect(rows.map((r) => r.action)).toEqual(['create', 'create', 'export']);
      for (const r of rows)
        expect(r).toMatchObject({ username: `cli:${os.userInfo().username}`, patient_id: t.patientId });
    } finally {
      await store.close();
    }
  });
});
