import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { centsToString, formatCents, parseCents, parseDecimal } from './numbers.ts';

describe('money as integer cents', () => {
  it('formats cents as X12 decimals and for people', () => {
    expect([0, 5, 50, 100, 12345, -5, -12300].map(formatCents)).toEqual([
      '0',
      '0.05',
      '0.5',
      '1',
      '123.45',
      '-0.05',
      '-123',
    ]);
    expect([0, 5, -12345].map(centsToString)).toEqual(['0.00', '0.05', '-123.45']);
  });

  it('parses what it formats, exactly', () => {
    fc.assert(fc.property(fc.integer({ min: -1e13, max: 1e13 }), (c) => parseCents(formatCents(c)) === c));
  });

  it('parses decimals for quantities', () => {
    expect(['1', '1.5', '.5', '-2', '1e3', '', 'x'].map(parseDecimal)).toEqual([1, 1.5, 0.5, -2, null, null, null]);
  });
});
