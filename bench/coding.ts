/**
 * `npm run bench -- coding`: code suggestions from notes. Index load (building the suggester from a loaded catalog:
 * Index tree, Tabular titles, history map) in wall and CPU time and heap; latency p50/p95 for notes of 4,000 and
 * 20,000 characters (medbill's outpatient notes joined), warm. Targets (CODING.md): load <= 2 s and <= 200 MB,
 * p95 <= 50 ms at 4k and <= 300 ms at 20k.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeSuggester } from '../packages/codes/src/suggest/code-suggester.ts';
import { hasData, loadAll, NO_DATA_MESSAGE } from '../packages/codes/test/shared-data.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const NOTES = path.join(here, '../packages/codes/test/fixtures/outpatient-notes');

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1_048_576;
}

/** Notes joined (blank line between) until `size` characters, cut at a line end. */
function noteOfSize(size: number, offset: number): string {
  const files = readdirSync(NOTES)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  let text = '';
  for (let i = offset; text.length < size; i++)
    text += `${readFileSync(path.join(NOTES, files[i % files.length]), 'utf8')}\n`;
  const cut = text.lastIndexOf('\n', size);
  return text.slice(0, cut > size / 2 ? cut : size);
}

function latency(s: CodeSuggester, size: number, runs: number): { p50: number; p95: number; cpuP95: number } {
  const notes = Array.from({ length: 10 }, (_, i) => noteOfSize(size, i * 5));
  for (const n of notes) s.suggest(n, { on: '2025-11-01' });
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const n = notes[r % notes.length];
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    s.suggest(n, { on: '2025-11-01' });
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const at = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * q))];
  return { p50: at(wall, 0.5), p95: at(wall, 0.95), cpuP95: at(cpu, 0.95) };
}

export async function runCodingBench(): Promise<Record<string, number>> {
  if (!hasData) {
    console.log(`coding bench ${NO_DATA_MESSAGE}`);
    return {};
  }
  const { catalog } = await loadAll({});
  const before = heapMb();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const s = new CodeSuggester(catalog);
  const load = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const heap = heapMb() - before;
  const out: Record<string, number> = { 'load ms': load, 'load cpu ms': (c.user + c.system) / 1000, 'heap MB': heap };
  console.log(
    `suggester load (Index tree ${s.tree.nodes.length} nodes, Tabular titles) ${load.toFixed(0)} ms wall, ${out['load cpu ms'].toFixed(0)} ms CPU; heap +${heap.toFixed(1)} MB${(globalThis as { gc?: unknown }).gc ? '' : ' (approximate: run with --expose-gc)'}  (targets 2,000 ms, 200 MB)`,
  );
  for (const [size, runs, target] of [
    [4000, 200, 50],
    [20000, 60, 300],
  ] as const) {
    const l = latency(s, size, runs);
    out[`${size} p95 ms`] = l.p95;
    console.log(
      `note of ${size.toLocaleString('en-US')} characters (${runs} runs, warm): wall p50 ${l.p50.toFixed(1)} ms  p95 ${l.p95.toFixed(1)} ms; CPU p95 ${l.cpuP95.toFixed(1)} ms  (target p95 ${target} ms)`,
    );
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runCodingBench();
}
