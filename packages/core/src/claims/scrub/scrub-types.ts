/** A scrubber finding: what is wrong, in plain words, and the field to fix (STYLE.md 4). */
export interface ScrubEdit {
  ruleId: string;
  severity: 'error' | 'warning';
  message: string;
  /** where the rule comes from: the 837 guide, NCCI, the payer's rule file, … */
  source: string;
  /** the field a person fixes, e.g. 'coverage.memberId', 'lines[2].units', 'diagnoses[1]' */
  field: string;
  /** the code the edit is about, when there is one */
  code?: string;
}

export function edit(
  ruleId: string,
  field: string,
  message: string,
  source: string,
  severity: ScrubEdit['severity'] = 'error',
  code?: string,
): ScrubEdit {
  return { ruleId, severity, message, source, field, ...(code ? { code } : {}) };
}

export const isBlocking = (e: ScrubEdit) => e.severity === 'error';
