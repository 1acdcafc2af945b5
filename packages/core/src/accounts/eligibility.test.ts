import { describe, expect, it } from 'vitest';
import { buildInterchange } from '@medbill/x12';
import { DEFAULT_DELIMITERS } from '@medbill/x12';
import { parseX12File } from '@medbill/x12';
import { build270, type EligibilityTransaction, type Member } from '@medbill/x12/270-271';
import { answerEligibility } from '../payer-sim/answer-eligibility.ts';
import { emptyAccumulators } from '../payer-sim/accumulators.ts';
import { demoContract } from '../payer-sim/demo-contract.ts';
import { eligibilityRequest, memberForTrace, type EligibilityRequestInput } from './eligibility-request.ts';
import { explainBenefits } from './explain-benefits.ts';

const request = (over: Partial<EligibilityRequestInput> = {}): EligibilityRequestInput => ({
  controlNumber: '0001',
  traceNumber: 'ELG000042',
  originatorId: '9741111111',
  date: '20261123',
  time: '0900',
  payer: { name: 'Blue Prairie Health', payerId: 'BPH01' },
  provider: { name: 'Riverside Family Practice', npi: '1234567893' },
  coverage: { memberId: 'W123456789', groupNumber: 'G100', relationshipCode: '18' },
  subscriber: { firstName: 'John', lastName: 'Doe', birthDate: '1980-02-14', sex: 'M' },
  patient: { firstName: 'John', lastName: 'Doe', birthDate: '1980-02-14', sex: 'M' },
  serviceDate: '2026-11-23',
  ...over,
});

function asFile(tx: EligibilityTransaction): string {
  const segs = build270(tx);
  return buildInterchange(
    {
      sender: 'LSBILL01',
      receiver: 'DEMOCH',
      controlNumber: '17',
      date: '20261123',
      time: '0900',
      usage: 'T',
      groups: [
        {
          functionalId: 'HS',
          appSender: 'LSBILL01',
          appReceiver: 'DEMOCH',
          controlNumber: '17',
          version: '005010X279A1',
          transactions: [{ controlNumber: tx.controlNumber, body: segs.slice(1, -1) }],
        },
      ],
    },
    DEFAULT_DELIMITERS,
  );
}

function answer(text270: string, contract = demoContract(), acc = emptyAccumulators()): EligibilityTransaction {
  let n = 900;
  const a = answerEligibility(text270, {
    contracts: { [contract.payerId]: contract },
    now: new Date('2026-11-23T09:00:05Z'),
    controlNumbers: { next: () => ++n },
    accumulators: acc,
  });
  expect(a.ack999).toBe('');
  const parsed = parseX12File(a.text271);
  expect(parsed.transactions[0]?.st01).toBe('271');
  return parsed.transactions[0]!.value as EligibilityTransaction;
}

describe('eligibility round trip through the payer simulator', () => {
  it('answers a subscriber with the contract benefits, in words', () => {
    const acc = emptyAccumulators();
    acc.deductibleCents['BPH01|W123456789|DOE|JOHN|19800214|2026'] = 12000;
    const tx271 = answer(asFile(eligibilityRequest(request({ procedures: ['70551'] }))), demoContract(), acc);
    const member = memberForTrace(tx271, 'ELG000042');
    expect(member).toBeDefined();
    const view = explainBenefits(member!, '2026-11-23');
    expect(view.status).toBe('active');
    expect(view.officeVisitCopay?.cents).toBe(2500);
    expect(view.deductibles).toEqual([
      { network: 'in', level: 'IND', total: 50000, remaining: 38000, met: 12000, period: '23' },
    ]);
    expect(view.coinsurance[0]?.fraction).toBe(0.2);
    expect(view.notCovered.map((n) => n.procedure)).toEqual(['97810', 'S9445']);
    expect(view.authorizationRequired.map((n) => n.procedure)).toEqual(['70551', '72148']);
    expect(view.sentences).toContain('The plan BLUE PRAIRIE HEALTH is active on Nov 23, 2026.');
    expect(view.sentences).toContain(
      'Deductible (individual, in network): $500.00 per calendar year; $120.00 met; $380.00 left.',
    );
  });

  it('answers a dependent under the subscriber and echoes the trace', () => {
    const req = request({
      coverage: { memberId: 'W123456789', relationshipCode: '19' },
      patient: { firstName: 'Lily', lastName: 'Doe', birthDate: '2015-06-01', sex: 'F' },
    });
    const tx271 = answer(asFile(eligibilityRequest(req)));
    const sub = tx271.sources[0]!.receivers[0]!.subscribers[0]!;
    expect(sub.benefits).toBeUndefined();
    expect(sub.dependents?.[0]?.member.name.firstName).toBe('LILY');
    expect(memberForTrace(tx271, 'ELG000042')?.benefits?.[0]?.code).toBe('1');
  });

  it('says the plan is not active outside the roster dates, and rejects unknown members', () => {
    const contract = {
      ...demoContract(),
      members: [{ memberId: 'W123456789', coverageStart: '20260101', coverageEnd: '20260630' }],
    };
    const inactive = explainBenefits(
      memberForTrace(answer(asFile(eligibilityRequest(request())), contract), 'ELG000042')!,
      '2026-11-23',
    );
    expect(inactive.status).toBe('inactive');
    expect(inactive.sentences[0]).toBe('The plan BLUE PRAIRIE HEALTH is not active on Nov 23, 2026.');
    const unknown = answer(
      asFile(eligibilityRequest(request({ coverage: { memberId: 'X99999999', relationshipCode: '18' } }))),
      contract,
    );
    const view = explainBenefits(memberForTrace(unknown, 'ELG000042')!, '2026-11-23');
    expect(view.status).toBe('not_found');
    expect(view.problems[0]).toMatch(/cannot find this subscriber.*Correct the details/);
  });

  it('answers a 270 with errors with a 999, not a 271', () => {
    const bad = asFile(eligibilityRequest(request())).replace(
      'ST*270*0001*005010X279A1',
      'ST*270*0001*005010X279A1~ZZZ*1',
    );
    const a = answerEligibility(bad, {
      contracts: { BPH01: demoContract() },
      now: new Date('2026-11-23T09:00:00Z'),
      controlNumbers: { next: () => 1 },
      accumulators: emptyAccumulators(),
    });
    expect(a.text271).toBe('');
    expect(a.ack999).toContain('ST*999');
  });
});

