/** A fee schedule's fees, written in chunks under the bind-parameter limit (five per row): up to 20,000 fees. */
import { chunksFor } from '../db/bind-limit.ts';
import type { Tx } from '../db/open-database.ts';
import type { FeeItem } from './fee-schedule-schemas.ts';

export async function insertFeeItems(tx: Tx, tenantId: number, scheduleId: number, list: readonly FeeItem[]) {
  for (const chunk of chunksFor(list, 5))
    await tx
      .insertInto('fee_schedule_item')
      .values(
        chunk.map((i) => ({
          tenant_id: tenantId,
          fee_schedule_id: scheduleId,
          procedure_code: i.procedureCode,
          modifier: i.modifier,
          charge_cents: i.chargeCents,
        })),
      )
      .execute();
}
