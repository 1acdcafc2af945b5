/** Note sections by their usual headings (SOAP and H&P layouts), and how much each one counts for coding. */

export const SECTION_KINDS = [
  'none',
  'cc',
  'hpi',
  'pmh',
  'psh',
  'meds',
  'allergies',
  'fh',
  'sh',
  'ros',
  'exam',
  'results',
  'assessment',
  'plan',
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

const HEADINGS: Array<[RegExp, SectionKind]> = [
  [/^(chief complaints?|cc|reason for (visit|referral|consult)|presenting complaint)$/, 'cc'],
  [/^(hpi|history of (the )?present(ing)? illness|subjective|interval history|history)$/, 'hpi'],
  [/^(pmh|past medical history|medical history|past history|problem list|active problems|pmhx|comorbidities)$/, 'pmh'],
  [/^(psh|past surgical history|surgical history|surgeries)$/, 'psh'],
  [/^((current |home )?medications?|meds|current meds|medication list|rx)$/, 'meds'],
  [/^(allerg(y|ies)|drug allergies)$/, 'allergies'],
  [/^(fh|fhx|family history|family hx|family medical history)$/, 'fh'],
  [/^(sh|shx|social history|social hx|social)$/, 'sh'],
  [/^(ros|review of systems|systems review)$/, 'ros'],
  [/^((physical )?exam(ination)?|pe|physical|vitals?|vital signs|objective|neuro exam|mental status)$/, 'exam'],
  [/^(labs?|laboratory|results|imaging|radiology|ecg|ekg|x-?ray|ua|studies|data|bloods|pathology)$/, 'results'],
  [
    /^(assessment( and plan| & plan|\/plan)?|a\/p|a&p|impression( and plan|\/plan)?|diagnos[ie]s|dx|final diagnosis|clinical impression)$/,
    'assessment',
  ],
  [/^(plan|recommendations?|disposition|procedure)$/, 'plan'],
];

/** How much a mention in each section supports coding it (the Assessment is what the clinician concluded). */
export const SECTION_WEIGHT: Record<SectionKind, number> = {
  none: 0.7,
  cc: 0.8,
  hpi: 0.7,
  pmh: 0.6,
  psh: 0.3,
  meds: 0.4,
  allergies: 0.5,
  fh: 0.5,
  sh: 0.5,
  ros: 0.3,
  exam: 0.5,
  results: 0.5,
  assessment: 1,
  plan: 0.6,
};

export interface SectionHeading {
  kind: SectionKind;
  /** Offset in the line where the section's own text starts (after "Heading:"). */
  bodyOffset: number;
  /** The heading line carries text after the colon. */
  rest: boolean;
}

/** The section a line opens ("Assessment/Plan:", "FAMILY HISTORY", "ROS: no fever"), if it is a heading. */
export function noteSection(line: string): SectionHeading | undefined {
  const m = /^\s*([A-Za-z][A-Za-z /&-]{0,40}?)\s*(:|$)/.exec(line);
  if (!m) return undefined;
  const name = m[1].trim().toLowerCase().replace(/\s+/g, ' ');
  // A heading without a colon must be the whole line ("Assessment and Plan"), not a sentence's first words.
  if (m[2] !== ':' && m[0].trim() !== line.trim()) return undefined;
  for (const [re, kind] of HEADINGS) {
    if (re.test(name)) {
      const bodyOffset = m[0].length;
      return { kind, bodyOffset, rest: line.slice(bodyOffset).trim().length > 0 };
    }
  }
  return undefined;
}
