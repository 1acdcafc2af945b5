/** What posting an 835 file answers, and the options every caller passes. */
import { isCalendarDate, type HoldReason } from '@medbill/core/remittance';
import type { Actor } from '../claims/claim-events.ts';
import type { AuditSink } from '../claims/claims-audit.ts';
import type { Read835FileResult } from './read-835-file.ts';

export type ProgressFn = (p: { phase: 'planning' | 'writing'; done: number; total: number }) => void;

export interface PostRemittanceInput {
  fileName: string;
  text: string;
  clearinghouseId?: number | null;
}

export interface PostRemittanceOptions {
  actor: Actor;
  audit: AuditSink;
  onProgress?: ProgressFn;
  /** how the file is read; defaults to the parse worker thread (jobs/parse-in-worker.ts) */
  read?: (text: string, fileName: string) => Promise<Read835FileResult>;
  /**
   * post on the posting worker thread (jobs/post-in-worker.ts): by default a file of IN_WORKER_CHARS or more read the
   * default way, so a large 835 never holds the server's event loop; a small one is quicker here
   */
  inWorker?: boolean;
}

/** from this size on, an 835 is posted on the posting worker (about 300 claims) */
export const IN_WORKER_CHARS = 100_000;

export interface RemittanceOutcome {
  remittanceId: number | null;
  traceNumber: string;
  payerName: string;
  paymentCents: number;
  claimCount: number;
  status: 'posted' | 'held' | 'duplicate';
  message: string;
}

export interface PostRemittanceResult {
  status: 'posted' | 'held' | 'duplicate';
  fileId: number | null;
  message: string;
  remittances: RemittanceOutcome[];
  holdReasons: HoldReason[];
  claimsPosted: number;
  claimsMoved: number;
  secondaryClaims: number;
  denials: number;
  unmatched: number;
  /** voids (frequency 8) this file settled: the payer took their claims back and the balance went where each said */
  voidsSettled: SettledVoidOutcome[];
}

export interface SettledVoidOutcome {
  voidClaimId: number;
  voidClaimNumber: string;
  originalClaimId: number;
  originalClaimNumber: string;
  state: 'rebilled' | 'written_off';
  amountCents: number;
  rebillClaimId: number | null;
  message: string;
}

export function emptyResult(
  status: PostRemittanceResult['status'],
  fileId: number | null,
  message: string,
  remittances: RemittanceOutcome[] = [],
  reasons: HoldReason[] = [],
): PostRemittanceResult {
  return {
    status,
    fileId,
    message,
    remittances,
    holdReasons: reasons,
    claimsPosted: 0,
    claimsMoved: 0,
    secondaryClaims: 0,
    denials: 0,
    unmatched: 0,
    voidsSettled: [],
  };
}

export function isoDate(ccyymmdd: string | undefined): string | null {
  return ccyymmdd && isCalendarDate(ccyymmdd)
    ? `${ccyymmdd.slice(0, 4)}-${ccyymmdd.slice(4, 6)}-${ccyymmdd.slice(6, 8)}`
    : null;
}
