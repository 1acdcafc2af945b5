import { describe, expect, it } from 'vitest';
import { cms1500Fields } from './cms1500-fields.ts';
import { cms1500FitIssues, ub04FitIssues } from './fit-issues.ts';
import { printable } from './print-format.ts';
import { institutionalFile, professionalFile } from './print-fixtures.test-util.ts';
import { ub04Fields } from './ub04-fields.ts';

describe('fit issues', () => {
  it('finds nothing to cut on the fixtures', () => {
    expect(cms1500FitIssues(cms1500Fields(professionalFile(), 'RFP-1001'))).toEqual([]);
    expect(ub04FitIssues(ub04Fields(institutionalFile(), 'HOSP-77'))).toEqual([]);
  });

  it('reports a patient name longer than box 2 and an accent-free capital spelling', () => {
    const f = professionalFile();
    f.billingProviders[0]!.subscribers[0]!.subscriber.name = {
      entityType: '1',
      lastName: 'Núñez-Castellanos de la Vega',
      firstName: 'José',
      idQualifier: 'MI',
      id: 'W1',
    };
    const form = cms1500Fields(f, 'RFP-1001');
    expect(form.pages[0]!.boxes['2']).toBe('NUNEZ-CASTELLANOS DE LA VEGA, JOSE');
    expect(cms1500FitIssues(form)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'value_truncated', location: { page: 1, box: '2', line: undefined } }),
      ]),
    );
  });

  it('keeps printable ASCII only', () => {
    expect(printable('  Zoë  Ørsted\u2019s ')).toBe('ZOE ?RSTED?S');
  });
});
