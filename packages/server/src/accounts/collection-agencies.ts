/** The tenant's collection agencies, with what is placed with each now (no patient data); an admin adds one. */
import { issueAt } from '@medbill/api';
import type { CollectionAgency, CollectionAgencyInput, CollectionAgencyList } from '@medbill/api';
import { sql } from 'kysely';
import type { Actor } from '../actor.ts';
import { AppError } from '../app-error.ts';
import { recordAudit } from '../audit/record-audit.ts';
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

/** Add an agency the office places accounts with; its code is unique in the office (agency files carry it). */
export async function createCollectionAgency(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  input: CollectionAgencyInput,
): Promise<CollectionAgency> {
  const t = actor.tenantId;
  return withTenant(deps.db, t, async (tx) => {
    const same = await tx
      .selectFrom('collection_agency')
      .select(['id', 'name'])
      .where('tenant_id', '=', t)
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (same)
      throw new AppError('conflict', `Agency code ${input.code} is already ${same.name}'s: each agency has its own`, [
        issueAt('code', 'duplicate', 'is already in use'),
      ]);
    const row = await tx
      .insertInto('collection_agency')
      .values({ tenant_id: t, name: input.name, code: input.code, fee_basis_points: input.feeBasisPoints })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'create',
      resourceType: 'collection_agency',
      resourceId: row.id,
      details: { name: input.name, code: input.code, feeBasisPoints: input.feeBasisPoints },
    });
    return { id: row.id, ...input, placedAccounts: 0, placedCents: 0 };
  });
}
