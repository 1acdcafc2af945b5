import { describe, expect, it } from 'vitest';
import { cleanClaim } from '../claim-fixtures.test-util.ts';
import type { ClaimToBill } from '../claim-context.ts';
import { parsePayerRules, PayerRuleFileError } from './payer-rules.ts';
import { scrubClaim, type CodingEdit } from './scrub-claim.ts';

const today = '2026-11-23';
const base = cleanClaim();
const ids = (ctx: ClaimToBill, extra: Parameters<typeof scrubClaim>[1] = { today }) =>
  scrubClaim(ctx, extra).edits.map((e) => e.ruleId);

describe('claim scrubber', () => {
  it('passes a clean claim', () => {
    expect(scrubClaim(cleanClaim(), { today })).toEqual({ edits: [], clean: true });
  });

  it.each<[string, Partial<ClaimToBill>, string]>([
    ['billing NPI check digit', { practice: { ...base.practice, npi: '1999000010' } }, 'npi-invalid'],
    ['rendering NPI', { rendering: { ...base.rendering, npi: '12345' } }, 'npi-invalid'],
    ['tax id', { practice: { ...base.practice, tin: '12' } }, 'tin-missing'],
    ['taxonomy', { practice: { ...base.practice, taxonomy: '' } }, 'taxonomy-missing'],
    [
      'billing ZIP+4',
      { practice: { ...base.practice, address: { ...base.practice.address, zip: '78701' } } },
      'billing-zip4',
    ],
    [
      'billing PO box',
      { practice: { ...base.practice, address: { ...base.practice.address, line1: 'PO Box 4410' } } },
      'billing-address-pobox',
    ],
    ['member ID', { coverage: { ...base.coverage, memberId: '' } }, 'member-id-missing'],
    ['payer ID', { payer: { ...base.payer, payerCode: '' } }, 'payer-id-missing'],
    ['relationship', { coverage: { ...base.coverage, relationshipCode: '' } }, 'relationship-missing'],
    ['patient DOB', { patient: { ...base.patient, birthDate: '1970-02-30' } }, 'patient-dob'],
    ['place of service', { placeOfService: 'X' }, 'pos-invalid'],
    ['no diagnosis', { diagnoses: [] }, 'dx-none'],
    ['no lines', { lines: [] }, 'lines-none'],
    ['pointer past the diagnoses', { lines: [{ ...base.lines[0], diagnosisPointers: [3] }] }, 'pointer-range'],
    ['pointer missing', { lines: [{ ...base.lines[0], diagnosisPointers: [] }] }, 'pointer-missing'],
    ['procedure format', { lines: [{ ...base.lines[0], procedureCode: '9921' }] }, 'procedure-format'],
    ['modifier format', { lines: [{ ...base.lines[0], modifiers: ['2'] }] }, 'modifier-format'],
    ['zero units', { lines: [{ ...base.lines[0], units: 0 }] }, 'units-zero'],
    ['zero charge', { lines: [{ ...base.lines[0], chargeCents: 0 }] }, 'charge-zero'],
    ['line outside encounter dates', { lines: [{ ...base.lines[0], serviceDate: '2026-11-05' }] }, 'line-date-range'],
    ['coverage not active', { coverage: { ...base.coverage, endDate: '2026-10-31' } }, 'coverage-inactive'],
    ['coverage not started', { coverage: { ...base.coverage, effectiveDate: '2026-11-03' } }, 'coverage-inactive'],
    [
      'future date of service',
      {
        serviceDateFrom: '2026-12-01',
        serviceDateTo: '2026-12-01',
        lines: [{ ...base.lines[0], serviceDate: '2026-12-01' }],
      },
      'dos-future',
    ],
    [
      'timely filing',
      {
        serviceDateFrom: '2026-06-01',
        serviceDateTo: '2026-06-01',
        lines: [{ ...base.lines[0], serviceDate: '2026-06-01' }],
      },
      'timely-filing',
    ],
    [
      'duplicate of an earlier claim',
      {
        priorLines: [
          {
            claimNumber: 'C000050',
            serviceDate: '2026-11-02',
            procedureCode: '99213',
            modifiers: [],
            renderingNpi: base.rendering.npi,
          },
        ],
      },
      'duplicate-claim',
    ],
    [
      'institutional without type of bill',
      {
        kind: 'institutional',
        institutional: { typeOfBill: '' },
        lines: base.lines.map((l) => ({ ...l, revenueCode: '0510' })),
      },
      'type-of-bill',
    ],
    [
      'institutional line without revenue code',
      { kind: 'institutional', institutional: { typeOfBill: '0131' } },
      'revenue-code',
    ],
  ])('flags %s', (_name, change, ruleId) => {
    const result = scrubClaim(cleanClaim(change), { today });
    expect(result.edits.map((e) => e.ruleId)).toContain(ruleId);
    expect(result.clean).toBe(false);
    const e = result.edits.find((x) => x.ruleId === ruleId)!;
    expect(e.message.length).toBeGreaterThan(15);
    expect(e.location.field).toMatch(/^[a-zA-Z]/);
    expect(e.code).toBe(ruleId);
  });

  it('warns, without blocking, when the filing deadline is near', () => {
    const ctx = cleanClaim({
      serviceDateFrom: '2026-08-30',
      serviceDateTo: '2026-08-30',
      lines: [{ ...base.lines[0], serviceDate: '2026-08-30' }],
    });
    const r = scrubClaim(ctx, { today });
    expect(r.edits.map((e) => [e.ruleId, e.severity])).toEqual([['timely-filing-soon', 'warning']]);
    expect(r.clean).toBe(true);
  });

  it('a repeat modifier (76) or a replacement claim is not a duplicate', () => {
    const prior = [
      {
        claimNumber: 'C000050',
        serviceDate: '2026-11-02',
        procedureCode: '99213',
        modifiers: [],
        renderingNpi: base.rendering.npi,
      },
    ];
    expect(ids(cleanClaim({ priorLines: prior, lines: [{ ...base.lines[0], modifiers: ['76'] }] }))).not.toContain(
      'duplicate-claim',
    );
    expect(ids(cleanClaim({ priorLines: prior, frequencyCode: '7', originalPayerClaimNumber: 'ICN1' }))).not.toContain(
      'duplicate-claim',
    );
  });

  it('turns coding edits into scrub edits that point at the field to fix', () => {
    const coding = (): CodingEdit[] => [
      {
        code: 'dx-not-billable',
        severity: 'error',
        message: 'E11 is a category, not billable: pick a code with more characters',
        ruleId: 'dx-not-billable',
        source: 'ICD-10-CM FY2026 order file',
        location: { field: 'diagnoses[0]', code: 'E11' },
      },
      {
        code: 'ncci-ptp',
        severity: 'error',
        message: '36415 is bundled into 99213',
        ruleId: 'ncci-ptp',
        source: 'NCCI PTP',
        location: { field: 'procedures[1]', code: '36415' },
      },
    ];
    const r = scrubClaim(cleanClaim(), { today, coding });
    expect(r.clean).toBe(false);
    expect(r.edits[0]).toMatchObject({
      code: 'dx-not-billable',
      ruleId: 'dx-not-billable',
      location: { field: 'diagnoses[0]', code: 'E11' },
    });
    expect(r.edits[1].location).toEqual({ field: 'lines[1].procedureCode', code: '36415' });
  });
});

