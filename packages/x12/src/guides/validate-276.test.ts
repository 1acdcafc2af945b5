import { describe, expect, it } from 'vitest';
import { formatIssue } from '../syntax/issues.ts';
import type { Segment } from '../syntax/types.ts';
import { build276 } from '../transactions/276-277/build-claim-status.ts';
import { statusRequest } from '../transactions/276-277/status-fixtures.test-util.ts';
import { transactionText } from '../transactions/common/samples.test-util.ts';
import { validateFile } from './validate.ts';

/** The 276 guide flags what a payer would reject: a charge that is not a number, a subscriber without member id. */
function errorsOf(segs: Segment[]): string[] {
  const result = validateFile(transactionText(segs, 'HR'));
  expect(result.transactions.map((t) => t.guide)).toEqual(['276']);
  return result.issues.filter((i) => i.severity === 'error').map(formatIssue);
}

function edited(edit: (s: Segment) => Segment): Segment[] {
  return build276(statusRequest()).map(edit);
}

describe('276 guide', () => {
  it('accepts the built request', () => {
    expect(errorsOf(build276(statusRequest()))).toEqual([]);
  });

  it('flags a non-numeric AMT02', () => {
    const errors = errorsOf(edited((s) => (s.id === 'AMT' ? { ...s, elements: ['T3', '2X0'] } : s)));
    expect(errors.some((e) => e.includes('AMT') && e.includes('BAD_NUMERIC'))).toBe(true);
  });

  it('flags a subscriber name without member id (NM108/NM109)', () => {
    const noId = (s: Segment) =>
      s.id === 'NM1' && s.elements[0] === 'IL' ? { ...s, elements: s.elements.slice(0, 7) } : s;
    const errors = errorsOf(edited(noId));
    expect(errors.filter((e) => e.includes('NM1')).length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(/NM1.*(08|09|Identification Code)/);
  });
});
