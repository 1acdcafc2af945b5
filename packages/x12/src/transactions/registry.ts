/**
 * Transaction readers by ST01 ('835') or GS08/ST03 version ('005010X221A1'). Shared file: each
 * transaction module adds its own line(s) below; `parseX12File` looks up the version first, then ST01.
 */
import type { Delimiters, Segment, X12Issue } from '../syntax/types.ts';
import { read835 } from './835/read-835.ts';

export interface TransactionReadContext {
  file?: string;
  /** separators of the interchange the transaction came from */
  delimiters?: Delimiters;
}

export type TransactionReader = (
  segments: Segment[],
  ctx: TransactionReadContext,
) => { value: unknown; issues: X12Issue[] };

export const transactionReaders = new Map<string, TransactionReader>();

transactionReaders.set('835', read835);
transactionReaders.set('005010X221A1', read835);
import { read999Transaction } from '../acks/read-999.ts';
transactionReaders.set('999', read999Transaction);
import { read837 } from './837/read-837.ts';
transactionReaders.set('837', read837);
transactionReaders.set('005010X222A1', read837);
transactionReaders.set('005010X223A2', read837);
import { read270, read271 } from './270-271/read-eligibility.ts';
transactionReaders.set('270', read270);
transactionReaders.set('271', read271);
import { read276 } from './276-277/read-claim-status.ts';
import { read277Any } from './277ca/read-277ca.ts';
transactionReaders.set('276', read276);
transactionReaders.set('277', read277Any);
import { read277ca } from './277ca/read-277ca.ts';
transactionReaders.set('005010X214', read277ca);
