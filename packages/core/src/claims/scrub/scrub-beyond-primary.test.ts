/**
 * Scrubber edits added for issue 9 and issue 8 item 7, each with a failing and a passing claim: X12
 * separators in data, member IDs and subscriber rules per payer kind, replacement/void references,
 * coordination of benefits, type of bill, POA and the other inpatient requirements, ICD-10-PCS form,
 * revenue codes with the HCPCS they need, NDC form, birth date after service, duplicates by modifier,
 * and the new payer-rule requirements.
 */
import { describe, expect, it } from 'vitest';
import type { ClaimToBill } from '../claim-context.ts';
import { cleanClaim } from '../claim-fixtures.test-util.ts';
import { medicareEob } from '../cob/cob-837.test.ts';
import { parsePreventiveRules, preventiveRuleFor } from '../preventive-services.ts';
import { parsePayerRules } from './payer-rules.ts';
import { scrubClaim, type ScrubOptions } from './scrub-claim.ts';

const today = '2026-11-23';
const base = cleanClaim();
const medicare = { id: 5, name: 'Medicare', payerCode: 'DEMOMCR', claimFilingIndicator: 'MB', timelyFilingDays: 365 };
const medicaid = {
  id: 4,
  name: 'Texas Medicaid',
  payerCode: 'DEMOMCD',
  claimFilingIndicator: 'MC',
  timelyFilingDays: 95,
};
const ids = (ctx: ClaimToBill, opts: Partial<ScrubOptions> = {}) =>
  scrubClaim(ctx, { today, ...opts }).edits.map((e) => e.ruleId);

/** [edit, failing claim, passing claim, options] */
const CASES: Array<[string, Partial<ClaimToBill>, Partial<ClaimToBill>, Partial<ScrubOptions>?]> = [
  [
    'x12-delimiter',
    { patient: { ...base.patient, lastName: 'O*BRIEN' } },
    { patient: { ...base.patient, lastName: 'OBRIEN' } },
  ],
  ['x12-delimiter', { coverage: { ...base.coverage, memberId: 'W12:34' } }, {}],
  // the file's own separators: this clearinghouse uses | between elements
  [
    'x12-delimiter',
    { patient: { ...base.patient, address: { ...base.patient.address, line2: 'APT 4|B' } } },
    {},
    { delimiters: ['|', '~', ':', '^'] },
  ],
  [
    'member-id-format',
    { payer: medicare, coverage: { ...base.coverage, memberId: '1EG4123456A' } },
    { payer: medicare, coverage: { ...base.coverage, memberId: '1EG4TE5MK73' } },
  ],
  [
    'medicaid-subscriber-self',
    { payer: medicaid, coverage: { ...base.coverage, memberId: '512345678', relationshipCode: '19' } },
    { payer: medicaid, coverage: { ...base.coverage, memberId: '512345678', relationshipCode: '18' } },
  ],
  [
    'msp-type-missing',
    { payer: medicare, coverage: { ...base.coverage, memberId: '1EG4TE5MK73', coverageOrder: 2 }, otherPayers: [] },
    { payer: medicare, coverage: { ...base.coverage, memberId: '1EG4TE5MK73', coverageOrder: 1, mspType: null } },
  ],
  [
    'original-claim-number-missing',
    { frequencyCode: '7' },
    { frequencyCode: '7', originalPayerClaimNumber: '2631000012340' },
  ],
  [
    'original-claim-number-missing',
    { frequencyCode: '8', originalPayerClaimNumber: ' ' },
    { frequencyCode: '8', originalPayerClaimNumber: 'ICN9' },
  ],
  [
    'cob-adjudication-missing',
    {
      coverage: { ...base.coverage, coverageOrder: 2 },
      otherPayers: [{ payer: medicare, coverage: { ...base.coverage, memberId: '1EG4TE5MK73' }, adjudication: null }],
    },
    {
      coverage: { ...base.coverage, coverageOrder: 2 },
      otherPayers: [
        { payer: medicare, coverage: { ...base.coverage, memberId: '1EG4TE5MK73' }, adjudication: medicareEob() },
      ],
    },
  ],
  [
    'cob-crossover',
    {
      coverage: { ...base.coverage, coverageOrder: 2 },
      otherPayers: [
        {
          payer: medicare,
          coverage: { ...base.coverage, memberId: '1EG4TE5MK73' },
          adjudication: { ...medicareEob(), crossover: true },
        },
      ],
    },
    {
      coverage: { ...base.coverage, coverageOrder: 2 },
      otherPayers: [
        { payer: medicare, coverage: { ...base.coverage, memberId: '1EG4TE5MK73' }, adjudication: medicareEob() },
      ],
    },
  ],
  [
    'cob-earlier-payer-missing',
    { coverage: { ...base.coverage, coverageOrder: 2 }, otherPayers: [] },
    { coverage: { ...base.coverage, coverageOrder: 1 } },
  ],
  [
    'dob-after-dos',
    { patient: { ...base.patient, birthDate: '2026-11-05' } },
    { patient: { ...base.patient, birthDate: '2026-11-01' } },
  ],
  [
    'ndc-format',
    { lines: [{ ...base.lines[0], procedureCode: 'J3301', drug: { ndc: '0003-0293-20', quantity: 1, unit: 'ML' } }] },
    { lines: [{ ...base.lines[0], procedureCode: 'J3301', drug: { ndc: '00003029320', quantity: 1, unit: 'ML' } }] },
  ],
  [
    'duplicate-claim',
    {
      lines: [{ ...base.lines[0], procedureCode: '20610', modifiers: ['RT'] }],
      priorLines: [
        {
          claimNumber: 'C9',
          serviceDate: '2026-11-02',
          procedureCode: '20610',
          modifiers: ['RT'],
          renderingNpi: base.rendering.npi,
        },
      ],
    },
    {
      lines: [{ ...base.lines[0], procedureCode: '20610', modifiers: ['LT'] }],
      priorLines: [
        {
          claimNumber: 'C9',
          serviceDate: '2026-11-02',
          procedureCode: '20610',
          modifiers: ['RT'],
          renderingNpi: base.rendering.npi,
        },
      ],
    },
  ],
];

