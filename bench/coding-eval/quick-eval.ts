/**
 * Development loop for the shipped suggester: dev (or train) figures without the corpus-adapted systems.
 *   node --import tsx bench/coding-eval/quick-eval.ts [dev|train] [every] [--fit]
 * --fit: fits the confidence weights of the shipped suggester (no prior, no calibration) on train and scores dev.
 */
import { CodeSuggester } from '../../packages/codes/src/suggest/code-suggester.ts';
import { FEATURES, WEIGHTS } from '../../packages/codes/src/suggest/confidence.ts';
import { SECTION_WEIGHT } from '../../packages/codes/src/suggest/sections.ts';
import { loadAll } from '../../packages/codes/test/shared-data.ts';
import { type EvalNote, readCodiEsp, readOutpatientNotes } from './datasets.ts';
import { fitLogistic } from './fit.ts';
import { bestCutoff, type DocResult, lenient, score, strict, type Scores } from './metrics.ts';

const ON = '2025-09-30';
const argv = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const split = (argv[0] ?? 'dev') as 'train' | 'dev';
const every = Number(argv[1] ?? 1);
const { catalog } = await loadAll({});
const match = lenient((c) => catalog.isValidOn('icd10cm', c, ON));
const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
const show = (name: string, sc: Scores) =>
  console.log(
    `${name.padEnd(8)} R@1 ${pct(sc.recallAt[1])} R@5 ${pct(sc.recallAt[5])} R@10 ${pct(sc.recallAt[10])} R@20 ${pct(sc.recallAt[20])} | cut ${sc.cutoff.toFixed(2)} P ${pct(sc.precision)} R ${pct(sc.recall)} F1 ${pct(sc.f1)} | ceiling ${pct(sc.ceiling)} oracle10 ${pct(sc.oracle10)}`,
  );
let weights: number[] | undefined;
if (process.argv.includes('--fit')) {
  const fitter = new CodeSuggester(catalog, { features: true });
  const x: number[][] = [];
  const y: number[] = [];
  for (const n of readCodiEsp('train', ON)) {
    const r = fitter.suggest(n.text, { on: ON, limit: 200, rules: 'every-mention' });
    r.suggestions.forEach((s, i) => {
      x.push(r.features![i]);
      y.push(n.gold.some((alts) => alts.some((g) => match(s.code, g))) ? 1 : 0);
    });
  }
  const w = fitLogistic(x, y);
  // Features the shipped suggester never has (prior, calibration) keep their weights.
  weights = w.map((v, i) => (x.every((r) => r[i] === 0) ? WEIGHTS[i] : v));
  // CodiEsp has no sections: the section weight is set by judgement and the bias absorbs it (as eval-coding.ts).
  const sec = FEATURES.indexOf('section');
  weights[0] = Math.round((weights[0] + SECTION_WEIGHT.none * (weights[sec] - 1.5)) * 1000) / 1000;
  weights[sec] = 1.5;
  // The bias stays: ranking within a note does not depend on it, and the outpatient cut-off (0.5) was set with it.
  if (process.argv.includes('--keep-bias')) weights[0] = WEIGHTS[0];
  console.log(`fitted on ${x.length}: [${weights.join(', ')}]`);
}
const s = new CodeSuggester(catalog, weights ? { weights } : {});
const notes: EvalNote[] = readCodiEsp(split, ON).filter((_, i) => i % every === 0);
const t0 = performance.now();
const docs: DocResult[] = notes.map((n) => {
  const r = s.suggest(n.text, { on: ON, limit: 200, rules: 'every-mention' });
  return { id: n.id, gold: n.gold, ranked: r.suggestions.map((x) => ({ code: x.code, confidence: x.confidence })) };
});
const ms = (performance.now() - t0) / notes.length;
const cut = bestCutoff(docs, match);
console.log(`${split}/${every}: ${notes.length} notes, ${ms.toFixed(1)} ms/note`);
show('strict', score(docs, strict, cut));
show('lenient', score(docs, match, cut));
if (process.argv.includes('--blind')) {
  // The outpatient notes (blind set): aggregate figures only, cut-off 0.5 as eval-coding.ts.
  const out = readOutpatientNotes().map((n) => {
    const r = s.suggest(n.text, { on: n.on, age: n.age, sex: n.sex, limit: 200, rules: 'outpatient' });
    return { id: n.id, gold: n.gold, ranked: r.suggestions.map((x) => ({ code: x.code, confidence: x.confidence })) };
  });
  show('outpat', score(out, strict, 0.5));
}
