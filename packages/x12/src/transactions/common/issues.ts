/** Guide-level issues raised by the transaction readers in 837, 270-271, 276-277 and 277ca. */
import { segmentLocation } from '../../syntax/issues.ts';
import type { IssueSeverity, Segment, X12Issue } from '../../syntax/types.ts';

/** One code list for the transaction readers (STYLE.md practice 5). */
export const TX_CODES = {
  claimTotalMismatch: 'CLAIM_TOTAL_MISMATCH',
  npiInvalid: 'NPI_CHECK_DIGIT',
  hlParentInvalid: 'HL_PARENT_INVALID',
  hlLevelInvalid: 'HL_LEVEL_INVALID',
  hlChildCode: 'HL_CHILD_CODE_MISMATCH',
  hlNumbering: 'HL_ID_NOT_SEQUENTIAL',
  requiredLoopMissing: 'REQUIRED_LOOP_MISSING',
  requiredSegmentMissing: 'REQUIRED_SEGMENT_MISSING',
  segmentNotModeled: 'SEGMENT_NOT_MODELED',
  amountInvalid: 'AMOUNT_INVALID',
  numberInvalid: 'NUMBER_INVALID',
  pointerInvalid: 'DIAGNOSIS_POINTER_INVALID',
  originalReferenceMissing: 'ORIGINAL_REFERENCE_MISSING',
  tooManyItems: 'TOO_MANY_ITEMS',
  wrongTransaction: 'WRONG_TRANSACTION',
} as const;

export type TxCode = (typeof TX_CODES)[keyof typeof TX_CODES];

/** A guide-layer issue, located at a segment when one is given. */
export function txIssue(
  code: TxCode,
  message: string,
  at?: { seg?: Segment; element?: number; component?: number; loop?: string },
  severity: IssueSeverity = 'error',
): X12Issue {
  const location = at?.seg ? segmentLocation(at.seg, undefined, at.element) : {};
  if (at?.seg === undefined && at?.element !== undefined) location.element = at.element;
  if (at?.component !== undefined) location.component = at.component;
  if (at?.loop !== undefined) location.loop = at.loop;
  return { code, layer: 'guide', severity, message, location };
}

/** Collects issues while reading; helpers that parse values report into it. */
export class IssueSink {
  readonly issues: X12Issue[] = [];
  add(issue: X12Issue): void {
    this.issues.push(issue);
  }
  notModeled(seg: Segment, loop: string): void {
    this.add(
      txIssue(
        TX_CODES.segmentNotModeled,
        `${seg.id} in loop ${loop} is not kept by this reader`,
        { seg, loop },
        'warning',
      ),
    );
  }
}
