import type { IssueLocation, IssueSeverity, X12Issue } from '../syntax/types.ts';

/**
 * Guide-layer issue codes, with the 999 code each one maps to (one table; STYLE.md practice 5).
 * `ik304` is the segment-level code (IK304), `ik403` the element-level code (IK403, with IK304 = 8).
 */
export const GUIDE_CODES = {
  UNRECOGNIZED_SEGMENT: { ik304: '1' },
  UNEXPECTED_SEGMENT: { ik304: '2' },
  REQUIRED_SEGMENT_MISSING: { ik304: '3' },
  REQUIRED_LOOP_MISSING: { ik304: '3' },
  LOOP_OVER_MAX: { ik304: '4' },
  SEGMENT_OVER_MAX_USE: { ik304: '5' },
  SEGMENT_OUT_OF_ORDER: { ik304: '7' },
  NOT_USED_SEGMENT_PRESENT: { ik304: 'I4' },
  REQUIRED_ELEMENT_MISSING: { ik304: '8', ik403: '1' },
  CONDITIONAL_ELEMENT_MISSING: { ik304: '8', ik403: '2' },
  TOO_MANY_ELEMENTS: { ik304: '8', ik403: '3' },
  ELEMENT_TOO_SHORT: { ik304: '8', ik403: '4' },
  ELEMENT_TOO_LONG: { ik304: '8', ik403: '5' },
  INVALID_CHARACTER: { ik304: '8', ik403: '6' },
  BAD_NUMERIC: { ik304: '8', ik403: '6' },
  INVALID_CODE_VALUE: { ik304: '8', ik403: '7' },
  INVALID_DATE: { ik304: '8', ik403: '8' },
  INVALID_TIME: { ik304: '8', ik403: '9' },
  EXCLUSION_VIOLATED: { ik304: '8', ik403: '10' },
  TOO_MANY_COMPONENTS: { ik304: '8', ik403: '13' },
  NOT_USED_ELEMENT_PRESENT: { ik304: '8', ik403: 'I10' },
  PATTERN_MISMATCH: { ik304: '8', ik403: 'I12' },
  HL_PARENT_INVALID: { ik304: '8', ik403: '7' },
  TRANSACTION_NOT_SUPPORTED: {},
  NO_INTERCHANGE: {},
  VERSION_MISMATCH: {},
} as const satisfies Record<string, { ik304?: string; ik403?: string }>;

export type GuideCode = keyof typeof GUIDE_CODES;

/** A guide issue also carries the X12 data element number and the position inside the transaction set. */
export interface GuideIssue extends X12Issue {
  code: GuideCode;
  /** X12 data element reference number (IK402), e.g. '1250' */
  dataElement?: string;
}

export function guideIssue(
  code: GuideCode,
  message: string,
  location: IssueLocation,
  extra: { expected?: string; found?: string; dataElement?: string; severity?: IssueSeverity } = {},
): GuideIssue {
  const issue: GuideIssue = { code, layer: 'guide', severity: extra.severity ?? 'error', message, location };
  if (extra.expected !== undefined) issue.expected = extra.expected;
  if (extra.found !== undefined) issue.found = extra.found;
  if (extra.dataElement !== undefined) issue.dataElement = extra.dataElement;
  return issue;
}

/** Describe a code list briefly for `expected`. */
export function oneOf(codes: readonly string[], limit = 12): string {
  const shown = codes.slice(0, limit).join(', ');
  return codes.length > limit ? `one of ${shown}, … (${codes.length} codes)` : `one of ${shown}`;
}
