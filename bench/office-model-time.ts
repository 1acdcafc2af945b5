/**
 * `node --import tsx bench/office-model-time.ts`: how long learning an office's model takes for ~750 coded notes
 * (CodiEsp train + dev as the office's history, full code sets), in CPU time.
 */
import { CodeSuggester } from '../packages/codes/src/suggest/code-suggester.ts';
import {
  learnOfficeModelSteps,
  type OfficeModel,
  officeModelToJSON,
} from '../packages/codes/src/suggest/office-model.ts';
import { hasData, loadAll, NO_DATA_MESSAGE } from '../packages/codes/test/shared-data.ts';
import { readCodiEsp } from './coding-eval/datasets.ts';

if (!hasData) console.log(`office-model-time ${NO_DATA_MESSAGE}`);
else {
  const { catalog } = await loadAll({});
  const on = '2025-09-30';
  const notes = [...readCodiEsp('train', on), ...readCodiEsp('dev', on)].map((n) => ({
    text: n.text,
    codes: n.gold.map((a) => a[0]),
    on,
  }));
  const base = new CodeSuggester(catalog);
  base.suggest('Cough.', { on });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // driven as the server drives it: the longest step is the longest the server's event loop is held
  const steps = learnOfficeModelSteps(notes, { catalog, base });
  let longest = { ms: 0, phase: '' };
  let longestCpu = { ms: 0, phase: '' };
  const byPhase = new Map<string, { steps: number; ms: number; cpuMs: number }>();
  let model: OfficeModel;
  for (;;) {
    const s0 = performance.now();
    const c0 = process.cpuUsage();
    const r = steps.next();
    const ms = performance.now() - s0;
    const c = process.cpuUsage(c0);
    const cpuMs = (c.user + c.system) / 1000;
    if (r.done) {
      model = r.value;
      break;
    }
    if (ms > longest.ms) longest = { ms, phase: r.value.phase };
    const ph = byPhase.get(r.value.phase) ?? { steps: 0, ms: 0, cpuMs: 0 };
    byPhase.set(r.value.phase, { steps: ph.steps + 1, ms: Math.max(ph.ms, ms), cpuMs: Math.max(ph.cpuMs, cpuMs) });
    if (cpuMs > longestCpu.ms) longestCpu = { ms: cpuMs, phase: r.value.phase };
  }
  const cpu = process.cpuUsage(cpu0);
  const json = JSON.stringify(officeModelToJSON(model));
  const chars = notes.reduce((n, x) => n + x.text.length, 0);
  console.log(
    `${notes.length} notes (${Math.round(chars / notes.length)} characters each on average): ` +
      `learnt in ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU, ${((performance.now() - t0) / 1000).toFixed(1)} s wall; ` +
      `${model.lexicon.entries.size} phrases, ${model.prior.size} codes, ${model.calibration.size} calibrated, ` +
      `ranker ${model.ranker ? `${model.ranker.trees.length} trees` : 'none'}; JSON ${(json.length / 1024).toFixed(0)} KiB; ` +
      `longest step ${longest.ms.toFixed(0)} ms wall (${longest.phase}), ${longestCpu.ms.toFixed(0)} ms CPU (${longestCpu.phase})`,
  );
  for (const [phase, p] of byPhase)
    console.log(`  ${phase}: ${p.steps} steps, longest ${p.ms.toFixed(0)} ms wall, ${p.cpuMs.toFixed(0)} ms CPU`);
  // Suggesting with the model: CPU p95 for 4,000-character notes (CodiEsp dev notes joined).
  const office = base.withOffice(model);
  const texts = readCodiEsp('dev', on).map((n) => n.text);
  const notes4k = Array.from({ length: 20 }, (_, i) => {
    let t = '';
    for (let k = i; t.length < 4000; k++) t += `${texts[k % texts.length]}\n`;
    return t.slice(0, 4000);
  });
  for (const [name, s] of [
    ['as shipped', base],
    ["with the office's model", office],
  ] as const) {
    for (const t of notes4k) s.suggest(t, { on });
    const cpuMs: number[] = [];
    for (let r = 0; r < 60; r++) {
      const c0 = process.cpuUsage();
      s.suggest(notes4k[r % notes4k.length], { on });
      const c = process.cpuUsage(c0);
      cpuMs.push((c.user + c.system) / 1000);
    }
    cpuMs.sort((a, b) => a - b);
    console.log(
      `suggest ${name}, 4,000-character notes: CPU p95 ${cpuMs[Math.floor(cpuMs.length * 0.95)].toFixed(1)} ms`,
    );
  }
}
