/**
 * `npm run bench`: every hot path, one after another, each printing its own figures.
 * `npm run bench -- x12 codes` runs only those; `--big` adds the 200 MB 835; `--official` loads every official
 * code set in the startup section.
 */
import { runAuditVerifyBench } from './audit-verify.ts';
import { runCodesBench } from './codes.ts';
import { runCodingBench } from './coding.ts';
import { run837FromDbBench } from './claims-837.ts';
import { runScrubBench } from './claims-scrub.ts';
import { runValidateBench } from './x12-validate.ts';
import { runX12Bench } from './x12.ts';
import { runStartupBench } from './startup.ts';

const args = process.argv.slice(2);
const wanted = args.filter((a) => !a.startsWith('--'));
const on = (name: string) => wanted.length === 0 || wanted.includes(name);
const section = (title: string) => console.log(`\n=== ${title} ===`);

if (on('startup')) {
  section('Startup: CLI commands, npm start to healthy, idle memory, log-in (--official adds every official code set)');
  await runStartupBench({ official: args.includes('--official') });
}
if (on('x12')) {
  section('X12: 835 read (50 MB, 170,000 claims), 837P build and read (20,000 claims)');
  await runX12Bench({ big: args.includes('--big'), runs: 3 });
}
if (on('validate')) {
  section('X12: implementation-guide validation');
  runValidateBench();
}
if (on('inbound')) {
  section('Inbound: /api/health while a poll reads and posts a 50 MB 835 (PGlite, or PostgreSQL with DATABASE_URL)');
  await (await import('./inbound.ts')).runInboundBench(Number(process.env.MEDBILL_BENCH_835_CLAIMS ?? 170_000));
}
if (on('codes')) {
  section('Code sets: import, index, search latency');
  await runCodesBench();
}
if (on('coding')) {
  section('Code suggestions from notes: index load, latency for 4,000 and 20,000 characters');
  await runCodingBench();
}
if (on('scrub')) {
  section('Claim scrubber: 1,000,000 service lines with NCCI/MUE tables of real size');
  await runScrubBench(1_000_000);
}
if (on('claims-837')) {
  section('837 generation from the database');
  await run837FromDbBench(2000);
}
if (on('statements')) {
  section(
    'Statement run: 10,000 guarantors, PDFs and the print-vendor file (PGlite, and PostgreSQL with DATABASE_URL)',
  );
  await (await import('./statements.ts')).runStatementsBench(Number(process.env.MEDBILL_BENCH_GUARANTORS ?? 10_000));
}
if (on('posting')) {
  section('835 posting: a 10,000-claim 835 on PGlite and PostgreSQL (DATABASE_URL), health latency meanwhile');
  await (await import('./posting.ts')).runPostingBench(Number(process.env.MEDBILL_BENCH_CLAIMS ?? 10_000));
}
if (on('audit')) {
  section('Audit chain verification: 1,000,000 entries');
  await runAuditVerifyBench(1_000_000);
}
