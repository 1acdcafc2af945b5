/** Interchange and group control numbers: allocated under a row lock, persisted, never reused. */
import { sql } from 'kysely';
import type { Tx } from '../db/open-database.ts';

export async function nextControlNumber(
  tx: Tx,
  tenantId: number,
  clearinghouseId: number,
  kind: 'interchange' | 'group',
): Promise<number> {
  await sql`INSERT INTO control_number (tenant_id, clearinghouse_id, kind, last_value) VALUES (${tenantId}, ${clearinghouseId}, ${kind}, 0) ON CONFLICT DO NOTHING`.execute(
    tx,
  );
  const row = await tx
    .updateTable('control_number')
    .set((eb) => ({ last_value: eb('last_value', '+', 1) }))
    .where('tenant_id', '=', tenantId)
    .where('clearinghouse_id', '=', clearinghouseId)
    .where('kind', '=', kind)
    .returning('last_value')
    .executeTakeFirstOrThrow();
  if (row.last_value > 999_999_999)
    throw new Error('Interchange control numbers are exhausted for this clearinghouse (9 digits)');
  return row.last_value;
}
