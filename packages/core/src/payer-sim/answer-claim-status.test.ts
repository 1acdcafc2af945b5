import { describe, expect, it } from 'vitest';
import { validateFile } from '@medbill/x12';
import { parseX12File } from '@medbill/x12';
import { claimStatuses, type ClaimStatusTransaction } from '@medbill/x12/276-277';
import { claimStatusOutcome, claimStatusWords } from '../claims/claim-status-words.ts';
import { render276Interchange, type StatusRequestClaim } from '../claims/claim-status-request.ts';
import { emptyAccumulators, type Accumulators } from './accumulators.ts';
import { answerClaimStatus } from './answer-claim-status.ts';
import { plainContract } from './fixtures.test-util.ts';

const NOW = new Date('2026-12-20T10:00:00Z');
const provider = { name: 'Riverside Family Practice', npi: '1234567893' };
const self = { firstName: 'John', lastName: 'Doe', birthDate: '1980-02-14', sex: 'M', memberId: 'W123456789' };

function ask(numbers: string[], opts: { dependent?: boolean } = {}): string {
  const claims: StatusRequestClaim[] = numbers.map((n, i) => ({
    trace: `T-${i + 1}`,
    claimNumber: n,
    chargeCents: 15000,
    serviceFrom: '2026-11-10',
    provider,
    subscriber: self,
    patient: opts.dependent ? { firstName: 'Jane', lastName: 'Doe', birthDate: '2012-05-01', sex: 'F' } : null,
  }));
  return render276Interchange({
    requests: [
      {
        controlNumber: '0001',
        referenceId: 'CS000000001',
        date: '20261220',
        time: '1000',
        payer: { name: 'Acme Health', payerId: 'DEMOACME' },
        receiver: { name: 'Medbill Demo', id: 'SUB1' },
        claims,
      },
    ],
    submitterId: 'SUB1',
    receiverId: 'DEMOCH',
    interchangeControlNumber: 12,
    groupControlNumber: 12,
    createdAt: NOW,
    usage: 'T',
  });
}

function memory(): Accumulators {
  const base = { receivedOn: '20261110', chargeCents: 15000, frequency: '1' };
  return {
    ...emptyAccumulators(),
    received: {
      'DEMOACME|PAID': {
        ...base,
        icn: 'ICN1',
        outcome: 'partial',
        paidCents: 9800,
        adjudicatedOn: '20261110',
        payment: { trace: '0000000042', method: 'ACH', date: '20261110' },
      },
      'DEMOACME|DENIED': {
        ...base,
        icn: 'ICN2',
        outcome: 'denied',
        paidCents: 0,
        denialReason: '197',
        adjudicatedOn: '20261110',
      },
      'DEMOACME|REJECTED': {
        ...base,
        rejection: { category: 'A7', code: '164', entity: 'IL', message: 'MEMBER ID FORMAT IS INVALID' },
      },
      'DEMOACME|PENDING': { ...base, icn: 'ICN3' },
      'DEMOACME|VOIDED': { ...base, icn: 'ICN4', outcome: 'voided', paidCents: 0, adjudicatedOn: '20261111' },
    },
  };
}

function answer(text276: string, acc = memory()) {
  let n = 100;
  return answerClaimStatus(text276, {
    contracts: { DEMOACME: plainContract({ payerId: 'DEMOACME' }) },
    now: NOW,
    controlNumbers: { next: () => ++n },
    accumulators: acc,
  });
}

const rowsOf = (text: string) =>
  parseX12File(text).transactions.flatMap((t) => claimStatuses(t.value as ClaimStatusTransaction));

describe('the payer simulator answers 276s', () => {
  it('builds a 276 that passes the 276 guide, for the subscriber and for a dependent', () => {
    for (const dependent of [false, true]) {
      const text = ask(['PAID', 'DENIED'], { dependent });
      const v = validateFile(text);
      expect(v.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(v.interchanges[0]!.groups[0]!.transactions[0]!.guide).toBe('276');
      const rows = rowsOf(text);
      expect(rows.map((r) => [r.trace, r.patientControlNumber])).toEqual([
        ['T-1', 'PAID'],
        ['T-2', 'DENIED'],
      ]);
      expect(rows[0]!.patient.name.lastName).toBe('DOE');
      expect(rows[0]!.patient.name.firstName).toBe(dependent ? 'JANE' : 'JOHN');
    }
  });

  it('answers each claim from what it knows, in a 277 that passes the 277 guide', () => {
    const { text277, ack999 } = answer(ask(['PAID', 'DENIED', 'REJECTED', 'PENDING', 'VOIDED', 'NEVERSEEN']));
    expect(ack999).toBe('');
    const v = validateFile(text277);
    expect(v.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(v.interchanges[0]!.groups[0]!.transactions[0]!.guide).toBe('277');
    const rows = rowsOf(text277);
    const by = Object.fromEntries(rows.map((r) => [r.patientControlNumber, r]));
    const stc = (n: string) => by[n]!.statuses[0]!;
    expect(stc('PAID')).toMatchObject({
      status: { category: 'F1', code: '65' },
      chargeAmount: 15000,
      paidAmount: 9800,
      adjudicationDate: '20261110',
      checkNumber: '0000000042',
    });
    expect(by.PAID!.payerClaimNumber).toBe('ICN1');
    expect(by.PAID!.trace).toBe('T-1');
    expect(stc('DENIED').status).toEqual({ category: 'F2', code: '84' });
    expect(stc('REJECTED').status).toEqual({ category: 'A7', code: '164', entity: 'IL' });
    expect(stc('PENDING').status).toEqual({ category: 'P1', code: '20' });
    expect(stc('VOIDED').status).toEqual({ category: 'F4', code: '101' });
    expect(stc('NEVERSEEN').status).toEqual({ category: 'A4', code: '35' });
    expect(by.NEVERSEEN!.payerClaimNumber).toBeUndefined();
    expect(rows.map((r) => claimStatusOutcome(r.statuses[0]!.status.category))).toEqual([
      'paid',
      'denied',
      'rejected',
      'pending',
      'finalized',
      'not_found',
    ]);
    expect(claimStatusWords(stc('DENIED').status)).toBe('Finalized: denied — service not authorized [F2:84]');
    expect(claimStatusWords(stc('REJECTED').status)).toBe(
      'Rejected for invalid information — entity’s contract/member number (subscriber) [A7:164:IL]',
    );
  });

  it('answers a 276 it cannot read with a 999', () => {
    const bad = ask(['PAID']).replace(/SE\*\d+\*0001/, 'SE*99*0001');
    const { text277, ack999 } = answer(bad);
    expect(text277).toBe('');
    expect(ack999).toContain('AK9*');
  });
});
