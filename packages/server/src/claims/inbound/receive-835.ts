/**
 * An 835 is posted to the ledger by the remittance stage, which stores it (recognising a re-sent file by its
 * hash and its TRN02 + payer), checks it, posts or holds it, and audits it itself (remittance/post-remittance.ts).
 */
import type { InboundFileResult } from '@medbill/api';
import type { Actor } from '../../actor.ts';
import type { Tx } from '../../db/open-database.ts';
import { postReadFile } from '../../remittance/post-remittance.ts';
import { read835File, type Read835FileResult } from '../../remittance/read-835-file.ts';
import type { ProgressFn } from '../../remittance/remittance-result.ts';

export async function receive835(
  tx: Tx,
  auditKey: Buffer,
  actor: Actor,
  file: { fileName: string; text: string; read835?: Read835FileResult },
  opts: { clearinghouseId: number; onProgress?: ProgressFn },
): Promise<InboundFileResult> {
  const r = await postReadFile(
    tx,
    actor.tenantId,
    { fileName: file.fileName, text: file.text, clearinghouseId: opts.clearinghouseId },
    // read on the parse worker before the transaction opened (intake.ts); here only when called alone
    file.read835 ?? read835File(file.text, file.fileName),
    { actor, audit: { key: auditKey, sourceIp: actor.sourceIp }, onProgress: opts.onProgress },
  );
  return {
    fileName: file.fileName,
    kind: '835',
    duplicate: r.status === 'duplicate',
    claimsMoved: r.claimsMoved,
    problems: r.status === 'held' ? [r.message] : [],
  };
}
