/** A loaded claim becomes an 837P that our own reader reads back and our guide validator passes. */
import { describe, expect, it } from 'vitest';
import { read837 } from '@medbill/x12/837';
import { tokenize } from '@medbill/x12';
import { validateFile } from '@medbill/x12';
import { claimToSend } from './claim-to-837.ts';
import { cleanClaim } from './claim-fixtures.test-util.ts';
import { render837Interchange } from './render-837.ts';

const parties = {
  submitterId: 'LSB001',
  submitterName: 'Lone Star Billing',
  submitterContact: { name: 'EDI desk', phone: '5125550199' },
  receiverId: 'DEMOCH',
  receiverName: 'Demo Clearinghouse',
};

describe('claim → 837P', () => {
  it('builds a file our reader reads back and our validator passes', () => {
    const base = cleanClaim();
    const self = claimToSend(base);
    const child = claimToSend(
      cleanClaim({
        claimNumber: 'C000102',
        referring: { ...base.rendering, npi: '1245319599', lastName: 'Okafor' },
        patient: { ...base.patient, firstName: 'Ana', birthDate: '2015-03-03' },
        coverage: { ...base.coverage, relationshipCode: '19', subscriberFirstName: 'Luis' },
      }),
    );
    const text = render837Interchange({
      kind: 'professional',
      claims: [self, child],
      parties,
      interchangeControlNumber: 42,
      groupControlNumber: 7,
      createdAt: new Date('2026-11-23T12:00:00Z'),
      usage: 'T',
      batchReference: 'B1',
    });
    expect(text.slice(90, 99)).toBe('000000042');
    const v = validateFile(text, { file: 'claims.837' });
    expect(v.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const tok = tokenize(text);
    const st = tok.segments.findIndex((s) => s.id === 'ST');
    const se = tok.segments.findIndex((s) => s.id === 'SE');
    const read = read837(tok.segments.slice(st, se + 1));
    const claims = read.value.billingProviders.flatMap((bp) =>
      bp.subscribers.flatMap((s) => [...s.claims, ...s.patients.flatMap((p) => p.claims)]),
    );
    expect(claims.map((c) => [c.id, c.totalCharge])).toEqual([
      ['C000101', 19500],
      ['C000102', 19500],
    ]);
    expect(claims[1].providers?.find((p) => p.entityCode === 'DN')?.name.lastName).toBe('OKAFOR');
    expect(read.value.billingProviders[0].subscribers[1].patients[0].relationship).toBe('19');
  });

  it('an institutional claim becomes an 837I the validator passes', () => {
    const base = cleanClaim();
    const inst = claimToSend(
      cleanClaim({
        kind: 'institutional',
        institutional: { typeOfBill: '0131', admissionType: '3', admissionSource: '1', patientStatus: '01' },
        lines: base.lines.map((l) => ({ ...l, revenueCode: '0510' })),
      }),
    );
    const text = render837Interchange({
      kind: 'institutional',
      claims: [inst],
      parties,
      interchangeControlNumber: 43,
      groupControlNumber: 8,
      createdAt: new Date('2026-11-23T12:00:00Z'),
      usage: 'T',
      batchReference: 'B2',
    });
    const v = validateFile(text, { file: 'claims.837i' });
    expect(v.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});
