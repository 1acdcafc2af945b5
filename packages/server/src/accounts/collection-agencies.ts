/** The tenant's collection agencies, with what is placed with each now (no patient data). */
import type { CollectionAgencyList } from '@medbill/api';
import { sql } from 'kysely';
import type { Actor } from '../actor.ts';
import { withTenant } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { safeSum } from '../ledger/read-ledger.ts';

export async function listCollectionAgencies(deps: Pick<Deps, 'db'>, actor: Actor): Promise<CollectionAgencyList> {
  const t = actor.tenantId;
  return withTenant(deps.db, t, async (tx) => {
    const { rows } = await sql<{
      id: number;
      name: string;
      code: string;
      fee: number;
      n: string;
      cents: string | null;
    }>`
      SELECT g.id, g.name, g.code, g.fee_basis_points AS fee, count(c.id) AS n, sum(c.placed_balance_cents) AS cents
        FROM collection_agency g
        LEFT JOIN collection_placement c ON c.tenant_id = g.tenant_id AND c.agency_id = g.id AND c.status = 'placed'
       WHERE g.tenant_id = ${t}
       GROUP BY g.id, g.name, g.code, g.fee_basis_points
       ORDER BY g.name`.execute(tx);
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        code: r.code,
        feeBasisPoints: r.fee,
        placedAccounts: Number(r.n),
        placedCents: r.cents === null ? 0 : safeSum(r.cents),
      })),
    };
  });
}
