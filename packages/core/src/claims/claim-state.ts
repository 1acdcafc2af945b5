/** The life of a claim (issue #5): each transition is an event with who, when and why. */
export const CLAIM_STATES = [
  'draft',
  'ready',
  'batched',
  'submitted',
  'acknowledged',
  'accepted',
  'rejected',
  'adjudicated',
  'paid',
  'partially_paid',
  'denied',
  'paid_with_line_denials',
  'reversed',
  'forwarded',
  'closed',
  'appealed',
  'voided',
  /** a void (frequency 8) the payer took: the original's balance went to the next party (a claim to the next coverage, or the patient) */
  'rebilled',
  /** a void (frequency 8) the payer took: the original's balance was written off as billed in error */
  'written_off',
] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

/**
 * Why a claim event happened (claim_event.cause, typed beside the free-text reason): what counts such as the
 * clean-claim rate are made of, never the reason's wording. NULL in the database only for events written before the
 * column whose reason did not say.
 */
export const CLAIM_EVENT_CAUSES = [
  'created',
  'scrub',
  'recoded',
  'batch',
  'submit',
  'ack_999',
  'ack_277ca',
  'remittance',
  'replacement',
  'appeal',
  'secondary',
  /** a 276 claim status request was sent for the claim (the state does not change) */
  'status_inquiry',
  /** a 277 claim status response said where the claim is (moves it only when the payer's answer says so) */
  'status_response',
] as const;
export type ClaimEventCause = (typeof CLAIM_EVENT_CAUSES)[number];

/**
 * What the payer decided, as its 835 said (remit): paid, partially paid (a part stays open with the
 * payer), denied, paid with some lines denied, reversed (the payer took its payment back), forwarded (the
 * payer processed it and sent it on to the next payer itself). `adjudicated` is kept for claims
 * adjudicated before these existed. A later 835 (a correction, a reversal, an appeal's outcome) moves a
 * claim from any of them to any other.
 */
export const ADJUDICATED_STATES = [
  'paid',
  'partially_paid',
  'denied',
  'paid_with_line_denials',
  'reversed',
  'forwarded',
] as const satisfies readonly string[];
export type AdjudicatedState = (typeof ADJUDICATED_STATES)[number];
const AFTER_835: readonly ClaimState[] = [...ADJUDICATED_STATES];

/**
 * Where a void claim (frequency 8) ends once the payer's reversal of the claim it voids is posted (the 835 has no
 * CLP for the void itself): the disposition the void request chose was applied to the original's balance.
 */
export const VOID_SETTLED_STATES = ['rebilled', 'written_off'] as const satisfies readonly ClaimState[];
const VOID_SETTLED: readonly ClaimState[] = [...VOID_SETTLED_STATES];

/** What becomes of the voided claim's balance once the payer's reversal is posted (chosen with the void). */
export const VOID_DISPOSITIONS = ['rebill', 'write_off'] as const;
export type VoidDisposition = (typeof VOID_DISPOSITIONS)[number];
/** Each disposition in words, as a void request shows both (the web imports it from here: no zod in the browser). */
export const VOID_DISPOSITION_WORDS = {
  rebill:
    "Rebill: once the payer takes the claim back, bill the balance to the patient's other coverage active on the date of service (a new claim, sent like any), or to the patient if there is none",
  write_off:
    'Write off: once the payer takes the claim back, adjust the balance off as billed in error (needs write-off permission and a reason)',
} as const satisfies Record<VoidDisposition, string>;

const NEXT: Record<ClaimState, readonly ClaimState[]> = {
  draft: ['ready', 'draft', 'voided'],
  ready: ['draft', 'ready', 'batched', 'voided'],
  // a void (frequency 8) still waiting in its batch when the payer's reversal of its claim arrives is settled then
  batched: ['submitted', 'ready', ...VOID_SETTLED],
  // the 999 acknowledges the file (acknowledged) or rejects it; a 277CA or 835 may be picked up before the 999
  submitted: ['acknowledged', 'rejected', 'accepted', 'adjudicated', ...AFTER_835, ...VOID_SETTLED],
  // the 277CA accepts the claim into the payer's system (accepted) or rejects it (an 835 may outrun the 277CA)
  acknowledged: ['accepted', 'rejected', 'adjudicated', ...AFTER_835, ...VOID_SETTLED],
  rejected: ['draft', 'ready', 'voided'], // fix the cause (coding, registration) and rescrub
  accepted: ['adjudicated', 'rejected', ...AFTER_835, ...VOID_SETTLED],
  adjudicated: ['closed', 'appealed', 'adjudicated', ...AFTER_835],
  paid: ['closed', 'appealed', ...AFTER_835],
  partially_paid: ['closed', 'appealed', ...AFTER_835],
  denied: ['closed', 'appealed', ...AFTER_835],
  paid_with_line_denials: ['closed', 'appealed', ...AFTER_835],
  reversed: ['closed', 'appealed', ...AFTER_835],
  forwarded: ['closed', 'appealed', ...AFTER_835],
  appealed: ['adjudicated', 'closed', ...AFTER_835],
  closed: [],
  voided: [],
  rebilled: [],
  written_off: [],
};

export function canTransition(from: ClaimState, to: ClaimState): boolean {
  return NEXT[from].includes(to);
}

export function isClaimState(value: string): value is ClaimState {
  return (CLAIM_STATES as readonly string[]).includes(value);
}

/** States in which the claim can still be edited (its encounter re-coded) and rescrubbed. */
export const EDITABLE_STATES = ['draft', 'ready', 'rejected'] as const satisfies readonly ClaimState[];
export type EditableState = (typeof EDITABLE_STATES)[number];
export const isEditable = (state: ClaimState): state is EditableState =>
  (EDITABLE_STATES as readonly ClaimState[]).includes(state);

/** States of a claim that has gone (or is going) to the payer: what the scrubber checks new lines against for duplicates. */
export const SENT_STATES = [
  'batched',
  'submitted',
  'accepted',
  'acknowledged',
  'adjudicated',
  ...ADJUDICATED_STATES,
  'closed',
  'appealed',
] as const satisfies readonly ClaimState[];

/** States a claim never leaves. */
export const FINAL_STATES = ['closed', 'voided', 'rebilled', 'written_off'] as const satisfies readonly ClaimState[];
