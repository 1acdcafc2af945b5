import { describe, expect, it } from 'vitest';
import {
  formatCents,
  icdWithDot,
  icdWithoutDot,
  parseDollars,
  percent,
  x12Segments,
} from '../components/billing-format.ts';
import {
  addDiagnosis,
  blankLine,
  codingBody,
  moveDiagnosis,
  removeDiagnosis,
  togglePointer,
  type Coding,
} from '../coding/coding-model.ts';
import { explainRejection } from './rejection-text.ts';
import { whereToFix } from './where-to-fix.ts';

describe('money, codes and X12 for display', () => {
  it('formats integer cents as dollars and back', () => {
    expect(formatCents(123456)).toBe('$1,234.56');
    expect(formatCents(5)).toBe('$0.05');
    expect(formatCents(-2500)).toBe('−$25.00');
    expect(formatCents(null)).toBe('');
    expect(parseDollars('$1,234.5')).toBe(123450);
    expect(parseDollars('abc')).toBeNull();
    expect(percent(0.9567)).toBe('95.7%');
    expect(percent(null)).toBe('—');
  });

  it('adds and drops the ICD-10-CM dot', () => {
    expect(icdWithDot('E119')).toBe('E11.9');
    expect(icdWithDot('I10')).toBe('I10');
    expect(icdWithoutDot('s72.001a')).toBe('S72001A');
  });

  it('splits an interchange one segment a line, whatever the terminator', () => {
    const isa =
      'ISA*00*          *00*          *ZZ*SUB1           *ZZ*RCV1           *261123*1900*^*00501*000000001*0*T*:';
    expect(isa.length).toBe(105);
    expect(x12Segments(`${isa}~GS*HC~ST*837~`)).toEqual([`${isa}~`, 'GS*HC~', 'ST*837~']);
    expect(x12Segments(`${isa}~\nGS*HC~\n`)).toEqual([`${isa}~`, 'GS*HC~']);
    expect(x12Segments(`${isa}!GS*HC!`)).toEqual([`${isa}!`, 'GS*HC!']);
  });
});

describe('the coder working copy', () => {
  const base: Coding = {
    diagnoses: ['E119', 'I10', 'Z7984'],
    lines: [
      { ...blankLine([1, 3]), procedureCode: '99214' },
      { ...blankLine([2]), procedureCode: '93000' },
    ],
  };

  it('keeps pointers on the same codes when diagnoses move or go', () => {
    const moved = moveDiagnosis(base, 2, 0);
    expect(moved.diagnoses).toEqual(['Z7984', 'E119', 'I10']);
    expect(moved.lines.map((l) => l.diagnosisPointers)).toEqual([[2, 1], [3]]);
    const removed = removeDiagnosis(base, 0);
    expect(removed.diagnoses).toEqual(['I10', 'Z7984']);
    expect(removed.lines.map((l) => l.diagnosisPointers)).toEqual([[2], [1]]);
  });

  it('adds a diagnosis once, without the dot, and toggles at most four pointers', () => {
    expect(addDiagnosis(base, 'E11.9')).toBe(base);
    expect(addDiagnosis(base, 'j45.909').diagnoses).toEqual(['E119', 'I10', 'Z7984', 'J45909']);
    const l = togglePointer(togglePointer({ ...blankLine([1, 2, 3]) }, 4), 5);
    expect(l.diagnosisPointers).toEqual([1, 2, 3, 4]);
    expect(togglePointer(l, 2).diagnosisPointers).toEqual([1, 3, 4]);
  });

  it('builds the PUT body, leaving out empty lines and unchanged charges', () => {
    const body = codingBody({ ...base, lines: [...base.lines, blankLine()] });
    expect(body.lines).toEqual([
      { procedureCode: '99214', modifiers: [], units: 1, diagnosisPointers: [1, 3] },
      { procedureCode: '93000', modifiers: [], units: 1, diagnosisPointers: [2] },
    ]);
  });
});

describe('charges typed by hand', () => {
  it('sends a typed charge with its reason, and flags one without a reason', async () => {
    const { localProblems } = await import('../coding/coding-model.ts');
    const typed = {
      ...blankLine([1]),
      procedureCode: '99213',
      chargeText: '$150.00',
      chargeEdited: true,
      chargeOverrideReason: '',
    };
    const c: Coding = { diagnoses: ['E119'], lines: [typed] };
    expect([...localProblems(c).values()]).toEqual([
      'Give a reason for a charge entered by hand (it replaces the fee schedule).',
    ]);
    const withReason = { ...c, lines: [{ ...typed, chargeOverrideReason: ' no fee on file ' }] };
    expect(localProblems(withReason).size).toBe(0);
    expect(codingBody(withReason).lines[0]).toMatchObject({
      chargeCents: 15000,
      chargeOverrideReason: 'no fee on file',
    });
    // a charge loaded from the fee schedule and left alone is not sent back
    expect(
      codingBody({ ...c, lines: [{ ...typed, chargeEdited: false, chargeOverrideReason: null }] }).lines[0],
    ).not.toHaveProperty('chargeCents');
  });
});

describe('where to fix a scrubber edit', () => {
  const ids = { patientId: 7, encounterId: 11, practiceId: 2 };
  it('sends patient and coverage fields to the patient, coding fields to the encounter', () => {
    expect(whereToFix('coverage.memberId', ids)).toEqual({ to: '/patients/7', label: 'Patient coverage' });
    expect(whereToFix('lines[1].procedureCode', ids)).toEqual({
      to: '/encounters/11',
      label: 'Encounter service line 2',
    });
    expect(whereToFix('diagnoses[0]', ids)?.to).toBe('/encounters/11');
    expect(whereToFix('practice.npi', ids)?.to).toBe('/practices/2');
    expect(whereToFix('something.else', ids)).toBeNull();
  });
});

describe('rejection reasons in plain words', () => {
  it('names the 277CA category, status and entity, and leaves unknown text alone', () => {
    expect(explainRejection('A7:562:85')).toEqual([
      'Claim rejected for invalid information: entity’s National Provider Identifier (NPI) (billing provider).',
    ]);
    expect(explainRejection('A8:562:DN, A7:400')).toHaveLength(2);
    expect(explainRejection('something else')).toEqual(['something else']);
    expect(explainRejection(null)).toEqual([]);
  });
});
