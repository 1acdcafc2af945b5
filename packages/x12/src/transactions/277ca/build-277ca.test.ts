import { describe, expect, it } from 'vitest';
import { validateFile } from '../../guides/validate.ts';
import { buildInterchange } from '../../syntax/envelope-writer.ts';
import { tokenize } from '../../syntax/tokenizer.ts';
import { DEFAULT_DELIMITERS } from '../../syntax/types.ts';
import { parseX12File } from '../../parse-file.ts';
import type { ClaimStatusTransaction } from '../276-277/status-model.ts';
import { claimAcknowledgments } from './claim-acknowledgments.ts';
import { build277ca, totalsOf, type ClaimAck277, type ClaimAcknowledgment277 } from './build-277ca.ts';

const accepted: ClaimAck277 = {
  patientControlNumber: 'RFP-1001',
  statuses: [{ status: { category: 'A2', code: '20' }, date: '20260115', action: 'WQ', amount: 25000 }],
  payerClaimControlNumber: '2601500000001',
  clearinghouseTrace: 'CLH-0001',
  serviceDate: '20260110',
};
const rejected: ClaimAck277 = {
  patientControlNumber: 'RFP-1003',
  statuses: [
    {
      status: { category: 'A7', code: '164', entity: 'IL' },
      date: '20260115',
      action: 'U',
      amount: 12000,
      more: [{ category: 'A7', code: '21' }],
      message: 'MEMBER ID FORMAT IS INVALID',
    },
  ],
  billType: '111',
  serviceDate: '20260101-20260104',
};

export function sampleAck(): ClaimAcknowledgment277 {
  const claims = [accepted, rejected];
  return {
    controlNumber: '0001',
    referenceId: 'BATCH-7',
    date: '20260115',
    time: '1200',
    source: { name: 'BLUE PRAIRIE HEALTH', idQualifier: 'PI', id: 'BPH01' },
    receiptTrace: '000000905',
    receivedDate: '20260115',
    processedDate: '20260115',
    receiver: {
      name: { entityType: '2', lastName: 'MEDBILL DEMO', idQualifier: '46', id: 'MB0001' },
      trace: 'BATCH-7',
      statuses: [
        { status: { category: 'A1', code: '19', entity: 'PR' }, date: '20260115', action: 'WQ', amount: 37000 },
      ],
      totals: totalsOf(claims),
      providers: [
        {
          name: { entityType: '2', lastName: 'RIVERSIDE FAMILY PRACTICE', idQualifier: 'XX', id: '1234567893' },
          trace: 'BATCH-7',
          statuses: [{ status: { category: 'A1', code: '19', entity: '85' }, action: 'WQ', amount: 37000 }],
          reference: { qualifier: 'TJ', value: '371234567' },
          totals: totalsOf(claims),
          patients: [
            {
              name: { entityType: '1', lastName: 'DOE', firstName: 'JOHN', idQualifier: 'MI', id: 'W123456789' },
              claims: [accepted],
            },
            {
              name: { entityType: '1', lastName: 'DOE', firstName: 'LILY', idQualifier: 'MI', id: 'W123456789' },
              claims: [rejected],
            },
          ],
        },
      ],
    },
  };
}

function wrap(ack: ClaimAcknowledgment277): string {
  const body = build277ca(ack);
  return buildInterchange(
    {
      sender: 'PAYERSIM',
      receiver: 'MEDBILL',
      controlNumber: '906',
      date: '20260115',
      time: '1200',
      usage: 'T',
      groups: [
        {
          functionalId: 'HN',
          appSender: 'PAYERSIM',
          appReceiver: 'MEDBILL',
          controlNumber: '906',
          version: '005010X214',
          transactions: [{ controlNumber: ack.controlNumber, body: body.slice(1, -1) }],
        },
      ],
    },
    DEFAULT_DELIMITERS,
  );
}

describe('build277ca', () => {
  it('writes the HL 20/21/19/PT levels and passes the 277CA guide with no error', () => {
    const text = wrap(sampleAck());
    const v = validateFile(text);
    expect(v.transactions[0].guide).toBe('277CA');
    expect(v.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const segs = tokenize(text).segments.map((s) => [s.id, ...s.elements].join('*'));
    expect(segs).toContain('HL*4*3*PT');
    expect(segs).toContain('STC*A7:164:IL*20260115*U*120******A7:21**MEMBER ID FORMAT IS INVALID');
    expect(segs).toContain('STC*A1:19:85**WQ*370');
    expect(segs).toEqual(
      expect.arrayContaining([
        'QTY*90*1',
        'QTY*AA*1',
        'AMT*YU*250',
        'AMT*YY*120',
        'QTY*QA*1',
        'QTY*QC*1',
        'REF*1K*2601500000001',
        'REF*D9*CLH-0001',
        'REF*BLT*111',
        'DTP*472*RD8*20260101-20260104',
      ]),
    );
  });

  it('reads back through the 277CA reader: one decision per claim with ICN, trace and reasons', () => {
    const parsed = parseX12File(wrap(sampleAck()));
    expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const rows = claimAcknowledgments(parsed.transactions[0].value as ClaimStatusTransaction);
    expect(
      rows.map((r) => [r.patientControlNumber, r.decision, r.payerClaimNumber, r.clearinghouseTrace, r.reasons.join()]),
    ).toEqual([
      ['RFP-1001', 'accepted', '2601500000001', 'CLH-0001', ''],
      ['RFP-1003', 'rejected', undefined, undefined, 'A7:164:IL'],
    ]);
  });

  it('counts accepted and rejected claims with their charges', () => {
    expect(totalsOf([accepted, rejected])).toEqual({
      acceptedCount: 1,
      rejectedCount: 1,
      acceptedAmount: 25000,
      rejectedAmount: 12000,
    });
  });
});
