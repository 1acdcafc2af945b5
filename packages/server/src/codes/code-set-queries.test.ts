/** The code-set questions the routes and `medbill codes` both ask, answered on the demo catalog. */
import { createDemoCatalog } from '@medbill/codes';
import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error.ts';
import { diffCodeReleases, listCodeReleases, lookupCode, searchCodes } from './code-set-queries.ts';
import { codesServiceFrom } from './codes-service.ts';

const codes = codesServiceFrom(createDemoCatalog(), true);

describe('code-set queries', () => {
  it('search finds I10 by words and says nothing when a release covers the date', async () => {
    const r = await searchCodes(codes, { q: 'high blood pressure', kind: 'diagnosis', on: '2026-11-02', limit: 5 });
    expect(r.items.map((h) => h.code)).toContain('I10');
    expect(r.notices).toEqual([]);
  });

  it('search before any release says so once, naming the code set', async () => {
    const r = await searchCodes(codes, { q: 'I10', kind: 'diagnosis', on: '1999-01-04', limit: 5 });
    expect(r.notices).toHaveLength(1);
    expect(r.notices[0]).toMatch(/ICD-10-CM/);
  });

  it('lookup names the release in force, not its entries, and an unknown code is not found', () => {
    const r = lookupCode(codes, { codeSet: 'icd10cm', code: 'I10', on: '2026-11-02' });
    expect(r.validity).toMatchObject({ status: 'valid', release: { releaseId: 'DEMO' } });
    expect(Object.keys(r.validity.release ?? {})).not.toContain('entries');
    expect(() => lookupCode(codes, { codeSet: 'icd10cm', code: 'Q999999', on: '2026-11-02' })).toThrow(AppError);
  });

  it('releases list the demo lists, and a diff with a release not loaded is not found', () => {
    const r = listCodeReleases(codes);
    expect(r.demo).toBe(true);
    expect(r.items.some((x) => x.codeSet === 'icd10cm' && x.releaseId === 'DEMO')).toBe(true);
    expect(() => diffCodeReleases(codes, { codeSet: 'icd10cm', from: 'DEMO', to: 'FY2030' })).toThrow(
      /FY2030 of icd10cm is not loaded/,
    );
  });
});