function ub(inst: ClaimToBill['institutional'], more: Partial<ClaimToBill> = {}): Partial<ClaimToBill> {
  return {
    kind: 'institutional',
    institutional: inst,
    lines: base.lines.map((l) => ({ ...l, revenueCode: '0510' })),
    ...more,
  };
}
const inpatient = {
  typeOfBill: '0111',
  admissionDate: '2026-11-02',
  admissionType: '1',
  admissionSource: '7',
  patientStatus: '01',
  admittingDiagnosis: 'R1031',
};
const INSTITUTIONAL: typeof CASES = [
  [
    'type-of-bill',
    ub({ typeOfBill: '0551', patientStatus: '01' }),
    ub({ typeOfBill: '0131', patientStatus: '01', reasonForVisit: ['E119'] }),
  ],
  [
    'type-of-bill',
    ub({ typeOfBill: '0136', patientStatus: '01' }),
    ub({ typeOfBill: '137', patientStatus: '01', reasonForVisit: ['E119'] }),
  ],
  ['poa-missing', ub(inpatient, { diagnosisPoa: ['Y', null] }), ub(inpatient, { diagnosisPoa: ['Y', 'N'] })],
  [
    'admitting-diagnosis',
    ub({ ...inpatient, admittingDiagnosis: undefined }, { diagnosisPoa: ['Y', 'Y'] }),
    ub(inpatient, { diagnosisPoa: ['Y', 'Y'] }),
  ],
  [
    'admission-date',
    ub({ ...inpatient, admissionDate: undefined }, { diagnosisPoa: ['Y', 'Y'] }),
    ub(inpatient, { diagnosisPoa: ['Y', 'Y'] }),
  ],
  [
    'pcs-format',
    ub(
      { ...inpatient, procedures: [{ code: '0DTJ4Z', date: '2026-11-02' }] },
      { diagnosisPoa: ['Y', 'Y'], operating: base.rendering },
    ),
    ub(
      { ...inpatient, procedures: [{ code: '0DTJ4ZZ', date: '2026-11-02' }] },
      { diagnosisPoa: ['Y', 'Y'], operating: base.rendering },
    ),
  ],
  [
    'operating-physician',
    ub({ ...inpatient, procedures: [{ code: '0DTJ4ZZ', date: '2026-11-02' }] }, { diagnosisPoa: ['Y', 'Y'] }),
    ub(
      { ...inpatient, procedures: [{ code: '0DTJ4ZZ', date: '2026-11-02' }] },
      { diagnosisPoa: ['Y', 'Y'], operating: base.rendering },
    ),
  ],
  [
    'revenue-code-unknown',
    ub(
      { typeOfBill: '0131', patientStatus: '01', reasonForVisit: ['E119'] },
      { lines: [{ ...base.lines[0], revenueCode: '0899' }] },
    ),
    ub(
      { typeOfBill: '0131', patientStatus: '01', reasonForVisit: ['E119'] },
      { lines: [{ ...base.lines[0], revenueCode: '0510' }] },
    ),
  ],
  [
    'revenue-code-hcpcs',
    ub(
      { typeOfBill: '0131', patientStatus: '01', reasonForVisit: ['E119'] },
      { lines: [{ ...base.lines[0], procedureCode: '', revenueCode: '0450' }] },
    ),
    ub(
      { typeOfBill: '0131', patientStatus: '01', reasonForVisit: ['E119'] },
      { lines: [{ ...base.lines[0], procedureCode: '99283', revenueCode: '0450' }] },
    ),
  ],
  [
    'revenue-code-inpatient',
    ub(
      { typeOfBill: '0131', patientStatus: '01', reasonForVisit: ['E119'] },
      { lines: [{ ...base.lines[0], procedureCode: '', revenueCode: '0120' }] },
    ),
    ub(inpatient, { diagnosisPoa: ['Y', 'Y'], lines: [{ ...base.lines[0], procedureCode: '', revenueCode: '0120' }] }),
  ],
];

