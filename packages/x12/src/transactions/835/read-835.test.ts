import { describe, expect, it } from 'vitest';
import { tokenize } from '../../syntax/tokenizer.ts';
import { allTransactions, readEnvelopes } from '../../syntax/envelope.ts';
import { parseCents } from '../../syntax/numbers.ts';
import { isa } from '../../syntax/test-helpers.ts';
import { read835, stream835 } from './read-835.ts';
import type { ClaimPayment } from './model.ts';

const BODY = [
  'ST*835*0001',
  'BPR*I*300*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*888888888*DA*654321*20260115',
  'TRN*1*EFT0001*1512345678',
  'CUR*PR*USD',
  'REF*EV*RECEIVER1',
  'DTM*405*20260114',
  'N1*PR*ACME HEALTH PLAN',
  'N3*1 MAIN ST*SUITE 2',
  'N4*SPRINGFIELD*IL*62701',
  'REF*2U*ACME01',
  'PER*BL*PROVIDER SERVICES*TE*8005551212*EM*help@acme.test',
  'N1*PE*SPRINGFIELD CLINIC*XX*1234567893',
  'REF*TJ*370000001',
  'LX*1',
  'TS3*1234567893*11*20261231*2*1300',
  'CLP*PCN1*1*1000*700*100*12*ICN1*11*1',
  'CAS*PR*1*60**2*40',
  'NM1*QC*1*DOE*JANE*Q***MI*W123',
  'NM1*IL*1*DOE*JOHN****MI*W100',
  'NM1*74*1*DOE*JANE',
  'NM1*82*1*SMITH*ANN****XX*1111111112',
  'NM1*TT*2*MEDIGAP CO*****PI*MG1',
  'NM1*PR*2*OTHER PLAN*****PI*OP1',
  'NM1*GB*1*ROE*RICH',
  'MOA*0.5*12.34*MA01*MA02',
  'REF*1L*GROUP9',
  'DTM*232*20260101',
  'PER*CX*CLAIMS*TE*8005550000',
  'AMT*AU*900',
  'QTY*CA*2',
  'SVC*HC:99213:25:59*600*500**1*HC:99214*1',
  'DTM*472*20260101',
  'CAS*CO*45*60*1*253*10**A1*5**B1*5**B2*5**B3*15',
  'REF*6R*LINE1',
  'AMT*B6*540',
  'QTY*ZK*1',
  'LQ*HE*N130',
  'SVC*HC:J1100*400*300*0250*2',
  'CAS*CO*45*100',
  'CLP*PCN0*22*-500*-437.50**12*ICN0',
  'CAS*CO*45*-62.50',
  'MIA*0***10*MA01',
  'PLB*1234567893*20261231*WO:ICN0OLD*-50*L6:INT*12.50',
  'SE*44*0001',
];

function file(body = BODY): string {
  return `${isa() + ['GS*HP*SENDER*RECEIVER*20260115*1200*1*X*005010X221A1', ...body, 'GE*1*1', 'IEA*1*000000905'].join('~\n')}~\n`;
}

function readText(text: string) {
  const t = tokenize(text, { file: 'r.835' });
  const env = readEnvelopes(t.segments, { file: 'r.835' });
  const [tx] = allTransactions(env);
  return {
    ...read835(tx.segments, { file: 'r.835', delimiters: t.delimiters! }),
    envIssues: [...t.issues, ...env.issues],
  };
}

