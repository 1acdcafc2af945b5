import { describe, expect, it } from 'vitest';
import { createDemoCatalog } from '../demo/demo-codes.ts';
import { CodeSuggester } from './code-suggester.ts';
import {
  type CodedNote,
  learnOfficeModel,
  type LearnProgress,
  learnOfficeModelSteps,
  officeModelFromJSON,
  officeModelToJSON,
  RANKER_MIN_NOTES,
} from './office-model.ts';
import { rankerScore } from './ranker.ts';

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

describe('office model: a learnt phrase carries meaning', () => {
  const catalog = createDemoCatalog();
  // Every visit is a follow-up; half of them are for the sugars (type 2 diabetes), half for a cough (in both halves
  // of the notes, so each half confirms the other).
  const visits: CodedNote[] = Array.from({ length: 16 }, (_, i) => ({
    text:
      i % 4 < 2 ? `Follow-up visit. Sugars ${120 + i} this week.` : `Follow-up visit. Cough for ${(i % 5) + 2} days.`,
    codes: i % 4 < 2 ? ['E11.9'] : ['R05.9'],
    on: '2026-02-01',
  }));
  const model = learnOfficeModel(visits, { catalog });
  const codes = (phrase: string) => (model.lexicon.entries.get(phrase) ?? []).map((e) => e.code);

  it('learns the words that foretell a code', () => {
    expect(codes('sugar')).toEqual(['E119']);
  });
  it('refuses a fragment of a hyphenated word, and words in every note whatever their codes', () => {
    for (const p of ['up', 'follow', 'follow up', 'visit', 'follow up visit']) expect(codes(p), p).toEqual([]);
    const r = new CodeSuggester(catalog, { office: model }).suggest('Follow-up. Sugars are up.', { on: '2026-03-01' });
    const e119 = r.suggestions.find((s) => s.code === 'E11.9');
    expect(e119?.spans.map((x) => x.text)).toEqual(['Sugars']);
  });
});

describe("office model: the office's ranker", () => {
  const catalog = createDemoCatalog();
  // An office whose coders code the cough and the sugars, and a fever only when it is high.
  const many: CodedNote[] = Array.from({ length: RANKER_MIN_NOTES + 20 }, (_, i) => {
    const high = i % 3 === 0;
    return {
      text: `Cough for ${(i % 7) + 1} days. ${high ? 'High fever' : 'Fever'} since yesterday. Sugars ${100 + i}.`,
      codes: ['R05.9', 'E11.9', ...(high ? ['R50.9'] : [])],
      on: '2026-02-01',
    };
  });
  const model = learnOfficeModel(many, { catalog });
  const note = 'Cough for 3 days. Fever since yesterday. Sugars 130.';

  it(`is learnt from ${RANKER_MIN_NOTES} coded notes on, not from fewer`, () => {
    expect(model.ranker?.trees.length).toBeGreaterThan(0);
    expect(learnOfficeModel(many.slice(0, RANKER_MIN_NOTES - 1), { catalog }).ranker).toBeUndefined();
  });
  it("gives each suggestion the ranker's confidence for its features", () => {
    const rows = new CodeSuggester(catalog, { office: model, rankRows: true }).suggest(note, { on: '2026-03-01' });
    const ranked = new CodeSuggester(catalog, { office: model }).suggest(note, { on: '2026-03-01' });
    const withoutRanker = new CodeSuggester(catalog, { office: { ...model, ranker: undefined } }).suggest(note, {
      on: '2026-03-01',
    });
    expect(ranked.suggestions.map((s) => s.code)).toEqual(expect.arrayContaining(['R05.9', 'E11.9', 'R50.9']));
    for (const s of ranked.suggestions) {
      const i = rows.suggestions.findIndex((r) => r.code === s.code);
      const p = 1 / (1 + Math.exp(-rankerScore(model.ranker!, rows.features![i])));
      expect(s.confidence).toBeCloseTo(p, 3);
    }
    expect(ranked.suggestions.map((s) => s.confidence)).not.toEqual(withoutRanker.suggestions.map((s) => s.confidence));
    // The office codes the cough always, a fever when it is high.
    const conf = (r: typeof ranked, code: string) => r.suggestions.find((s) => s.code === code)!.confidence;
    const high = new CodeSuggester(catalog, { office: model }).suggest(note.replace('Fever', 'High fever'), {
      on: '2026-03-01',
    });
    expect(conf(ranked, 'R05.9')).toBeGreaterThan(conf(ranked, 'R50.9') + 0.3);
    expect(conf(high, 'R50.9')).toBeGreaterThan(conf(ranked, 'R50.9') + 0.3);
  });
  it('reports its progress while it learns the ranker too: notes calibrated, phrases, then notes read twice more', () => {
    const seen: LearnProgress[] = [];
    const steps = learnOfficeModelSteps(many, { catalog });
    let r = steps.next();
    for (; !r.done; r = steps.next()) seen.push(r.value);
    expect([...new Set(seen.map((p) => p.phase))]).toEqual(['calibrating', 'phrases', 'measuring', 'ranking']);
    expect(seen.filter((p) => p.phase === 'phrases').at(-1)).toEqual({
      phase: 'phrases',
      done: many.length,
      total: many.length,
    });
    const passes = seen.filter((p) => p.phase === 'calibrating' || p.phase === 'ranking').map((p) => p.done);
    expect(passes.every((v, i) => i === 0 || v >= passes[i - 1])).toBe(true);
    expect(passes.at(-1)).toBe(3 * many.length);
    expect(seen.at(-1)?.total).toBe(3 * many.length);
    // Three reads of each note and one step per tree: a server gets to run other work that often.
    expect(passes.length).toBeGreaterThan(3 * many.length);
    expect(r.value).toEqual(model);
  });
  it('survives JSON and back; a ranker whose trees do not end is refused', () => {
    const json = officeModelToJSON(model);
    expect(officeModelFromJSON(JSON.parse(JSON.stringify(json)))).toEqual(model);
    const t = json.ranker!.trees[0];
    const looping = { ...t, feature: [0, ...t.feature.slice(1)], left: [0, ...t.left.slice(1)] };
    const bad = { ...json, ranker: { ...json.ranker!, trees: [looping] } };
    expect(() => officeModelFromJSON(bad)).toThrow(/ranker/);
  });
});

