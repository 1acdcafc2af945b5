import { describe, expect, it } from 'vitest';
import { conceptWords } from './concept-words.ts';
import { segmentNote } from './note-text.ts';

describe('note segmentation', () => {
  const text =
    'CC: cough.\n\nHPI: 55M with SOB. Denies fever; no chills.\nFamily history: mother with diabetes.\n\nAssessment:\n1. COPD - start tiotropium.';
  const note = segmentNote(text);

  it('keeps every token at its offsets in the note as written', () => {
    for (const t of note.tokens)
      expect(
        text
          .slice(t.start, t.end)
          .toLowerCase()
          .replace(/['’]s$/, ''),
      ).toBe(t.word);
  });
  it('splits sentences at periods and lines, not at decimals or "Dr."', () => {
    const s = segmentNote('A1c 7.9% today. Seen by Dr. Smith for HTN.');
    expect(s.sentences).toHaveLength(2);
    expect(s.tokens.find((t) => t.word === '7.9')).toBeDefined();
  });
  it('reads section headings and ends an inline section at a blank line', () => {
    const section = (w: string) => note.tokens.find((t) => t.word === w)?.section;
    expect(section('cough')).toBe('cc');
    expect(section('sob')).toBe('hpi');
    expect(section('mother')).toBe('fh');
    expect(section('copd')).toBe('assessment');
  });
  it('records clause punctuation before a token', () => {
    expect(note.tokens.find((t) => t.word === 'no')?.before).toBe(';');
    expect(note.tokens.find((t) => t.word === 'start')?.before).toBe('-');
  });
  it('reads abbreviations as the words they stand for, pointing back at the abbreviation', () => {
    const words = conceptWords(segmentNote('Hx of CHF and T2DM, QRS 90 ms, AF.'));
    const norms = words.filter((w) => !w.stop).map((w) => w.norm);
    expect(norms).toEqual(expect.arrayContaining(['congestive', 'heart', 'failure', 'type', '2', 'diabetes']));
    expect(norms).toContain('atrial'); // "AF" in capitals
    expect(norms).not.toContain('sclerosis'); // "ms" in lower case is a unit, not multiple sclerosis
    const chf = words.filter((w) => w.norm === 'failure');
    expect(chf[0].tok).toBe(chf[0].last);
  });
});