describe('read835', () => {
  const { value: r, issues, envIssues } = readText(file());

  it('reads a balanced 835 without issues', () => {
    expect(envIssues).toEqual([]);
    expect(issues).toEqual([]);
  });

  it('reads header, payer and payee loops', () => {
    expect(r.payment).toMatchObject({
      handlingCode: 'I',
      total: 30000,
      creditDebit: 'C',
      method: 'ACH',
      format: 'CCP',
      date: '20260115',
    });
    expect(r.trace).toEqual({ type: '1', checkOrEftNumber: 'EFT0001', originatorId: '1512345678' });
    expect(r.currency).toEqual({ entity: 'PR', code: 'USD' });
    expect(r.references).toEqual([{ qualifier: 'EV', value: 'RECEIVER1' }]);
    expect(r.productionDate).toBe('20260114');
    expect(r.payer).toMatchObject({
      name: { lastName: 'ACME HEALTH PLAN' },
      address: { line1: '1 MAIN ST', line2: 'SUITE 2', city: 'SPRINGFIELD', state: 'IL', postalCode: '62701' },
    });
    expect(r.payer?.contacts?.[0]).toEqual({
      functionCode: 'BL',
      name: 'PROVIDER SERVICES',
      numbers: [
        { qualifier: 'TE', value: '8005551212' },
        { qualifier: 'EM', value: 'help@acme.test' },
      ],
    });
    expect(r.payee).toMatchObject({
      entityCode: 'PE',
      name: { idQualifier: 'XX', id: '1234567893' },
      refs: [{ qualifier: 'TJ', value: '370000001' }],
    });
    expect(r.headers[0].providerSummary?.[0]).toBe('1234567893');
  });

  it('reads claim loops with all CAS triplets, names, MOA/MIA and a reversal', () => {
    const [c1, c0] = r.headers[0].claims as [ClaimPayment, ClaimPayment];
    expect(c1).toMatchObject({
      patientControlNumber: 'PCN1',
      status: '1',
      reversal: false,
      charge: 100000,
      paid: 70000,
      patientResponsibility: 10000,
      filingIndicator: '12',
      payerClaimControlNumber: 'ICN1',
      facilityType: '11',
      frequency: '1',
    });
    expect(c1.adjustments).toEqual([
      { group: 'PR', reason: '1', amount: 6000 },
      { group: 'PR', reason: '2', amount: 4000 },
    ]);
    expect([
      c1.patient?.lastName,
      c1.insured?.firstName,
      c1.correctedPatient?.firstName,
      c1.serviceProvider?.id,
      c1.crossoverCarrier?.lastName,
      c1.priorityPayer?.id,
      c1.otherSubscriber?.lastName,
    ]).toEqual(['DOE', 'JOHN', 'JANE', '1111111112', 'MEDIGAP CO', 'OP1', 'ROE']);
    expect(c1.outpatient).toEqual({ reimbursementRate: 0.5, hcpcsPayable: 1234, remarks: ['MA01', 'MA02'] });
    expect(c1.amounts).toEqual([{ qualifier: 'AU', amount: 90000 }]);
    expect(c1.quantities).toEqual([{ qualifier: 'CA', quantity: 2 }]);
    expect(c0).toMatchObject({ status: '22', reversal: true, charge: -50000, paid: -43750 });
    expect(c0.inpatient?.remarks).toEqual(['MA01']);
  });

  it('reads service lines with split procedures and six adjustment triplets', () => {
    const [s1, s2] = r.headers[0].claims[0].services;
    expect(s1.procedure).toEqual({ qualifier: 'HC', code: '99213', modifiers: ['25', '59'] });
    expect(s1.submittedProcedure).toEqual({ qualifier: 'HC', code: '99214', modifiers: [] });
    expect([s1.charge, s1.paid, s1.units, s1.submittedUnits]).toEqual([60000, 50000, 1, 1]);
    expect(s1.adjustments.map((a) => [a.reason, a.amount, a.quantity])).toEqual([
      ['45', 6000, 1],
      ['253', 1000, undefined],
      ['A1', 500, undefined],
      ['B1', 500, undefined],
      ['B2', 500, undefined],
      ['B3', 1500, undefined],
    ]);
    expect(s1.dates).toEqual([{ qualifier: '472', date: '20260101' }]);
    expect(s1.remarks).toEqual([{ qualifier: 'HE', code: 'N130' }]);
    expect(s1.references[0].value).toBe('LINE1');
    expect(s2).toMatchObject({ procedure: { code: 'J1100' }, revenueCode: '0250', units: 2 });
  });

  it('reads PLB pairs with reason and reference split', () => {
    expect(r.providerAdjustments[0].items).toEqual([
      { reason: 'WO', reference: 'ICN0OLD', amount: -5000 },
      { reason: 'L6', reference: 'INT', amount: 1250 },
    ]);
    expect(r.totals).toEqual({ claimsPaid: 70000 - 43750, providerAdjustments: -3750, claimCount: 2 });
  });

  it('reports each unbalanced equation with its position', () => {
    const body = BODY.map((s) =>
      s.startsWith('SVC*HC:J1100')
        ? 'SVC*HC:J1100*400*310*0250*2'
        : s.startsWith('BPR')
          ? s.replace('BPR*I*300', 'BPR*I*300.01')
          : s,
    );
    const { issues: found } = readText(file(body));
    const line = (prefix: string) => BODY.findIndex((s) => s.startsWith(prefix)) + 2; // ISA and GS share line 1
    expect(found.map((i) => [i.code, i.location.line, i.location.loop])).toEqual([
      ['SERVICE_LINE_OUT_OF_BALANCE', line('SVC*HC:J1100'), '2110'],
      ['PAYMENT_OUT_OF_BALANCE', line('SE*'), 'FOOTER'],
    ]);
    expect(found[0].message).toBe('SVC02 400.00 − ΣCAS 100.00 = 300.00 but SVC03 is 310.00');
    expect(found[1].message).toContain('ΣCLP04 262.50 − ΣPLB -37.50 = 300.00 but BPR02 is 300.01');
  });

  it('checks the claim equation against claim and line adjustments', () => {
    const body = BODY.map((s) => (s === 'CAS*CO*45*100' ? 'CAS*CO*45*100.10' : s));
    const { issues: found } = readText(file(body));
    expect(found.map((i) => i.code)).toEqual(['SERVICE_LINE_OUT_OF_BALANCE', 'CLAIM_OUT_OF_BALANCE']);
    expect(found[1].message).toBe('CLP03 1000.00 − ΣCAS 300.10 (claim and lines) = 699.90 but CLP04 is 700.00');
    expect(found[1].location).toMatchObject({
      segmentId: 'CLP',
      element: 4,
      line: BODY.indexOf('CLP*PCN1*1*1000*700*100*12*ICN1*11*1') + 2,
    });
  });

  it('rejects amounts with more than two decimals or bad numbers, positioned', () => {
    const body = BODY.map((s) => (s === 'AMT*AU*900' ? 'AMT*AU*900.001' : s === 'QTY*CA*2' ? 'QTY*CA*2x' : s));
    const { issues: found } = readText(file(body));
    expect(found.map((i) => [i.code, i.location.segmentId, i.location.element, i.location.line])).toEqual([
      ['AMOUNT_INVALID', 'AMT', 2, BODY.indexOf('AMT*AU*900') + 2],
      ['NUMBER_INVALID', 'QTY', 2, BODY.indexOf('QTY*CA*2') + 2],
    ]);
  });

  it('streams the same claims with flat memory (claims not retained)', async () => {
    const text = file();
    const chunks = Array.from({ length: Math.ceil(text.length / 13) }, (_, i) => text.slice(i * 13, i * 13 + 13));
    const s = stream835(chunks, { file: 'r.835' });
    const claims: ClaimPayment[] = [];
    let remitCount = 0;
    for await (const batch of s) {
      for (const ev of batch) {
        if (ev.kind === 'claim') claims.push(ev.claim);
        else {
          remitCount++;
          expect(ev.remittance.headers[0].claims).toEqual([]);
          expect(ev.remittance.totals.claimCount).toBe(2);
        }
      }
    }
    expect(s.issues).toEqual([]);
    expect(remitCount).toBe(1);
    expect(claims).toEqual(r.headers[0].claims);
  });
});

describe('parseCents', () => {
  it('parses decimal strings exactly', () => {
    expect(['0', '1', '1.5', '1.05', '-0.01', '.75', '12345678.99', '+3'].map(parseCents)).toEqual([
      0, 100, 150, 105, -1, 75, 1234567899, 300,
    ]);
    expect(['', '-', '.', '1.234', '1e3', ' 1', '1,00', 'NaN', '0x10', '99999999999999999999'].map(parseCents)).toEqual(
      Array(10).fill(null),
    );
  });
});
