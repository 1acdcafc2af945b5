/** Folders of the old, shared layout move into their tenant's folder at start when exactly one tenant names them. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withTenant, type Store } from '../db/open-database.ts';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures.ts';
import { openTestStore } from '../../test/test-store.ts';
import { relocateLegacyClearinghouseFolders } from './legacy-folders.ts';

let store: Store;
let a: TenantFixture;
let b: TenantFixture;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-legacy-'));

const folderClearinghouse = (t: TenantFixture, root: string) =>
  withTenant(store.db, t.tenantId, (tx) =>
    tx
      .insertInto('clearinghouse')
      .values({
        tenant_id: t.tenantId,
        name: root,
        transport: 'folder',
        config: JSON.stringify({ root }),
        submitter_id: 'S',
        submitter_name: 'S',
        receiver_id: 'R',
        receiver_name: 'R',
      })
      .execute(),
  );

beforeAll(async () => {
  store = await openTestStore();
  a = await createTenantFixture(store, 'lega');
  b = await createTenantFixture(store, 'legb');
});
afterAll(async () => {
  await store?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('moves a folder one tenant names, leaves (and reports) one that several name, and never touches pgdata', async () => {
  await folderClearinghouse(a, 'only-a');
  await folderClearinghouse(a, 'both');
  await folderClearinghouse(b, 'both');
  await folderClearinghouse(b, 'pgdata');
  for (const root of ['only-a', 'both', 'pgdata']) {
    fs.mkdirSync(path.join(dataDir, root, 'inbound'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, root, 'inbound', 'waiting.x12'), 'ISA');
  }
  const log: string[] = [];
  await relocateLegacyClearinghouseFolders(store.db, dataDir, (l) => log.push(l));
  expect(fs.readdirSync(path.join(dataDir, 'clearinghouse', String(a.tenantId), 'only-a', 'inbound'))).toEqual([
    'waiting.x12',
  ]);
  expect(fs.existsSync(path.join(dataDir, 'only-a'))).toBe(false);
  expect(fs.existsSync(path.join(dataDir, 'both', 'inbound', 'waiting.x12'))).toBe(true);
  expect(fs.existsSync(path.join(dataDir, 'pgdata', 'inbound', 'waiting.x12'))).toBe(true);
  expect(log.join('\n')).toMatch(/both .* named by 2 tenants/);
  // a second start changes nothing
  await relocateLegacyClearinghouseFolders(store.db, dataDir, (l) => log.push(l));
  expect(
    fs.existsSync(path.join(dataDir, 'clearinghouse', String(a.tenantId), 'only-a', 'inbound', 'waiting.x12')),
  ).toBe(true);
});
