/**
 * What kind of payer a claim goes to, from its claim filing indicator (SBR09), and what that changes:
 * Medicare bills Part A (MA) on an 837I and Part B (MB) on an 837P; Medicare member IDs are MBIs;
 * a Medicaid patient is the subscriber under their own ID.
 */
import type { Issue } from '@medbill/x12';

export type PayerKind =
  | 'medicare'
  | 'medicare_advantage'
  | 'medicaid'
  | 'tricare'
  | 'champva'
  | 'bcbs'
  | 'commercial'
  | 'workers_comp'
  | 'self_pay'
  | 'other';

const KIND_BY_FILING: Record<string, PayerKind> = {
  MA: 'medicare',
  MB: 'medicare',
  '16': 'medicare_advantage',
  MC: 'medicaid',
  CH: 'tricare',
  VA: 'champva',
  BL: 'bcbs',
  CI: 'commercial',
  HM: 'commercial',
  '12': 'commercial',
  '13': 'commercial',
  '14': 'commercial',
  '15': 'commercial',
  '17': 'commercial',
  FI: 'commercial',
  WC: 'workers_comp',
  '09': 'self_pay',
};

export function payerKindOf(claimFilingIndicator: string): PayerKind {
  return KIND_BY_FILING[claimFilingIndicator] ?? 'other';
}

/** SBR09 for this claim: a Medicare payer is Part A (MA) on an institutional claim and Part B (MB) on a professional one. */
export function claimFilingCodeFor(claimFilingIndicator: string, kind: 'professional' | 'institutional'): string {
  if (claimFilingIndicator === 'MA' || claimFilingIndicator === 'MB') return kind === 'institutional' ? 'MA' : 'MB';
  return claimFilingIndicator;
}

/**
 * Medicare Beneficiary Identifier (CMS "MBI format specifications"): 11 characters,
 * C A AN N A AN N A A N N — C is 1–9, N is 0–9, A is a letter other than S, L, O, I, B and Z.
 */
const MBI =
  /^[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9][AC-HJKMNP-RT-Y]{2}[0-9]{2}$/;

export function isMbi(value: string): boolean {
  return MBI.test(value.replace(/-/g, '').toUpperCase());
}

/** The member-ID rule of a payer kind, as a message naming what is wrong, or null. */
export function memberIdProblem(kind: PayerKind, memberId: string): string | null {
  const id = memberId.trim();
  if (kind === 'medicare') {
    if (isMbi(id)) return null;
    if (/^\d{9}[A-Z][0-9A-Z]?$/i.test(id))
      return `${id} looks like a retired HICN (SSN-based); Medicare accepts only the 11-character MBI from the patient's new card`;
    return `${id} is not a Medicare Beneficiary Identifier: 11 characters like 1EG4-TE5-MK73 (digit 1–9, then letters and digits in CMS's pattern; no S, L, O, I, B or Z)`;
  }
  if (kind === 'medicaid' && !/^[A-Z0-9]{6,20}$/i.test(id))
    return `${id} is not a Medicaid ID: 6–20 letters or digits, the patient's own number from their Medicaid card`;
  return null;
}

export interface CoverageFacts {
  memberId: string;
  relationshipCode: string;
  coverageOrder: number;
  mspType?: string | null;
}

/** SBR05 codes for Medicare secondary payer types (837 guide, 2000B SBR05). */
export const MSP_TYPES = ['12', '13', '14', '15', '16', '41', '42', '43', '47'] as const;

export type CoverageIssueCode =
  | 'member-id-format'
  | 'medicaid-subscriber-self'
  | 'medicare-subscriber-self'
  | 'msp-type-missing';
/** The one issue shape, located at the coverage's field; its code is the scrubber's rule id for the same rule. */
export type CoverageProblem = Issue<CoverageIssueCode> & { location: { field: keyof CoverageFacts } };

/** Coverage rules by payer kind, each naming the field: checked at entry and again by the scrubber. */
export function coverageProblems(kind: PayerKind, c: CoverageFacts): CoverageProblem[] {
  const out: CoverageProblem[] = [];
  const bad = (code: CoverageIssueCode, field: keyof CoverageFacts, message: string) =>
    out.push({ code, severity: 'error', message, location: { field } });
  const id = memberIdProblem(kind, c.memberId);
  if (id) bad('member-id-format', 'memberId', id);
  if (kind === 'medicaid' && c.relationshipCode !== '18')
    bad(
      'medicaid-subscriber-self',
      'relationshipCode',
      'A Medicaid patient is the subscriber under their own Medicaid ID: the relationship must be 18 (self), not a dependent of a parent',
    );
  if ((kind === 'medicare' || kind === 'medicare_advantage') && c.relationshipCode !== '18')
    bad(
      'medicare-subscriber-self',
      'relationshipCode',
      'A Medicare beneficiary is always the subscriber: the relationship must be 18 (self)',
    );
  if (kind === 'medicare' && c.coverageOrder > 1 && !(MSP_TYPES as readonly string[]).includes(c.mspType ?? ''))
    bad(
      'msp-type-missing',
      'mspType',
      `Medicare pays second here: give the Medicare secondary payer type (SBR05: ${MSP_TYPES.join(', ')}; 12 working aged, 47 other liability)`,
    );
  return out;
}
