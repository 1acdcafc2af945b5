/**
 * The one issue shape (STYLE.md 4) on the wire: `{ code, severity, message, ruleId?, location }`, the same
 * `Issue` the x12, codes and core packages produce. Claim edits and coding edits are issues with a rule.
 */
import type { CodingRuleId, ScrubEditCode, ScrubRuleId } from '@medbill/core';
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
