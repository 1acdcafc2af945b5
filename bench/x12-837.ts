/**
 * 837P part of the x12 benchmark: build 20,000 claims with the 837 builder (timed here, both ways: streamed into the
 * text, and build837's segments then writeSegments), write the file, then read it in fresh processes
 * (bench/x12-runner.ts, median of `runs`): our one-pass reader from a file stream and from a string, the general
 * whole-file path, and the naive split baseline.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeSegments } from '../packages/x12/src/syntax/writer.ts';
import {
  buildInterchange,
  interchangeSegments,
  type InterchangeSpec,
} from '../packages/x12/src/syntax/envelope-writer.ts';
import { DEFAULT_DELIMITERS } from '../packages/x12/src/syntax/types.ts';
import { build837, write837Body } from '../packages/x12/src/transactions/837/build-837.ts';
import type { ClaimFile837 } from '../packages/x12/src/transactions/837/claim-model.ts';
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
  /** streamed build (buildInterchange with write837Body): first run and median of BUILD_RUNS in one process */
  buildClaimsPerSec: number;
  buildFirstClaimsPerSec: number;
  /** build837 → Segment[] → writeSegments, median of BUILD_RUNS */
  buildSegmentsClaimsPerSec: number;
  reads: Bench837Read[];
}

const BUILD_RUNS = 3;

type RunOnce = (
  lib: string,
  file: string,
) => { ms: number; cpuMs: number; maxRssMB: number; claims: number; issues: number };

const READERS: Array<[lib: string, label: string]> = [
  ['837-stream', 'medbill read837Stream (one pass from the file: typed claims, envelopes, guide checks)'],
  ['837-file', 'medbill read837File (the same, the file read into a string first)'],
  ['837-whole', 'medbill parseX12File (whole text → segments → envelopes → read837)'],
  ['naive', 'naive split on ~ and * (baseline)'],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** `claims` office visits, one claim per subscriber loop as in real batches. */
function claimFile(claims: number): ClaimFile837 {
  const pf = professionalFile();
  const sub = pf.billingProviders[0]!.subscribers[0]!;
  pf.billingProviders[0]!.subscribers = Array.from({ length: claims }, (_, i) => ({
    ...sub,
    claims: [officeVisit(`BENCH-${i}`)],
    patients: [],
  }));
  return pf;
}

function envelope(body: InterchangeSpec['groups'][number]['transactions'][number]['body']): InterchangeSpec {
  return {
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
        transactions: [{ controlNumber: '0001', body }],
      },
    ],
  };
}

/** Seconds a build takes, and its text. */
function timed(build: () => string): { s: number; text: string } {
  const t0 = performance.now();
  const text = build();
  return { s: (performance.now() - t0) / 1000, text };
}

/** The 837P text and build speeds: streamed (as core's render837Interchange does) and through build837's segments. */
function buildText(claims: number): {
  text: string;
  buildClaimsPerSec: number;
  buildFirstClaimsPerSec: number;
  buildSegmentsClaimsPerSec: number;
} {
  const file = claimFile(claims);
  const streamed = () =>
    buildInterchange(
      envelope((out) => write837Body(file, out)),
      DEFAULT_DELIMITERS,
      { lineBreak: true },
    );
  const viaSegments = () =>
    writeSegments(interchangeSegments(envelope(build837(file).slice(1, -1)), DEFAULT_DELIMITERS), DEFAULT_DELIMITERS, {
      lineBreak: true,
    });
  const runs = Array.from({ length: BUILD_RUNS }, () => timed(streamed));
  const seg = Array.from({ length: BUILD_RUNS }, () => timed(viaSegments));
  if (seg[0]!.text !== runs[0]!.text) throw new Error('the streamed and the segment-array 837 texts differ');
  return {
    text: runs[0]!.text,
    buildFirstClaimsPerSec: claims / runs[0]!.s,
    buildClaimsPerSec: claims / median(runs.map((r) => r.s)),
    buildSegmentsClaimsPerSec: claims / median(seg.map((r) => r.s)),
  };
}

export function bench837(dir: string, runOnce: RunOnce, runs: number, claims = 20_000): Bench837Result {
  const { text, ...build } = buildText(claims);
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
  return { claims, bytes: text.length, ...build, reads };
}

export function table837(r: Bench837Result): string {
  const whole = (x: number) => Math.round(x).toLocaleString('en-US');
  const fmt = (n: number, d = 2) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  return [
    `837P: ${r.claims.toLocaleString('en-US')} claims, ${(r.bytes / 1e6).toFixed(1)} MB; build (model → text) ${whole(r.buildClaimsPerSec)} claims/s streamed (median of ${BUILD_RUNS} in one process; first run ${whole(r.buildFirstClaimsPerSec)}), ${whole(r.buildSegmentsClaimsPerSec)} claims/s through build837's segments; read (fresh process each, median; file read included):`,
    '',
    '| reader | wall s | CPU s | claims/s (wall) | peak RSS MB | claims | issues |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...r.reads.map(
      (x) =>
        `| ${x.reader} | ${fmt(x.ms / 1000)} | ${fmt(x.cpuMs / 1000)} | ${Math.round(x.claims / (x.ms / 1000)).toLocaleString('en-US')} | ${Math.round(x.peakRssMB)} | ${x.claims.toLocaleString('en-US')} | ${x.issues} |`,
    ),
  ].join('\n');
}
