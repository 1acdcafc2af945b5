import { describe, expect, it } from 'vitest';
import { read999 } from '@medbill/x12/acks';
import { validateFile } from '@medbill/x12';
import { parseX12File } from '@medbill/x12';
import { buildInterchange } from '@medbill/x12';
import { tokenize } from '@medbill/x12';
import { DEFAULT_DELIMITERS } from '@medbill/x12';
import type { ClaimStatusTransaction } from '@medbill/x12/276-277';
import { claimAcknowledgments } from '@medbill/x12/277ca';
import type { Remittance835 } from '@medbill/x12/835';
import { build837, type ClaimFile837 } from '@medbill/x12/837';
import { claim, claimFile, line, plainContract } from './fixtures.test-util.ts';
import { demoContract } from './demo-contract.ts';
import { remittanceHoldReasons } from '../remittance/remit-integrity.ts';
import { simulatePayer, type SimulatePayerConfig } from './simulate-payer.ts';

function text837(file: ClaimFile837): string {
  const body = build837(file);
  const version = file.kind === 'institutional' ? '005010X223A2' : '005010X222A1';
  return buildInterchange(
    {
      sender: 'MB0001',
      receiver: 'BPH01',
      controlNumber: '101',
      date: '20260112',
      time: '0930',
      usage: 'T',
      groups: [
        {
          functionalId: 'HC',
          appSender: 'MB0001',
          appReceiver: 'BPH01',
          controlNumber: '101',
          version,
          transactions: [{ controlNumber: file.controlNumber, body: body.slice(1, -1) }],
        },
      ],
    },
    DEFAULT_DELIMITERS,
    { lineBreak: true },
  );
}

function config(over: Partial<SimulatePayerConfig> = {}): SimulatePayerConfig {
  let n = 500;
  return {
    contracts: { BPH01: plainContract() },
    rejectRate: 0,
    seed: 7,
    now: new Date('2026-01-15T14:30:00Z'),
    payerName: 'BLUE PRAIRIE HEALTH',
    controlNumbers: { next: () => ++n },
    ...over,
  };
}

/** Two clean claims, a denial and a partial payment, plus claims the 277CA rejects for each reason. */
function mixedFile(): ClaimFile837 {
  return claimFile([
    { claim: claim('OK-1', [line('99213', 15000), line('87880', 5000)]) },
    { claim: claim('OK-2', [line('97810', 8000), line('20610', 12000)]), memberId: 'W222333444' },
    { claim: claim('BAD-MEMBER', [line('99213', 15000)]), memberId: '123' },
    {
      claim: claim('BAD-DX', [line('99213', 15000)], {
        healthInfo: [
          { qualifier: 'ABK', code: 'J069' },
          { qualifier: 'ABF', code: '1234' },
        ],
      }),
    },
    { claim: claim('FUTURE', [line('99213', 15000, '20260301')]) },
    { claim: claim('NO-REFERRAL', [line('99243', 30000)], { providers: [] }) },
    { claim: claim('OK-1', [line('99213', 15000)]) },
    { claim: claim('OTHER-PAYER', [line('99213', 15000)]), payerId: 'ZZZ99' },
  ]);
}

function errors(text: string) {
  return validateFile(text).issues.filter((i) => i.severity === 'error');
}

