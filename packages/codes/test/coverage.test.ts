/**
 * Code-set currency: a date of service no loaded release covers (the FY2026 files end on 2026-09-30, the claim is
 * from November) is said once, plainly, and the codes are checked against the nearest release instead of every
 * one failing. Also: equal entries of two fiscal years are one object.
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  checkCoding,
  CodeCatalog,
  CodeSearch,
  coverageGap,
  fiscalYearOf,
  fiscalYearRelease,
  quarterlyRelease,
  type CodeEntry,
} from '../src/index.ts';

const e = (code: string, title = `title ${code}`, billable = true): CodeEntry => ({
  code,
  billable,
  shortTitle: title,
  longTitle: title,
});

function fy2026Only() {
  const c = new CodeCatalog();
  c.addCodes(fiscalYearRelease('icd10cm', 2026), [
    e('I10', 'Essential (primary) hypertension'),
    e('E119', 'Type 2 diabetes mellitus without complications'),
    e('E11', 'Type 2 diabetes mellitus', false),
  ]);
  c.addCodes({ ...quarterlyRelease('hcpcs', 2025, 4) }, [e('J3420', 'Vitamin B12 injection')]);
  return c;
}

describe('coverage gaps', () => {
  it('names the first uncovered day and the fiscal year to import', () => {
    const gap = fy2026Only().coverageGap('icd10cm', '2026-11-02');
    expect(gap).toMatchObject({ from: '2026-10-01', nearest: 'FY2026', suggestion: 'FY2027' });
    expect(gap?.message).toBe('No ICD-10-CM release loaded for dates from 2026-10-01; import FY2027');
    expect(fy2026Only().coverageGap('icd10cm', '2026-09-30')).toBeUndefined();
    // quarterly sets are in force until superseded: no gap after the last one
    expect(fy2026Only().coverageGap('hcpcs', '2027-03-01')).toBeUndefined();
  });

  it('says a hole between two releases, and dates before the first, in the same words', () => {
    const c = fy2026Only();
    c.addCodes(fiscalYearRelease('icd10cm', 2024), [e('I10')]);
    expect(c.coverageGap('icd10cm', '2025-03-01')?.message).toBe(
      'No ICD-10-CM release loaded for dates from 2024-10-01 to 2025-09-30; import FY2025',
    );
    expect(c.coverageGap('icd10cm', '2023-01-05')?.message).toBe(
      'No ICD-10-CM release loaded for dates before 2023-10-01; import FY2023',
    );
    expect(c.coverageGap('hcpcs', '2025-01-01')?.message).toBe(
      'No HCPCS release loaded for dates before 2025-10-01; import the HCPCS release in force on 2025-01-01',
    );
  });

  it('is pure date arithmetic', () => {
    expect(addDays('2026-09-30', 1)).toBe('2026-10-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect([fiscalYearOf('2026-09-30'), fiscalYearOf('2026-10-01')]).toEqual([2026, 2027]);
    expect(coverageGap('icd10cm', [], '2026-01-01')).toBeUndefined();
  });
});

describe('a claim dated after the last loaded ICD-10-CM release', () => {
  const claim = {
    diagnoses: ['I10', 'E11.9', 'E11'],
    procedures: [{ code: 'J3420' }],
    patient: { birthDate: '1960-01-01', sex: 'F' as const },
    dateOfService: '2026-11-02',
  };

  it('gets one warning naming the gap, and the codes are checked against FY2026', () => {
    const edits = checkCoding(claim, fy2026Only());
    const notLoaded = edits.filter((x) => x.ruleId === 'code-set-not-loaded');
    expect(notLoaded).toHaveLength(1);
    expect(notLoaded[0]).toMatchObject({ severity: 'warning', location: { field: 'diagnoses[0]' } });
    expect(notLoaded[0].message).toContain('No ICD-10-CM release loaded for dates from 2026-10-01; import FY2027');
    expect(notLoaded[0].message).toContain('checked against ICD-10-CM FY2026');
    // I10 and E11.9 pass; the heading E11 is still caught, against the nearest release
    expect(edits.filter((x) => x.ruleId !== 'code-set-not-loaded').map((x) => x.ruleId)).toEqual(['dx-not-billable']);
  });

  it('is found by search on its date of service', () => {
    const hits = new CodeSearch(fy2026Only()).search('I10', { on: '2026-11-02' });
    expect(hits[0]).toMatchObject({ code: 'I10', codeSet: 'icd10cm' });
  });
});

describe('two fiscal years in memory', () => {
  it('answer each with its own titles', () => {
    const c = new CodeCatalog();
    c.addCodes(fiscalYearRelease('icd10cm', 2026), [e('I10'), e('A000', 'new title')]);
    c.addCodes(fiscalYearRelease('icd10cm', 2025), [e('I10'), e('A000', 'old title')]);
    expect(c.lookup('icd10cm', 'I10', 'FY2025')).toEqual(c.lookup('icd10cm', 'I10', 'FY2026'));
    expect(c.lookup('icd10cm', 'A000', 'FY2025')?.longTitle).toBe('old title');
    expect(c.lookup('icd10cm', 'A000', 'FY2026')?.longTitle).toBe('new title');
  });
});
