import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { testData } from '../../../../../test-data.ts';
import { readEnvelopes } from '../../syntax/envelope.ts';
import { tokenize } from '../../syntax/tokenizer.ts';
import { DEFAULT_DELIMITERS, type Segment } from '../../syntax/types.ts';
import { read835 } from './read-835.ts';
import { read835Text } from './read-835-text.ts';

const samples = testData('x12-samples');

/** What read835Text must give: tokenize + readEnvelopes + read835 per transaction, every segment held at once. */
function wholeFile(text: string, file: string) {
  const tokens = tokenize(text, { file });
  const env = readEnvelopes(tokens.segments, { file });
  const first = tokens.delimiters ?? DEFAULT_DELIMITERS;
  let index = 0;
  const transactions = env.interchanges.flatMap((ic) => {
    const isa16 = ic.isa.elements[15] ?? '';
    const component = isa16.length === 1 ? isa16 : first.component;
    return ic.groups.flatMap((g) =>
      g.transactions.map((t) => {
        index++;
        const delimiters = { ...first, component };
        const read = t.st01 === '835' ? read835(t.segments, { file, delimiters }) : undefined;
        return {
          index,
          st01: t.st01,
          controlNumber: t.controlNumber,
          delimiters,
          remit: read?.value,
          issues: read?.issues ?? [],
          ids: t.st01 === '835' ? t.segments.map((s) => s.id).join(' ') : undefined,
        };
      }),
    );
  });
  return { issues: [...tokens.issues, ...env.issues], transactions };
}

function oneByOne(text: string, file: string) {
  const r = read835Text(text, {
    file,
    segments: () => {
      const ids: string[] = [];
      return { ids, push: (s: Segment) => ids.push(s.id) };
    },
  });
  return {
    issues: r.issues,
    transactions: r.transactions.map(({ sink, ...t }) => ({ ...t, remit: t.remit, ids: sink?.ids.join(' ') })),
  };
}

function same(text: string, file: string) {
  expect(JSON.parse(JSON.stringify(oneByOne(text, file)))).toEqual(JSON.parse(JSON.stringify(wholeFile(text, file))));
}

const isa = (control: string, component: string) =>
  `ISA*00*${''.padEnd(10)}*00*${''.padEnd(10)}*ZZ*${'PAYER'.padEnd(15)}*ZZ*${'CLINIC'.padEnd(15)}*260115*1200*^*00501*${control}*0*P*${component}~`;
const SMALL = [
  isa('000000001', ':'),
  'GS*HP*PAYER*CLINIC*20260115*1200*1*X*005010X221A1~',
  'ST*835*0001~',
  'BPR*I*150*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*888888888*DA*654321*20260115~',
  'TRN*1*EFT1*1512345678~',
  'N1*PR*PLAN~',
  'N1*PE*CLINIC*XX*1234567893~',
  'LX*1~',
  'CLP*PCN1*1*200*150*10*12*ICN1*11*1~',
  'CAS*CO*45*40~',
  'NM1*QC*1*DOE*JANE****MI*W1~',
  'SVC*HC:99213:25*200*150**1~',
  'DTM*472*20260115~',
  'CAS*CO*45*40*1*PR*2*10~',
  'REF*6R*L1~',
  'SE*14*0001~',
  'ST*277*0002~',
  'BHT*0010*08*1*20260115*1200~',
  'SE*3*0002~',
  'GE*2*1~',
  'IEA*1*000000001~',
].join('\n');

describe('read835Text reads a file in one pass as tokenize + readEnvelopes + read835 do', () => {
  it('cut short anywhere, doubled, with another component separator, and after a stray ST outside any group', () => {
    for (let cut = 0; cut <= SMALL.length; cut += 7) same(SMALL.slice(0, cut), 'a');
    same(SMALL + SMALL.replace('000000001', '000000002'), 'b');
    same(`${SMALL}${SMALL.replace(isa('000000001', ':'), isa('000000003', '>')).replace(/:/g, '>')}`, 'c');
    same(`ST*835*9~BPR*I*1*C*ACH~SE*3*9~${SMALL}`, 'd');
    same(SMALL.replace(/GS\*/, 'XX*'), 'e');
    same(SMALL.replace('SE*14*0001~', ''), 'f');
    const r = read835Text(SMALL);
    expect(r.transactions.map((t) => [t.index, t.st01, t.remit?.headers[0]?.claims.length])).toEqual([
      [1, '835', 1],
      [2, '277', undefined],
    ]);
  });
});

