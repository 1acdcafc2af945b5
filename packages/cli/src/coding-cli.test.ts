/**
 * medbill coding learn | status: the office's coded notes teach its code suggestions from the command line — what
 * was counted, the status before and after, the read audited as the OS user, and `code-note` adapted afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, openConfiguredStore } from '@medbill/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenantFixture, insertCodedEncounters, type TenantFixture } from '../../server/test/fixtures.ts';
import { useCliTestEnv } from './cli-test-env.test-util.ts';

const { dataDir, medbill } = useCliTestEnv('medbill-coding-', { MEDBILL_ADMIN_PASSWORD: 'coding-admin-pw' });
let t: TenantFixture;
let file: string;

beforeAll(async () => {
  const created = await medbill(
    'tenant',
    'create',
    '--name',
    'Learn Office',
    '--slug',
    'learn-office',
    '--admin',
    'l.admin',
  );
  expect(created.exitCode, created.stderr).toBe(0);
  const { store } = await openConfiguredStore(loadConfig(), 'coding test', { auditKey: 'require' });
  try {
    t = await createTenantFixture(store, 'clilearn');
    const notes = ['Sugars high.', 'Sugars better on diet.', 'Her sugars again. Cough.', 'Sugars stable.'];
    await insertCodedEncounters(
      store,
      t,
      notes.map((text) => ({ text, codes: ['E119'], status: 'billed' as const })),
      '2026-01-01',
    );
  } finally {
    await store.close();
  }
  file = path.join(dataDir, 'note.txt');
  fs.writeFileSync(file, 'Her sugars are up.\n');
}, 240_000);

describe('medbill coding', () => {
  it('status says not yet learned, and how many coded notes there are', async () => {
    const io = await medbill('coding', 'status', '--tenant', t.slug);
    expect(io.exitCode, io.stderr).toBe(0);
    // the fixture's coded visit and the four billed ones
    expect(io.stdout).toContain('not yet learned');
    expect(io.stdout).toContain('5 coded notes are available');
    const note = await medbill('code-note', file, '--on', '2026-03-01', '--tenant', t.slug);
    expect(note.stdout).toContain('Not yet adapted to this office');
    expect(note.stdout).not.toMatch(/^E11\.9 /m);
  });

  it('learn prints the notes and codes counted, audits the read as the OS user, and code-note uses it', async () => {
    const io = await medbill('coding', 'learn', '--tenant', t.slug);
    expect(io.exitCode, io.stderr).toBe(0);
    expect(io.stdout).toMatch(/^Code suggestions learned from 5 coded notes \(1 patients\), built \S+ by cli:/m);
    expect(io.stdout).toMatch(/^\d+ codes, \d+ of the office's phrases read as codes$/m);
    const json = JSON.parse((await medbill('coding', 'status', '--tenant', t.slug, '--json')).stdout);
    expect(json).toMatchObject({ learned: true, notes: 5, patients: 1, available: 5 });
    expect(json.builtBy).toMatch(/^cli:/);
    const note = await medbill('code-note', file, '--on', '2026-03-01', '--tenant', t.slug);
    expect(note.exitCode, note.stderr).toBe(0);
    expect(note.stdout).toContain('Adapted to this office: learned from 5 coded notes');
    expect(note.stdout).toMatch(/^E11\.9\s+0\.\d\d\s+/m);
    expect(note.stdout).toContain('evidence: "sugars" (4-10)');
    const { store } = await openConfiguredStore(loadConfig(), 'coding test', { auditKey: 'require' });
    try {
      const rows = await store.db
        .selectFrom('audit_event')
        .select(['username', 'action', 'details'])
        .where('tenant_id', '=', t.tenantId)
        .where('resource_type', '=', 'encounter')
        .where('action', '=', 'read')
        .execute();
      const learn = rows.filter((r) => (r.details as { encounters?: number }).encounters !== undefined);
      expect(learn).toHaveLength(1);
      expect(learn[0].username).toMatch(/^cli:/);
      expect(learn[0].details).toMatchObject({ encounters: 5, patients: 1, patientIds: [t.patientId] });
    } finally {
      await store.close();
    }
  });
});