describe('simulatePayer', () => {
  const text = text837(mixedFile());
  const out = simulatePayer(text, config());

  it('accepts the file on the 999', () => {
    expect(errors(text)).toEqual([]);
    const ack = read999(out.ack999);
    expect(ack.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(ack.acks[0].group.status).toBe('A');
    expect(out.ack999).toContain('AK9*A*1*1*1');
    expect(errors(out.ack999)).toEqual([]);
  });

  it('answers each claim on a guide-valid 277CA with the rejection reasons', () => {
    expect(errors(out.ack277ca)).toEqual([]);
    const stc = tokenize(out.ack277ca)
      .segments.filter((s) => s.id === 'STC')
      .map((s) => s.elements[0]);
    // claims are grouped by patient (HL PT): the first member's four claims, then the others'
    expect(stc).toEqual([
      'A1:19:PR',
      'A1:19:85',
      'A2:20',
      'A7:255',
      'A7:187',
      'A8:562:DN',
      'A3:54',
      'A3:21:PR',
      'A2:20',
      'A7:164:IL',
    ]);
    expect(out.claims.filter((c) => !c.accepted).map((c) => [c.claimId, c.rejection])).toEqual([
      ['BAD-MEMBER', 'A7:164'],
      ['BAD-DX', 'A7:255'],
      ['FUTURE', 'A7:187'],
      ['NO-REFERRAL', 'A8:562'],
      ['OK-1', 'A3:54'],
      ['OTHER-PAYER', 'A3:21'],
    ]);
    const rows = claimAcknowledgments(parseX12File(out.ack277ca).transactions[0].value as ClaimStatusTransaction);
    const key = (x: string[]) => x.join(' ');
    expect(rows.map((r) => key([r.patientControlNumber, r.decision])).sort()).toEqual(
      out.claims.map((c) => key([c.claimId, c.accepted ? 'accepted' : 'rejected'])).sort(),
    );
    const icns = tokenize(out.ack277ca)
      .segments.filter((s) => s.id === 'REF' && s.elements[0] === '1K')
      .map((s) => s.elements[1]);
    expect(icns).toEqual(out.claims.filter((c) => c.accepted).map((c) => c.icn));
  });

  it('pays the accepted claims on one balanced, guide-valid 835 the reader reads back', () => {
    expect(out.remittances).toHaveLength(1);
    const r = out.remittances[0];
    expect(r.claimIds).toEqual(['OK-1', 'OK-2']);
    expect(errors(r.text835)).toEqual([]);
    const parsed = parseX12File(r.text835);
    expect(parsed.issues).toEqual([]);
    const remit = parsed.transactions[0].value as Remittance835;
    const [c1, c2] = remit.headers[0].claims;
    expect(c1).toMatchObject({
      patientControlNumber: 'OK-1',
      status: '1',
      charge: 20000,
      paid: 7000 + 0,
      patientResponsibility: 2500 + 1650,
    });
    expect(c2.services.map((s) => s.adjustments.map((a) => `${a.group}${a.reason}`).join())).toEqual([
      'CO96',
      'CO45,PR1',
    ]);
    expect(c2.services[0].remarks).toEqual([{ qualifier: 'HE', code: 'N130' }]);
    expect(c1.services[0].references).toEqual([{ qualifier: '6R', value: 'OK-1-1' }]);
    expect(remit.payment?.total).toBe(r.paidCents);
    expect(remit.trace?.checkOrEftNumber).toBe(r.traceNumber);
  });

  it("makes a payer's slips when asked: a line paid under another code unsaid, a BPR02 its claims do not explain", () => {
    const file = claimFile([{ claim: claim('SLIP-1', [line('99213', 15000), line('87880', 5000)]) }]);
    const slipped = simulatePayer(
      text837(file),
      config({ slips: { recode: { '99213': '99212' }, unexplainedPaymentCents: 412 } }),
    );
    const [r] = slipped.remittances;
    expect(errors(r!.text835)).toEqual([]);
    const remit = parseX12File(r!.text835).transactions[0]!.value as Remittance835;
    const [c] = remit.headers[0]!.claims;
    // the 99213 went in as a 99212: no SVC06 with the code billed, no REF*6R to tie it to our line
    expect(c!.services.map((s) => [s.procedure.code, s.submittedProcedure, s.references])).toEqual([
      ['99212', undefined, []],
      ['87880', undefined, [{ qualifier: '6R', value: 'SLIP-1-2' }]],
    ]);
    // each claim and line still balances; only BPR02 is off, by the amount asked
    const holds = remittanceHoldReasons(remit);
    expect(holds.map((h) => h.code)).toEqual(['remittance_unbalanced']);
    expect(remit.payment!.total).toBe(c!.paid + 412);
    expect(r!.paidCents).toBe(remit.payment!.total);
    // without slips the same claim is paid as billed, balanced
    const plain = simulatePayer(text837(file), config());
    const p = parseX12File(plain.remittances[0]!.text835).transactions[0]!.value as Remittance835;
    expect(p.headers[0]!.claims[0]!.services[0]!.procedure.code).toBe('99213');
    expect(remittanceHoldReasons(p)).toEqual([]);
  });

  it('answers a claim under the number it keyed wrongly when asked, and only that claim', () => {
    const file = claimFile([
      { claim: claim('KEY-10', [line('99213', 15000)]) },
      { claim: claim('KEY-20', [line('99213', 15000)]) },
    ]);
    const out = simulatePayer(text837(file), config({ slips: { rekey: { 'KEY-10': 'KEY-1O' } } }));
    const [r] = out.remittances;
    expect(errors(r!.text835)).toEqual([]);
    const remit = parseX12File(r!.text835).transactions[0]!.value as Remittance835;
    expect(remit.headers[0]!.claims.map((c) => c.patientControlNumber)).toEqual(['KEY-1O', 'KEY-20']);
    expect(remittanceHoldReasons(remit)).toEqual([]);
    // the payer still knows the claim by what was sent: its claim-status answers and its ICN are the claim's
    expect(out.claims.map((c) => c.claimId)).toEqual(['KEY-10', 'KEY-20']);
  });

  it('is deterministic: the same seed gives identical bytes', () => {
    const again = simulatePayer(text, config());
    expect(again.ack999).toBe(out.ack999);
    expect(again.ack277ca).toBe(out.ack277ca);
    expect(again.remittances.map((r) => r.text835)).toEqual(out.remittances.map((r) => r.text835));
  });

  it('with realism and a reject rate still writes valid, balanced files; the seed changes the outcome', () => {
    const claims = Array.from({ length: 40 }, (_, i) => ({
      claim: claim(`R-${i}`, [
        line('99213', 15000, '20260105'),
        line('87880', 5000, '20260105'),
        line('93000', 9000, '20260105'),
      ]),
      memberId: `W${100000 + i}`,
    }));
    const file = text837(claimFile(claims));
    const runs = [1, 2].map((seed) =>
      simulatePayer(
        file,
        config({
          seed,
          rejectRate: 0.2,
          contracts: { BPH01: { ...demoContract(), realism: { denialRate: 0.2, partialPaymentRate: 0.3 } } },
        }),
      ),
    );
    for (const run of runs) {
      expect(errors(run.ack277ca)).toEqual([]);
      for (const r of run.remittances) {
        expect(errors(r.text835)).toEqual([]);
        expect(parseX12File(r.text835).issues).toEqual([]);
      }
      const statuses = new Set(run.claims.map((c) => c.adjudication?.status ?? 'rejected'));
      expect(statuses).toEqual(new Set(['paid', 'partial', 'rejected']));
    }
    expect(runs[0].ack277ca).not.toBe(runs[1].ack277ca);
  });

  it('never throws on input that is not X12', () => {
    expect(simulatePayer('HELLO', config())).toMatchObject({ ack999: '', ack277ca: '', remittances: [], claims: [] });
  });

  it('a file the 999 rejects gets only the 999', () => {
    const broken = text.replace(/CLM\*OK-2\*200/, 'CLM*OK-2*');
    const r = simulatePayer(broken, config());
    expect(r.ack999).toMatch(/AK9\*R/);
    expect(r).toMatchObject({ ack277ca: '', remittances: [] });
  });

  it('names a dependent patient (NM1 QC) and the insured (NM1 IL) on the 835, and remembers claims across files', () => {
    const lily = {
      name: { entityType: '1' as const, lastName: 'DOE', firstName: 'LILY' },
      address: { line1: '12 ELM ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '62704' },
      demographics: { birthDate: '20150601', gender: 'F' },
    };
    const file = text837(claimFile([{ claim: claim('DEP-1', [line('99213', 15000)]), patient: lily }]));
    const first = simulatePayer(file, config());
    expect(errors(first.ack277ca)).toEqual([]);
    const remit = parseX12File(first.remittances[0].text835).transactions[0].value as Remittance835;
    const c = remit.headers[0].claims[0];
    expect([c.patient?.firstName, c.patient?.id, c.insured?.firstName, c.insured?.id]).toEqual([
      'LILY',
      undefined,
      'JOHN',
      'W123456789',
    ]);
    expect(errors(first.remittances[0].text835)).toEqual([]);
    const again = simulatePayer(file, config({ accumulators: first.accumulators }));
    const dup = parseX12File(again.remittances[0].text835).transactions[0].value as Remittance835;
    expect(dup.headers[0].claims[0]).toMatchObject({ status: '4', paid: 0 });
    expect(dup.headers[0].claims[0].services[0].adjustments).toEqual([{ group: 'OA', reason: '18', amount: 15000 }]);
    expect(dup.payment).toMatchObject({ handlingCode: 'H', method: 'NON', total: 0 });
    expect(errors(again.remittances[0].text835)).toEqual([]);
  });

  it('answers an institutional 837I: bill type on the 277CA, revenue codes on the 835', () => {
    const inst = claim(
      'HOSP-1',
      [
        {
          revenueCode: '0450',
          procedure: { qualifier: 'HC', code: '99284' },
          charge: 80000,
          unit: 'UN',
          quantity: 1,
          dates: [{ qualifier: '472', value: '20260110' }],
        },
        {
          revenueCode: '0300',
          charge: 12000,
          unit: 'UN',
          quantity: 2,
          dates: [{ qualifier: '472', value: '20260110' }],
        },
      ],
      {
        facilityCode: '13',
        facilityQualifier: 'A',
        providerSignature: undefined,
        patientSignatureSource: undefined,
        dates: [{ qualifier: '434', value: '20260110-20260110' }],
        institutional: { admissionType: '1', admissionSource: '7', patientStatus: '01' },
        healthInfo: [{ qualifier: 'ABK', code: 'R0789' }],
        providers: [
          {
            entityCode: '71',
            name: { entityType: '1', lastName: 'SMITH', firstName: 'KAREN', idQualifier: 'XX', id: '1112223338' },
          },
        ],
      },
    );
    const file = text837(claimFile([{ claim: inst }], '0001', 'institutional'));
    const out = simulatePayer(file, config());
    expect(out.ack999).toContain('AK9*A');
    expect(errors(out.ack277ca)).toEqual([]);
    expect(out.ack277ca).toContain('REF*BLT*131');
    expect(errors(out.remittances[0].text835)).toEqual([]);
    const remit = parseX12File(out.remittances[0].text835).transactions[0].value as Remittance835;
    const c = remit.headers[0].claims[0];
    expect([
      c.facilityType,
      c.services.map((x) => `${x.procedure.qualifier}:${x.procedure.code}:${x.revenueCode ?? ''}`),
    ]).toEqual(['13', ['HC:99284:0450', 'NU:0300:']]);
  });

  it('reverses the original payment (CLP02 22) for a replacement and a void, giving the deductible back', () => {
    const first = simulatePayer(
      text837(claimFile([{ claim: claim('RPL-1', [line('99213', 15000), line('87880', 5000)]) }])),
      config(),
    );
    const icn = first.claims[0].icn!;
    const replacement = claim('RPL-1', [line('99213', 15000), line('87880', 6000)], {
      frequency: '7',
      originalReference: icn,
    });
    const second = simulatePayer(
      text837(claimFile([{ claim: replacement }])),
      config({ accumulators: first.accumulators }),
    );
    expect(second.claims[0]).toMatchObject({ accepted: true, reversedIcn: icn });
    const text = second.remittances[0].text835;
    expect(errors(text)).toEqual([]);
    expect(parseX12File(text).issues).toEqual([]);
    const [rev, again] = (parseX12File(text).transactions[0].value as Remittance835).headers[0].claims;
    expect(rev).toMatchObject({
      status: '22',
      reversal: true,
      charge: -20000,
      paid: -7000,
      patientResponsibility: -4150,
      payerClaimControlNumber: icn,
    });
    expect(again).toMatchObject({ status: '1', charge: 21000, patientResponsibility: 2500 + 1650 });
    const voided = claim('RPL-1', [line('99213', 15000), line('87880', 6000)], {
      frequency: '8',
      originalReference: second.claims[0].icn!,
    });
    const third = simulatePayer(text837(claimFile([{ claim: voided }])), config({ accumulators: second.accumulators }));
    const remit = parseX12File(third.remittances[0].text835).transactions[0].value as Remittance835;
    expect(remit.headers[0].claims.map((c) => c.status)).toEqual(['22']);
    expect(remit.payment).toMatchObject({ total: 0, method: 'NON' });
    expect(remit.providerAdjustments[0].items).toEqual([
      { reason: 'FB', reference: second.claims[0].icn, amount: -7000 },
    ]);
    expect(errors(third.remittances[0].text835)).toEqual([]);
    expect(Object.values(third.accumulators.deductibleCents)).toEqual([0]);
  });
});
