/**
 * Fetch and apply what a clearinghouse sent back (999, 277CA, 835). Each file audits itself as it is applied
 * (inbound/intake.ts); one `create` edi_file row records the poll, naming every file it brought in.
 */
import type { PollResult } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { findClearinghouse } from '../clearinghouse/find-clearinghouse.ts';
import { withTenant } from '../db/open-database.ts';
import type { ClaimsDeps } from '../deps.ts';
import { processInbound } from './inbound/intake.ts';

export async function pollClearinghouse(
  deps: ClaimsDeps,
  actor: Actor,
  input: { clearinghouseId: number },
): Promise<PollResult> {
  const { db } = deps;
  const ch = await withTenant(db, actor.tenantId, (tx) => findClearinghouse(tx, actor.tenantId, input.clearinghouseId));
  const adapter = deps.claims.adapterFor(ch);
  try {
    const files = await processInbound(deps, actor, adapter, { clearinghouseId: ch.id });
    await withTenant(db, actor.tenantId, (tx) =>
      recordAudit(tx, deps.auditKey, actor, {
        action: 'create',
        resourceType: 'edi_file',
        dataCategory: 'claim',
        details: {
          from: ch.name,
          files: files.map((f) => ({
            fileName: f.fileName,
            kind: f.kind,
            duplicate: f.duplicate,
            claimsMoved: f.claimsMoved,
          })),
        },
      }),
    );
    return { files };
  } finally {
    await adapter.close();
  }
}
