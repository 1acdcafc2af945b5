import type { RuleId as CodingRuleId } from '@medbill/codes';
import type { Issue } from '@medbill/x12';

export type { CodingRuleId };

/** The scrubber's own rules (the 837 guide, coverage, timing, institutional bills, sending), one list. */
export const SCRUB_RULE_IDS = [
  'admission-date',
  'admission-type',
  'admitting-diagnosis',
  'billing-address-pobox',
  'billing-zip4',
  'charge-zero',
  'claim-unwritable',
  'cob-adjudication-missing',
  'cob-crossover',
  'cob-earlier-payer-missing',
  'coverage-inactive',
  'dob-after-dos',
  'dos-future',
  'duplicate-claim',
  'dx-format',
  'dx-none',
  'dx-too-many',
  'line-date-range',
  'lines-none',
  'lines-too-many',
  'medicaid-subscriber-self',
  'medicare-subscriber-self',
  'member-id-format',
  'member-id-missing',
  'modifier-format',
  'modifier-repeated',
  'msp-type-missing',
  'ndc-format',
  'ndc-quantity',
  'ndc-unit',
  'npi-invalid',
  'operating-physician',
  'original-claim-number-missing',
  'patient-address',
  'patient-dob',
  'patient-sex',
  'patient-status',
  'payer-id-missing',
  'pcs-date',
  'pcs-format',
  'poa-missing',
  'pointer-missing',
  'pointer-range',
  'pos-invalid',
  'procedure-format',
  'reason-for-visit',
  'relationship-missing',
  'revenue-code',
  'revenue-code-hcpcs',
  'revenue-code-inpatient',
  'revenue-code-unknown',
  'submitter-phone-missing',
  'taxonomy-missing',
  'timely-filing',
  'timely-filing-soon',
  'tin-missing',
  'total-zero',
  'type-of-bill',
  'units-zero',
  'x12-delimiter',
] as const;
export type BuiltinScrubRuleId = (typeof SCRUB_RULE_IDS)[number];
/** A rule from a payer's rule file (its own `id`, which the file's author chooses), e.g. 'payer:medicare-lab' */
export type PayerRuleId = `payer:${string}`;
/** Every rule a claim edit can come from: the scrubber's, the code-set edits', a payer's. */
export type ScrubRuleId = BuiltinScrubRuleId | CodingRuleId | PayerRuleId;
/** An edit's machine code: the rule's id for our own rules; 'payer-rule' for every payer's rule. */
export type ScrubEditCode = BuiltinScrubRuleId | CodingRuleId | 'payer-rule';

export const payerRuleId = (id: string): PayerRuleId => `payer:${id}`;
export const isPayerRuleId = (id: string): id is PayerRuleId => id.startsWith('payer:');

/**
 * A scrubber finding (STYLE.md 4): the one issue shape, with the rule that found it, where the rule comes from,
 * and the field a person fixes (`location.field`, e.g. 'coverage.memberId', 'lines[2].units', 'diagnoses[1]';
 * `location.code` is the code the edit is about, when there is one).
 */
export interface ScrubEdit extends Issue<ScrubEditCode, ScrubRuleId> {
  ruleId: ScrubRuleId;
  /** where the rule comes from: the 837 guide, NCCI, the payer's rule file, … */
  source: string;
  location: { field: string; code?: string };
}

export const scrubEditCode = (ruleId: ScrubRuleId): ScrubEditCode => (isPayerRuleId(ruleId) ? 'payer-rule' : ruleId);

export function edit(
  ruleId: ScrubRuleId,
  field: string,
  message: string,
  source: string,
  severity: ScrubEdit['severity'] = 'error',
  code?: string,
): ScrubEdit {
  return {
    code: scrubEditCode(ruleId),
    severity,
    message,
    ruleId,
    source,
    location: code ? { field, code } : { field },
  };
}

export const isBlocking = (e: ScrubEdit) => e.severity === 'error';
