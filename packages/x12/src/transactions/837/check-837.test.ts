import { describe, expect, it } from 'vitest';
import { build837 } from './build-837.ts';
import { check837, checkBeforeBuild837, isValidNpi } from './check-837.ts';
import { read837 } from './read-837.ts';
import { officeVisit, professionalFile } from './claim-fixtures.test-util.ts';
import { parseText, transactionText } from '../common/samples.test-util.ts';

/** Text of the fixture file with one segment edited, read back. */
function readEdited(edit: (text: string) => string) {
  const parsed = parseText(edit(transactionText(build837(professionalFile()), 'HC')));
  return read837(parsed.transactions[0]!.segments, { delimiters: parsed.delimiters });
}

describe('837 checks on failing files', () => {
  it('reports CLM02 different from the sum of SV102, naming the claim and the line', () => {
    const { issues } = readEdited((t) => t.replace('CLM*RFP-1003*250*', 'CLM*RFP-1003*260*'));
    const bad = issues.filter((i) => i.code === 'CLAIM_TOTAL_MISMATCH');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.message).toContain('claim RFP-1003');
    expect(bad[0]!.message).toContain('26000');
    expect(bad[0]!.location).toMatchObject({ segmentId: 'CLM', element: 2, loop: '2300' });
    expect(bad[0]!.location.line).toBeGreaterThan(1);
    expect(bad[0]).toMatchObject({ layer: 'guide', severity: 'error' });
  });

  it('reports an NPI whose check digit is wrong (Luhn with 80840 prefix)', () => {
    expect(isValidNpi('1234567893')).toBe(true);
    expect(isValidNpi('1234567890')).toBe(false);
    expect(isValidNpi('123456789')).toBe(false);
    const { issues } = readEdited((t) =>
      t.replaceAll('NM1*82*1*NGUYEN*ANNA****XX*1999996667', 'NM1*82*1*NGUYEN*ANNA****XX*1999996666'),
    );
    const bad = issues.filter((i) => i.code === 'NPI_CHECK_DIGIT');
    expect(bad).toHaveLength(3); // the rendering provider appears on three claims of the fixture
    expect(bad.map((i) => i.message.match(/claim (\S+),/)?.[1])).toEqual(['RFP-1001', 'RFP-1003', 'RFP-1002']);
  });

  it('reports a broken HL parent link and a wrong child code, and still reads the claims', () => {
    const { value, issues } = readEdited((t) => t.replace('HL*3*2*23*0', 'HL*3*9*23*0'));
    expect(issues.map((i) => i.code)).toEqual(['HL_PARENT_INVALID']);
    expect(issues[0]!.message).toContain('names parent 9');
    expect(value.billingProviders[0]!.subscribers[0]!.patients).toHaveLength(1);
    const child = readEdited((t) => t.replace('HL*2*1*22*1', 'HL*2*1*22*0'));
    expect(child.issues.map((i) => i.code)).toEqual(['HL_CHILD_CODE_MISMATCH']);
    const level = readEdited((t) => t.replace('HL*3*2*23*0', 'HL*3*1*23*0'));
    expect(level.issues.map((i) => i.code)).toEqual(['HL_PARENT_INVALID']);
    expect(level.issues[0]!.message).toContain('expected level 22');
  });

  it('reports missing required loops and segments', () => {
    const { issues } = readEdited((t) =>
      t.replace(/NM1\*40\*[^~]*~\n/, '').replace(/NM1\*PR\*2\*SUPPLEMENT[^~]*~\n/, ''),
    );
    expect(issues.map((i) => i.code)).toEqual(['REQUIRED_LOOP_MISSING', 'REQUIRED_LOOP_MISSING']);
    expect(issues.map((i) => i.message).join('\n')).toMatch(/1000B[\s\S]*2010BB/);
  });

  it('checks a file before it is built: pointers, totals, 50 lines and 12 diagnoses', () => {
    const file = professionalFile();
    const claim = officeVisit('BIG-1');
    claim.healthInfo = Array.from({ length: 12 }, (_, i) => ({
      qualifier: i ? 'ABF' : 'ABK',
      code: `Z${String(i).padStart(3, '0')}`,
    }));
    claim.lines = Array.from({ length: 50 }, (_, i) => ({
      procedure: { qualifier: 'HC', code: '99211', modifiers: ['25', '59', 'XS', 'GT'] },
      charge: 1001 + i,
      unit: 'UN',
      quantity: 1,
      diagnosisPointers: [12, 1, 2, 3],
    }));
    claim.totalCharge = claim.lines.reduce((t, l) => t + l.charge, 0);
    file.billingProviders[0]!.subscribers[0]!.claims = [claim];
    expect(check837(file)).toEqual([]);
    const segs = build837(file);
    const hi = segs.filter((s) => s.id === 'HI' && s.elements[0] === 'ABK:Z000');
    expect(hi.map((s) => s.elements.length)).toEqual([12]);
    expect(read837(segs).value).toEqual(file);
    claim.lines[0]!.diagnosisPointers = [13];
    claim.totalCharge += 1;
    expect(check837(file).map((i) => i.code)).toEqual(['CLAIM_TOTAL_MISMATCH', 'DIAGNOSIS_POINTER_INVALID']);
  });

  it('finds separators inside data before building', () => {
    const file = professionalFile();
    expect(checkBeforeBuild837(file)).toEqual([]);
    file.billingProviders[0]!.subscribers[0]!.subscriber.name.lastName = 'O*BRIEN';
    file.billingProviders[0]!.subscribers[0]!.claims[0]!.notes = [{ code: 'ADD', text: 'RATIO 1:2' }];
    const found = checkBeforeBuild837(file);
    expect(found.map((i) => [i.code, i.message.split(' ')[0]])).toEqual([
      ['DATA_CONTAINS_SEPARATOR', 'billingProviders[0].subscribers[0].subscriber.name.lastName'],
      ['DATA_CONTAINS_SEPARATOR', 'billingProviders[0].subscribers[0].claims[0].notes[0].text'],
    ]);
  });

  it('asks for REF*F8 on replacement and void claims', () => {
    const file = professionalFile();
    const claim = file.billingProviders[0]!.subscribers[0]!.claims[0]!;
    claim.frequency = '7';
    expect(check837(file).map((i) => i.code)).toEqual(['ORIGINAL_REFERENCE_MISSING']);
    claim.originalReference = 'ICN-2026-0001';
    expect(check837(file)).toEqual([]);
  });
});