describe.skipIf(!samples.present)(samples.title('read835Text on every X12 sample'), () => {
  const files = samples.present
    ? fs
        .readdirSync(samples.path, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .flatMap((d) => fs.readdirSync(path.join(samples.path, d.name)).map((f) => `${d.name}/${f}`))
    : [];
  it('finds the samples', () => expect(files.length).toBeGreaterThan(100));
  it('gives what reading every segment at once gives, whole, cut short and doubled', () => {
    for (const f of files) {
      const text = fs.readFileSync(path.join(samples.path, f), 'utf8');
      same(text, f);
      same(text.slice(0, Math.floor(text.length * 0.6)), f);
      same(text + text.replace(/SE\*/g, 'XX*'), f);
    }
  });
});

/** A balanced 835 of `claims` claims (one or two lines each, as the inbound bench writes), about 300 bytes a claim. */
function big835(claims: number): string {
  const $ = (c: number) => (c / 100).toFixed(2);
  const body: string[] = [];
  let total = 0;
  for (let i = 0; i < claims; i++) {
    if (i % 1000 === 0) body.push(`LX*${i / 1000 + 1}~`);
    const lines: string[] = [];
    let charge = 0;
    let paid = 0;
    for (let l = 0; l < 1 + (i % 2); l++) {
      const c = 5000 + ((i * 37 + l * 11) % 450) * 100;
      const co = Math.round(c * 0.2);
      const pr = l === 0 ? 1000 : 0;
      charge += c;
      paid += c - co - pr;
      lines.push(
        `SVC*HC:${l === 0 ? '99213:25' : '87880'}*${$(c)}*${$(c - co - pr)}**1~`,
        `DTM*472*20260${1 + (i % 9)}15~`,
      );
      lines.push(pr ? `CAS*CO*45*${$(co)}*1*253*0~CAS*PR*2*${$(pr)}~` : `CAS*CO*45*${$(co)}~`);
      lines.push(`REF*6R*L${i}-${l}~`, `AMT*B6*${$(c - co)}~`, 'LQ*HE*N130~');
    }
    total += paid;
    body.push(`CLP*PCN${i}*1*${$(charge)}*${$(paid)}*10*12*ICN${String(i).padStart(12, '0')}*11*1~`);
    body.push(`NM1*QC*1*DOE${i % 997}*JANE****MI*W${String(i).padStart(9, '0')}~`, 'DTM*232*20260101~', ...lines);
  }
  const tx = [
    'ST*835*0001~',
    `BPR*I*${$(total)}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*888888888*DA*654321*20260115~`,
    'TRN*1*EFT1*1512345678~',
    'N1*PR*PLAN~',
    'N1*PE*CLINIC*XX*1234567893~',
    ...body,
  ];
  // SE01 counts ST..SE (a CAS pair above is two segments in one string)
  tx.push(`SE*${tx.join('').split('~').length}*0001~`);
  return [
    isa('000000001', ':'),
    'GS*HP*PAYER*CLINIC*20260115*1200*1*X*005010X221A1~',
    ...tx,
    'GE*1*1~',
    'IEA*1*000000001~',
  ].join('\n');
}

describe('what reading an 835 holds (issue 8: a 50 MB file took 2.2 GB to post)', () => {
  it("keeps a 5 MB file's model in well under the 63 MB it took before lists were cut to their length", () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const text = big835(17_000);
    expect(text.length).toBeGreaterThan(4.5e6);
    gc();
    gc();
    const before = process.memoryUsage().heapUsed;
    const read = read835Text(text);
    gc();
    gc();
    const held = process.memoryUsage().heapUsed - before;
    expect(read.issues).toEqual([]);
    expect(read.transactions[0]?.issues).toEqual([]);
    expect(read.transactions[0]?.remit?.headers.reduce((t, h) => t + h.claims.length, 0)).toBe(17_000);
    // 42.5 MB measured (Node 20); 62.6 MB with every pushed list keeping 17 slots
    expect(held).toBeLessThan(52e6);
  });
});
