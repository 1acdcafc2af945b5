/** Messages between the server and its parse worker (parse-worker.ts). */
import type { ClaimPayment } from '@medbill/x12/835';
import type { Read835FileResult } from '../remittance/read-835-file.ts';

export type ParseRequest =
  | { id: number; kind: '835'; text: string; fileName: string }
  /** the main thread took the last chunk in: the next one, please (one at a time, so it never gets a pile at once) */
  | { id: number; kind: 'more' };

export type ParseReply =
  | { id: number; type: 'skeleton'; value: Read835FileResult; claims: number }
  | { id: number; type: 'claims'; remittance: number; header: number; claims: ClaimPayment[] }
  | { id: number; type: 'done' }
  | { id: number; type: 'error'; message: string };
