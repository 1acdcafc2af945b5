/** The life of a claim (issue #5): each transition is an event with who, when and why. */
export const CLAIM_STATES = [
  'draft',
  'ready',
  'batched',
  'submitted',
  'accepted',
  'rejected',
  'acknowledged',
  'adjudicated',
  'closed',
  'appealed',
  'voided',
] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

const NEXT: Record<ClaimState, readonly ClaimState[]> = {
  draft: ['ready', 'draft', 'voided'],
  ready: ['draft', 'ready', 'batched', 'voided'],
  batched: ['submitted', 'ready'],
  submitted: ['accepted', 'rejected', 'acknowledged', 'adjudicated'], // 999; a 277CA or 835 may be picked up before the 999
  accepted: ['acknowledged', 'rejected', 'adjudicated'], // 277CA (an 835 may outrun the 277CA)
  rejected: ['draft', 'voided'], // fix and rescrub
  acknowledged: ['adjudicated', 'rejected'],
  adjudicated: ['closed', 'appealed', 'adjudicated'],
  appealed: ['adjudicated', 'closed'],
  closed: [],
  voided: [],
};

export function canTransition(from: ClaimState, to: ClaimState): boolean {
  return NEXT[from].includes(to);
}

export function isClaimState(value: string): value is ClaimState {
  return (CLAIM_STATES as readonly string[]).includes(value);
}

/** States in which the claim can still be edited and rescrubbed. */
export const EDITABLE_STATES: readonly ClaimState[] = ['draft', 'ready', 'rejected'];
