/**
 * What each claim adjustment reason (CARC) means for posting, kept as data: the denial root causes start
 * from ../shared/design/REMITTANCE.md and were checked against x12.org's list (carc.csv; a test does it
 * again). Labels are our own short words for the worklist, not the published descriptions.
 *
 * - `contractual`: the payer's fee schedule or a regulated reduction; posted as an adjustment.
 * - `patient`: deductible, coinsurance, copay (with group PR they move to the patient or the next payer).
 * - `prior_payer`: the earlier payer's share on a secondary or tertiary claim (OA 23); not posted again.
 * - `paid_to_patient`: the payer paid the patient; the patient owes it.
 * - `denial`: the amount stays open and the line goes to the denial worklist under its root cause.
 * A reason not listed is treated as a denial of cause `other` (open, to review), so nothing unknown is
 * written off silently.
 */
export const DENIAL_CAUSES = [
  'eligibility',
  'authorization',
  'coding',
  'medical_necessity',
  'bundling',
  'missing_information',
  'duplicate',
  'timely_filing',
  'non_covered',
  'coordination_of_benefits',
  'provider',
  'other',
] as const;
export type DenialCause = (typeof DENIAL_CAUSES)[number];

export const DENIAL_CAUSE_LABELS: Record<DenialCause, string> = {
  eligibility: 'Eligibility or coverage',
  authorization: 'Authorization',
  coding: 'Coding',
  medical_necessity: 'Medical necessity',
  bundling: 'Bundling / multiple procedures',
  missing_information: 'Missing information or attachments',
  duplicate: 'Duplicate',
  timely_filing: 'Timely filing',
  non_covered: 'Non-covered or benefit limit',
  coordination_of_benefits: 'Coordination of benefits',
  provider: 'Provider enrollment or credentialing',
  other: 'Other (review)',
};

/** How likely an appeal or a corrected claim recovers a denial of this cause (0..1), for the worklist priority. */
export const RECOVERY_LIKELIHOOD: Record<DenialCause, number> = {
  eligibility: 0.5,
  authorization: 0.4,
  coding: 0.8,
  medical_necessity: 0.5,
  bundling: 0.4,
  missing_information: 0.9,
  duplicate: 0.2,
  timely_filing: 0.15,
  non_covered: 0.2,
  coordination_of_benefits: 0.7,
  provider: 0.5,
  other: 0.5,
};

type Category = 'contractual' | 'patient' | 'prior_payer' | 'paid_to_patient' | { denial: DenialCause };

const DENIALS: Record<Exclude<DenialCause, 'other'>, string[]> = {
  eligibility: ['26', '27', '31', '177', '200', '109', '140'],
  authorization: ['197', '198', '39', '15', '62'],
  coding: ['4', '5', '6', '7', '8', '9', '10', '11', '146', '181', '182', '189', '236'],
  medical_necessity: ['50', '55', '56', '150', '151', '152', '167', '40', '58'],
  bundling: ['97', '234', 'B15'],
  missing_information: ['16', '226', '252', 'A1'],
  duplicate: ['18'],
  timely_filing: ['29'],
  non_covered: ['96', '204', '49', '119', '35', '242', '51', 'B1', 'B9'],
  coordination_of_benefits: ['22', '19', '20', '21'],
  provider: ['170', '171', '183', '184', '185', '206', '208', 'B7'],
};

/** REMITTANCE.md's "contractual, not a denial" plus reductions of the same nature (59 multiple procedures). */
const CONTRACTUAL = ['45', '94', '253', '59', '24', '42', '131', '144', '172', '223', '237'];
const PATIENT = ['1', '2', '3', '66', '142'];

const MAP = new Map<string, Category>();
for (const [cause, codes] of Object.entries(DENIALS))
  for (const c of codes) MAP.set(c, { denial: cause as DenialCause });
for (const c of CONTRACTUAL) MAP.set(c, 'contractual');
for (const c of PATIENT) MAP.set(c, 'patient');
MAP.set('23', 'prior_payer');
MAP.set('100', 'paid_to_patient');

/** Every reason the map names (a test checks each against the published list). */
export const MAPPED_CARCS: readonly string[] = [...MAP.keys()];

export type CarcCategory = 'contractual' | 'patient' | 'prior_payer' | 'paid_to_patient' | 'denial';

export function carcCategory(reason: string): { category: CarcCategory; cause?: DenialCause } {
  const c = MAP.get(reason.toUpperCase());
  if (!c) return { category: 'denial', cause: 'other' };
  if (typeof c === 'string') return { category: c };
  return { category: 'denial', cause: c.denial };
}

/** Short words for the reasons people meet most (the full text comes from an imported CARC list). */
export const CARC_SHORT: Record<string, string> = {
  '1': 'Deductible',
  '2': 'Coinsurance',
  '3': 'Copay',
  '16': 'Missing information or a billing error',
  '18': 'Duplicate of a claim already processed',
  '23': "Prior payer's payment and adjustments",
  '26': 'Service before coverage began',
  '27': 'Service after coverage ended',
  '29': 'Filed after the time limit',
  '31': 'Patient not identified as a member',
  '45': 'Above the contracted fee',
  '50': 'Not medically necessary',
  '59': 'Multiple-procedure reduction',
  '96': 'Not covered',
  '97': 'Included in another service',
  '109': 'Not this payer: bill the right payer',
  '197': 'No authorization on file',
  '204': 'Not covered by the patient’s plan',
  '253': 'Sequestration',
};

/** Short words for the remarks (RARC) the demo payers send (the full text comes from an imported RARC list). */
export const RARC_SHORT: Record<string, string> = {
  M15: 'Bundled: separately billed services are parts of one procedure',
  M51: 'Procedure code missing or invalid',
  M62: 'Treatment authorization code missing or invalid',
  M76: 'Diagnosis missing or invalid',
  M86: 'Already paid for the same or a similar service within the time limit',
  MA04: "Secondary payment needs the primary payer's payment information",
  MA18: "Claim also forwarded to the patient's supplemental insurer",
  MA63: 'Principal diagnosis missing or invalid',
  MA130: 'Unprocessable claim: incomplete or invalid information, correct and resubmit',
  N4: "Prior payer's EOB missing or invalid",
  N20: 'Not payable with another service on the same date',
  N30: 'Patient not eligible for this service',
  N115: 'Decided under a Local Coverage Determination (LCD)',
  N130: 'See the plan documents for restrictions on this service',
  N362: 'Days or units exceed the maximum allowed',
  N382: 'Patient identifier missing or invalid',
  N479: 'Explanation of benefits from the other payer missing',
};
