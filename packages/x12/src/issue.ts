/**
 * The one issue shape (STYLE.md 4) for every check medbill makes: the X12 parser and guide, the code-set
 * edits, the claim scrubber and the API's form validation. It lives here, in the package with no
 * dependencies, so every other package can use it; `@medbill/core` and `@medbill/api` re-export it.
 */
export type IssueSeverity = 'error' | 'warning';

/** Where an issue is: the parts that apply, never a string to parse. */
export interface IssueLocation {
  /** X12 (and imported code files): the file */
  file?: string;
  offset?: number;
  /** 1-based line of the file */
  line?: number;
  /** 1-based column of the line (code-set files) */
  column?: number;
  /** 1-based position of the segment in the file */
  segmentIndex?: number;
  segmentId?: string;
  /** 1-based X12 element position (CLM01 = 1) */
  element?: number;
  /** 1-based component position within the element */
  component?: number;
  /** loop id from the implementation guide, e.g. '2300' */
  loop?: string;
  /** the field a person fixes: a form field or a claim path, e.g. 'coverage.memberId', 'lines[2].units' */
  field?: string;
  /** the code (diagnosis, procedure, taxonomy) the issue is about, e.g. 'E11.9' */
  code?: string;
}

/**
 * One problem, as a value. `code` is the stable machine name of the problem; `ruleId` names the rule that
 * found it when a configurable rule did (a scrubber or coding rule, a payer's rule); `message` is plain words.
 */
export interface Issue<Code extends string = string, Rule extends string = string> {
  code: Code;
  severity: IssueSeverity;
  message: string;
  ruleId?: Rule;
  location: IssueLocation;
}

export const isError = (i: { severity: IssueSeverity }): boolean => i.severity === 'error';
