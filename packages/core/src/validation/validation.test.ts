import { describe, expect, it } from 'vitest';
import { ageOn, dateProblem, isIsoDate } from './dates.ts';
import { normalizeEin, normalizeZip, stateProblem, taxonomyProblem } from './identifiers.ts';
import { isValidNpi, makeNpi, npiCheckDigit, npiProblem } from './npi.ts';

describe('NPI check digit (Luhn with 80840 prefix)', () => {
  it('accepts the CMS worked example 1234567893', () => {
    expect(npiCheckDigit('123456789')).toBe(3);
    expect(isValidNpi('1234567893')).toBe(true);
  });
  it('accepts known-valid NPIs', () => {
    for (const npi of ['1245319599', '1003000126', '1679576722', '1497758544']) expect(npiProblem(npi)).toBeNull();
  });
  it('rejects a wrong check digit', () => {
    expect(npiProblem('1234567890')).toBe('check_digit');
    expect(npiProblem('1245319598')).toBe('check_digit');
  });
  it('rejects bad formats', () => {
    for (const bad of ['', '123456789', '12345678931', '3234567893', 'A234567893', '1234 67893'])
      expect(npiProblem(bad)).toBe('format');
  });
  it('makeNpi always produces a valid NPI', () => {
    for (const base of ['100000000', '198765432', '255555555']) expect(isValidNpi(makeNpi(base))).toBe(true);
  });
});

describe('EIN', () => {
  it('normalizes with and without dash', () => {
    expect(normalizeEin('12-3456789')).toEqual({ ok: true, ein: '123456789' });
    expect(normalizeEin('123456789')).toEqual({ ok: true, ein: '123456789' });
  });
  it('rejects bad lengths, letters and unassigned prefixes', () => {
    for (const bad of ['1234567', '12-345678', 'AB-3456789', '07-1234567', '00-1234567', '123-456789'])
      expect(normalizeEin(bad).ok).toBe(false);
  });
});

describe('dates', () => {
  it('accepts real dates and leap days', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
  });
  it('rejects impossible dates and other formats', () => {
    for (const bad of [
      '2023-02-29',
      '1900-02-29',
      '2025-13-01',
      '2025-04-31',
      '2025-1-01',
      '01/02/2025',
      '20250101',
      '',
    ])
      expect(isIsoDate(bad)).toBe(false);
  });
  it('rejects a future date when a limit is given', () => {
    expect(dateProblem('2030-01-01', { notAfter: '2026-11-23', label: 'Date of birth' })).toMatch(
      /Date of birth cannot be after/,
    );
    expect(dateProblem('2020-01-01', { notAfter: '2026-11-23' })).toBeNull();
  });
  it('computes age on a date', () => {
    expect(ageOn('2000-06-15', '2026-06-14')).toBe(25);
    expect(ageOn('2000-06-15', '2026-06-15')).toBe(26);
  });
});

describe('addresses and taxonomy', () => {
  it('checks states and ZIPs', () => {
    expect(stateProblem('TX')).toBeNull();
    expect(stateProblem('XX')).not.toBeNull();
    expect(normalizeZip('75201-1234')).toEqual({ ok: true, zip: '752011234' });
    expect(normalizeZip('7520').ok).toBe(false);
  });
  it('checks taxonomy codes', () => {
    expect(taxonomyProblem('207Q00000X')).toBeNull();
    expect(taxonomyProblem('207Q00000')).not.toBeNull();
  });
});
