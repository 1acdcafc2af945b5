/**
 * Which applier handles each kind of file we receive once intake has stored it; a kind not listed is stored and
 * reported, not applied. (An 835 is not here: the remittance stage stores and posts it, inbound/receive-835.ts.)
 */
import { apply271 } from './apply-271.ts';
import { apply277ca } from './apply-277ca.ts';
import { apply999 } from './apply-999.ts';
import { applyClaimStatus } from '../../follow-up/apply-claim-status.ts';
import type { Applier } from './apply-context.ts';

export const APPLIERS: Readonly<Record<string, Applier>> = {
  '999': apply999,
  '277CA': apply277ca,
  '271': apply271,
  '277': applyClaimStatus,
};

/** Files are applied in the order the cycle runs, whatever order they were picked up in. */
const KIND_ORDER = ['TA1', '999', '277CA', '277', '835'];
export const kindOrder = (kind: string) => (KIND_ORDER.includes(kind) ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length);
