/** fast-check generators of 270/271 transactions (test-only). */
import fc from 'fast-check';
import {
  cents,
  ccyymmdd,
  code,
  dateValue,
  digits,
  opt,
  optArr,
  party,
  person,
  text,
} from '../837/claim-arbitrary.test-util.ts';
import type { Benefit, EligibilityTransaction, Member, ServiceInquiry } from './eligibility-model.ts';

const serviceTypes = fc.uniqueArray(fc.constantFrom('30', '1', '33', '35', '47', '86', '88', '98', 'AL', 'MH', 'UC'), {
  minLength: 1,
  maxLength: 6,
});
const rejection = fc.record({
  valid: fc.constantFrom('Y', 'N'),
  reason: fc.constantFrom('42', '72', '75', '79'),
  followUp: opt(fc.constantFrom('C', 'N', 'R', 'W')),
});
const trace = fc.record({ type: fc.constantFrom('1', '2'), reference: code(1, 15), originatorId: opt(digits(10)) });

const inquiry: fc.Arbitrary<ServiceInquiry> = fc.record({
  serviceTypes,
  procedure: opt(fc.record({ qualifier: fc.constant('HC'), code: code(5, 5) })),
  coverageLevel: opt(fc.constantFrom('IND', 'FAM')),
  dates: optArr(dateValue(['472']), 1),
});

const benefit: fc.Arbitrary<Benefit> = fc.record({
  code: fc.constantFrom('1', '6', 'A', 'B', 'C', 'G', 'F', 'L'),
  coverageLevel: opt(fc.constantFrom('IND', 'FAM')),
  serviceTypes: opt(serviceTypes),
  insuranceType: opt(fc.constantFrom('HM', 'PR', 'MB')),
  planDescription: opt(text(20)),
  timePeriod: opt(fc.constantFrom('23', '29', '27', '24')),
  amount: opt(cents),
  percent: opt(fc.integer({ min: 0, max: 100 }).map((n) => n / 100)),
  quantityQualifier: opt(fc.constantFrom('VS', 'DY')),
  quantity: opt(fc.integer({ min: 1, max: 60 })),
  authorizationRequired: opt(fc.constantFrom('Y', 'N')),
  inNetwork: opt(fc.constantFrom('Y', 'N', 'W', 'U')),
  refs: optArr(fc.record({ qualifier: fc.constantFrom('18', '6P'), value: code(1, 10) }), 2),
  dates: optArr(dateValue(['346', '348']), 2),
  rejections: optArr(rejection, 1),
  messages: optArr(text(40), 2),
  relatedEntities: optArr(
    fc.tuple(fc.constantFrom('P3', 'PR'), party(fc.constant('XX'))).map(([entityCode, p]) => ({ entityCode, ...p })),
    2,
  ),
});

function member(kind: '270' | '271'): fc.Arbitrary<Member> {
  return fc.record({
    traces: optArr(trace, 2),
    member: person,
    rejections: kind === '271' ? optArr(rejection, 2) : fc.constant(undefined),
    relationship: opt(
      fc.record({ insured: fc.constantFrom('Y', 'N'), relationship: fc.constantFrom('18', '01', '19') }),
    ),
    dates: optArr(dateValue(['291', '346', '356']), 2),
    inquiries: kind === '270' ? fc.array(inquiry, { minLength: 1, maxLength: 3 }) : fc.constant(undefined),
    benefits: kind === '271' ? optArr(benefit, 8) : fc.constant(undefined),
  });
}

export function eligibility(kind: '270' | '271'): fc.Arbitrary<EligibilityTransaction> {
  const rej = kind === '271' ? optArr(rejection, 2) : fc.constant(undefined);
  const subscriber = fc.tuple(member(kind), optArr(member(kind), 2)).map(([m, dependents]) => ({ ...m, dependents }));
  return fc.record({
    controlNumber: digits(4),
    header: fc.record({
      purpose: fc.constantFrom('13', '11'),
      referenceId: code(1, 20),
      date: ccyymmdd,
      time: digits(4),
      transactionType: opt(fc.constant('RT')),
    }),
    sources: fc.array(
      fc.record({
        rejections: rej,
        source: party(fc.constant('PI')),
        sourceCode: fc.constant('PR'),
        receivers: fc.array(
          fc.record({
            rejections: rej,
            receiver: party(fc.constant('XX')),
            receiverCode: fc.constantFrom('1P', 'FA'),
            subscribers: fc.array(subscriber, { maxLength: 2 }),
          }),
          { maxLength: 2 },
        ),
      }),
      { minLength: 1, maxLength: 2 },
    ),
  });
}
