/**
 * The one issue shape (STYLE.md 4) on the wire: `{ code, severity, message, ruleId?, location }`, the same
 * `Issue` the x12, codes and core packages produce. Claim edits and coding edits are issues with a rule.
 */
import type { CodingRuleId, Issue, ScrubEditCode, ScrubRuleId } from '@medbill/core';
import { z } from 'zod';

export const issueSeverity = z.enum(['error', 'warning']);

/** Where: the parts that apply (X12 file, segment, line, element; a form field or claim path; a code). */
export const issueLocation = z.object({
  file: z.string().optional(),
  offset: z.number().int().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  segmentIndex: z.number().int().optional(),
  segmentId: z.string().optional(),
  element: z.number().int().optional(),
  component: z.number().int().optional(),
  loop: z.string().optional(),
  field: z.string().optional(),
  code: z.string().optional(),
});

export const issue = z.object({
  code: z.string(),
  severity: issueSeverity,
  message: z.string(),
  ruleId: z.string().optional(),
  location: issueLocation,
});
export type IssueView = z.infer<typeof issue>;

/**
 * What an API answer can say is wrong with its input (an error body's issues): one stable code per kind of problem,
 * typed once here. The server derives it from the schema validator's own code, or names it where a rule refuses.
 */
export const API_ISSUE_CODES = [
  /** missing or empty */
  'required',
  /** a value of another kind (text where a number is wanted) */
  'invalid-type',
  'too-short',
  'too-long',
  'too-small',
  'too-large',
  'too-few-items',
  'too-many-items',
  /** not one of the listed values */
  'not-allowed-value',
  /** text that does not match the pattern (a date, an NPI, an MBI…) */
  'invalid-format',
  /** a field the request may not carry */
  'unknown-field',
  /** an X12 separator character (* ~ : ^) in text that goes into an X12 file */
  'x12-delimiter',
  'nul-character',
  /** JSON nested too deep */
  'too-deep',
  /** the request's address (a bad % escape, an id over the length limit) */
  'invalid-address',
  /** the value is already used where it must be unique */
  'duplicate',
  /** other records still use it */
  'in-use',
  /** names a record that does not exist (or is not this tenant's) */
  'no-such-record',
  /** the record is in a state that does not allow this (a claim already sent) */
  'wrong-state',
  /** a value outside what the database can hold */
  'out-of-range',
  /** any other rule of the form or the workflow, said in the message */
  'invalid',
] as const;
export type ApiIssueCode = (typeof API_ISSUE_CODES)[number];

/**
 * One problem in an error answer: the one issue shape, located at the field a person fixes (a dotted path into the
 * request, e.g. 'lastName', 'lines.0.units'), its message a sentence in words ("Last name is required").
 */
export const apiIssue = z.strictObject({
  code: z.enum(API_ISSUE_CODES),
  severity: issueSeverity,
  message: z.string(),
  ruleId: z.string().optional(),
  location: z.strictObject({ field: z.string() }),
});
/** `Issue<ApiIssueCode>` (the shared type) with its location naming the field. */
export type ApiIssue = Issue<ApiIssueCode> & { location: { field: string } };

/**
 * What can be wrong with a received X12 file, as intake and posting store it on the file (edi_file.issues): the
 * codes the 835 integrity checks (core's HoldReason) and the appliers of 999, 277CA, 277 and 271 files know.
 */
export const RECEIVED_FILE_ISSUE_CODES = [
  /** SE01, GE01 or IEA01 counts, or control numbers, that do not match the envelope */
  'envelope-mismatch',
  /** the X12 text itself: a segment, an element or a delimiter the parser could not read */
  'x12-syntax',
  'amount-invalid',
  'amount-too-large',
  'negative-amount',
  /** BPR02 (the payment) is not the claims' payments less the provider adjustments */
  'unbalanced-bpr',
  /** a claim's charge is not its payment plus its adjustments */
  'unbalanced-claim',
  /** a service line's charge is not its payment plus its adjustments */
  'unbalanced-line',
  'missing-segment',
  'date-invalid',
  /** an 835 was expected and the file holds another transaction */
  'not-835',
  /** a file of a kind intake does not apply (not a 999, 277CA, 277, 835 or 271) */
  'unsupported-kind',
  /** the file speaks of a claim, group or inquiry that is not ours */
  'not-ours',
  /** the file holds no transaction (or no claim status) of its kind */
  'no-transaction',
  /** a claim the file speaks of cannot move to the state it says */
  'claim-state',
  /** a problem stored before files kept their codes (its words only) */
  'unclassified',
] as const;
export type ReceivedFileIssueCode = (typeof RECEIVED_FILE_ISSUE_CODES)[number];

/** One problem of a received file, in the one issue shape, located in the file. */
export const receivedFileIssue = z.strictObject({
  code: z.enum(RECEIVED_FILE_ISSUE_CODES),
  severity: issueSeverity,
  message: z.string(),
  location: z.strictObject({ file: z.string() }),
});
export type ReceivedFileIssue = Issue<ReceivedFileIssueCode> & { location: { file: string } };

/** A rule id as it travels: lower-case words joined by '-', or 'payer:' and a payer rule file's own id. */
const RULE_ID = /^(payer:.+|[a-z0-9]+(-[a-z0-9]+)*)$/;
const ruleName = <T extends string>() => z.string().regex(RULE_ID, 'is not a rule id') as unknown as z.ZodType<T>;

/** A claim edit: a scrubber, coding or payer rule that failed, with the claim field a person fixes. */
export const scrubEdit = z.object({
  code: ruleName<ScrubEditCode>(),
  severity: issueSeverity,
  message: z.string(),
  ruleId: ruleName<ScrubRuleId>(),
  /** where the rule comes from: the 837 guide, NCCI, the payer's rule file, … */
  source: z.string(),
  location: z.object({ field: z.string(), code: z.string().optional() }),
});
export type ScrubEditView = z.infer<typeof scrubEdit>;

/** A coding edit on an encounter's codes; `location.field` is 'diagnoses[i]', 'procedures[i]', … */
export const codingEdit = scrubEdit.extend({ code: ruleName<CodingRuleId>(), ruleId: ruleName<CodingRuleId>() });
export type CodingEdit = z.infer<typeof codingEdit>;
