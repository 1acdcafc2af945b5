/**
 * medbill statements run -o DIR: the run streamed to a folder — one PDF per statement and the print vendor's CSV
 * (a row per statement, pages counted) — the run recorded as finished, audited as the OS user.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '@medbill/server';
import { createTenantFixture, type TenantFixture } from '../../server/test/fixtures.ts';
import { patientWithBalance } from '../../server/test/patient-balance.test-util.ts';
import { useCliTestEnv } from './cli-test-env.test-util.ts';

const { dataDir, medbill } = useCliTestEnv('medbill-statements-cli-', { MEDBILL_ADMIN_PASSWORD: 'st-cli-admin-pw' });
let t: TenantFixture;
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-statements-'));

beforeAll(async () => {
  expect(
    (await medbill('tenant', 'create', '--name', 'CLI Office', '--slug', 'cli-st', '--admin', 'cli.admin')).exitCode,
  ).toBe(0);
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    t = await createTenantFixture(store, 'clist');
    await patientWithBalance(store, t, 'Ann', 12_000, '2026-05-01');
    await patientWithBalance(store, t, 'Ben', 3_000, '2026-05-01');
  } finally {
    await store.close();
  }
});
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('medbill statements run', () => {
  it('writes a PDF per statement and the print vendor CSV, and records the run as finished', async () => {
    const io = await medbill('statements', 'run', '-o', out, '--as-of', '2026-06-01', '--json', '--tenant', t.slug);
    expect(io.exitCode, io.stderr).toBe(0);
    const summary = JSON.parse(io.stdout);
    expect(summary).toMatchObject({ statements: 2, totalDueCents: 15_000, asOf: '2026-06-01' });
    const csv = fs.readFileSync(summary.csvFile, 'utf8').trim().split('\r\n');
    expect(csv).toHaveLength(3);
    const pdfs = fs.readdirSync(out).filter((f) => f.endsWith('.pdf'));
    expect(pdfs).toHaveLength(2);
    for (const row of csv.slice(1)) {
      const cells = row.split(',');
      expect(pdfs).toContain(cells.at(-2));
      expect(cells.at(-1)).toBe('1');
    }
    const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
    try {
      const run = await store.db
        .selectFrom('statement_run')
        .selectAll()
        .where('id', '=', summary.runId)
        .executeTakeFirstOrThrow();
      expect(run).toMatchObject({ status: 'finished', statements: 2, started_by: `cli:${os.userInfo().username}` });
      const audit = await store.db
        .selectFrom('audit_event')
        .select(['action', 'username', 'details'])
        .where('tenant_id', '=', t.tenantId)
        .where('resource_type', '=', 'statement_run')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['print']);
      expect((audit[0]!.details as { patientIds: number[] }).patientIds).toHaveLength(2);
    } finally {
      await store.close();
    }
  });
});
