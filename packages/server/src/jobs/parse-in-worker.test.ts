/** The parse worker thread gives the same 835 model as reading it in place, taken in by chunks with progress. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testData } from '../../../../test-data.ts';
import { read835File } from '../remittance/read-835-file.ts';
import { read835InWorker } from './parse-in-worker.ts';

const samples835 = testData('x12-samples/835');
const SAMPLES = samples835.path;
const haveSamples = samples835.present;

/** A balanced 835 with `n` claims in one remittance (every 250 claims a message from the worker). */
function remit(n: number): string {
  const claims = Array.from(
    { length: n },
    (_, i) =>
      `CLP*PCN${i}*1*100*80**12*ICN${i}~CAS*CO*45*20~NM1*QC*1*DOE*JANE****MI*W${i}~SVC*HC:99213*100*80**1~DTM*472*20260115~CAS*CO*45*20~`,
  ).join('');
  const total = (n * 80).toFixed(2);
  const body = `BPR*I*${total}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999999999*DA*654321*20260120~TRN*1*T${n}*1512345678~DTM*405*20260120~N1*PR*PAYER~N3*1 ST~N4*AUSTIN*TX*78701~PER*BL*X*TE*5125550100~N1*PE*CLINIC*XX*1234567893~LX*1~${claims}`;
  const st = `ST*835*0001~${body}`;
  const segs = st.split('~').filter(Boolean).length + 1;
  return `ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC         *260120*1200*^*00501*000000001*0*P*:~GS*HP*PAYER*CLINIC*20260120*1200*1*X*005010X221A1~${st}SE*${segs}*0001~GE*1*1~IEA*1*000000001~`;
}

describe('reading an 835 on the parse worker', () => {
  it('gives the model reading it in place gives, claims taken in by chunks with progress', async () => {
    const text = remit(1200);
    const progress: number[] = [];
    const got = await read835InWorker(text, 'big.835', (p) => progress.push(p.done));
    expect(got).toEqual(read835File(text, 'big.835'));
    expect(got.remittances[0].remit.headers[0].claims).toHaveLength(1200);
    expect(progress).toEqual([250, 500, 750, 1000, 1200]);
  }, 120_000);

  it.skipIf(!haveSamples)(
    samples835.title('agrees with the in-place reader on every sample 835, issues included'),
    async () => {
      for (const f of fs.readdirSync(SAMPLES)) {
        const text = fs.readFileSync(path.join(SAMPLES, f), 'utf8');
        expect(await read835InWorker(text, f), f).toEqual(read835File(text, f));
      }
    },
    120_000,
  );
});
