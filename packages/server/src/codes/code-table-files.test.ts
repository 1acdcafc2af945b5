/**
 * Issue 8 (idle memory): a code release is kept beside the data as its compact table file (`<sha256>.codes`), read
 * back at start as views of the file's bytes. The catalog loaded from those files answers every code as the one
 * parsed again from the database's stored files; an older JSON snapshot is read and replaced by a table file; a
 * damaged table file sends the load back to the database; `medbill codes valid` reads a table file alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CodeCatalog, CodeSet } from '@medbill/codes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testData } from '../../../../test-data.ts';
import { openTestStore } from '../../test/test-store.ts';
import type { Store } from '../db/open-database.ts';
import { loadCatalogFromCache } from './catalog-from-files.ts';
import { codeCacheDir, readManifest } from './code-cache.ts';
import { importCodeFile, loadCatalog } from './code-files.ts';

const order2026 = testData('icd10cm/icd10cm_order_2026.txt');
const hcpcs = testData('hcpcs/HCPC2025_OCT_ANWEB.csv');
const SETS: CodeSet[] = ['icd10cm', 'hcpcs'];

let store: Store;
let dataDir: string;
let cacheDir: string;

/** Every release and every code of it, as JSON: what an answer would show. */
function answers(catalog: CodeCatalog): string[] {
  const out: string[] = [];
  for (const set of SETS)
    for (const r of catalog.releases(set)) {
      const { data, ...meta } = r;
      out.push(JSON.stringify(meta));
      for (const [code, e] of catalog.codesIn(set, r.releaseId) ?? []) out.push(`${code} ${JSON.stringify(e)}`);
    }
  return out;
}

const filesOf = (ext: string) => fs.readdirSync(cacheDir).filter((f) => f.endsWith(ext));

describe.skipIf(!order2026.present || !hcpcs.present)(
  order2026.title('code releases kept as compact table files beside the data'),
  () => {
    let fromDatabase: string[];
    beforeAll(async () => {
      store = await openTestStore();
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-code-tables-'));
      cacheDir = codeCacheDir(dataDir);
      for (const [fileName, file] of [
        ['icd10cm_order_2026.txt', order2026.path],
        ['HCPC2025_OCT_ANWEB.csv', hcpcs.path],
      ])
        expect(await importCodeFile(store.db, { fileName, bytes: fs.readFileSync(file), cacheDir })).toMatchObject({
          status: 'imported',
        });
      // no cache folder: every stored file is parsed again from the database
      fromDatabase = answers((await loadCatalog(store.db)).catalog);
    }, 300_000);
    afterAll(async () => {
      await store?.close();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('an import writes a table file per code release, and the catalog read from them answers as the database', async () => {
      expect(filesOf('.codes')).toHaveLength(2);
      expect(filesOf('.json').filter((f) => f !== 'manifest.json')).toEqual([]);
      const loaded = await loadCatalog(store.db, { cacheDir });
      expect(loaded.catalog.lookup('icd10cm', 'I10')?.longTitle).toBe('Essential (primary) hypertension');
      const got = answers(loaded.catalog);
      expect(got.length).toBeGreaterThan(98_000);
      expect(got).toEqual(fromDatabase);
    });

    it("an older JSON snapshot is read, then replaced by the release's table file", async () => {
      const icd = readManifest(cacheDir)!.find((f) => f.codeSet === 'icd10cm')!;
      const table = path.join(cacheDir, `${icd.sha256}.codes`);
      const catalog = (await loadCatalog(store.db, { cacheDir })).catalog;
      const r = catalog.getRelease('icd10cm', 'FY2026')!;
      const { data, contentHash, ...meta } = r;
      // format 2, as written before the table files: a JSON header line, then one JSON row a line
      const rows = [...catalog.codesIn('icd10cm', 'FY2026')!.values()].map((e) =>
        JSON.stringify([
          e.code,
          e.billable ? 1 : 0,
          e.shortTitle === e.longTitle ? null : e.shortTitle,
          e.longTitle,
          e.effectiveFrom ?? null,
          e.effectiveTo ?? null,
          e.attrs ? JSON.stringify(e.attrs) : null,
        ]),
      );
      fs.rmSync(table);
      fs.writeFileSync(
        path.join(cacheDir, `${icd.sha256}.json`),
        `${JSON.stringify({ format: 'medbill-code-file/2', kind: 'codes', meta, contentHash })}\n[\n${rows.join(',\n')}\n]`,
      );
      expect(answers((await loadCatalog(store.db, { cacheDir })).catalog)).toEqual(fromDatabase);
      expect(fs.existsSync(table)).toBe(true);
      expect(fs.existsSync(path.join(cacheDir, `${icd.sha256}.json`))).toBe(false);
    });

    it('a damaged table file is read from the database again and written anew', async () => {
      const icd = readManifest(cacheDir)!.find((f) => f.codeSet === 'icd10cm')!;
      const table = path.join(cacheDir, `${icd.sha256}.codes`);
      const whole = fs.statSync(table).size;
      fs.truncateSync(table, Math.floor(whole / 2));
      expect(answers((await loadCatalog(store.db, { cacheDir })).catalog)).toEqual(fromDatabase);
      expect(fs.statSync(table).size).toBe(whole);
    });

    it('a lookup without the database reads one code set from its table files', () => {
      const alone = loadCatalogFromCache(cacheDir, 'icd10cm', 'I10');
      expect(alone?.catalog.validity('icd10cm', 'I10', '2025-10-01').status).toBe('valid');
      expect(alone?.catalog.validity('icd10cm', 'I1', '2025-10-01').status).toBe('unknown-code');
      expect(alone?.catalog.releases('hcpcs')).toEqual([]);
    });
  },
);
