/**
 * Code suggestions on the official ICD-10-CM files (FY2025/FY2026 order files, the FY2025 Index, the FY2017
 * Tabular): one test per clinical-language case of issue 13, evidence spans, determinism and the date of service.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CodeSuggester } from '../src/suggest/code-suggester.ts';
import { learnCorpusLexicon } from '../src/suggest/corpus-lexicon.ts';
import type { SuggestResult } from '../src/suggest/suggest-types.ts';
import { hasData, loadAll, dataTitle } from './shared-data.ts';

describe.skipIf(!hasData)(dataTitle('code suggestions from a note'), () => {
  let suggester: CodeSuggester;
  beforeAll(async () => {
    suggester = new CodeSuggester((await loadAll({})).catalog);
  });
  const suggest = (text: string, on = '2025-11-01'): SuggestResult => suggester.suggest(text, { on });
  const codes = (text: string, on?: string) => suggest(text, on).suggestions.map((s) => s.code);

  it('reads HCPCS items and given drugs from the official descriptions (HCPCS 2025 Q4)', () => {
    const r = suggest('Ceftriaxone 1 g IM given. Dispensed a folding wheeled walker. No cane needed.');
    const p = new Map(r.procedures.map((x) => [x.code, x]));
    expect(p.get('J0696')).toMatchObject({ codeSet: 'hcpcs', units: 4 });
    expect(p.get('E0143')?.spans.map((s) => s.text)).toEqual(['folding wheeled walker']);
    expect([...p.keys()].some((c) => c.startsWith('E010'))).toBe(false);
  });
  it('codes a lymphadenopathy at a named site as localized (R59.0), as the Index does for adenopathy', () => {
    const r = suggest('CT showed mediastinal lymphadenopathy.');
    const s = r.suggestions.find((x) => x.code === 'R59.0');
    expect(s?.reason.indexPath).toBe('Lymphadenopathy > mediastinal');
    expect(s?.spans.map((x) => x.text)).toEqual(['mediastinal lymphadenopathy']);
    expect(r.suggestions.map((x) => x.code)).not.toContain('R59.1');
  });
  it('walks a single-letter Index subterm "A" written right after its entry, not as the article "a"', () => {
    const r = suggest('Hypervitaminosis A from supplements. Known hemophilia A.');
    const path = (code: string) => r.suggestions.find((s) => s.code === code)?.reason.indexPath;
    expect(path('E67.0')).toBe('Hypervitaminosis > A');
    expect(path('D66')).toBe('Hemophilia > A');
    expect(r.suggestions.map((s) => s.code)).not.toContain('E67.8');
  });
  it('reads Index subterms without the words notes leave out ("lumbar region", "transaminase level")', () => {
    const every = (text: string) =>
      suggester.suggest(text, { on: '2025-11-01', rules: 'every-mention' }).suggestions.map((s) => s.code);
    expect(every('Lumbar pain for months.')).toContain('M54.50');
    expect(codes('Elevated transaminases.')).toContain('R74.01');
  });
  it('reads alcohol consumption as alcohol use, not as the Index\'s old "consumption" (tuberculosis)', () => {
    const r = codes('Smoking habit of 20 cigarettes a day and daily alcohol consumption.');
    expect(r).toEqual(expect.arrayContaining(['F10.90', 'F17.210']));
    expect(r.some((c) => c.startsWith('A15'))).toBe(false);
  });
  it('follows a Table of Neoplasms row that refers to another: lymph node metastases are C77.9', () => {
    const r = suggest('CT showed lymph node metastases.').suggestions.find((s) => s.code === 'C77.9');
    // The site words the row was found by are evidence too.
    expect(r?.spans.map((x) => x.text)).toEqual(['lymph node metastases']);
  });
  it('takes the Table of Neoplasms row with codes when a see-row has the same words ("gastric" -> stomach)', () => {
    const r = suggest('Gastric adenocarcinoma.').suggestions.find((s) => s.code === 'C16.9');
    expect(r?.spans.map((x) => x.text)).toEqual(['Gastric adenocarcinoma']);
    expect(codes('Adenocarcinoma of the stomach.')).toContain('C16.9');
  });
  it('reads British spellings the word lists do not hold, and adenomegaly as adenopathy', () => {
    const r = suggest('Leucocytosis, hypokalaemia and paraesthesia of the hands. Cervical adenomegaly.');
    expect(r.suggestions.map((s) => s.code)).toEqual(expect.arrayContaining(['D72.829', 'E87.6', 'R20.2', 'R59.0']));
    expect(r.suggestions.find((s) => s.code === 'E87.6')?.spans.map((x) => x.text)).toEqual(['hypokalaemia']);
  });
  it('reads anatomical adjectives as the site nouns the Index lists ("corneal ulcer": Ulcer > cornea)', () => {
    const r = suggest('Corneal ulcer and retinal detachment.').suggestions;
    expect(r.find((s) => s.code === 'H16.009')?.reason.indexPath).toMatch(/^Ulcer.* > cornea$/);
    expect(r.find((s) => s.code === 'H33.20')?.reason.indexPath).toBe('Detachment > retina');
  });
  it('keeps, under every-mention rules, a finding whose words belong to a richer one', () => {
    const text = 'A woman with a personal history of bronchial asthma treated with bronchodilators.';
    const every = suggester.suggest(text, { on: '2025-11-01', rules: 'every-mention' }).suggestions;
    expect(every.find((s) => s.code === 'J45.909')?.spans.map((x) => x.text)).toEqual(['asthma']);
    expect(codes(text)).not.toContain('J45.909');
  });
  it('ranks a main term read on its own word lower when the Index qualifier is not written ("Flap, liver")', () => {
    const every = (text: string) => suggester.suggest(text, { on: '2025-11-01', rules: 'every-mention' }).suggestions;
    const written = every('Liver flap.').find((s) => s.code === 'K71.3');
    const other = every('A flap was raised.').find((s) => s.code === 'K71.3');
    expect(other?.confidence).toBeLessThan(written?.confidence ?? 0);
  });
  it('ranks a neoplasm code for an unspecified site behind one for the site the note names', () => {
    const every = (text: string) => suggester.suggest(text, { on: '2025-11-01', rules: 'every-mention' }).suggestions;
    const noSite = every('Carcinoma.').find((s) => s.code === 'C80.1');
    const site = every('Bladder carcinoma.').find((s) => s.code === 'C67.9');
    expect(noSite?.confidence).toBeLessThan(site?.confidence ?? 0);
  });
  it('offers, under every-mention rules, the Index subterms written farther away in the sentence', () => {
    const text = 'Pain that began two days ago after a long walk home and is now located in the lower abdomen.';
    const every = suggester.suggest(text, { on: '2025-11-01', rules: 'every-mention' }).suggestions;
    const far = every.find((s) => s.code === 'R10.30');
    expect(far?.reason.indexPath).toBe('Pain > abdominal > lower');
    expect(far?.spans.map((x) => x.text)).toEqual(['Pain', 'lower abdomen']);
    expect(far?.confidence).toBeLessThan(every.find((s) => s.code === 'R52')?.confidence ?? 0);
    expect(codes(text)).not.toContain('R10.30');
  });
  it('does not read "anesthesia" or the month of May alone as findings', () => {
    const text = 'Surgery under general anesthesia in May.';
    const every = suggester.suggest(text, { on: '2025-11-01', rules: 'every-mention' }).suggestions;
    expect(every.map((s) => s.code)).toEqual([]);
  });
  it('keeps the condition beside its history code when every mention is coded', () => {
    const text = 'History of pulmonary embolism.';
    const every = suggester.suggest(text, { on: '2025-11-01', rules: 'every-mention' }).suggestions;
    expect(every.map((s) => s.code)).toContain('Z86.711');
    const own = every.find((s) => s.code.startsWith('I26.'));
    expect(own?.spans.map((x) => x.text)).toEqual(['pulmonary embolism']);
    expect(codes(text).some((c) => c.startsWith('I26.'))).toBe(false);
  });
  it('codes the word "disease" alone as R69 (Index "Illness") only when every mention is coded', () => {
    const every = suggester.suggest('The patient is alive and free of disease.', {
      on: '2025-11-01',
      rules: 'every-mention',
    });
    expect(every.suggestions.map((s) => s.code)).toContain('R69');
    expect(codes('The patient is alive and free of disease.')).not.toContain('R69');
  });
  it('offers the coded levels above a finding as bare mentions when every mention is coded', () => {
    const every = suggester
      .suggest('History of ischemic heart disease.', { on: '2025-11-01', rules: 'every-mention' })
      .suggestions.map((s) => s.code);
    expect(every).toEqual(expect.arrayContaining(['I25.9', 'I51.9']));
    expect(codes('Ischemic heart disease.')).not.toContain('I51.9');
  });
  it('offers the sibling a reference corpus chose where the Index gives another code of its category', async () => {
    const catalog = (await loadAll({})).catalog;
    const calibration = new Map([['R591', { suggested: 9, right: 1, instead: new Map([['R599', 6]]) }]]);
    const corpus = new CodeSuggester(catalog, { calibration });
    const r = corpus.suggest('Cervical lymphadenopathy was not found; no lymphadenopathy.', {
      on: '2025-11-01',
      rules: 'every-mention',
    });
    const r599 = r.suggestions.find((s) => s.code === 'R59.9');
    expect(r599?.confidence).toBe(0.6);
    expect(r599?.reason.checks.join(' ')).toMatch(
      /this office coded R59.9 in 6 of 9 notes where these words gave R59.1/,
    );
    expect(r599?.spans.map((x) => x.text).join(' ')).toMatch(/lymphadenopathy/);
    // Without a reference corpus, only the Index's code.
    expect(codes('Lymphadenopathy.')).toEqual(['R59.1']);
  });
  it('scopes negation to its phrase: "denies chest pain, reports cough" codes the cough only', () => {
    const r = suggest('Denies chest pain, reports cough for two weeks.');
    expect(r.suggestions.map((s) => s.code)).toContain('R05.9');
    expect(r.suggestions.map((s) => s.code)).not.toContain('R07.9');
    expect(r.notCoded).toContainEqual(expect.objectContaining({ code: 'R07.9', why: 'negated' }));
  });
  it('codes history of a cancer as Z85 and a relative’s condition as Z80-Z84, not the condition', () => {
    const r = codes(
      'History of breast cancer, completed treatment in 2018. Mother has type 2 diabetes. Father had colon cancer.',
    );
    expect(r).toEqual(expect.arrayContaining(['Z85.3', 'Z83.3', 'Z80.0']));
    expect(r.some((c) => c.startsWith('C50') || c.startsWith('E11') || c.startsWith('C18'))).toBe(false);
  });
  it('never gives a personal history a family history code (Z80-Z84), nor a relative’s condition Z85-Z87', () => {
    // "History, personal" refers to "History, family" in the Index, whose "asthma" is Z82.5.
    const text = 'A woman with a personal history of bronchial asthma treated with bronchodilators.';
    const every = (t: string) =>
      suggester.suggest(t, { on: '2025-11-01', rules: 'every-mention' }).suggestions.map((s) => s.code);
    expect(codes(text)).toEqual(['Z87.09']);
    expect(every(text).filter((c) => /^Z8[0-4]/.test(c))).toEqual([]);
    expect(every('Personal history of colon polyps.').filter((c) => /^Z8[0-4]/.test(c))).toEqual([]);
    for (const t of ['Family history of breast cancer.', 'Family history of pulmonary embolism.'])
      expect(every(t).filter((c) => /^Z8[5-7]/.test(c))).toEqual([]);
    expect(codes('Family history of breast cancer.')).toContain('Z80.3');
    expect(codes('Family history of asthma.')).toContain('Z82.5');
    expect(codes('Personal history of pneumonia.')).toContain('Z87.01');
  });
  it('matches a Tabular term only with its letter or number written ("Hepatitis A" is not any hepatitis)', () => {
    const every = (t: string) =>
      suggester.suggest(t, { on: '2025-11-01', rules: 'every-mention' }).suggestions.map((s) => s.code);
    const plain = every('History of hepatitis.');
    expect(plain).toContain('K75.9');
    expect(plain.filter((c) => /^B1[5-9]|^Z86\.1/.test(c))).toEqual([]);
    expect(every('Chronic hepatitis C.')).not.toContain('B15.9');
    expect(every('Hepatitis A in childhood.')).toContain('B15.9');
  });
  it('counts a bare reading on the words of its coded level once ("Otitis > media" H66.9-, "... > acute" H66.90)', async () => {
    const withFeatures = new CodeSuggester((await loadAll({})).catalog, { features: true });
    const mentions = (t: string) => {
      const r = withFeatures.suggest(t, { on: '2025-11-01', rules: 'every-mention' });
      const i = r.suggestions.findIndex((s) => s.code === 'H66.90');
      return Math.round(Math.exp(r.features![i][3]));
    };
    // One Index reading (its bare "Otitis" and "Otitis > media" levels are the same words again) and the Tabular's
    // inclusion terms "Otitis media NOS" (and "Acute otitis media NOS").
    expect(mentions('Otitis media.')).toBe(2);
    expect(mentions('Acute otitis media.')).toBe(3);
  });
  it('keeps a chronic condition written as "history of" as the condition', () => {
    expect(codes('Past medical history of hypertension, on lisinopril.')).toContain('I10');
  });
  it('does not code uncertain diagnoses as confirmed: the symptoms are coded instead', () => {
    const r = suggest('Cough and fever for 5 days. Rule out pneumonia; probable viral bronchitis.');
    const c = r.suggestions.map((s) => s.code);
    expect(c).toEqual(expect.arrayContaining(['R05.9', 'R50.9']));
    expect(c.some((x) => x.startsWith('J18') || x.startsWith('J20'))).toBe(false);
    expect(r.notCoded.map((n) => n.why)).toContain('uncertain');
  });
  it('reads abbreviations and spelling variants', () => {
    const r = codes('CHF. AFib. T2DM. HTN. COPD. UTI. Bilateral ankle oedema. Iron deficiency anaemia.');
    expect(r).toEqual(expect.arrayContaining(['I50.9', 'I48.91', 'J44.9', 'N39.0', 'R60.0', 'D50.9']));
    expect(r.some((c) => c.startsWith('E11'))).toBe(true);
    expect(r.some((c) => c === 'I10' || c.startsWith('I11'))).toBe(true);
    expect(codes('CKD 3a.')).toContain('N18.31');
  });
  it('forms combination codes by the "with" convention and drops the codes they contain', () => {
    expect(codes('Type 2 diabetes with peripheral neuropathy.')).toContain('E11.42');
    const neuro = codes('Diabetic neuropathy, type 2.');
    expect(neuro).toContain('E11.40');
    expect(neuro).not.toContain('G62.9');
    const ckd = codes('Assessment: hypertension. Chronic kidney disease stage 3b.');
    expect(ckd).toEqual(expect.arrayContaining(['I12.9', 'N18.32']));
    expect(codes('Essential hypertension. Chronic diastolic heart failure.')).toEqual(
      expect.arrayContaining(['I11.0', 'I50.32']),
    );
  });
  it('takes the side and the encounter the note states, and asks for them when it does not', () => {
    expect(codes('Right knee pain.')).toContain('M25.561');
    const unsided = suggest('Knee pain.').suggestions.find((s) => s.code.startsWith('M25.56'));
    expect(unsided?.code).toBe('M25.569');
    expect(unsided?.needs.join(' ')).toMatch(/laterality/);
    expect(codes('Sprain of right ankle, subsequent encounter.')).toContain('S93.401D');
    const injury = suggest('Sprain of right ankle.').suggestions.find((s) => s.code.startsWith('S93.401'));
    expect(injury?.code).toBe('S93.401A');
    expect(injury?.needs.join(' ')).toMatch(/7th character/);
  });
  it('flags Excludes1 pairs among its suggestions', () => {
    const r = suggest('Type 1 diabetes. Type 2 diabetes.').suggestions;
    const excl = r.filter((s) => s.excludes.length > 0);
    expect(excl.length).toBeGreaterThan(0);
    expect(excl[0].excludes[0].note).toMatch(/Excludes1/);
  });
  it("halves the weaker of an Excludes1 pair, not an office ranker's confidence (what its coders kept)", () => {
    const note = 'Type 1 diabetes. Type 2 diabetes.';
    const pair = (r: SuggestResult) => r.suggestions.filter((s) => ['E10.9', 'E11.9'].includes(s.code));
    const plain = pair(suggest(note));
    expect(plain.map((s) => s.code).sort()).toEqual(['E10.9', 'E11.9']);
    expect(Math.min(...plain.map((s) => s.confidence))).toBeLessThan(0.6 * Math.max(...plain.map((s) => s.confidence)));
    // A ranker of one leaf: every suggestion 1 / (1 + e^-1).
    const leaf = { feature: [-1], threshold: [0], left: [-1], right: [-1], value: [1] };
    const office = { notes: 100, lexicon: { entries: new Map() }, prior: new Map(), calibration: new Map() };
    const ranked = suggester
      .withOffice({ ...office, ranker: { base: 0, rate: 1, trees: [leaf] } })
      .suggest(note, { on: '2025-11-01' });
    expect(pair(ranked).map((s) => s.confidence)).toEqual([0.731, 0.731]);
    expect(pair(ranked).every((s) => s.excludes.length > 0)).toBe(true);
  });
  it('pairs code-first and use-additional codes', () => {
    const r = suggest('Type 2 diabetes mellitus with diabetic chronic kidney disease, CKD stage 3a.').suggestions;
    const e1122 = r.find((s) => s.code === 'E11.22');
    const n1831 = r.find((s) => s.code === 'N18.31');
    expect(e1122?.pairs).toContainEqual(expect.objectContaining({ code: 'N18.31', rule: 'use-additional' }));
    expect(n1831?.pairs).toContainEqual(expect.objectContaining({ code: 'E11.22', rule: 'code-first' }));
  });
  it('gives every suggestion evidence spans whose text holds the words it matched, a reason and a confidence', () => {
    const text =
      'CC: SOB.\nHPI: 74F with chronic systolic CHF, persistent AFib on apixaban, HTN. Denies chest pain.\n' +
      'Assessment: Hypertensive heart disease with chronic systolic heart failure. Persistent atrial fibrillation.';
    const r = suggest(text);
    expect(r.suggestions.length).toBeGreaterThan(2);
    for (const s of r.suggestions) {
      expect(s.spans.length).toBeGreaterThan(0);
      for (const span of s.spans) expect(text.slice(span.start, span.end)).toBe(span.text);
      const evidence = s.spans.map((x) => x.text).join(' ');
      for (const w of s.reason.matched) expect(evidence).toContain(w);
      expect(s.reason.indexPath).not.toBe('');
      expect(s.reason.checks.length).toBeGreaterThan(0);
      expect(s.confidence).toBeGreaterThan(0);
      expect(s.confidence).toBeLessThan(1);
    }
  });
  it("offers a reference corpus's codes for its phrases on the note's words, negated phrases not coded", async () => {
    const lexicon = learnCorpusLexicon(
      ['A large hematoma.', 'Hematoma after a fall.', 'Hematoma of the scalp.', 'A hematoma was drained.'].map(
        (text) => ({
          text,
          codes: ['T148XXA'],
        }),
      ),
    );
    const withLexicon = new CodeSuggester((await loadAll({})).catalog, { lexicon });
    const text = 'Seen after a fall. Exam: hematomas on the left forearm.';
    const r = withLexicon.suggest(text, { on: '2025-11-01' });
    const s = r.suggestions.find((x) => x.code === 'T14.8XXA');
    expect(s?.spans.map((x) => text.slice(x.start, x.end))).toEqual(['hematomas']);
    expect(s?.reason.indexPath).toMatch(/^this office's coded notes/);
    expect(s?.reason.checks).toContain('this office coded "hematoma" as T14.8XXA in 4 of 4 notes');
    const negated = withLexicon.suggest('No hematoma.', { on: '2025-11-01' });
    expect(negated.suggestions.map((x) => x.code)).not.toContain('T14.8XXA');
    expect(negated.notCoded).toContainEqual(expect.objectContaining({ code: 'T14.8XXA', why: 'negated' }));
  });
  it('is deterministic: the same note gives the same answer', () => {
    const text = 'Assessment: COPD with acute exacerbation. Current smoker, 1 ppd. Right shoulder pain.';
    expect(JSON.stringify(suggest(text))).toBe(JSON.stringify(suggest(text)));
  });
  it('uses the code set in force on the date of service', () => {
    expect(suggest('Cough.', '2025-09-30').release).toBe('FY2025');
    expect(suggest('Cough.', '2025-10-01').release).toBe('FY2026');
    for (const s of suggest('Type 2 diabetes with hyperglycemia.', '2025-09-30').suggestions)
      expect(s.reason.checks.join(' ')).toMatch(/FY2025/);
  });
});
