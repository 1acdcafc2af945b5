/** Test-only helpers (file system access lives here, never in the pure readers): samples and text round trips. */
import fs from 'node:fs';
import { expect } from 'vitest';
import path from 'node:path';
import { testData } from '../../../../../test-data.ts';
import {
  allTransactions,
  interchangeSegments,
  readEnvelopes,
  type TransactionEnvelope,
} from '../../syntax/envelope.ts';
import { tokenize } from '../../syntax/tokenizer.ts';
import { DEFAULT_DELIMITERS, type Delimiters, type Segment, type X12Issue } from '../../syntax/types.ts';
import { writeSegments } from '../../syntax/writer.ts';
import { toTransactionSpec, versionOf } from './transaction-spec.ts';

/** ../shared/data/x12-samples: `samples.title(name)` for a test or suite that needs it */
export const samples = testData('x12-samples');
export const samplesDir = samples.path;
export const hasSamples = samples.present;

/** Sample file names of one folder (e.g. '837p'), [] when the data folder is absent. */
export function sampleFiles(folder: string): string[] {
  const dir = path.join(samplesDir, folder);
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => !f.startsWith('.'))
        .sort()
    : [];
}

export function readSample(folder: string, file: string): string {
  return fs.readFileSync(path.join(samplesDir, folder, file), 'utf8');
}

export interface ManifestRow {
  file: string;
  folder: string;
  nTransactions: number;
  nClm: number;
  notes: string;
}

/** MANIFEST.csv rows by "folder/file". */
export function manifest(): Map<string, ManifestRow> {
  const out = new Map<string, ManifestRow>();
  if (!hasSamples) return out;
  for (const line of fs.readFileSync(path.join(samplesDir, 'MANIFEST.csv'), 'utf8').split('\n').slice(1)) {
    const cells = [...line.matchAll(/("([^"]*)"|[^,]*)(,|$)/g)].map((m) => m[2] ?? m[1] ?? '');
    if (!cells[0]) continue;
    out.set(cells[0], {
      file: cells[0],
      folder: cells[1] ?? '',
      nTransactions: Number(cells[7]),
      nClm: Number(cells[8]),
      notes: cells[17] ?? '',
    });
  }
  return out;
}

export interface ParsedText {
  delimiters: Delimiters;
  transactions: TransactionEnvelope[];
  /** tokenizer and envelope issues (syntax layer) */
  syntaxIssues: X12Issue[];
}

export function parseText(text: string, file?: string): ParsedText {
  const t = tokenize(text, { file });
  const env = readEnvelopes(t.segments, { file });
  return {
    delimiters: t.delimiters ?? DEFAULT_DELIMITERS,
    transactions: allTransactions(env),
    syntaxIssues: [...t.issues, ...env.issues],
  };
}

/** One ST..SE transaction wrapped in a test interchange and written as text. */
export function transactionText(stToSe: Segment[], functionalId: string, d: Delimiters = DEFAULT_DELIMITERS): string {
  const segs = interchangeSegments(
    {
      sender: 'SENDER',
      receiver: 'RECEIVER',
      controlNumber: '1',
      date: '20260101',
      time: '1200',
      usage: 'T',
      groups: [
        {
          functionalId,
          appSender: 'S',
          appReceiver: 'R',
          controlNumber: '1',
          version: versionOf(stToSe),
          transactions: [toTransactionSpec(stToSe)],
        },
      ],
    },
    d,
  );
  return writeSegments(segs, d, { lineBreak: true });
}

/** JSON with sorted keys and undefined members dropped: equal for values `toEqual` finds equal (plain data only). */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Fast deep equality for big read/built objects; falls back to `toEqual` (with its diff) when they differ. */
export function expectSame(actual: unknown, expected: unknown): void {
  if (canonical(actual) !== canonical(expected)) expect(actual).toEqual(expected);
}
