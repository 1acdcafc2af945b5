import { describe, expect, it } from 'vitest';
import { learnCorpusLexicon, notePhrases, spotLexicon } from './corpus-lexicon.ts';
import { segmentNote } from './note-text.ts';

describe('corpus lexicon', () => {
  // Even notes learn, odd notes check: "hematoma" goes with T14.8XXA in both halves, "knee" only by chance in one.
  const notes = [
    { text: 'A large hematoma of the thigh.', codes: ['T148XXA', 'R52'] },
    { text: 'Hematoma after the fall.', codes: ['T148XXA'] },
    { text: 'Hematoma on the scalp. Knee pain.', codes: ['T148XXA', 'R52'] },
    { text: 'A hematoma was drained.', codes: ['T148XXA'] },
    { text: 'Knee swelling.', codes: ['M2546'] },
    { text: 'Knee pain at night.', codes: ['R52'] },
  ];
  const lexicon = learnCorpusLexicon(notes);

  it('keeps a phrase and code only where the other half of the notes confirms it', () => {
    expect(lexicon.entries.get('hematoma')?.map((e) => e.code)).toEqual(['T148XXA']);
    expect(lexicon.entries.get('knee')?.map((e) => e.code) ?? []).not.toContain('M2546');
  });
  it('finds phrases within a sentence, stop words not at their ends, plurals folded', () => {
    const p = notePhrases(segmentNote('Two hematomas of the leg. Fever.'));
    expect(p.has('hematoma')).toBe(true);
    expect(p.has('hematoma of the leg')).toBe(false);
    expect(p.has('leg fever')).toBe(false);
  });
  it('offers each code on the words of its phrase, as written', () => {
    const text = 'Exam: a small Hematomas on the arm.';
    const note = segmentNote(text);
    const hit = spotLexicon(note, lexicon).find((h) => h.code === 'T148XXA');
    expect(hit).toBeDefined();
    const words = hit!.tokens.map((t) => text.slice(note.tokens[t].start, note.tokens[t].end));
    expect(words).toEqual(['Hematomas']);
  });
  it('is deterministic', () => {
    expect(JSON.stringify([...learnCorpusLexicon(notes).entries])).toBe(JSON.stringify([...lexicon.entries]));
  });
});
