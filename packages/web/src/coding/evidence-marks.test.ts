import { describe, expect, it } from 'vitest';
import { type EvidenceMark, noteRuns } from './evidence-marks.ts';

const mark = (start: number, end: number, key: string): EvidenceMark => ({
  start,
  end,
  key,
  kind: 'suggested',
  label: key,
});

describe('noteRuns', () => {
  it('cuts the note at every span edge and keeps the text whole', () => {
    const note = 'T2DM with CKD 3a. Denies chest pain.';
    const runs = noteRuns(note, [mark(0, 4, 'E11.22'), mark(10, 16, 'N18.31'), mark(0, 16, 'E11.22')]);
    expect(runs.map((r) => r.text).join('')).toBe(note);
    expect(runs.map((r) => [r.text, r.marks.map((m) => m.key)])).toEqual([
      ['T2DM', ['E11.22', 'E11.22']],
      [' with ', ['E11.22']],
      ['CKD 3a', ['N18.31', 'E11.22']],
      ['. Denies chest pain.', []],
    ]);
  });

  it('ignores spans outside the note or empty', () => {
    expect(noteRuns('cough', [mark(3, 3, 'x'), mark(2, 40, 'y'), mark(-1, 2, 'z')])).toEqual([
      { text: 'cough', start: 0, marks: [] },
    ]);
  });

  it('an empty note has no runs', () => {
    expect(noteRuns('', [])).toEqual([]);
  });
});