describe('explainBenefits: every benefit kind of a 271', () => {
  const member: Member = {
    member: { name: { entityType: '1', lastName: 'DOE', firstName: 'JOHN', idQualifier: 'MI', id: 'W1' } },
    dates: [{ qualifier: '291', value: '20260101-20261231' }],
    benefits: [
      { code: '1', coverageLevel: 'FAM', serviceTypes: ['30'], insuranceType: 'PR', planDescription: 'GOLD PPO' },
      { code: 'B', coverageLevel: 'IND', serviceTypes: ['98'], timePeriod: '27', amount: 2500, inNetwork: 'Y' },
      { code: 'B', coverageLevel: 'IND', serviceTypes: ['98'], timePeriod: '27', amount: 6000, inNetwork: 'N' },
      { code: 'A', coverageLevel: 'IND', serviceTypes: ['30'], percent: 0.2, inNetwork: 'Y' },
      { code: 'A', coverageLevel: 'IND', serviceTypes: ['30'], percent: 0.4, inNetwork: 'N' },
      { code: 'C', coverageLevel: 'IND', serviceTypes: ['30'], timePeriod: '23', amount: 150000, inNetwork: 'Y' },
      { code: 'C', coverageLevel: 'IND', serviceTypes: ['30'], timePeriod: '24', amount: 107950, inNetwork: 'Y' },
      { code: 'G', coverageLevel: 'IND', serviceTypes: ['30'], timePeriod: '23', amount: 600000, inNetwork: 'Y' },
      { code: 'G', coverageLevel: 'IND', serviceTypes: ['30'], timePeriod: '29', amount: 500000, inNetwork: 'Y' },
      { code: 'I', serviceTypes: ['AL'], messages: ['ROUTINE VISION EXCLUDED'] },
      { code: 'F', serviceTypes: ['PT'], quantityQualifier: 'VS', quantity: 20, messages: ['20 VISITS PER YEAR'] },
      { code: '1', serviceTypes: ['62'], authorizationRequired: 'Y', inNetwork: 'Y' },
      {
        code: 'R',
        relatedEntities: [{ entityCode: 'PRP', name: { entityType: '2', lastName: 'MEDICARE PART B' } }],
      },
      {
        code: 'L',
        relatedEntities: [{ entityCode: 'P3', name: { entityType: '1', lastName: 'NGUYEN', firstName: 'ANNA' } }],
      },
    ],
  };

  it('turns each into a field and a sentence', () => {
    const v = explainBenefits(member, '2026-03-02');
    expect(v).toMatchObject({
      status: 'active',
      planName: 'GOLD PPO',
      insuranceType: 'PPO',
      planBegin: '2026-01-01',
      planEnd: '2026-12-31',
      officeVisitCopay: { network: 'in', cents: 2500 },
      deductibles: [{ network: 'in', level: 'IND', total: 150000, met: 107950, remaining: 42050 }],
      outOfPocket: [{ network: 'in', total: 600000, remaining: 500000, met: 100000 }],
      otherPayers: ['MEDICARE PART B'],
      primaryCareProvider: 'ANNA NGUYEN',
    });
    expect(v.coinsurance.map((c) => [c.network, c.fraction])).toEqual([
      ['in', 0.2],
      ['out', 0.4],
    ]);
    expect(v.sentences).toEqual([
      'The plan GOLD PPO is active on Mar 2, 2026.',
      'Coverage dates: from Jan 1, 2026 to Dec 31, 2026.',
      'Copay for office visits (individual, in network): $25.00.',
      'Copay for office visits (individual, out of network): $60.00.',
      'Deductible (individual, in network): $1,500.00 per calendar year; $1,079.50 met; $420.50 left.',
      'Coinsurance (individual, in network): after the deductible the patient pays 20% of the allowed amount.',
      'Coinsurance (individual, out of network): after the deductible the patient pays 40% of the allowed amount.',
      'Out-of-pocket maximum (individual, in network): $6,000.00 per calendar year; $1,000.00 met; $5,000.00 left.',
      'Not covered: vision (optometry).',
      'Needs prior authorization: MRI and CT scans.',
      'Limits apply to physical therapy: 20 VISITS PER YEAR.',
      'The payer has other insurance on file: MEDICARE PART B.',
      'Primary care provider on file: ANNA NGUYEN.',
    ]);
  });

  it('an inactive plan and a rejection are said plainly', () => {
    const inactive = explainBenefits({ ...member, benefits: [{ code: '6', serviceTypes: ['30'] }] }, '2027-01-05');
    expect(inactive.status).toBe('inactive');
    expect(inactive.sentences[0]).toBe('The plan is not active on Jan 5, 2027.');
    const rejected = explainBenefits(
      { member: member.member, rejections: [{ valid: 'N', reason: '72', followUp: 'C' }] },
      '2026-03-02',
    );
    expect(rejected.status).toBe('not_found');
    expect(rejected.sentences).toEqual([
      'The payer could not confirm this coverage.',
      'The member ID is not valid for this payer; check the insurance card. Correct the details and ask again.',
    ]);
  });
});
