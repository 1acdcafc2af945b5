/** The CARC root-cause map, checked against x12.org's published list (../shared/data/codes/carc.csv). */
import { describe, expect, it } from 'vitest';
import { testData } from '../../../../test-data.ts';
import { carcCategory, MAPPED_CARCS } from './carc-map.ts';

const carcCsv = testData('codes/carc.csv');
const published = carcCsv.present
  ? new Map(
      carcCsv
        .text()
        .split('\n')
        .slice(1)
        .filter(Boolean)
        .map((l) => {
          const [code, status] = l.split(',');
          return [code, status] as const;
        }),
    )
  : null;

describe('CARC map', () => {
  it.skipIf(!published)(
    carcCsv.title('names only published reasons; deactivated ones only as the ones still seen in old files'),
    () => {
      const missing = MAPPED_CARCS.filter((c) => !published!.has(c));
      expect(missing).toEqual([]);
      const deactivated = MAPPED_CARCS.filter((c) => published!.get(c) === 'deactivated').sort();
      // REMITTANCE.md: 15 and 62 are deactivated but still arrive; 42 (fee schedule) the same
      expect(deactivated).toEqual(['15', '42', '62']);
    },
  );

  it('sorts reasons into what posting does with them', () => {
    expect(carcCategory('45')).toEqual({ category: 'contractual' });
    expect(carcCategory('2')).toEqual({ category: 'patient' });
    expect(carcCategory('23')).toEqual({ category: 'prior_payer' });
    expect(carcCategory('197')).toEqual({ category: 'denial', cause: 'authorization' });
    expect(carcCategory('b15')).toEqual({ category: 'denial', cause: 'bundling' });
    expect(carcCategory('999')).toEqual({ category: 'denial', cause: 'other' });
  });
});
