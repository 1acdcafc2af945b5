/**
 * The Physician Fee Schedule goes in through `medbill codes import` like any CMS file (a fixture in CMS's
 * RVU layout, PPRRVU26_JAN.csv), is kept, replayed at start, and drives the scrubber's global-surgery and
 * add-on edits: a follow-up visit inside a 90-day global period needs 24.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCoding } from '@medbill/codes';
import { cleanClaim } from '@medbill/core/test-util';
import { scrubClaim } from '@medbill/core';
import { loadCatalog } from '@medbill/server/codes';
import { openStore } from '@medbill/server';
import { describe, expect, it } from 'vitest';
import { useCliTestEnv } from './cli-test-env.test-util.ts';

const FIXTURE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../codes/test/fixtures/PPRRVU26_JAN.csv',
);
const { dataDir, medbill } = useCliTestEnv('medbill-pfs-cli-', {});

describe('medbill codes import: the Physician Fee Schedule RVU file', () => {
  it('imports it as the 2026-Q1 PFS release and the scrubber reads global days from it', async () => {
    const io = await medbill('codes', 'import', 'auto', FIXTURE, '--json');
    expect(io.exitCode, io.stderr).toBe(0);
    expect(JSON.parse(io.stdout)).toMatchObject({
      status: 'imported',
      kind: 'pfs-rvu',
      releaseId: '2026-Q1',
      records: 18,
    });
    const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
    const { catalog } = await loadCatalog(store.db).finally(() => store.close());
    expect(catalog.pfsOn('27447', '2026-03-01')?.row.globalDays).toBe('090');
    const coding = (input: Parameters<typeof checkCoding>[0]) => checkCoding(input, catalog);
    const base = cleanClaim();
    const visit = (modifiers: string[]) =>
      cleanClaim({
        serviceDateFrom: '2026-03-10',
        serviceDateTo: '2026-03-10',
        lines: [{ ...base.lines[0], modifiers, serviceDate: '2026-03-10' }],
        priorLines: [
          {
            claimNumber: 'C0000900',
            serviceDate: '2026-02-20',
            procedureCode: '27447',
            modifiers: ['RT'],
            renderingNpi: base.rendering.npi,
          },
        ],
      });
    const rules = (modifiers: string[]) =>
      scrubClaim(visit(modifiers), { today: '2026-03-20', coding }).edits.map((e) => e.ruleId);
    expect(rules([])).toContain('global-period');
    expect(rules(['24'])).not.toContain('global-period');
  });
});
