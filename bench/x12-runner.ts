/**
 * One benchmark run in its own process (so peak RSS belongs to one library):
 *   node --expose-gc --import tsx bench/x12-runner.ts <ours|x12-parser|node-x12|naive|837-…> FILE [--warm WARMFILE]
 * With --warm, WARMFILE is read twice first (untimed) so the timed read runs warm, as in a server that reads files
 * all day. Prints one JSON line: { lib, ms, cpuMs, bytes, claims, segments, issues, maxRssMB }; ms is wall time,
 * cpuMs user + system CPU time of the process (GC threads included) during the timed read.
 */
import fs from 'node:fs';
import { stream835 } from '../packages/x12/src/transactions/835/read-835.ts';
import { read837File, read837Stream } from '../packages/x12/src/transactions/837/read-837-file.ts';
import { parseX12File } from '../packages/x12/src/parse-file.ts';
import type { ClaimFile837 } from '../packages/x12/src/transactions/837/claim-model.ts';

const CHUNK = Number(process.env.X12_BENCH_CHUNK ?? 1 << 16);

async function ours(file: string) {
  const s = stream835(fs.createReadStream(file, { highWaterMark: CHUNK }), { file });
  let claims = 0;
  let services = 0;
  for await (const batch of s) {
    for (const ev of batch) {
      if (ev.kind === 'claim') {
        claims++;
        services += ev.claim.services.length;
      }
    }
  }
  return { claims, segments: services, issues: s.issues.length };
}

async function naive(file: string) {
  let rest = '';
  let claims = 0;
  let segments = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK, encoding: 'utf8' })) {
    const parts = (rest + chunk).split('~');
    rest = parts.pop() ?? '';
    for (const p of parts) {
      const els = p.trim().split('*');
      segments++;
      if (els[0] === 'CLP' || els[0] === 'CLM') claims++;
    }
  }
  if (rest.trim()) segments++;
  return { claims, segments, issues: 0 };
}

const claimCount = (f: ClaimFile837) =>
  f.billingProviders.reduce(
    (n, bp) =>
      n + bp.subscribers.reduce((m, s) => m + s.claims.length + s.patients.reduce((k, p) => k + p.claims.length, 0), 0),
    0,
  );

/** 837 in one pass from the file stream: typed claims, envelope checks, guide checks. */
async function stream837(file: string) {
  const r = await read837Stream(fs.createReadStream(file, { highWaterMark: CHUNK }), { file });
  return { claims: r.transactions.reduce((n, t) => n + claimCount(t.value), 0), segments: 0, issues: r.issues.length };
}

/** 837 in one pass from the whole text (read into a string first, as a file picked up from a folder is). */
async function file837(file: string) {
  const r = read837File(fs.readFileSync(file, 'utf8'), { file });
  return { claims: r.transactions.reduce((n, t) => n + claimCount(t.value), 0), segments: 0, issues: r.issues.length };
}

/** 837 the general way: whole text → segments → envelopes → read837 (every segment kept until the end). */
async function whole837(file: string) {
  const r = parseX12File(fs.readFileSync(file, 'utf8'), { file });
  return {
    claims: r.transactions.reduce((n, t) => n + claimCount(t.value as ClaimFile837), 0),
    segments: 0,
    issues: r.issues.length,
  };
}

async function x12Parser(file: string) {
  const { X12parser } = await import('x12-parser');
  return new Promise<{ claims: number; segments: number; issues: number }>((resolve, reject) => {
    let claims = 0;
    let segments = 0;
    const parser = new X12parser();
    parser.on('error', reject);
    fs.createReadStream(file, { highWaterMark: CHUNK })
      .pipe(parser)
      .on('data', (seg: { name: string }) => {
        segments++;
        if (seg.name === 'CLP') claims++;
      })
      .on('end', () => resolve({ claims, segments, issues: 0 }));
  });
}

async function nodeX12(file: string) {
  const mod = (await import('node-x12')) as unknown as {
    X12Parser?: new () => NodeJS.ReadWriteStream;
    default?: { X12Parser: new () => NodeJS.ReadWriteStream };
  };
  const X12Parser = mod.X12Parser ?? mod.default!.X12Parser;
  return new Promise<{ claims: number; segments: number; issues: number }>((resolve, reject) => {
    let claims = 0;
    let segments = 0;
    const parser = new X12Parser();
    parser.on('error', reject);
    fs.createReadStream(file, { highWaterMark: CHUNK })
      .pipe(parser)
      .on('data', (seg: { tag: string }) => {
        segments++;
        if (seg.tag === 'CLP') claims++;
      })
      .on('end', () => resolve({ claims, segments, issues: 0 }));
  });
}

const RUNNERS: Record<string, (file: string) => Promise<{ claims: number; segments: number; issues: number }>> = {
  ours,
  naive,
  'x12-parser': x12Parser,
  'node-x12': nodeX12,
  '837-stream': stream837,
  '837-file': file837,
  '837-whole': whole837,
};

async function main(): Promise<void> {
  const [lib, file, flag, warmFile] = process.argv.slice(2);
  const run = lib ? RUNNERS[lib] : undefined;
  if (!run || !file) {
    process.stderr.write(`usage: x12-runner.ts <${Object.keys(RUNNERS).join('|')}> FILE\n`);
    process.exitCode = 2;
    return;
  }
  const bytes = fs.statSync(file).size;
  if (flag === '--warm' && warmFile) for (let i = 0; i < 2; i++) await run(warmFile);
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await run(file);
  const ms = performance.now() - t0;
  const c1 = process.cpuUsage(c0);
  const cpuMs = (c1.user + c1.system) / 1000;
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ lib, ms, cpuMs, bytes, ...r, maxRssMB })}\n`);
}

await main();
