/**
 * medbill code-note NOTE.txt: the coding stage's use case from the command line, on the code sets in the database
 * (none imported here: the demo list). `--json` prints what POST /api/coding/suggest answers; the audit row names
 * the OS user and holds no word of the note; bad options and files are refused by name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildApp, loadCodesService, loadConfig, openConfiguredStore } from '@medbill/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenantFixture, login, testDeps, type TenantFixture } from '../../server/test/fixtures.ts';
import { useCliTestEnv } from './cli-test-env.test-util.ts';

const { dataDir, medbill } = useCliTestEnv('medbill-code-note-', { MEDBILL_ADMIN_PASSWORD: 'code-note-admin-pw' });
const NOTE = 'Assessment: right knee pain. Denies chest pain.\n';
let t: TenantFixture;
let file: string;

async function withApp<T>(work: (call: (body: unknown) => Promise<unknown>, db: TenantDb) => Promise<T>): Promise<T> {
  const { store, auditKey } = await openConfiguredStore(loadConfig(), 'code-note test', { auditKey: 'require' });
  const app = await buildApp({ ...testDeps(store), auditKey, codes: await loadCodesService(store.db) });
  try {
    const cookie = await login(app, t.users.coder.username);
    return await work(async (body) => {
      const r = await app.inject({
        method: 'POST',
        url: '/api/coding/suggest',
        payload: body as object,
        headers: { cookie },
      });
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    }, store.db);
  } finally {
    await app.close();
    await store.close();
  }
}
type TenantDb = Awaited<ReturnType<typeof openConfiguredStore>>['store']['db'];

beforeAll(async () => {
  const created = await medbill(
    'tenant',
    'create',
    '--name',
    'Note Office',
    '--slug',
    'note-office',
    '--admin',
    'n.admin',
  );
  expect(created.exitCode, created.stderr).toBe(0);
  const { store } = await openConfiguredStore(loadConfig(), 'code-note test', { auditKey: 'require' });
  try {
    t = await createTenantFixture(store, 'clinote');
  } finally {
    await store.close();
  }
  file = path.join(dataDir, 'note.txt');
  fs.writeFileSync(file, NOTE);
}, 240_000);

describe('medbill code-note', () => {
  it('prints each code with its evidence and why, and leaves out what the note denies', async () => {
    const io = await medbill('code-note', file, '--on', '2025-11-04', '--tenant', t.slug);
    expect(io.exitCode, io.stderr).toBe(0);
    expect(io.stdout).toMatch(/^M25\.561\s+0\.\d\d\s+Pain in right knee$/m);
    expect(io.stdout).toContain('evidence: "right knee pain" (12-27)');
    expect(io.stdout).toMatch(/traits: right/);
    expect(io.stdout).toMatch(/negated\s+"chest pain" \(R07\.9\)/);
    expect(io.stdout).toContain('only the demo code list is loaded');
  });

  it('--json prints what the API answers for the same note, and audits as the OS user without the note', async () => {
    const io = await medbill(
      'code-note',
      file,
      '--on',
      '2025-11-04',
      '--age',
      '50',
      '--sex',
      'F',
      '--json',
      '--tenant',
      t.slug,
    );
    expect(io.exitCode, io.stderr).toBe(0);
    await withApp(async (call, db) => {
      expect(JSON.parse(io.stdout)).toEqual(await call({ note: NOTE, on: '2025-11-04', age: 50, sex: 'F' }));
      const rows = await db
        .selectFrom('audit_event')
        .select(['username', 'action', 'resource_type', 'patient_id', 'details'])
        .where('tenant_id', '=', t.tenantId)
        .where('resource_type', '=', 'note')
        .orderBy('seq')
        .execute();
      expect(
        rows.slice(-2).map((r) => [r.action, r.username?.startsWith('cli:') ? 'cli' : 'user', r.patient_id]),
      ).toEqual([
        ['query', 'cli', null],
        ['query', 'user', null],
      ]);
      for (const r of rows) expect(JSON.stringify(r.details)).not.toMatch(/knee|chest/);
    });
  });

  it('prints HCPCS items from the words and CPT codes by number from the set loaded (the demo list here)', async () => {
    const f = path.join(dataDir, 'procedures.txt');
    fs.writeFileSync(f, 'Plan: folding wheeled walker dispensed. Office visit billed as 99213.\n');
    const io = await medbill('code-note', f, '--on', '2025-11-04', '--tenant', t.slug);
    expect(io.exitCode, io.stderr).toBe(0);
    expect(io.stdout).toContain('Procedures, supplies and drugs (HCPCS; CPT by code number):');
    expect(io.stdout).toMatch(/^E0143\s+0\.\d\d\s+HCPCS\s+Folding wheeled walker$/m);
    expect(io.stdout).toContain('evidence: "folding wheeled walker" (6-28)');
    expect(io.stdout).toMatch(/^99213\s+0\.95\s+CPT\s/m);
    expect(io.stdout).toContain('CPT 99213 is in the licensed CPT set loaded');
  });

  it('refuses bad options, a missing file and an empty note by name', async () => {
    const run = (...args: string[]) => medbill('code-note', ...args, '--tenant', t.slug);
    const sex = await run(file, '--sex', 'X');
    expect([sex.exitCode, sex.stderr]).toEqual([2, 'medbill code-note: --sex is F or M\n']);
    expect((await run(file, '--on', '11/04/2025')).stderr).toMatch(/--on is a date, YYYY-MM-DD/);
    const feb30 = await run(file, '--on', '2025-02-30');
    expect([feb30.exitCode, feb30.stderr]).toEqual([
      1,
      'medbill code-note: on: Date of service must be a real date written YYYY-MM-DD\n',
    ]);
    const missing = await run(path.join(dataDir, 'nope.txt'));
    expect([missing.exitCode, missing.stderr]).toEqual([
      1,
      `medbill code-note: ${path.join(dataDir, 'nope.txt')}: no such file\n`,
    ]);
    const empty = path.join(dataDir, 'empty.txt');
    fs.writeFileSync(empty, '  \n');
    expect((await run(empty)).stderr).toMatch(/empty\.txt is empty/);
  });
});
