import { describe, expect, it } from 'vitest';
import { checkDateTimePeriod, isValidDate, isValidTime } from './date-time.ts';

describe('X12 dates and times', () => {
  it('knows the calendar', () => {
    expect(isValidDate('20240229')).toBe(true);
    expect(isValidDate('20230229')).toBe(false);
    expect(isValidDate('19000229')).toBe(false);
    expect(isValidDate('20000229')).toBe(true);
    expect(isValidDate('20231131')).toBe(false);
    expect(isValidDate('20231301')).toBe(false);
    expect(isValidDate('260131')).toBe(true);
    expect(isValidDate('2023-01-01')).toBe(false);
  });
  it('checks HHMM[SS[D..]]', () => {
    expect(isValidTime('2359')).toBe(true);
    expect(isValidTime('235959')).toBe(true);
    expect(isValidTime('2359591')).toBe(true);
    expect(isValidTime('2400')).toBe(false);
    expect(isValidTime('1260')).toBe(false);
    expect(isValidTime('12345')).toBe(false);
  });
  it('checks D8, RD8, DT and TM periods against their qualifier', () => {
    expect(checkDateTimePeriod('D8', '20260105')).toBeNull();
    expect(checkDateTimePeriod('D8', '2026010')?.code).toBe('INVALID_DATE');
    expect(checkDateTimePeriod('RD8', '20260101-20260131')).toBeNull();
    expect(checkDateTimePeriod('RD8', '20260131-20260101')?.code).toBe('INVALID_DATE');
    expect(checkDateTimePeriod('RD8', '20260101')?.code).toBe('INVALID_DATE');
    expect(checkDateTimePeriod('DT', '202601051230')).toBeNull();
    expect(checkDateTimePeriod('TM', '2561')?.code).toBe('INVALID_TIME');
    expect(checkDateTimePeriod('XX', 'anything')).toBeNull();
  });
});
