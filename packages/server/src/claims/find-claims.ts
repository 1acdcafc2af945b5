/** Claims named as people name them: the claim number on the screen and the paper claim (C0000096), or the id. */
import { issueAt } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { AppError } from '../app-error.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';

/** The ids of the claims named, in order; 404 names the first that is not this tenant's. */
export async function findClaimIds(deps: Pick<Deps, 'db'>, actor: Actor, refs: readonly string[]): Promise<number[]> {
  const wanted = refs.map((r) => r.trim());
  const bad = wanted.find((r) => !/^\d{1,15}$/.test(r) && !/^[A-Za-z0-9-]{1,30}$/.test(r));
  if (bad !== undefined)
    throw new AppError('validation', `"${bad}" is neither a claim number nor a claim id`, [
      issueAt('claim', 'invalid-format', 'is neither a claim number nor a claim id'),
    ]);
  if (!wanted.length) return [];
  const ids = wanted.filter((r) => /^\d+$/.test(r)).map(Number);
  const numbers = wanted.map((r) => r.toUpperCase());
  const rows = await withTenant(deps.db, actor.tenantId, (tx) =>
    tx
      .selectFrom('claim')
      .select(['id', 'claim_number'])
      .where('tenant_id', '=', actor.tenantId)
      .where((eb) => eb.or([eb('claim_number', 'in', numbers), eb('id', 'in', ids.length ? ids : [-1])]))
      .execute(),
  );
  return wanted.map((ref) => {
    const found =
      rows.find((r) => r.claim_number.toUpperCase() === ref.toUpperCase()) ??
      (/^\d+$/.test(ref) ? rows.find((r) => r.id === Number(ref)) : undefined);
    if (!found) throw new AppError('not_found', `No claim ${ref}`);
    return found.id;
  });
}
