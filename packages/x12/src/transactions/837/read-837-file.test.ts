import { describe, expect, it } from 'vitest';
import { parseX12File } from '../../parse-file.ts';
import { writeSegments } from '../../syntax/writer.ts';
import { interchangeSegments } from '../../syntax/envelope-writer.ts';
import { DEFAULT_DELIMITERS, type X12Issue } from '../../syntax/types.ts';
import { build837 } from './build-837.ts';
import { institutionalFile, professionalFile, officeVisit } from './claim-fixtures.test-util.ts';
import { read837File, read837Stream } from './read-837-file.ts';
import { expectSame, hasSamples, readSample, sampleFiles, samples } from '../common/samples.test-util.ts';

/** Issues compared as a multiset: the one-pass reader may list them in another order. */
const issueKeys = (issues: readonly X12Issue[]) =>
  issues
    .map((i) => `${i.code}@${i.location.segmentIndex ?? '-'}:${i.location.element ?? '-'}:${i.location.loop ?? '-'}`)
    .sort();

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function expectSameAsParseFile(text: string, file: string): void {
  const whole = parseX12File(text, { file });
  const onePass = read837File(text, { file });
  expect(onePass.transactions.map((t) => t.controlNumber)).toEqual(whole.transactions.map((t) => t.controlNumber));
  onePass.transactions.forEach((t, i) => {
    expectSame(t.value, whole.transactions[i]!.value);
  });
  expect(issueKeys(onePass.issues)).toEqual(issueKeys(whole.issues));
  for (const i of onePass.issues) expect(i.location.file).toBe(file);
}

function fileOf(claims: number, version = '005010X222A1'): string {
  const pf = professionalFile();
  const sub = pf.billingProviders[0]!.subscribers[0]!;
  pf.billingProviders[0]!.subscribers = Array.from({ length: claims }, (_, i) => ({
    ...sub,
    claims: [officeVisit(`C-${i}`)],
    patients: [],
  }));
  return interchangeOf(build837(pf), version);
}

function interchangeOf(body: ReturnType<typeof build837>, version: string): string {
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
            transactions: [{ controlNumber: '0001', body: body.slice(1, -1) }],
          },
        ],
      },
      DEFAULT_DELIMITERS,
    ),
    DEFAULT_DELIMITERS,
    { lineBreak: true },
  );
}

describe('read837File (one pass over the file)', () => {
  for (const folder of ['837p', '837i']) {
    it.skipIf(!hasSamples)(
      samples.title(`reads every ${folder} sample exactly as parseX12File does, issues included`),
      () => {
        const files = sampleFiles(folder);
        expect(files.length).toBeGreaterThan(0);
        for (const f of files) expectSameAsParseFile(readSample(folder, f), f);
      },
    );
  }

  it('reads a 3,000-claim file (more than one scan slice) equal to the whole-file reader', () => {
    const text = fileOf(3000);
    expect(text.length).toBeGreaterThan(1 << 19);
    expectSameAsParseFile(text, 'big.837');
    expect(read837File(text).transactions[0]!.value.billingProviders[0]!.subscribers).toHaveLength(3000);
  });

  it('streams the same result for any chunking, chunks ending on the terminator, CR or LF included', async () => {
    const text = fileOf(40).replace(/\n/g, '\r\n');
    const want = read837File(text);
    const cuts = [1, 7, 65536, text.indexOf('~') + 1, text.indexOf('\r') + 1, text.indexOf('\n') + 1];
    for (const size of cuts) {
      const got = await read837Stream(chunks(text, size));
      expectSame(got.transactions, want.transactions);
      expect(issueKeys(got.issues)).toEqual(issueKeys(want.issues));
    }
    const bytes = new TextEncoder().encode(text);
    const byteChunks = [bytes.subarray(0, 1001), bytes.subarray(1001)];
    expectSame((await read837Stream(byteChunks)).transactions, want.transactions);
  });

  it('a file cut short reports the missing trailers where the transaction starts, and keeps the claims read', () => {
    const text = fileOf(5);
    const cut = text.slice(0, text.lastIndexOf('CLM*'));
    const r = read837File(cut, { file: 'cut.837' });
    const codes = r.issues.map((i) => i.code);
    expect(codes).toContain('REQUIRED_SEGMENT_MISSING');
    expect(codes).toContain('SE_MISSING');
    const seMissing = r.issues.find((i) => i.message === 'SE trailer is missing')!;
    expect(seMissing.location).toMatchObject({ file: 'cut.837', segmentId: 'ST', segmentIndex: 3 });
    expect(r.transactions[0]!.value.billingProviders[0]!.subscribers.filter((s) => s.claims.length > 0)).toHaveLength(
      4,
    );
  });

  it('tells 837I from the segments when neither ST03 nor GS08 names the guide', () => {
    const inst = interchangeOf(build837(institutionalFile()), '005010X223A2');
    const unnamed = inst.replace(/005010X223A2/g, '005010');
    const r = read837File(unnamed);
    expect(r.transactions[0]!.value.kind).toBe('institutional');
    expectSame(r.transactions[0]!.value.billingProviders, read837File(inst).transactions[0]!.value.billingProviders);
  });

  it('never throws on noise and names the problem', () => {
    const r = read837File('ISA*00*garbage~\u0000\u0001binary');
    expect(r.transactions).toEqual([]);
    expect(r.issues.length).toBeGreaterThan(0);
    expect(r.issues[0]!.location.offset).toBeDefined();
  });
});
