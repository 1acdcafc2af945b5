/**
 * `medbill codes` on the official files in ../shared/data: imports are stored and idempotent, a broken
 * file is refused with its line, and the FY2025→FY2026 update is answered by date of service.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_ROOT, testData } from '../../../test-data.ts';
import { useCliTestEnv } from './cli-test-env.test-util.ts';

const DATA = DATA_ROOT;
const order2026 = testData('icd10cm/icd10cm_order_2026.txt');
const haveData = order2026.present;

const { dataDir, medbill } = useCliTestEnv('medbill-codes-cli-', {});

describe.skipIf(!haveData)(order2026.title('medbill codes'), () => {
  it('imports the FY2025 and FY2026 ICD-10-CM order files as releases by fiscal year', async () => {
    const fy25 = await medbill(
      'codes',
      'import',
      'auto',
      path.join(DATA, 'icd10cm/icd10cm_order_2025.txt.gz'),
      '--json',
    );
    expect(fy25.exitCode, fy25.stderr).toBe(0);
    expect(JSON.parse(fy25.stdout)).toMatchObject({
      status: 'imported',
      kind: 'icd10cm-order',
      releaseId: 'FY2025',
      effectiveFrom: '2024-10-01',
    });
    const fy26 = await medbill(
      'codes',
      'import',
      'icd10cm-order',
      path.join(DATA, 'icd10cm/icd10cm_order_2026.txt'),
      '--json',
    );
    expect(JSON.parse(fy26.stdout)).toMatchObject({ status: 'imported', releaseId: 'FY2026', records: 98186 });
  }, 180_000);

  it('the same file again is a no-op', async () => {
    const again = await medbill('codes', 'import', 'auto', path.join(DATA, 'icd10cm/icd10cm_order_2026.txt'));
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/already imported/);
  });

  it('a truncated or wrong file is refused, naming the line, and nothing is stored', async () => {
    const bad = path.join(dataDir, 'icd10cm_order_2024.txt');
    const good = fs.readFileSync(path.join(DATA, 'icd10cm/icd10cm_order_2026.txt'), 'utf8').split('\n').slice(0, 50);
    fs.writeFileSync(bad, [...good, 'this line is not an order-file record', good[5].slice(0, 20)].join('\n'));
    const io = await medbill('codes', 'import', 'auto', bad);
    expect(io.exitCode).toBe(1);
    expect(io.stderr).toMatch(/icd10cm_order_2024\.txt:51/);
    const releases = JSON.parse((await medbill('codes', 'releases', '--json')).stdout);
    expect(releases.map((r: { releaseId: string }) => r.releaseId)).not.toContain('FY2024');
    expect((await medbill('codes', 'import', 'bogus-kind', bad)).exitCode).toBe(2);
  });

  it('a code deleted in FY2026 is valid on 2025-09-30 and not on 2025-10-01', async () => {
    const before = await medbill('codes', 'valid', 'S30.1XXA', '--on', '2025-09-30');
    expect(before.exitCode, before.stdout).toBe(0);
    const after = await medbill('codes', 'valid', 'S30.1XXA', '--on', '2025-10-01', '--json');
    expect(after.exitCode).toBe(1);
    const verdict = JSON.parse(after.stdout);
    expect(verdict.valid).toBe(false);
    expect(['not-in-force', 'unknown-code']).toContain(verdict.validity.status);
    // E72.53 was billable in FY2025 and became a heading with children in FY2026
    expect((await medbill('codes', 'valid', 'E72.53', '--on', '2025-09-30')).exitCode).toBe(0);
    const header = JSON.parse((await medbill('codes', 'valid', 'E72.53', '--on', '2025-10-01', '--json')).stdout);
    expect(header).toMatchObject({ valid: false, validity: { status: 'header' } });
    const added = await medbill('codes', 'valid', 'B88.01', '--on', '2025-10-01');
    expect(added.exitCode).toBe(0);
  });

  it('keeps the demo CPT, NCCI and MUE lists after the ICD-10-CM import, and says which lists are demo', async () => {
    const io = await medbill('codes', 'releases');
    expect(io.stdout).toMatch(/^cpt\s+DEMO/m);
    expect(io.stdout).toMatch(/^ncci_ptp\s+DEMO/m);
    expect(io.stdout).toMatch(/^mue\s+DEMO/m);
    expect(io.stdout).not.toMatch(/^icd10cm\s+DEMO/m);
    expect(io.stdout).toContain("CPT, NCCI PTP, MUE: medbill's demo lists (not an official release");
    expect(io.stdout).toContain("ICD-10-CM: medbill's demo list was replaced by the imported FY2025.");
  });

  it('a date after the last loaded fiscal year is said once and checked against the nearest release', async () => {
    const io = await medbill('codes', 'valid', 'I10', '--on', '2026-11-02');
    expect(io.exitCode).toBe(0);
    expect(io.stdout).toBe('I10 (icd10cm) on 2026-11-02: valid in FY2026\n');
    expect(io.stderr).toContain('No ICD-10-CM release loaded for dates from 2026-10-01; import FY2027');
    const json = JSON.parse((await medbill('codes', 'valid', 'I10', '--on', '2026-11-02', '--json')).stdout);
    expect(json.notice).toBe('No ICD-10-CM release loaded for dates from 2026-10-01; import FY2027');
    const hits = JSON.parse((await medbill('codes', 'search', 'I10', '--on', '2026-11-02', '--json')).stdout);
    expect(hits[0].code).toBe('I10');
  });

  it.skipIf(Boolean(process.env.DATABASE_URL))(
    'codes valid answers from the parsed code sets beside the data, without opening the embedded database',
    async () => {
      // a data folder holding only the code-set cache: no database to open, so the answer can only come from it
      const bare = fs.mkdtempSync(path.join(dataDir, 'bare-'));
      fs.cpSync(path.join(dataDir, 'code-sets'), path.join(bare, 'code-sets'), { recursive: true });
      const saved = process.env.MEDBILL_DATA;
      process.env.MEDBILL_DATA = bare;
      try {
        const io = await medbill('codes', 'valid', 'B88.01', '--on', '2025-10-01', '--json');
        expect(io.exitCode, io.stderr).toBe(0);
        expect(JSON.parse(io.stdout)).toMatchObject({ valid: true, validity: { release: { releaseId: 'FY2026' } } });
        expect(fs.existsSync(path.join(bare, 'pgdata'))).toBe(false);
      } finally {
        process.env.MEDBILL_DATA = saved;
      }
    },
  );

  it('lists the annual update between the two releases', async () => {
    const d = JSON.parse((await medbill('codes', 'diff', 'icd10cm', 'FY2025', 'FY2026', '--json')).stdout);
    expect(d.deleted.map((e: { code: string }) => e.code)).toContain('S301XXA');
    expect(JSON.stringify(d.billableChanged)).toContain('E7253');
    expect(d.added.map((e: { code: string }) => e.code)).toContain('B8801');
    expect(d.added.length).toBeGreaterThan(400);
  });

  it('searches the imported codes the way a coder types', async () => {
    const hits = JSON.parse(
      (
        await medbill(
          'codes',
          'search',
          'type 2 diabetes with neuropathy',
          '--kind',
          'diagnosis',
          '--on',
          '2026-01-15',
          '--json',
        )
      ).stdout,
    );
    expect(hits.slice(0, 3).map((h: { code: string }) => h.code)).toContain('E11.40');
    const chf = JSON.parse((await medbill('codes', 'search', 'CHF', '--json', '--limit', '5')).stdout);
    expect(chf[0].code).toMatch(/^I50/);
  });
});
