/**
 * `node --import tsx bench/office-model-time.ts`: how long learning an office's model takes for ~750 coded notes
 * (CodiEsp train + dev as the office's history, full code sets), in CPU time.
 */
import { CodeSuggester } from '../packages/codes/src/suggest/code-suggester.ts';
import { learnOfficeModel, officeModelToJSON } from '../packages/codes/src/suggest/office-model.ts';
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
  const model = learnOfficeModel(notes, { catalog, base });
  const cpu = process.cpuUsage(cpu0);
  const json = JSON.stringify(officeModelToJSON(model));
  const chars = notes.reduce((n, x) => n + x.text.length, 0);
  console.log(
    `${notes.length} notes (${Math.round(chars / notes.length)} characters each on average): ` +
      `learnt in ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU, ${((performance.now() - t0) / 1000).toFixed(1)} s wall; ` +
      `${model.lexicon.entries.size} phrases, ${model.prior.size} codes, ${model.calibration.size} calibrated; JSON ${(json.length / 1024).toFixed(0)} KiB`,
  );
}
