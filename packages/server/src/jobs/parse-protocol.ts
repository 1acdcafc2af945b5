/** Messages between the server and its parse worker (parse-worker.ts). */
import type { ClaimPayment } from '@medbill/x12/transactions/835/model.ts';
import type { Read835FileResult } from '../remittance/read-835-file.ts';

export interface ParseRequest {
  id: number;
  kind: '835';
  text: string;
  fileName: string;
}

export type ParseReply =
  | { id: number; type: 'skeleton'; value: Read835FileResult; claims: number }
  | { id: number; type: 'claims'; remittance: number; header: number; claims: ClaimPayment[] }
  | { id: number; type: 'done' }
  | { id: number; type: 'error'; message: string };
