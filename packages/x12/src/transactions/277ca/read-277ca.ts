/** read277ca: a 277CA claim acknowledgment (005010X214) → the status tree; see claimAcknowledgments for accept/reject per claim. */
import type { Segment } from '../../syntax/types.ts';
import { readClaimStatus, type ReadStatusOptions, type ReadStatusResult } from '../276-277/read-claim-status.ts';
import { read277 } from '../276-277/read-claim-status.ts';

export function read277ca(segments: readonly Segment[], opts: ReadStatusOptions = {}): ReadStatusResult {
  return readClaimStatus('277CA', segments, opts);
}

/** For the registry key '277': ST03/GS08 005010X214 is a 277CA, anything else a 277 (X212). */
export function read277Any(segments: readonly Segment[], opts: ReadStatusOptions = {}): ReadStatusResult {
  const st = segments.find((s) => s.id === 'ST');
  return (st?.elements[2] ?? '').includes('X214') ? read277ca(segments, opts) : read277(segments, opts);
}
