/**
 * read837File against recorded output: every field of the claim model, every issue (code, severity, message,
 * location) and the delimiters, for each public 837P/837I sample and for files built from the full fixtures,
 * hashed in canonical JSON and compared with the hashes recorded before the reader was made faster
 * (read-837-golden.json). The reader's speed work must change none of them.
 * A deliberate change of the read model re-records them: `X12_GOLDEN_WRITE=1 npx vitest run <this file>`, then
 * review the diff of read-837-golden.json with the change that explains it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { interchangeSegments } from '../../syntax/envelope-writer.ts';
import { DEFAULT_DELIMITERS, type Delimiters } from '../../syntax/types.ts';
import { writeSegments } from '../../syntax/writer.ts';
import { canonical, readSample, sampleFiles, samples } from '../common/samples.test-util.ts';
import { build837 } from './build-837.ts';
import type { ClaimFile837, SubscriberLoop } from './claim-model.ts';
import { fullInstitutionalFile, fullProfessionalFile } from './claim-full.test-util.ts';
import { officeVisit, professionalFile } from './claim-fixtures.test-util.ts';
import { read837File } from './read-837-file.ts';

const GOLDEN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'read-837-golden.json');
const WRITE = process.env.X12_GOLDEN_WRITE === '1';
const recorded: Record<string, string> = fs.existsSync(GOLDEN) ? JSON.parse(fs.readFileSync(GOLDEN, 'utf8')) : {};

function digest(text: string, file: string): string {
  return createHash('sha256')
    .update(canonical(read837File(text, { file })))
    .digest('hex');
}

function interchange(f: ClaimFile837, version: string, d: Delimiters = DEFAULT_DELIMITERS): string {
  const body = build837(f, { delimiters: d }).slice(1, -1);
  return writeSegments(
    interchangeSegments(
      {
        sender: 'CLINIC',
        receiver: 'PAYER',
        controlNumber: '7',
        date: '20260115',
        time: '1200',
        usage: 'T',
        groups: [
          {
            functionalId: 'HC',
            appSender: 'CLINIC',
            appReceiver: 'PAYER',
            controlNumber: '7',
            version,
            transactions: [{ controlNumber: '0001', body }],
          },
        ],
      },
      d,
    ),
    d,
    { lineBreak: true },
  );
}

/** Every subscriber loop three times, the copies changed a little (shared and unshared values both read). */
function repeated(f: ClaimFile837): ClaimFile837 {
  for (const bp of f.billingProviders) {
    bp.subscribers = [0, 1, 2].flatMap((n) =>
      bp.subscribers.map((s): SubscriberLoop => {
        const copy = structuredClone(s);
        if (n === 2) copy.subscriber.name.lastName = `${copy.subscriber.name.lastName}${n}`;
        for (const c of [...copy.claims, ...copy.patients.flatMap((p) => p.claims)]) c.id = `${c.id}-${n}`;
        return copy;
      }),
    );
  }
  return f;
}

/** A batch shaped like the benchmark's: one claim per subscriber, names, ids, dates and codes varying. */
function batch(claims: number): ClaimFile837 {
  const pf = professionalFile();
  const base = pf.billingProviders[0]!.subscribers[0]!;
  const dx = ['J069', 'R05', 'E119', 'I10', 'M545'];
  pf.billingProviders[0]!.subscribers = Array.from({ length: claims }, (_, i) => {
    const c = officeVisit(`B-${i}`);
    c.dates = [{ qualifier: '431', value: `202512${String(1 + (i % 28)).padStart(2, '0')}` }];
    c.healthInfo = [
      { qualifier: 'ABK', code: dx[i % 5]! },
      { qualifier: 'ABF', code: dx[(i + 2) % 5]! },
    ];
    c.lines.forEach((l, n) => {
      l.dates = [{ qualifier: '472', value: `202601${String(1 + (i % 9)).padStart(2, '0')}` }];
      l.controlNumber = `L${i}-${n}`;
    });
    const sub = structuredClone(base);
    sub.subscriber.name.lastName = `PATIENT${i % 7}`;
    sub.subscriber.name.id = `M${i}`;
    return { ...sub, claims: [c], patients: [] };
  });
  return pf;
}

const BUILT: Array<[name: string, text: () => string]> = [
  ['built/full-professional', () => interchange(repeated(fullProfessionalFile()), '005010X222A1')],
  ['built/full-institutional', () => interchange(repeated(fullInstitutionalFile()), '005010X223A2')],
  [
    'built/full-professional-other-separators',
    () =>
      interchange(repeated(fullProfessionalFile()), '005010X222A1', {
        element: '|',
        component: '>',
        repetition: '{',
        segment: "'",
      }),
  ],
  ['built/batch-300', () => interchange(batch(300), '005010X222A1')],
  ['built/batch-unnamed-guide', () => interchange(batch(20), '005010')],
];

function check(name: string, text: string): void {
  const got = digest(text, name);
  if (WRITE) {
    recorded[name] = got;
    return;
  }
  expect(recorded[name], `${name}: no recorded output`).toBeDefined();
  expect(got, `${name}: read837File output differs from the recorded one`).toBe(recorded[name]);
}

describe('read837File reads every field as recorded', () => {
  it('built files (full fixtures, a benchmark-shaped batch, other separators)', () => {
    for (const [name, text] of BUILT) check(name, text());
  });

  for (const folder of ['837p', '837i']) {
    it.skipIf(!samples.present)(samples.title(`every public ${folder} sample`), () => {
      const files = sampleFiles(folder);
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) check(`${folder}/${f}`, readSample(folder, f));
    });
  }

  afterAll(() => {
    if (WRITE) fs.writeFileSync(GOLDEN, `${JSON.stringify(recorded, Object.keys(recorded).sort(), 2)}\n`);
  });
});
