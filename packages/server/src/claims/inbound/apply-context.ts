/** What an applier (999, 277CA, 835) works with while it moves the claims one received file speaks of. */
import type { ReceivedFileIssueCode } from '@medbill/api';
import type { StoredFileIssue } from './file-issues.ts';
import type { InboundFileResult } from '@medbill/api';
import { allTransactions, readEnvelopes } from '@medbill/x12';
import { tokenize } from '@medbill/x12';
import type { Actor } from '../../actor.ts';
import type { Tx } from '../../db/open-database.ts';
import { ClaimTransitionError, transitionClaim } from '../claim-events.ts';

export interface ApplyContext {
  tx: Tx;
  tenantId: number;
  /** the stored file, named on every claim event it causes */
  fileId: number;
  fileName: string;
  /** who processes the file: named on claim events and on the audit rows an applier writes */
  actor: Actor;
  auditKey: Buffer;
  result: InboundFileResult;
  clearinghouseId: number;
  /** our claims the file spoke of (moved or not), for the audit row */
  claimIds: Set<number>;
  /** batches a 999 acknowledged */
  batchIds: number[];
  /** the file's problems with their codes, stored on its edi_file row */
  fileIssues: StoredFileIssue[];
}

/** A problem with the file: said in the poll's answer, and kept on the file with its code. */
export function fileProblem(c: ApplyContext, code: ReceivedFileIssueCode, message: string): void {
  c.result.problems.push(message);
  c.fileIssues.push({ code, message });
}

/** Applies one received file of a kind to our claims; problems go to `c.result.problems`. */
export type Applier = (c: ApplyContext, text: string) => Promise<void>;

/**
 * Moves our claim `claimNumber` (CLM01, the patient control number the payer echoes) to `to`. A claim that is
 * not ours, or not in a state that can make this move, is a problem of the file, not an error: the rest of
 * the file still applies. Any other failure (the database) is thrown, so the file's transaction rolls back.
 */
export async function moveClaim(
  c: ApplyContext,
  claimNumber: string,
  to: 'acknowledged' | 'accepted' | 'rejected',
  reason: string,
  set?: Record<string, unknown>,
): Promise<void> {
  const claim = await c.tx
    .selectFrom('claim')
    .select(['id', 'state'])
    .where('tenant_id', '=', c.tenantId)
    .where('claim_number', '=', claimNumber)
    .executeTakeFirst();
  if (!claim) {
    fileProblem(c, 'not-ours', `claim ${claimNumber} is not ours`);
    return;
  }
  c.claimIds.add(claim.id);
  if (claim.state === to) return;
  try {
    const cause = c.result.kind === '999' ? 'ack_999' : c.result.kind === '277CA' ? 'ack_277ca' : 'remittance';
    await transitionClaim(c.tx, c.tenantId, claim.id, to, { actor: c.actor, cause, reason, fileId: c.fileId, set });
    c.result.claimsMoved++;
  } catch (e) {
    if (!(e instanceof ClaimTransitionError)) throw e;
    fileProblem(c, 'claim-state', e.message);
  }
}

/** The transactions of one kind (ST01) in a received file. */
export function transactionsOf(text: string, fileName: string, st01: string) {
  const tok = tokenize(text, { file: fileName });
  return allTransactions(readEnvelopes(tok.segments, { file: fileName })).filter((t) => t.st01 === st01);
}
