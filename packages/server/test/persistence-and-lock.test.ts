/** PGlite on disk: data survives a restart, and a second process on the same folder is refused (SECURITY.md D9). */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFolderLockedError } from '../src/db/data-lock.ts';
import { migrate } from '../src/db/migrate.ts';
import { openStore } from '../src/db/open-database.ts';
import { onPostgres } from './test-store.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-persist-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.skipIf(onPostgres)('embedded PGlite data folder', () => {
  it('keeps data across a restart', async () => {
    const first = await openStore({ dataDir: dir });
    await migrate(first);
    await first.db.insertInto('tenant').values({ name: 'Persisted Billing', slug: 'persisted' }).execute();
    await first.close();
    const second = await openStore({ dataDir: dir });
    expect((await migrate(second)).applied).toHaveLength(0);
    const rows = await second.db.selectFrom('tenant').select('name').execute();
    await second.close();
    expect(rows.map((r) => r.name)).toEqual(['Persisted Billing']);
  });

  it('refuses a second opener while the folder is held, names the holder, and loses nothing', async () => {
    const holder = await openStore({ dataDir: dir, purpose: 'medbill server' });
    await expect(openStore({ dataDir: dir })).rejects.toBeInstanceOf(DataFolderLockedError);
    // another process (the CLI) is refused too
    const script = `import('${path.resolve('packages/server/src/db/open-database.ts')}').then(m => m.openStore({ dataDir: '${dir}' })).then(() => { console.log('opened'); process.exit(0) }, (e) => { console.log(e.message); process.exit(3) })`;
    let out = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      out = (e as { stdout: string }).stdout;
    }
    expect(out).toMatch(/in use by process \d+ \(medbill server/);
    await holder.close();
    const again = await openStore({ dataDir: dir });
    expect(await again.db.selectFrom('tenant').select('slug').execute()).toEqual([{ slug: 'persisted' }]);
    await again.close();
  });

  it('takes over a lock left by a process that died', async () => {
    fs.writeFileSync(
      path.join(dir, 'medbill.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, startedAt: 'then', purpose: 'crashed' }),
    );
    const store = await openStore({ dataDir: dir });
    await store.close();
  });
});
