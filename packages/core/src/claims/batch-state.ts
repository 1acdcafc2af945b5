/** A batch (one 837 interchange) from building to the 999 that acknowledges its functional group. */
export const BATCH_STATES = ['built', 'submitted', 'accepted', 'partially_accepted', 'rejected'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

const NEXT: Record<BatchState, readonly BatchState[]> = {
  built: ['submitted'],
  submitted: ['accepted', 'partially_accepted', 'rejected'],
  // a 999 sent again (a corrected acknowledgment) replaces the answer
  accepted: ['accepted', 'partially_accepted', 'rejected'],
  partially_accepted: ['accepted', 'partially_accepted', 'rejected'],
  rejected: ['accepted', 'partially_accepted', 'rejected'],
};

export const canBatchTransition = (from: BatchState, to: BatchState): boolean => NEXT[from].includes(to);

/** The batch state a 999's AK9 (functional group) answer puts it in: A/E accepted, P partially, R/M/W/X rejected. */
export function batchStateFor999(groupStatus: string): BatchState {
  if (groupStatus === 'A' || groupStatus === 'E') return 'accepted';
  if (groupStatus === 'P') return 'partially_accepted';
  return 'rejected';
}
