/** Undoes a posting with a new one (entries negated); the original stays. A posting is reversed at most once. */
import { reversalPosting } from '@medbill/core/ledger';
import type { Tx } from '../db/open-database.ts';
import { AppError } from '../app-error.ts';
import { appendPosting, type LedgerActor } from './append-postings.ts';
import { loadPosting } from './read-ledger.ts';

export async function reversePosting(
  tx: Tx,
  tenantId: number,
  postingId: number,
  why: { actor: LedgerActor; effectiveDate: string; reason: string },
): Promise<number> {
  const original = await loadPosting(tx, tenantId, postingId);
  if (original.kind === 'reversal') throw new AppError('conflict', `Posting ${postingId} is itself a reversal`);
  const already = await tx
    .selectFrom('ledger_posting')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('reverses_posting_id', '=', postingId)
    .executeTakeFirst();
  if (already) throw new AppError('conflict', `Posting ${postingId} was already reversed by posting ${already.id}`);
  return appendPosting(
    tx,
    tenantId,
    reversalPosting(original, why.effectiveDate, `reversal of posting ${postingId}: ${why.reason}`),
    why.actor,
  );
}
