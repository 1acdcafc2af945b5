/**
 * 837P part of the x12 benchmark: build 20,000 claims with the 837 builder (timed here), write the file, then
 * read it in fresh processes (bench/x12-runner.ts, median of `runs`): our one-pass reader from a file stream,
 * the general whole-file path, and the naive split baseline.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeSegments } from '../packages/x12/src/syntax/writer.ts';
import { interchangeSegments } from '../packages/x12/src/syntax/envelope-writer.ts';
import { DEFAULT_DELIMITERS } from '../packages/x12/src/syntax/types.ts';
import { build837 } from '../packages/x12/src/transactions/837/build-837.ts';
import { professionalFile, officeVisit } from '../packages/x12/src/transactions/837/claim-fixtures.test-util.ts';

export interface Bench837Read {
  reader: string;
  ms: number;
  cpuMs: number;
  peakRssMB: number;
  claims: number;
  issues: number;
}

export interface Bench837Result {
  claims: number;
  bytes: number;
  buildClaimsPerSec: number;
  reads: Bench837Read[];
}

type RunOnce = (
  lib: string,
  file: string,
) => { ms: number; cpuMs: number; maxRssMB: number; claims: number; issues: number };

const READERS: Array<[lib: string, label: string]> = [
  ['837-stream', 'medbill read837Stream (one pass from the file: typed claims, envelopes, guide checks)'],
  ['837-whole', 'medbill parseX12File (whole text → segments → envelopes → read837)'],
  ['naive', 'naive split on ~ and * (baseline)'],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The 837P text of `claims` office visits, one claim per subscriber loop as in real batches, and build speed. */
function buildText(claims: number): { text: string; buildClaimsPerSec: number } {
  const pf = professionalFile();
  const sub = pf.billingProviders[0]!.subscribers[0]!;
  pf.billingProviders[0]!.subscribers = Array.from({ length: claims }, (_, i) => ({
    ...sub,
    claims: [officeVisit(`BENCH-${i}`)],
    patients: [],
  }));
  const t0 = performance.now();
  const body = build837(pf);
  const text = writeSegments(
    interchangeSegments(
      {
        sender: 'BENCHCLINIC',
        receiver: 'BENCHPAYER',
        controlNumber: '2',
        date: '20260115',
        time: '1200',
        usage: 'T',
        groups: [
          {
            functionalId: 'HC',
            appSender: 'BENCHCLINIC',
            appReceiver: 'BENCHPAYER',
            controlNumber: '2',
            version: '005010X222A1',
            transactions: [{ controlNumber: '0001', body: body.slice(1, -1) }],
          },
        ],
      },
      DEFAULT_DELIMITERS,
    ),
    DEFAULT_DELIMITERS,
    { lineBreak: true },
  );
  return { text, buildClaimsPerSec: claims / ((performance.now() - t0) / 1000) };
}

export function bench837(dir: string, runOnce: RunOnce, runs: number, claims = 20_000): Bench837Result {
  const { text, buildClaimsPerSec } = buildText(claims);
  const file = path.join(dir, 'claims-20k.837');
  fs.writeFileSync(file, text);
  const reads = READERS.map(([lib, reader]) => {
    const rs = Array.from({ length: runs }, () => runOnce(lib, file));
    return {
      reader,
      ms: median(rs.map((r) => r.ms)),
      cpuMs: median(rs.map((r) => r.cpuMs)),
      peakRssMB: median(rs.map((r) => r.maxRssMB)),
      claims: rs[0]!.claims,
      issues: rs[0]!.issues,
    };
  });
  fs.rmSync(file);
  return { claims, bytes: text.length, buildClaimsPerSec, reads };
}

export function table837(r: Bench837Result): string {
  const fmt = (n: number, d = 2) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  return [
    `837P: ${r.claims.toLocaleString('en-US')} claims, ${(r.bytes / 1e6).toFixed(1)} MB; build ${Math.round(r.buildClaimsPerSec).toLocaleString('en-US')} claims/s; read (fresh process each, median; file read included):`,
    '',
    '| reader | wall s | CPU s | claims/s (wall) | peak RSS MB | claims | issues |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...r.reads.map(
      (x) =>
        `| ${x.reader} | ${fmt(x.ms / 1000)} | ${fmt(x.cpuMs / 1000)} | ${Math.round(x.claims / (x.ms / 1000)).toLocaleString('en-US')} | ${Math.round(x.peakRssMB)} | ${x.claims.toLocaleString('en-US')} | ${x.issues} |`,
    ),
  ].join('\n');
}
