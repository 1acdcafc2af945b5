import type { IssueLocation, IssueSeverity, Segment, X12Issue } from './types.ts';

/** Stable codes for syntax-layer issues (one list; see STYLE.md practice 5). */
export const SYNTAX_CODES = {
  isaMissing: 'ISA_MISSING',
  isaTruncated: 'ISA_TRUNCATED',
  isaNotFixedWidth: 'ISA_NOT_FIXED_WIDTH',
  delimiterInvalid: 'DELIMITER_INVALID',
  delimiterConflict: 'DELIMITER_CONFLICT',
  segmentIdInvalid: 'SEGMENT_ID_INVALID',
  segmentUnterminated: 'SEGMENT_UNTERMINATED',
  segmentTooLong: 'SEGMENT_TOO_LONG',
  emptySegment: 'EMPTY_SEGMENT',
  tooManyIssues: 'TOO_MANY_ISSUES',
  dataContainsSeparator: 'DATA_CONTAINS_SEPARATOR',
} as const;

export type SyntaxCode = (typeof SYNTAX_CODES)[keyof typeof SYNTAX_CODES];

/** Build a syntax-layer issue. */
export function syntaxIssue(
  code: string,
  message: string,
  location: IssueLocation,
  severity: IssueSeverity = 'error',
  extra: { expected?: string; found?: string } = {},
): X12Issue {
  return { code, layer: 'syntax', severity, message, location, ...extra };
}

/** Location of a segment (and optionally an element) for an issue. */
export function segmentLocation(seg: Segment, file?: string, element?: number): IssueLocation {
  const loc: IssueLocation = { segmentId: seg.id };
  if (file !== undefined) loc.file = file;
  if (seg.loc) {
    loc.offset = seg.loc.offset;
    loc.line = seg.loc.line;
    loc.segmentIndex = seg.loc.index;
  }
  if (element !== undefined) loc.element = element;
  return loc;
}

/** "file:line (segment 12 CLP, element 3)" for people. */
export function formatLocation(loc: IssueLocation): string {
  const parts: string[] = [];
  if (loc.segmentIndex !== undefined)
    parts.push(`segment ${loc.segmentIndex}${loc.segmentId ? ` ${loc.segmentId}` : ''}`);
  else if (loc.segmentId) parts.push(loc.segmentId);
  if (loc.element !== undefined) parts.push(`element ${loc.element}`);
  if (loc.component !== undefined) parts.push(`component ${loc.component}`);
  if (loc.loop) parts.push(`loop ${loc.loop}`);
  const where = `${loc.file ?? '<input>'}${loc.line !== undefined ? `:${loc.line}` : ''}`;
  return parts.length ? `${where} (${parts.join(', ')})` : where;
}

/** One line per issue: "error SE_COUNT_MISMATCH file:12 (segment 40 SE, element 1): message". */
export function formatIssue(issue: X12Issue): string {
  return `${issue.severity} ${issue.code} ${formatLocation(issue.location)}: ${issue.message}`;
}