describe('payer rules as data', () => {
  const file = `
- id: medicare-referring-for-lab
  payers: [DEMOMCR]
  when: { procedure: '^8\\d{4}$' }
  require: referring-provider
  message: Medicare needs the ordering provider on lab claims
- id: acme-no-gt
  payers: ['*']
  require: no-modifier
  modifier: GT
  message: Telehealth is billed with 95, not GT
  severity: warning
- id: acme-max-units-venipuncture
  payers: [DEMOACME]
  when: { procedure: '^36415$' }
  require: max-units
  units: 1
  message: Acme pays one venipuncture a day
`;
  const rules = parsePayerRules(file);

  it('applies a rule only to its payers and codes', () => {
    const lab = cleanClaim({ payer: { ...base.payer, payerCode: 'DEMOMCR' } });
    expect(ids(lab, { today, payerRules: rules })).toContain('payer:medicare-referring-for-lab');
    expect(ids(cleanClaim(), { today, payerRules: rules })).not.toContain('payer:medicare-referring-for-lab');
    expect(
      ids(cleanClaim({ payer: { ...base.payer, payerCode: 'DEMOMCR' }, referring: base.rendering }), {
        today,
        payerRules: rules,
      }),
    ).not.toContain('payer:medicare-referring-for-lab');
  });

  it('checks modifiers and units on the matching lines only', () => {
    const ctx = cleanClaim({
      lines: [
        { ...base.lines[0], modifiers: ['GT'] },
        { ...base.lines[1], procedureCode: '36415', units: 2 },
      ],
    });
    const r = scrubClaim(ctx, { today, payerRules: rules });
    expect(r.edits.map((e) => [e.code, e.ruleId, e.location.field, e.severity])).toEqual([
      ['payer-rule', 'payer:acme-no-gt', 'lines[0].modifiers', 'warning'],
      ['payer-rule', 'payer:acme-max-units-venipuncture', 'lines[1].units', 'error'],
    ]);
  });

  it('a broken rule file is refused with the rule and field named', () => {
    const bad = `- id: Bad Id\n  payers: DEMOMCR\n  require: teleport\n  message: ''\n- id: ok-rule\n  payers: ['*']\n  require: max-units\n  message: x\n  when: { procedure: '(' }`;
    try {
      parsePayerRules(bad, 'rules.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PayerRuleFileError);
      const fields = (e as PayerRuleFileError).problems.map((p) => `${p.rule}:${p.field}`);
      expect(fields).toEqual(
        expect.arrayContaining(['1:id', '1:payers', '1:require', '1:message', '2:units', '2:when.procedure']),
      );
    }
    expect(() => parsePayerRules('a: [', 'x.yaml')).toThrow(/x.yaml/);
  });
});
