import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spanBits, tokenTraits, traitsOf } from './context.ts';
import { segmentNote } from './note-text.ts';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/traits.tsv');

function traitsFor(sentence: string, target: string): string {
  const note = segmentNote(sentence);
  const at = sentence.toLowerCase().indexOf(target.toLowerCase());
  if (at < 0) throw new Error(`"${target}" is not in "${sentence}"`);
  const t = traitsOf(spanBits(note, tokenTraits(note), at, at + target.length));
  return (
    Object.entries(t)
      .filter(([, v]) => v)
      .map(([k]) => k)
      .sort()
      .join(',') || 'none'
  );
}

describe('traits of a finding (ConText-style scopes)', () => {
  it('negation is scoped to its phrase: "denies chest pain, reports cough" negates the chest pain only', () => {
    expect(traitsFor('Denies chest pain, reports cough.', 'chest pain')).toBe('negated');
    expect(traitsFor('Denies chest pain, reports cough.', 'cough')).toBe('none');
    expect(traitsFor('He denies nausea but has had vomiting.', 'vomiting')).toBe('none');
    expect(traitsFor('No fever, chills or night sweats.', 'night sweats')).toBe('negated');
    expect(traitsFor('PE was ruled out by CT.', 'PE')).toBe('negated');
  });
  it('history and family history, family outranking history', () => {
    expect(traitsFor('History of breast cancer, s/p lumpectomy.', 'breast cancer')).toBe('history');
    expect(traitsFor('Mother has type 2 diabetes.', 'diabetes')).toBe('family');
    expect(traitsFor('Father with history of alcohol dependence.', 'alcohol dependence')).toBe('family');
    expect(traitsFor('Mother denies that the child has ear pain.', 'ear pain')).toBe('negated');
    expect(traitsFor('Has had gout flares in the past, currently an acute flare.', 'gout')).toBe('none');
    // The patient's own history after a family history ends the family scope.
    const both = 'No family history of interest, personal history of varicella and pneumonia.';
    expect(traitsFor(both, 'varicella')).toBe('history');
    expect(traitsFor(both, 'pneumonia')).toBe('history');
  });
  it('uncertainty and hypothetical findings', () => {
    expect(traitsFor('Chest pain, possible angina.', 'angina')).toBe('uncertain');
    expect(traitsFor('Chest pain, possible angina.', 'chest pain')).toBe('none');
    expect(traitsFor('Sarcoidosis versus lymphoma.', 'sarcoidosis')).toBe('uncertain');
    expect(traitsFor('Return if fever develops.', 'fever')).toBe('hypothetical');
    expect(traitsFor('Discussed risk of stroke with atrial fibrillation.', 'atrial fibrillation')).toBe('none');
  });
  it('a family-history section makes its findings the family’s, until a blank line', () => {
    const note = 'Family history: mother with ovarian cancer.\n\nDEXA: osteopenia.';
    expect(traitsFor(note, 'ovarian cancer')).toBe('family');
    expect(traitsFor(note, 'osteopenia')).toBe('none');
  });
  it('gets the traits right on at least 90% of the 100-sentence fixture set', () => {
    const rows = readFileSync(FIXTURE, 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'));
    expect(rows.length).toBeGreaterThanOrEqual(100);
    const wrong: string[] = [];
    for (const row of rows) {
      const [sentence, target, want] = row.split('\t');
      const got = traitsFor(sentence, target);
      if (got !== want.split(',').sort().join(',')) wrong.push(`${sentence} [${target}] want ${want} got ${got}`);
    }
    const right = rows.length - wrong.length;
    console.log(`traits fixture: ${right}/${rows.length} right (${((100 * right) / rows.length).toFixed(1)}%)`);
    expect(right / rows.length, wrong.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});
