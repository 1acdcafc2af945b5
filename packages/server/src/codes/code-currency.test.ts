/**
 * Issue 8 item 15: the demo keeps working after the official FY2026 ICD-10-CM import although its encounters are
 * dated after 2026-09-30. Search finds I10 on those dates, the scrubber says once that no release covers them (and
 * keeps ready claims ready), and the demo CPT, NCCI and MUE lists stay, with a notice saying they are demo lists.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testData } from '../../../../test-data.ts';
import { auditKeyForTests, login, testDeps } from '../../test/fixtures.ts';
import { openTestStore } from '../../test/test-store.ts';
import { defaultClaimServices } from '../claims/claim-services.ts';
import { scrubClaims } from '../claims/scrub-claims.ts';
import { SYSTEM_ACTOR } from '../claims/claim-events.ts';
import { withTenant, type Store } from '../db/open-database.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { buildApp } from '../http/app.ts';
import { codeCacheDir } from './code-cache.ts';
import { importCodeFile } from './code-files.ts';
import { codesServiceFrom, loadCodesService, type CodesService } from './codes-service.ts';
import { createDemoCatalog } from '@medbill/codes';

const order2026 = testData('icd10cm/icd10cm_order_2026.txt');
const ORDER_2026 = order2026.path;
const haveData = order2026.present;
const NOW = new Date('2026-11-20T15:00:00Z');
const PASSWORD = 'currency-demo-password';

let store: Store;
let dataDir: string;
let official: CodesService;
let tenantId: number;

describe.skipIf(!haveData)(order2026.title('code-set currency after the official FY2026 import'), () => {
  beforeAll(async () => {
    store = await openTestStore();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-currency-'));
    const demoCodes = codesServiceFrom(createDemoCatalog(), true);
    const seeded = await seedDemo(store, auditKeyForTests(), {
      password: PASSWORD,
      dataDir,
      onlyIfEmpty: false,
      patients: 60,
      claims: defaultClaimServices(dataDir, { now: () => NOW, coding: demoCodes.check }),
    });
    tenantId = seeded!.tenantId;
    const imported = await importCodeFile(store.db, {
      fileName: 'icd10cm_order_2026.txt',
      bytes: fs.readFileSync(ORDER_2026),
      cacheDir: codeCacheDir(dataDir),
    });
    expect(imported).toMatchObject({ status: 'imported', releaseId: 'FY2026' });
    official = await loadCodesService(store.db, { cacheDir: codeCacheDir(dataDir) });
  }, 300_000);
  afterAll(async () => {
    await store?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the demo CPT, NCCI and MUE lists, saying they are demo lists', () => {
    const sets = official.catalog.releases().map((r) => `${r.codeSet} ${r.releaseId}`);
    expect(sets).toEqual(expect.arrayContaining(['icd10cm FY2026', 'cpt DEMO', 'ncci_ptp DEMO', 'mue DEMO']));
    expect(sets).not.toContain('icd10cm DEMO');
    expect(official.notices).toEqual([
      "HCPCS, CPT, NCCI PTP, MUE: medbill's demo lists (not an official release; import the official files for real work).",
      "ICD-10-CM: medbill's demo list was replaced by the imported FY2026.",
    ]);
  });

  it('scrubs the demo claims dated after 2026-09-30: still ready, one notice each instead of an error per code', async () => {
    const outcomes = await withTenant(store.db, tenantId, async (tx) => {
      const ready = await tx
        .selectFrom('claim')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('state', '=', 'ready')
        .execute();
      expect(ready.length).toBeGreaterThan(0);
      const services = defaultClaimServices(dataDir, { now: () => NOW, coding: official.check });
      return scrubClaims(
        tx,
        tenantId,
        ready.map((r) => r.id),
        services,
        SYSTEM_ACTOR,
      );
    });
    for (const o of outcomes) {
      expect(o.state, JSON.stringify(o.edits)).toBe('ready');
      const notLoaded = o.edits.filter((e) => e.ruleId === 'code-set-not-loaded');
      expect(notLoaded).toHaveLength(1);
      expect(notLoaded[0].message).toMatch(/^No ICD-10-CM release loaded for dates from 2026-10-01; import FY2027\./);
    }
  });

  it('answers search, the coding check and the release list over the API with the notice', async () => {
    const app = await buildApp({
      ...testDeps(store),
      codes: official,
      claims: defaultClaimServices(dataDir, { now: () => NOW, coding: official.check }),
    });
    try {
      const cookie = await login(app, 'coder', PASSWORD);
      const search = await app.inject({
        url: '/api/codes/search?q=I10&kind=diagnosis&on=2026-11-02',
        headers: { cookie },
      });
      expect(search.json().items[0]).toMatchObject({ code: 'I10', codeSet: 'icd10cm' });
      expect(search.json().notices).toEqual(['No ICD-10-CM release loaded for dates from 2026-10-01; import FY2027']);
      const check = await app.inject({
        method: 'POST',
        url: '/api/codes/check',
        headers: { cookie },
        payload: {
          diagnoses: ['I10', 'E11.9'],
          procedures: [{ code: '20610' }, { code: '99213' }],
          patient: { birthDate: '1960-01-01', sex: 'F' },
          dateOfService: '2026-11-02',
        },
      });
      const rules = check.json().edits.map((e: { ruleId: string }) => e.ruleId);
      // the gap once, and the demo NCCI pair still bundles the E/M into the injection
      expect(rules.sort()).toEqual(['code-set-not-loaded', 'ncci-ptp']);
      const releases = await app.inject({ url: '/api/codes/releases', headers: { cookie } });
      expect(releases.json().notices).toEqual(official.notices);
    } finally {
      await app.close();
    }
  });

  it('loads again from the parsed snapshots beside the data, to the same catalog', async () => {
    const again = await loadCodesService(store.db, { cacheDir: codeCacheDir(dataDir) });
    expect(again.catalog.releases().map((r) => r.contentHash)).toEqual(
      official.catalog.releases().map((r) => r.contentHash),
    );
    expect(fs.readdirSync(codeCacheDir(dataDir))).toContain('manifest.json');
  });
});
