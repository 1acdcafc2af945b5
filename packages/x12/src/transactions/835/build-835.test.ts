import { describe, expect, it } from 'vitest';
import { testData } from '../../../../../test-data.ts';
import { validateFile } from '../../guides/validate.ts';
import { parseX12File } from '../../parse-file.ts';
import { buildInterchange } from '../../syntax/envelope-writer.ts';
import { DEFAULT_DELIMITERS, type Segment } from '../../syntax/types.ts';
import { build835 } from './build-835.ts';
import type { Remittance835 } from './model.ts';

const samples835 = testData('x12-samples/835');

/** Drop reader-only locations so a read model compares equal to a built one. */
function strip<T>(v: T): T {
  return JSON.parse(JSON.stringify(v, (k, x: unknown) => (k === 'loc' ? undefined : x))) as T;
}

function wrap(body: Segment[]): string {
  return buildInterchange(
    {
      sender: 'PAYERSIM',
      receiver: 'MEDBILL',
      controlNumber: '905',
      date: '20260115',
      time: '1200',
      usage: 'T',
      groups: [
        {
          functionalId: 'HP',
          appSender: 'PAYERSIM',
          appReceiver: 'MEDBILL',
          controlNumber: '905',
          version: '005010X221A1',
          transactions: [{ controlNumber: body[0].elements[1], body: body.slice(1, -1) }],
        },
      ],
    },
    DEFAULT_DELIMITERS,
    { lineBreak: true },
  );
}

