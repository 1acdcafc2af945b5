/** claimAcknowledgments: one accept/reject decision per claim of a 277CA (categories A0–A8, E*, ...). */
import { claimStatuses, type ClaimStatusRow } from '../276-277/claim-statuses.ts';
import type { ClaimStatusTransaction, StatusInfo } from '../276-277/status-model.ts';

export type AcknowledgmentDecision = 'accepted' | 'rejected' | 'pending' | 'unknown';

/** A3 returned as unprocessable, A4 not found, A6 missing information, A7 invalid information, A8 rejected for relational field; E* errors */
const REJECTED = new Set(['A3', 'A4', 'A6', 'A7', 'A8', 'E0', 'E1', 'E2', 'E3', 'E4', 'D0']);
/** A0 forwarded, A1 received, A2 accepted into adjudication, A5 split */
const ACCEPTED = new Set(['A0', 'A1', 'A2', 'A5']);

export interface ClaimAcknowledgment extends ClaimStatusRow {
  /** the CLM01 we sent (TRN02 of 2200D) */
  patientControlNumber: string;
  decision: AcknowledgmentDecision;
  /** STC01-1 of every STC, in order */
  categories: string[];
  /** human-readable "A7:562:85" codes of the rejecting statuses */
  reasons: string[];
}

export function decide(statuses: readonly StatusInfo[]): AcknowledgmentDecision {
  const cats = statuses.map((s) => s.status.category);
  if (cats.some((c) => REJECTED.has(c)) || statuses.some((s) => s.actionCode === 'U')) return 'rejected';
  if (cats.some((c) => ACCEPTED.has(c))) return 'accepted';
  if (cats.some((c) => c.startsWith('P'))) return 'pending';
  return 'unknown';
}

export function claimAcknowledgments(tx: ClaimStatusTransaction): ClaimAcknowledgment[] {
  return claimStatuses(tx).map((row) => {
    const decision = decide(row.statuses);
    const rejecting = row.statuses.filter((s) => REJECTED.has(s.status.category) || s.actionCode === 'U');
    return {
      ...row,
      patientControlNumber: row.trace,
      decision,
      categories: row.statuses.map((s) => s.status.category),
      reasons: rejecting.map((s) => [s.status.category, s.status.code, s.status.entity].filter(Boolean).join(':')),
    };
  });
}
