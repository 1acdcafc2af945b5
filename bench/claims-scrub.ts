/**
 * Scrubbing throughput with NCCI PTP and MUE tables of real size (about 1.5 million practitioner PTP
 * pairs and 15,000 MUE rows). The real quarterly files are licensed downloads we do not ship, so the
 * tables are synthetic, in the official record shape, over a pool of 15,000 procedure codes.
 */
import { checkCoding, type CodeCatalog, createDemoCatalog, type MueLimit, type PtpEdit } from '@medbill/codes';
import { scrubClaim } from '@medbill/core';
import { seededRng } from '../packages/core/src/payer-sim/rng.ts';
import { cleanClaim } from '../packages/core/src/claims/claim-fixtures.test-util.ts';
import type { ContextLine } from '../packages/core/src/claims/claim-context.ts';

function rng(seed: number): () => number {
  const r = seededRng(seed);
  return () => r.next();
}

export function syntheticNcciCatalog(
  pairs = 1_500_000,
  mueRows = 15_000,
): { catalog: CodeCatalog; pool: string[]; buildMs: number } {
  const t0 = performance.now();
  const rand = rng(7);
  const pool = Array.from({ length: 15_000 }, (_, i) => String(10021 + i * 5).padStart(5, '0'));
  const catalog = createDemoCatalog();
  catalog.addCodes(
    { codeSet: 'cpt', releaseId: 'BENCH', effectiveFrom: '2020-01-01', source: 'synthetic' },
    pool.map((code) => ({ code, billable: true, shortTitle: `CPT ${code}`, longTitle: `CPT ${code}` })),
  );
  const edits: PtpEdit[] = new Array(pairs);
  for (let i = 0; i < pairs; i++) {
    edits[i] = {
      column1: pool[Math.floor(rand() * pool.length)],
      column2: pool[Math.floor(rand() * pool.length)],
      priorTo1996: false,
      effectiveFrom: '2020-01-01',
      modifierIndicator: rand() < 0.9 ? '1' : '0',
      rationale: 'Standards of medical / surgical practice',
    };
  }
  catalog.addRelease(
    { codeSet: 'ncci_ptp', releaseId: 'BENCH', effectiveFrom: '2020-01-01' },
    { kind: 'ncci_ptp', edits },
  );
  const limits: MueLimit[] = pool
    .slice(0, Math.min(mueRows, pool.length))
    .map((code) => ({ code, maxUnits: 1 + Math.floor(rand() * 4), adjudication: '2', rationale: 'Clinical' }));
  catalog.addRelease({ codeSet: 'mue', releaseId: 'BENCH', effectiveFrom: '2020-01-01' }, { kind: 'mue', limits });
  return { catalog, pool, buildMs: performance.now() - t0 };
}

export async function runScrubBench(totalLines = 1_000_000, log = (s: string) => console.log(s)) {
  const { catalog, pool, buildMs } = syntheticNcciCatalog();
  log(
    `NCCI tables: 1,500,000 PTP pairs + ${pool.length.toLocaleString()} MUE rows loaded in ${(buildMs / 1000).toFixed(1)} s`,
  );
  const rand = rng(11);
  const base = cleanClaim();
  const dx = ['E119', 'I10', 'M1711', 'J069', 'R079', 'Z0000', 'G43909', 'F411'];
  const coding = (input: Parameters<typeof checkCoding>[0]) => checkCoding(input, catalog);
  let lines = 0;
  let edits = 0;
  let clean = 0;
  const t0 = performance.now();
  while (lines < totalLines) {
    const n = 1 + Math.floor(rand() * 6);
    const claimLines: ContextLine[] = Array.from({ length: n }, (_, i) => ({
      lineNumber: i + 1,
      procedureCode: pool[Math.floor(rand() * pool.length)],
      modifiers: rand() < 0.2 ? ['59'] : [],
      units: 1 + Math.floor(rand() * 3),
      chargeCents: 5000 + Math.floor(rand() * 20000),
      diagnosisPointers: [1],
      serviceDate: base.serviceDateFrom,
    }));
    const r = scrubClaim(
      { ...base, claimNumber: `B${lines}`, diagnoses: [dx[Math.floor(rand() * dx.length)], 'I10'], lines: claimLines },
      { today: '2026-11-23', coding },
    );
    edits += r.edits.length;
    if (r.clean) clean++;
    lines += n;
  }
  const ms = performance.now() - t0;
  const result = {
    lines,
    seconds: ms / 1000,
    linesPerSecond: Math.round(lines / (ms / 1000)),
    editsFound: edits,
    cleanClaims: clean,
    heapMB: Math.round(process.memoryUsage().heapUsed / 1e6),
  };
  log(
    `scrubbed ${lines.toLocaleString()} service lines in ${result.seconds.toFixed(1)} s: ${result.linesPerSecond.toLocaleString()} lines/s (${edits.toLocaleString()} edits, goal: 1,000,000 lines < 60 s)`,
  );
  return result;
}

if (process.argv[1]?.endsWith('claims-scrub.ts')) {
  const at = process.argv.indexOf('--lines');
  await runScrubBench(at > 0 ? Number(process.argv[at + 1]) : 1_000_000);
}
