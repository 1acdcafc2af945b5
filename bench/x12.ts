/**
 * X12 benchmark: a generated ~50 MB 835 (150,000 claim loops) read by our streaming typed reader,
 * x12-parser, node-x12 and a naive split-on-separators baseline, each in its own process (peak RSS
 * per library), median of 3 runs; plus the 837P build and read against their goals (bench/x12-837.ts).
 *   node --expose-gc --import tsx bench/x12.ts [--big] [--837] [--runs N]
 * MEDBILL_BENCH_837_CLAIMS sets the 837P size (20,000; the goals are for 20,000).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { write835 } from './x12-generate.ts';
import { bench837, table837 } from './x12-837.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
const RUNNER = path.join(HERE, 'x12-runner.ts');
const LIBS = ['ours', 'x12-parser', 'node-x12', 'naive'] as const;
const LABEL: Record<string, string> = {
  ours: 'medbill stream835 (typed 2000/2100/2110 loops, balancing)',
  'x12-parser': 'x12-parser 1.3.0 (segments only)',
  'node-x12': 'node-x12 1.7.1 (stream, segments only)',
  naive: 'naive split on ~ and * (baseline)',
};

interface RunResult {
  lib: string;
  ms: number;
  cpuMs: number;
  bytes: number;
  claims: number;
  issues: number;
  maxRssMB: number;
}

export interface X12BenchRow {
  reader: string;
  fileMB: number;
  wallMBps: number;
  cpuMBps: number;
  claimsPerSec: number;
  peakRssMB: number;
  claims: number;
  issues: number;
}

const CLAIMS_837 = Number(process.env.MEDBILL_BENCH_837_CLAIMS ?? 20_000);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function runOnce(lib: string, file: string, extra: string[] = []): RunResult {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', RUNNER, lib, file, ...extra], {
    cwd: REPO,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{'))
    throw new Error(`${lib} failed (${r.status}): ${r.stderr.slice(0, 500)}`);
  return JSON.parse(line) as RunResult;
}

function measure(lib: string, file: string, runs: number, label: string): X12BenchRow {
  const rs = Array.from({ length: runs }, () => runOnce(lib, file));
  const mb = rs[0].bytes / 1e6;
  const ms = median(rs.map((r) => r.ms));
  const cpuMs = median(rs.map((r) => r.cpuMs));
  return {
    reader: label,
    fileMB: mb,
    wallMBps: mb / (ms / 1000),
    cpuMBps: mb / (cpuMs / 1000),
    claimsPerSec: rs[0].claims / (cpuMs / 1000),
    peakRssMB: median(rs.map((r) => r.maxRssMB)),
    claims: rs[0].claims,
    issues: rs[0].issues,
  };
}

function table(rows: X12BenchRow[]): string {
  const head = '| reader | file MB | MB/s (CPU) | MB/s (wall) | claims/s (CPU) | peak RSS MB | claims | issues |';
  const sep = '|---|---:|---:|---:|---:|---:|---:|---:|';
  const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const lines = rows.map(
    (r) =>
      `| ${r.reader} | ${fmt(r.fileMB)} | ${fmt(r.cpuMBps)} | ${fmt(r.wallMBps)} | ${fmt(r.claimsPerSec, 0)} | ${fmt(r.peakRssMB, 0)} | ${r.claims.toLocaleString('en-US')} | ${r.issues} |`,
  );
  return [head, sep, ...lines].join('\n');
}

export interface X12BenchOptions {
  big?: boolean;
  runs?: number;
  /** only the 837P part */
  only837?: boolean;
  log?: (line: string) => void;
}

/** Run the x12 benchmark and print one markdown table; returns the rows. */
export async function runX12Bench(opts: X12BenchOptions = {}): Promise<{ rows: X12BenchRow[]; table: string }> {
  const log = opts.log ?? ((s: string) => console.log(s));
  const runs = opts.runs ?? 3;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-x12-bench-'));
  try {
    const rows: X12BenchRow[] = [];
    if (opts.only837) {
      const text = table837(bench837(dir, runOnce, runs, CLAIMS_837));
      log(text);
      return { rows, table: text };
    }
    const file50 = path.join(dir, 'remit-50mb.835');
    const g = write835(file50, 170_000);
    log(`generated ${file50}: ${(g.bytes / 1e6).toFixed(1)} MB, ${g.claims} claims`);
    for (const lib of LIBS) {
      rows.push(measure(lib, file50, runs, LABEL[lib]));
      log(`  ${lib} done`);
    }
    if (opts.big) {
      const file200 = path.join(dir, 'remit-200mb.835');
      const b = write835(file200, 680_000);
      log(`generated ${file200}: ${(b.bytes / 1e6).toFixed(1)} MB, ${b.claims} claims`);
      for (const lib of ['ours', 'naive']) rows.push(measure(lib, file200, runs, `${LABEL[lib]}, 200 MB file`));
      fs.rmSync(file200);
    }
    const r837 = bench837(dir, runOnce, runs, CLAIMS_837);
    const text = [table(rows), '', table837(r837)].join('\n');
    log(text);
    return { rows, table: text };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  await runX12Bench({
    big: args.includes('--big'),
    only837: args.includes('--837'),
    runs: runsAt >= 0 ? Number(args[runsAt + 1]) : 3,
  });
}