describe('scrub edits beyond the simple primary claim', () => {
  it.each([...CASES, ...INSTITUTIONAL])('%s: fails, then passes once fixed', (rule, failing, passing, opts) => {
    expect(ids(cleanClaim(failing), opts)).toContain(rule);
    expect(ids(cleanClaim(passing), opts)).not.toContain(rule);
  });

  it('names the field and says which separator, in words', () => {
    const e = scrubClaim(cleanClaim({ patient: { ...base.patient, lastName: 'SMITH~JONES' } }), { today }).edits.find(
      (x) => x.ruleId === 'x12-delimiter',
    );
    expect(e).toMatchObject({ location: { field: 'patient.lastName' }, severity: 'error' });
    expect(e?.message).toBe(
      `The patient's last name contains "~", which claim files (X12) use as a separator: remove or replace it`,
    );
  });

  it('an inpatient bill with no POA on a Z code warns (it may be POA-exempt) but does not block', () => {
    const ctx = cleanClaim({ ...ub(inpatient, { diagnosisPoa: ['Y', null] }), diagnoses: ['K3580', 'Z7901'] });
    const poa = scrubClaim(ctx, { today }).edits.filter((e) => e.ruleId === 'poa-missing');
    expect(poa).toMatchObject([{ severity: 'warning', location: { field: 'diagnoses[1].poa' } }]);
  });
});

