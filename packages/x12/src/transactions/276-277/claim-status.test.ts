import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIMITERS } from '../../syntax/types.ts';
import { writeSegments } from '../../syntax/writer.ts';
import { parseText, transactionText } from '../common/samples.test-util.ts';
import { sampleSuite } from '../common/sample-suite.test-util.ts';
import { build276, buildClaimStatus } from './build-claim-status.ts';
import { claimStatuses } from './claim-statuses.ts';
import { read276, read277 } from './read-claim-status.ts';
import { statusRequest } from './status-fixtures.test-util.ts';
import type { ClaimStatusTransaction } from './status-model.ts';

describe('276 build / 277 read', () => {
  it('writes DMG before NM1 in 2000D, TRN/REF/AMT/DTP and SVC', () => {
    const text = writeSegments(build276(statusRequest()), DEFAULT_DELIMITERS);
    expect(text).toContain('ST*276*0201*005010X212~BHT*0010*13*CS-1*20260301*1015~HL*1**20*1~');
    expect(text).toContain(
      'HL*4*3*22*0~DMG*D8*19800214*M~NM1*IL*1*DOE*JOHN****MI*W123456789~TRN*1*CS-1-1~REF*1K*ICN-123~REF*EJ*RFP-1001~AMT*T3*250~DTP*472*RD8*20260110-20260110~SVC*HC:99213:25*150*****1~REF*FJ*RFP-1001-1~SE*',
    );
  });

  it('build → read equal and text stable', () => {
    const tx = statusRequest();
    const r = read276(build276(tx));
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual(tx);
    const text = transactionText(build276(tx), 'HR');
    const p = parseText(text);
    expect(
      transactionText(build276(read276(p.transactions[0]!.segments, { delimiters: p.delimiters }).value), 'HR'),
    ).toBe(text);
  });

  it('reads STC with amounts and flattens claims of a 277 response', () => {
    const tx = statusRequest();
    tx.kind = '277';
    const claim = tx.roots[0]!.children[0]!.children[0]!.children[0]!.claims![0]!;
    claim.trace.type = '2';
    claim.statuses = [
      {
        status: { category: 'F1', code: '65' },
        date: '20260305',
        chargeAmount: 25000,
        paidAmount: 18000,
        adjudicationDate: '20260304',
        paymentMethod: 'ACH',
        checkDate: '20260306',
        checkNumber: 'EFT889',
      },
    ];
    const r = read277(buildClaimStatus(tx));
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual(tx);
    const [row] = claimStatuses(r.value);
    expect(row).toMatchObject({
      trace: 'CS-1-1',
      patientControlNumber: 'RFP-1001',
      payerClaimNumber: 'ICN-123',
      family: 'finalized',
    });
    expect(row!.statuses[0]!.paidAmount).toBe(18000);
  });
});

describe('276 samples', () => {
  sampleSuite<ClaimStatusTransaction>({
    folder: '276',
    functionalId: 'HR',
    noGuideErrors: true,
    read: (s, d) => read276(s, { delimiters: d }),
    build: (v, d) => build276(v, { delimiters: d }),
  });
});

describe('277 samples', () => {
  sampleSuite<ClaimStatusTransaction>({
    folder: '277',
    functionalId: 'HN',
    noGuideErrors: true,
    read: (s, d) => read277(s, { delimiters: d }),
    build: (v, d) => buildClaimStatus(v, { delimiters: d }),
    knownSyntaxErrors: {
      'imsweb__x12_277_x212.txt': {
        codes: ['IEA_CONTROL_MISMATCH'],
        reason: 'MANIFEST: IEA02 842928883 does not match ISA13 000000001 in source',
      },
    },
    check: (_file, values) => {
      for (const v of values) for (const row of claimStatuses(v)) expect(row.statuses.length).toBeGreaterThan(0);
    },
  });
});
