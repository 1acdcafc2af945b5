/** One of the tenant's clearinghouses, as its adapter needs it; 404 when it is not this tenant's. */
import { notFound } from '../app-error.ts';
import type { Tx } from '../db/open-database.ts';

export async function findClearinghouse(tx: Tx, tenantId: number, clearinghouseId: number) {
  const ch = await tx
    .selectFrom('clearinghouse')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', clearinghouseId)
    .executeTakeFirst();
  if (!ch) throw notFound('Clearinghouse');
  return ch;
}
