import { describe, expect, it } from 'vitest';
import { checkCoding, CodeSearch, createDemoCatalog, DEMO_HCPCS, DEMO_ICD10CM } from '../src/index.ts';

describe('demo catalog (no import needed)', () => {
  const catalog = createDemoCatalog();
  it('has about 60 ICD-10-CM, 30 HCPCS and some CPT numbers without AMA descriptors', () => {
    expect(DEMO_ICD10CM.length).toBeGreaterThanOrEqual(60);
    expect(DEMO_HCPCS.length).toBeGreaterThanOrEqual(30);
    expect(catalog.lookup('cpt', '99213')?.longTitle).toBe('CPT 99213 (descriptor requires AMA license)');
  });
  it('searches and checks a claim', () => {
    const search = new CodeSearch(catalog);
    expect(search.search('diabetes')[0].code).toMatch(/^E1[01]\./);
    expect(search.search('E11.9')[0].code).toBe('E11.9');
    const edits = checkCoding(
      {
        diagnoses: ['E11'],
        procedures: [{ code: '20610' }, { code: '99213' }],
        patient: { birthDate: '1960-01-01', sex: 'F' },
        dateOfService: '2026-01-15',
      },
      catalog,
    );
    expect(edits.map((e) => e.ruleId).sort()).toEqual(['dx-not-billable', 'ncci-ptp']);
  });
  it('builds the search index in slices, letting others run between them, into the same index', async () => {
    let pauses = 0;
    const sliced = await CodeSearch.build(catalog, async () => {
      pauses++;
    });
    expect(pauses).toBeGreaterThan(1);
    const whole = new CodeSearch(catalog);
    expect(sliced.size).toEqual(whole.size);
    for (const [q, kind] of [
      ['diabetes', undefined],
      ['knee', 'diagnosis'],
      ['E11', undefined],
      ['office vis', 'procedure'],
    ] as const)
      expect(sliced.search(q, { kind, on: '2026-01-15' })).toEqual(whole.search(q, { kind, on: '2026-01-15' }));
  });
  it('flags a procedure code that is not in the HCPCS/CPT release and passes a valid one', () => {
    const check = (code: string) =>
      checkCoding(
        {
          diagnoses: ['E11.9'],
          procedures: [{ code }],
          patient: { birthDate: '1960-01-01', sex: 'F' },
          dateOfService: '2026-01-15',
        },
        catalog,
      );
    expect(check('G9999')).toMatchObject([
      { code: 'px-unknown', ruleId: 'px-unknown', location: { field: 'procedures[0]', code: 'G9999' } },
    ]);
    expect(check('99-13')).toMatchObject([{ ruleId: 'px-unknown' }]);
    expect(check('G0008')).toEqual([]);
    expect(check('99213')).toEqual([]);
  });
});