describe('payer-rule requirements', () => {
  const rules = parsePayerRules(`
- id: ndc-required
  payers: [DEMOMCD]
  when: { procedure: "^J" }
  require: ndc
  message: Medicaid needs the NDC
- id: telehealth
  payers: ["*"]
  when: { placeOfService: ["02", "10"] }
  require: modifier-one-of
  modifiers: ["95", "93"]
  message: Telehealth needs 95 or 93
- id: inpatient-only
  payers: ["*"]
  when: { procedure: "^27447$" }
  require: place-of-service
  placesOfService: ["21"]
  message: Inpatient only
- id: awv-yearly
  payers: ["*"]
  when: { procedure: "^G0439$" }
  require: max-per-period
  units: 1
  days: 365
  message: One a year
- id: clia
  payers: ["*"]
  when: { procedure: "^8[0-9]{4}$" }
  require: clia-number
  message: CLIA number needed
`);
  const run = (ctx: ClaimToBill) => ids(ctx, { payerRules: rules });
  const drug = { ...base.lines[0], procedureCode: 'J3301' };
  it.each<[string, Partial<ClaimToBill>, Partial<ClaimToBill>]>([
    [
      'ndc-required',
      { payer: medicaid, coverage: { ...base.coverage, memberId: '512345678' }, lines: [drug] },
      {
        payer: medicaid,
        coverage: { ...base.coverage, memberId: '512345678' },
        lines: [{ ...drug, drug: { ndc: '00003029320', quantity: 1, unit: 'ML' } }],
      },
    ],
    [
      'telehealth',
      { placeOfService: '10' },
      { placeOfService: '10', lines: base.lines.map((l) => ({ ...l, modifiers: ['95'] })) },
    ],
    [
      'inpatient-only',
      { lines: [{ ...base.lines[0], procedureCode: '27447' }] },
      { placeOfService: '21', lines: [{ ...base.lines[0], procedureCode: '27447' }] },
    ],
    [
      'awv-yearly',
      {
        lines: [{ ...base.lines[0], procedureCode: 'G0439' }],
        priorLines: [
          {
            claimNumber: 'C1',
            serviceDate: '2026-02-01',
            procedureCode: 'G0439',
            modifiers: [],
            renderingNpi: base.rendering.npi,
          },
        ],
      },
      {
        lines: [{ ...base.lines[0], procedureCode: 'G0439' }],
        priorLines: [
          {
            claimNumber: 'C1',
            serviceDate: '2025-10-01',
            procedureCode: 'G0439',
            modifiers: [],
            renderingNpi: base.rendering.npi,
          },
        ],
      },
    ],
    ['clia', {}, { practice: { ...base.practice, cliaNumber: '45D0123456' } }],
  ])('%s: fails, then passes', (rule, failing, passing) => {
    expect(run(cleanClaim(failing))).toContain(`payer:${rule}`);
    expect(run(cleanClaim(passing))).not.toContain(`payer:${rule}`);
  });
});

describe('preventive-service rules', () => {
  const rules = parsePreventiveRules(`
- id: flu
  label: Flu shot administration
  codes: [G0008]
- id: physicals
  label: Preventive visits
  codes: ["99381-99397"]
- id: diabetes-screening
  label: Diabetes screening
  codes: ["82947"]
  diagnosisPrefixes: [Z131]
`);
  it('matches codes, ranges, screening diagnoses and modifier 33', () => {
    expect(preventiveRuleFor(rules, { code: 'G0008' })?.id).toBe('flu');
    expect(preventiveRuleFor(rules, { code: '99395' })?.id).toBe('physicals');
    expect(preventiveRuleFor(rules, { code: '99213' })).toBeNull();
    expect(preventiveRuleFor(rules, { code: '82947', diagnoses: ['E119'] })).toBeNull();
    expect(preventiveRuleFor(rules, { code: '82947', diagnoses: ['Z131'] })?.id).toBe('diabetes-screening');
    expect(preventiveRuleFor(rules, { code: '81002', modifiers: ['33'] })?.id).toBe('modifier-33');
  });
  it('refuses a malformed rule file, naming the rule', () => {
    expect(() => parsePreventiveRules('- id: Bad Id\n  codes: [G0008]')).toThrow(/rule 1 id/);
    expect(() => parsePreventiveRules('- id: ok\n  codes: [G8]')).toThrow(/rule 1 codes/);
  });
});
