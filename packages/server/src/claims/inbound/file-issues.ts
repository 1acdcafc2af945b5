/**
 * A received file's problems as they are stored on its edi_file row: each with its typed code
 * (@medbill/api's RECEIVED_FILE_ISSUE_CODES) and its words, read back in the one issue shape located in the file.
 */
import type { ReceivedFileIssue, ReceivedFileIssueCode } from '@medbill/api';
import type { HoldReason } from '@medbill/core/remittance';

export interface StoredFileIssue {
  code: ReceivedFileIssueCode;
  message: string;
}

/** Each reason an 835 is held for, as the file's issue code. */
export const HOLD_REASON_ISSUE: Record<HoldReason['code'], ReceivedFileIssueCode> = {
  envelope: 'envelope-mismatch',
  syntax: 'x12-syntax',
  amount_invalid: 'amount-invalid',
  amount_too_large: 'amount-too-large',
  negative_amount: 'negative-amount',
  remittance_unbalanced: 'unbalanced-bpr',
  claim_unbalanced: 'unbalanced-claim',
  line_unbalanced: 'unbalanced-line',
  missing_segment: 'missing-segment',
  date_invalid: 'date-invalid',
  unsupported: 'not-835',
};

/** An X12 parser issue (its SYNTAX_CODES, envelope and guide codes) as the file's issue code. */
export const x12FileIssueCode = (code: string): ReceivedFileIssueCode =>
  /^ENVELOPE_|_(COUNT|CONTROL)_MISMATCH$|^DUPLICATE_CONTROL_NUMBER$/.test(code) ? 'envelope-mismatch' : 'x12-syntax';

export const holdReasonIssues = (reasons: readonly HoldReason[]): StoredFileIssue[] =>
  reasons.map((r) => ({ code: HOLD_REASON_ISSUE[r.code], message: r.message }));

/** The stored problems in the one issue shape; a row stored before codes holds words only ('unclassified'). */
export function readFileIssues(stored: readonly unknown[], file: string): ReceivedFileIssue[] {
  return stored.map((s) => {
    const kept = s as Partial<StoredFileIssue> | string;
    const coded = typeof kept === 'object' && kept !== null && typeof kept.code === 'string';
    return {
      code: coded ? (kept.code as ReceivedFileIssueCode) : 'unclassified',
      severity: 'error',
      message: coded ? String(kept.message ?? '') : typeof s === 'string' ? s : JSON.stringify(s),
      location: { file },
    };
  });
}
