/**
 * Before folders were per tenant, a folder clearinghouse's root sat directly in the data folder. At start, such a
 * folder moves into its tenant's folder when exactly one tenant's record names it (so files waiting there are not
 * stranded); a name several tenants used stays where it is, and is reported, since whose files it holds is unknown.
 */
import fs from 'node:fs';
import path from 'node:path';
import { asOwner, type Db } from '../db/open-database.ts';
import { defaultFolderName, FOLDER_NAME, tenantClearinghouseBase } from './tenant-folders.ts';

/** Names in the data folder that are never a clearinghouse's: the database, the exchange folders, keys and rules. */
const NOT_LEGACY = new Set(['pgdata', 'clearinghouse', 'payer-sim']);

export async function relocateLegacyClearinghouseFolders(
  db: Db,
  dataDir: string,
  log: (line: string) => void,
): Promise<void> {
  // an owner path: a folder named by several tenants is found across them
  const rows = await asOwner(db, (tx) =>
    tx.selectFrom('clearinghouse').select(['tenant_id', 'id', 'config']).where('transport', '=', 'folder').execute(),
  );
  const owners = new Map<string, Array<{ tenantId: number }>>();
  for (const r of rows) {
    const root = (r.config as { root?: unknown }).root ?? defaultFolderName(r.id);
    if (typeof root !== 'string' || !FOLDER_NAME.test(root) || NOT_LEGACY.has(root)) continue;
    owners.set(root, [...(owners.get(root) ?? []), { tenantId: r.tenant_id }]);
  }
  for (const [root, users] of owners) {
    const legacy = path.join(path.resolve(dataDir), root);
    if (!fs.existsSync(legacy) || !fs.lstatSync(legacy).isDirectory()) continue;
    const tenants = [...new Set(users.map((u) => u.tenantId))];
    if (tenants.length > 1) {
      log(
        `The clearinghouse folder ${root} in the data folder is named by ${tenants.length} tenants (${tenants.join(', ')}); it was left where it is: move its files into clearinghouse/<tenant id>/${root} for the tenant they belong to.`,
      );
      continue;
    }
    const target = path.join(tenantClearinghouseBase(dataDir, tenants[0]), root);
    if (fs.existsSync(target)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    fs.renameSync(legacy, target);
    log(
      `Moved the clearinghouse folder ${root} into tenant ${tenants[0]}'s folder (clearinghouse/${tenants[0]}/${root}).`,
    );
  }
}