export function richRemittance(): Remittance835 {
  return {
    controlNumber: '0001',
    payment: {
      handlingCode: 'I',
      total: 73750,
      creditDebit: 'C',
      method: 'ACH',
      format: 'CCP',
      senderAccount: { dfiQualifier: '01', dfiId: '999999999', accountQualifier: 'DA', account: '123456' },
      originatorCompanyId: '1512345678',
      receiverAccount: { dfiQualifier: '01', dfiId: '888888888', accountQualifier: 'DA', account: '654321' },
      date: '20260115',
    },
    trace: { type: '1', checkOrEftNumber: 'EFT0001', originatorId: '1512345678' },
    references: [{ qualifier: 'EV', value: 'MB0001' }],
    productionDate: '20260114',
    payer: {
      entityCode: 'PR',
      name: { entityType: '2', lastName: 'BLUE PRAIRIE HEALTH' },
      address: { line1: '1 MAIN ST', line2: 'SUITE 2', city: 'SPRINGFIELD', state: 'IL', postalCode: '62701' },
      refs: [{ qualifier: '2U', value: 'BPH01' }],
      contacts: [
        { functionCode: 'BL', name: 'PROVIDER SERVICES', numbers: [{ qualifier: 'TE', value: '8005551212' }] },
      ],
    },
    payee: {
      entityCode: 'PE',
      name: { entityType: '2', lastName: 'RIVERSIDE FAMILY PRACTICE', idQualifier: 'XX', id: '1234567893' },
      address: { line1: '100 MAIN ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '627010000' },
      refs: [{ qualifier: 'TJ', value: '371234567' }],
    },
    headers: [
      {
        number: '1',
        claims: [
          {
            patientControlNumber: 'RFP-1001',
            status: '1',
            reversal: false,
            charge: 25000,
            paid: 13750,
            patientResponsibility: 6000,
            filingIndicator: '12',
            payerClaimControlNumber: '2601500000001',
            facilityType: '11',
            frequency: '1',
            adjustments: [],
            patient: {
              entityCode: 'QC',
              entityType: '1',
              lastName: 'DOE',
              firstName: 'JOHN',
              middleName: 'Q',
              idQualifier: 'MI',
              id: 'W123456789',
            },
            serviceProvider: {
              entityCode: '82',
              entityType: '1',
              lastName: 'NGUYEN',
              firstName: 'ANNA',
              idQualifier: 'XX',
              id: '1999996667',
            },
            outpatient: { remarks: ['MA01'] },
            references: [{ qualifier: '1L', value: 'G-55' }],
            dates: [
              { qualifier: '232', date: '20260110' },
              { qualifier: '233', date: '20260110' },
              { qualifier: '050', date: '20260112' },
            ],
            contacts: [],
            amounts: [{ qualifier: 'AU', amount: 19750 }],
            quantities: [],
            services: [
              {
                procedure: { qualifier: 'HC', code: '99213', modifiers: ['25'] },
                charge: 15000,
                paid: 7750,
                dates: [{ qualifier: '472', date: '20260110' }],
                adjustments: [
                  { group: 'CO', reason: '45', amount: 3000 },
                  { group: 'PR', reason: '1', amount: 2500 },
                  { group: 'PR', reason: '2', amount: 1750 },
                ],
                references: [{ qualifier: '6R', value: 'RFP-1001-1' }],
                amounts: [{ qualifier: 'B6', amount: 12000 }],
                quantities: [],
                remarks: [],
              },
              {
                procedure: { qualifier: 'HC', code: '87880', modifiers: ['QW', '59'] },
                charge: 7550,
                paid: 6000,
                units: 2,
                dates: [{ qualifier: '472', date: '20260110' }],
                adjustments: [{ group: 'CO', reason: '45', amount: 1550, quantity: 1 }],
                references: [{ qualifier: '6R', value: 'RFP-1001-2' }],
                amounts: [{ qualifier: 'B6', amount: 6000 }],
                quantities: [],
                remarks: [],
              },
              {
                procedure: { qualifier: 'HC', code: '36415', modifiers: [] },
                charge: 2450,
                paid: 0,
                dates: [{ qualifier: '472', date: '20260110' }],
                adjustments: [{ group: 'CO', reason: '97', amount: 2450 }],
                references: [{ qualifier: '6R', value: 'RFP-1001-3' }],
                amounts: [],
                quantities: [],
                remarks: [{ qualifier: 'HE', code: 'M15' }],
              },
            ],
          },
          {
            patientControlNumber: 'RFP-0900',
            status: '22',
            reversal: true,
            charge: -10000,
            paid: -5000,
            filingIndicator: '12',
            payerClaimControlNumber: '2512000000009',
            adjustments: [{ group: 'CO', reason: '45', amount: -5000 }],
            patient: {
              entityCode: 'QC',
              entityType: '1',
              lastName: 'ROE',
              firstName: 'RITA',
              idQualifier: 'MI',
              id: 'W987',
            },
            references: [],
            dates: [],
            contacts: [],
            amounts: [],
            quantities: [],
            services: [],
          },
          {
            patientControlNumber: 'RFP-0900',
            status: '1',
            reversal: false,
            charge: 10000,
            paid: 6000,
            filingIndicator: '12',
            payerClaimControlNumber: '2601500000002',
            adjustments: [{ group: 'CO', reason: '45', amount: 4000 }],
            patient: {
              entityCode: 'QC',
              entityType: '1',
              lastName: 'ROE',
              firstName: 'RITA',
              idQualifier: 'MI',
              id: 'W987',
            },
            references: [],
            dates: [],
            contacts: [],
            amounts: [],
            quantities: [],
            services: [],
          },
        ],
      },
    ],
    providerAdjustments: [
      {
        providerId: '1234567893',
        fiscalPeriodDate: '20261231',
        items: [
          { reason: 'WO', reference: '2512000000009', amount: -10000 },
          { reason: 'L6', amount: 0 },
        ],
      },
    ],
    totals: { claimsPaid: 14750, providerAdjustments: -10000, claimCount: 3 },
  };
}

function fixProcedure(r: Remittance835): Remittance835 {
  (r.headers[0].claims[0].services[2].procedure as { modifiers: string[] }).modifiers = [];
  r.payment!.total = r.totals.claimsPaid - r.totals.providerAdjustments;
  return r;
}

/** Raw element lists (MIA, TS3, TS2) as sent may end in empty elements, which a writer never emits. */
function trimRaw(r: Remittance835): Remittance835 {
  const trim = (xs: string[]) => {
    while (xs.length && xs[xs.length - 1] === '') xs.pop();
  };
  for (const h of r.headers) {
    if (h.providerSummary) trim(h.providerSummary);
    if (h.supplementalSummary) trim(h.supplementalSummary);
    for (const c of h.claims) if (c.inpatient) trim(c.inpatient.values);
  }
  return r;
}

describe('build835', () => {
  it('builds an 835 that reads back to an equal model, balanced and guide-valid', () => {
    const remit = fixProcedure(richRemittance());
    const text = wrap(build835(remit));
    const parsed = parseX12File(text, { file: 'built.835' });
    expect(parsed.issues).toEqual([]);
    expect(strip(parsed.transactions[0].value)).toEqual(remit);
    const v = validateFile(text);
    expect(v.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('splits more than six CAS triplets and keeps group order', () => {
    const remit = fixProcedure(richRemittance());
    const svc = remit.headers[0].claims[0].services[0];
    svc.adjustments = [
      ...Array.from({ length: 7 }, (_, i) => ({ group: 'CO', reason: String(45 + i), amount: 100 })),
      { group: 'PR', reason: '1', amount: 6500 },
      { group: 'CO', reason: '253', amount: 750 },
    ];
    svc.paid = 15000 - 700 - 6500 - 750;
    const segs = build835(remit).filter((s) => s.id === 'CAS');
    expect(segs.slice(0, 4).map((s) => [s.elements[0], s.elements.length])).toEqual([
      ['CO', 18],
      ['CO', 3],
      ['PR', 3],
      ['CO', 3],
    ]);
  });

  it.skipIf(!samples835.present)(
    samples835.title('round-trips the sample 835 files: read → build → read gives the same model'),
    () => {
      let checked = 0;
      for (const name of samples835.files()) {
        const first = parseX12File(samples835.text(name));
        for (const tx of first.transactions) {
          if (tx.st01 !== '835' || !tx.value) continue;
          const model = trimRaw(strip(tx.value as Remittance835));
          const again = parseX12File(wrap(build835(model)));
          expect(strip(again.transactions[0].value), name).toEqual(model);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(10);
    },
  );
});
