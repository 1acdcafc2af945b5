import { describe, expect, it } from 'vitest';
import { createDemoCatalog } from '../demo/demo-codes.ts';
import { CodeSuggester } from './code-suggester.ts';
import { type CodedNote, learnOfficeModel, officeModelFromJSON, officeModelToJSON } from './office-model.ts';

/** An office whose coders code "sugars" as type 2 diabetes: words no Index line or title reads that way. */
const notes: CodedNote[] = [
  {
    text: 'Sugars running high this month. Low back pain after lifting.',
    codes: ['E11.9', 'M54.50'],
    on: '2026-02-01',
  },
  { text: 'Follow-up for sugars. Feels well.', codes: ['E11.9'], on: '2026-02-02' },
  { text: 'Sugars improved on metformin. Cough for a week.', codes: ['E11.9', 'R05.9'], on: '2026-02-03' },
  { text: 'Her sugars are stable. Knee sprain.', codes: ['E11.9'], on: '2026-02-04' },
  { text: 'Sugars uncontrolled, diet discussed.', codes: ['E11.9'], on: '2026-02-05' },
  { text: 'Morning sugars near 200. Low back pain again.', codes: ['E11.9', 'M54.50'], on: '2026-02-06' },
  { text: 'Cough and fever since Monday.', codes: ['R05.9', 'R50.9'], on: '2026-02-07' },
  { text: 'Low back pain, no radiation.', codes: ['M54.50'], on: '2026-02-08' },
];

describe('office model: what an office learns from its own coded notes', () => {
  const catalog = createDemoCatalog();
  const model = learnOfficeModel(notes, { catalog });
  const newNote = 'Seen today. Patient reports her sugars are up again.';

  it('proposes the code the office always gives a phrase, on that phrase, saying so in words', () => {
    const plain = new CodeSuggester(catalog).suggest(newNote, { on: '2026-03-01' });
    expect(plain.suggestions.map((s) => s.code)).not.toContain('E11.9');
    const adapted = new CodeSuggester(catalog, { office: model }).suggest(newNote, { on: '2026-03-01' });
    const s = adapted.suggestions.find((x) => x.code === 'E11.9');
    expect(s).toBeDefined();
    expect(s!.spans.map((x) => newNote.slice(x.start, x.end))).toEqual(['sugars']);
    expect(s!.spans.map((x) => x.text)).toEqual(['sugars']);
    expect(s!.reason.checks).toContain('this office coded "sugar" as E11.9 in 6 of 6 notes');
  });
  it('counts the office codes and what its coders kept of the suggestions', () => {
    expect(model.notes).toBe(8);
    expect(model.prior.get('E119')).toBe(6);
    expect(model.prior.get('M5450')).toBe(3);
    const back = model.calibration.get('M5450');
    expect(back?.suggested).toBeGreaterThan(0);
    expect(back?.right).toBe(back?.suggested);
  });
  it('is not fooled by a negated phrase', () => {
    const r = new CodeSuggester(catalog, { office: model }).suggest('Denies sugars problems.', { on: '2026-03-01' });
    expect(r.suggestions.map((s) => s.code)).not.toContain('E11.9');
  });
  it('survives JSON and back, suggesting the same', () => {
    const json = JSON.stringify(officeModelToJSON(model));
    const back = officeModelFromJSON(JSON.parse(json));
    expect(back).toEqual(model);
    const a = new CodeSuggester(catalog, { office: model }).suggest(newNote, { on: '2026-03-01' });
    const b = new CodeSuggester(catalog, { office: back }).suggest(newNote, { on: '2026-03-01' });
    expect(b).toEqual(a);
    expect(() => officeModelFromJSON({ version: 2 })).toThrow(/office model/);
  });
  it('is deterministic', () => {
    expect(JSON.stringify(officeModelToJSON(learnOfficeModel(notes, { catalog })))).toBe(
      JSON.stringify(officeModelToJSON(model)),
    );
  });
});
