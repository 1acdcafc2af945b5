/**
 * Validation throughput: a large 837P (clean TR3 sample claims concatenated into one interchange)
 * through validateFile (tokenize + envelopes + 837P guide). Target ≥ 2 MB/s (10× a Python validator).
 *
 *   node --import tsx bench/x12-validate.ts
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateFile } from '../packages/x12/src/guides/validate.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const samples = path.resolve(repoRoot, '../shared/data/x12-samples/837p');

/** ST … SE blocks of the clean, '*:~'-delimited TR3 837P samples. */
function sampleTransactions(): string[] {
  const out: string[] = [];
  for (const f of readdirSync(samples).filter((n) => n.startsWith('badx12__X222') && !/oxygen|wheelchair/.test(n))) {
    const text = readFileSync(path.join(samples, f), 'utf8').replace(/\r?\n/g, '');
    const start = text.indexOf('ST*837*');
    const end = text.indexOf('~', text.indexOf('~SE*', start) + 1);
    if (start >= 0 && end > start && text[103] === '*' && text[105] === '~') out.push(text.slice(start, end + 1));
  }
  return out;
}

/** One interchange of about `targetBytes`, transactions renumbered so control numbers stay unique. */
export function makeLarge837(targetBytes: number): string {
  const txs = sampleTransactions();
  const isa =
    'ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *260101*1200*^*00501*000000001*0*T*:~';
  const parts: string[] = [isa, 'GS*HC*SUBMITTER*RECEIVER*20260101*1200*1*X*005010X222A1~'];
  let size = parts.join('').length;
  let n = 0;
  while (size < targetBytes) {
    const ctrl = String(++n).padStart(9, '0');
    const tx = txs[n % txs.length]
      .replace(/^ST\*837\*[^*~]*/, `ST*837*${ctrl}`)
      .replace(/SE\*(\d+)\*[^~]*~$/, `SE*$1*${ctrl}~`);
    parts.push(tx);
    size += tx.length;
  }
  parts.push(`GE*${n}*1~`, 'IEA*1*000000001~');
  return parts.join('');
}

export interface ValidateBenchResult {
  bytes: number;
  seconds: number;
  mbPerSecond: number;
  /** throughput per CPU-second of this process (less sensitive to a busy shared machine) */
  mbPerCpuSecond: number;
  transactions: number;
  errors: number;
}

export function runValidateBench(targetBytes = 8 * 1024 * 1024): ValidateBenchResult | null {
  if (!existsSync(samples)) {
    console.log(`x12-validate: ${samples} absent, skipped`);
    return null;
  }
  const text = makeLarge837(targetBytes);
  validateFile(makeLarge837(1024 * 1024)); // warm up the JIT
  // median of three runs: the machine is shared, single runs vary a lot
  const runs = [0, 1, 2].map(() => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = validateFile(text, { file: 'large-837p' });
    const cpu = process.cpuUsage(c0);
    return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, r };
  });
  runs.sort((a, b) => a.seconds - b.seconds);
  const { seconds, cpuSeconds, r } = runs[1];
  const bytes = Buffer.byteLength(text);
  const result: ValidateBenchResult = {
    bytes,
    seconds,
    mbPerSecond: bytes / 1024 / 1024 / seconds,
    mbPerCpuSecond: bytes / 1024 / 1024 / cpuSeconds,
    transactions: r.transactions.length,
    errors: r.issues.filter((i) => i.severity === 'error').length,
  };
  const mb = (bytes / 1024 / 1024).toFixed(1);
  console.log(
    `x12-validate: ${mb} MB 837P, ${result.transactions} transactions, ${result.errors} errors, ${seconds.toFixed(2)} s (median of 3) → ${result.mbPerSecond.toFixed(1)} MB/s wall, ${result.mbPerCpuSecond.toFixed(1)} MB/s per CPU-second`,
  );
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) runValidateBench();
