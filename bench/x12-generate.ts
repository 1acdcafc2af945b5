/** Synthetic, balanced X12 files for the x12 benchmark (written in 1 MB pieces: memory stays flat). */
import fs from 'node:fs';
import { seededRng } from '../packages/core/src/payer-sim/rng.ts';

const ISA_835 =
  'ISA*00*          *00*          *ZZ*BENCHPAYER     *ZZ*BENCHCLINIC    *260115*1200*^*00501*000000001*0*T*:~\n';

function mulberry32(seed: number): () => number {
  const rng = seededRng(seed);
  return () => rng.next();
}

const money = (cents: number) => (cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2));

interface ClaimText {
  text: string;
  segments: number;
  paid: number;
}

/** One 2100 loop (CLP, CAS, NM1, DTM, 1-2 × 2110 with DTM, CAS, REF, AMT, LQ), balanced. */
function claim(i: number, rnd: () => number): ClaimText {
  const lines = 1 + (i % 2);
  let charge = 0;
  let linePaid = 0;
  let body = '';
  let segments = 0;
  for (let l = 0; l < lines; l++) {
    const c = 5000 + Math.floor(rnd() * 450) * 100;
    const co = Math.round(c * 0.2);
    const pr = l === 0 ? 1000 : 0;
    const p = c - co - pr;
    charge += c;
    linePaid += p;
    body += `SVC*HC:${l === 0 ? '99213:25' : '87880'}*${money(c)}*${money(p)}**1~\nDTM*472*20260${1 + (i % 9)}15~\n`;
    body += pr ? `CAS*CO*45*${money(co)}*1*253*0~\nCAS*PR*2*${money(pr)}~\n` : `CAS*CO*45*${money(co)}~\n`;
    body += `REF*6R*L${i}-${l}~\nAMT*B6*${money(c - co)}~\nLQ*HE*N130~\n`;
    segments += pr ? 7 : 6;
  }
  const claimAdj = i % 3 === 0 ? 500 : 0;
  const paid = linePaid - claimAdj;
  let head = `CLP*PCN${i}*1*${money(charge)}*${money(paid)}*10*12*ICN${String(i).padStart(12, '0')}*11*1~\n`;
  segments++;
  if (claimAdj) {
    head += `CAS*OA*23*${money(claimAdj)}~\n`;
    segments++;
  }
  head += `NM1*QC*1*DOE${i % 997}*JANE****MI*W${String(i).padStart(9, '0')}~\nDTM*232*20260101~\n`;
  segments += 2;
  return { text: head + body, segments, paid };
}

/**
 * Write a balanced 835 with `claims` claim loops to `file`; returns its size. Two passes over the
 * same seeded generator: the first sums the payment for BPR02, the second writes.
 */
export function write835(file: string, claims: number): { bytes: number; claims: number } {
  let total = 0;
  const rnd1 = mulberry32(42);
  for (let i = 0; i < claims; i++) total += claim(i, rnd1).paid;
  const plb = 1234;
  const fd = fs.openSync(file, 'w');
  let buf = `${ISA_835}GS*HP*BENCHPAYER*BENCHCLINIC*20260115*1200*1*X*005010X221A1~\n`;
  const header = [
    'ST*835*0001~',
    `BPR*I*${money(total - plb)}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*888888888*DA*654321*20260115~`,
    'TRN*1*EFT0000001*1512345678~',
    'DTM*405*20260114~',
    'N1*PR*BENCH HEALTH PLAN~',
    'N3*1 MAIN ST~',
    'N4*SPRINGFIELD*IL*62701~',
    'PER*BL*PROVIDER SERVICES*TE*8005551212~',
    'N1*PE*BENCH CLINIC*XX*1234567893~',
    'REF*TJ*370000001~',
  ];
  buf += `${header.join('\n')}\n`;
  let segments = header.length;
  let bytes = 0;
  const rnd = mulberry32(42);
  for (let i = 0; i < claims; i++) {
    if (i % 1000 === 0) {
      buf += `LX*${i / 1000 + 1}~\n`;
      segments++;
    }
    const c = claim(i, rnd);
    buf += c.text;
    segments += c.segments;
    if (buf.length > 1 << 20) {
      bytes += fs.writeSync(fd, buf);
      buf = '';
    }
  }
  buf += `PLB*1234567893*20261231*WO:OLDICN*${money(plb)}~\n`;
  segments += 2;
  buf += `SE*${segments}*0001~\nGE*1*1~\nIEA*1*000000001~\n`;
  bytes += fs.writeSync(fd, buf);
  fs.closeSync(fd);
  return { bytes, claims };
}

/** Plain 837P text with `claims` claims (used when the 837 builder is not available). */
export function text837(claims: number): string {
  const parts = [
    'ISA*00*          *00*          *ZZ*BENCHCLINIC    *ZZ*BENCHPAYER     *260115*1200*^*00501*000000002*0*T*:~',
    'GS*HC*BENCHCLINIC*BENCHPAYER*20260115*1200*2*X*005010X222A1~',
    'ST*837*0001*005010X222A1~',
    'BHT*0019*00*BATCH1*20260115*1200*CH~',
    'NM1*41*2*BENCH CLINIC*****46*BC01~',
    'PER*IC*EDI*TE*2175550100~',
    'NM1*40*2*BENCH PAYER*****46*BP01~',
    'HL*1**20*1~',
    'NM1*85*2*BENCH CLINIC*****XX*1234567893~',
    'N3*100 MAIN ST~',
    'N4*SPRINGFIELD*IL*627010000~',
    'REF*EI*371234567~',
  ];
  let count = parts.length - 2;
  for (let i = 0; i < claims; i++) {
    const seg = [
      `HL*${i + 2}*1*22*0~`,
      'SBR*P*18*G55****CI~',
      `NM1*IL*1*DOE${i % 997}*JOHN****MI*W${i}~`,
      'N3*12 ELM ST~',
      'N4*SPRINGFIELD*IL*62704~',
      'DMG*D8*19800214*M~',
      'NM1*PR*2*BENCH PAYER*****PI*BP01~',
      `CLM*C${i}*250***11:B:1*Y*A*Y*Y~`,
      'HI*ABK:J069*ABF:R05~',
      'LX*1~',
      'SV1*HC:99213:25*150*UN*1***1:2~',
      'DTP*472*D8*20260110~',
      'LX*2~',
      'SV1*HC:87880*100*UN*1***1~',
      'DTP*472*D8*20260110~',
    ];
    count += seg.length;
    parts.push(...seg);
  }
  parts.push(`SE*${count + 1}*0001~`, 'GE*1*2~', 'IEA*1*000000002~');
  return `${parts.join('\n')}\n`;
}
