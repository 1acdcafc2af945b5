/**
 * Folder clearinghouses live under `$MEDBILL_DATA/clearinghouse/<tenant id>/<root>` (issue 8 item 2). A record's
 * `root` is a plain name inside its own tenant's folder: separators, `..`, absolute paths and anything else that
 * would leave that folder (a symbolic link planted in it included) are refused, so no tenant can name another
 * tenant's exchange folders, the database folder (`pgdata`) or the audit key.
 */
import { issueAt } from '@medbill/api';
import fs from 'node:fs';
import path from 'node:path';
import { FOLDER_NAME, FOLDER_NAME_RULE } from '@medbill/api';
import { AppError } from '../app-error.ts';

export { FOLDER_NAME, FOLDER_NAME_RULE };

/** The folder that holds one tenant's clearinghouse folders. */
export function tenantClearinghouseBase(dataDir: string, tenantId: number): string {
  if (!Number.isSafeInteger(tenantId) || tenantId <= 0) throw new Error('A clearinghouse folder needs a tenant id');
  return path.resolve(dataDir, 'clearinghouse', String(tenantId));
}

/** The default name of a folder clearinghouse's root when its record names none. */
export const defaultFolderName = (clearinghouseId: number) => `clearinghouse-${clearinghouseId}`;

/**
 * The absolute folder for `root` of `tenantId`, created if missing, after checking that it is a plain name and
 * that the folder on disk (after following links) is exactly that name inside the tenant's own folder.
 */
export function clearinghouseFolder(dataDir: string, tenantId: number, root: unknown): string {
  if (typeof root !== 'string' || !FOLDER_NAME.test(root))
    throw new AppError('conflict', `The clearinghouse folder ${JSON.stringify(root)} ${FOLDER_NAME_RULE}`, [
      issueAt('config.root', 'invalid', FOLDER_NAME_RULE),
    ]);
  const base = tenantClearinghouseBase(dataDir, tenantId);
  const folder = path.join(base, root);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  // the operator may keep $MEDBILL_DATA/clearinghouse on another disk; inside a tenant's folder, no link leads out
  if (fs.realpathSync(folder) !== path.join(fs.realpathSync(base), root))
    throw new AppError(
      'conflict',
      `The clearinghouse folder ${JSON.stringify(root)} leads outside this tenant's folder`,
      [issueAt('config.root', 'invalid', "leads outside this tenant's folder")],
    );
  return folder;
}