describe('office model: a phrase another code of its note explains is not learnt for it (issue 13)', () => {
  const catalog = createDemoCatalog();
  // Templated notes like the demo's, most coded with two codes of which the suggester reads one ("chest pain" as
  // R07.9, "cough" as R05.9, "low back pain" as M54.50).
  const templates: CodedNote[] = [
    { text: 'Intermittent chest pain, ECG normal sinus rhythm. Hypertension controlled.', codes: ['R07.9', 'I10'] },
    { text: 'Three days of cough and congestion, no fever. Lungs clear. Supportive care.', codes: ['J06.9', 'R05.9'] },
    { text: 'Low back pain after lifting, no red flags. Therapeutic exercise 3 units.', codes: ['M54.50'] },
    { text: 'Follow-up of type 2 diabetes and hypertension. A1c drawn. BP 138/84.', codes: ['E11.9', 'I10'] },
    { text: 'Annual wellness visit, subsequent. Depression screening negative.', codes: ['Z00.00'] },
    { text: 'Migraine flare, ketorolac IM given.', codes: ['G43.909'] },
    { text: 'Chest tightness on exertion, ECG unremarkable.', codes: ['R07.9'] },
  ];
  const notes = Array.from({ length: 16 * templates.length }, (_, i) => ({
    ...templates[i % templates.length],
    on: '2026-02-01',
  }));
  const note =
    'Follow-up visit. Type 2 diabetes, sugars running high. Hypertension controlled. Denies chest pain. Reports cough for 3 days.';
  const spans = (r: { suggestions: Array<{ code: string; spans: Array<{ text: string }> }> }) =>
    r.suggestions.map((s) => `${s.code} ${s.spans.map((x) => x.text).join('|')}`);

  for (const ranker of [false, true]) {
    it(`offers no code on words another code explained, nor on a number${ranker ? ' (with its ranker)' : ''}`, () => {
      const model = learnOfficeModel(notes, { catalog, ranker });
      expect(model.lexicon.entries.get('hypertension controlled')?.map((e) => e.code)).not.toContain('R079');
      expect(model.lexicon.entries.get('cough')?.map((e) => e.code)).toEqual(['R059']);
      expect(model.lexicon.entries.has('3')).toBe(false);
      // The explained code still learns its own words.
      expect(model.lexicon.entries.get('hypertension')?.map((e) => e.code)).toContain('I10');
      const got = spans(new CodeSuggester(catalog, { office: model }).suggest(note, { on: '2026-03-01' }));
      expect(got).toContain('I10 Hypertension');
      expect(got.filter((s) => s.startsWith('R07.9'))).toEqual([]);
      expect(got.filter((s) => s.endsWith(' 3') || (s.endsWith(' cough') && !s.startsWith('R05.9')))).toEqual([]);
    });
  }
  it('offers no code the note denies by an office phrase elsewhere in it', () => {
    const model = learnOfficeModel(notes, { catalog });
    // "ECG" is this office's word for chest pain (its chest tightness notes), but this note denies chest pain.
    expect(model.lexicon.entries.get('ecg')?.map((e) => e.code)).toContain('R079');
    const s = new CodeSuggester(catalog, { office: model });
    const denied = s.suggest('ECG unremarkable. Denies chest pain.', { on: '2026-03-01' });
    expect(denied.suggestions.map((x) => x.code)).not.toContain('R07.9');
    expect(denied.notCoded.map((x) => `${x.code} ${x.why}`)).toContain('R07.9 negated');
    const stated = s.suggest('ECG unremarkable.', { on: '2026-03-01' });
    expect(stated.suggestions.map((x) => x.code)).toContain('R07.9');
  });
});
