/** fast-check generators of 276/277/277CA status trees (test-only). */
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
  quantity,
  text,
} from '../837/claim-arbitrary.test-util.ts';
import type {
  ClaimStatus,
  ClaimStatusTransaction,
  LevelTracking,
  StatusInfo,
  StatusKind,
  StatusNode,
} from './status-model.ts';

const statusCode = fc.record({
  category: fc.constantFrom('A1', 'A2', 'A3', 'A7', 'F1', 'P1', 'E0'),
  code: code(1, 3),
  entity: opt(fc.constantFrom('85', 'QC', 'IL')),
});
const status: fc.Arbitrary<StatusInfo> = fc.record({
  status: statusCode,
  date: opt(ccyymmdd),
  actionCode: opt(fc.constantFrom('WQ', 'U')),
  chargeAmount: opt(cents),
  paidAmount: opt(cents),
  adjudicationDate: opt(ccyymmdd),
  paymentMethod: opt(fc.constantFrom('ACH', 'CHK')),
  checkDate: opt(ccyymmdd),
  checkNumber: opt(code(1, 10)),
  additional: optArr(statusCode, 2),
  message: opt(text(30)),
});
const trace = fc.record({ type: fc.constantFrom('1', '2'), reference: code(1, 15), originatorId: opt(digits(10)) });
const refs = (qs: string[]) => optArr(fc.record({ qualifier: fc.constantFrom(...qs), value: code(1, 12) }), 3);

const claim: fc.Arbitrary<ClaimStatus> = fc.record({
  trace,
  statuses: optArr(status, 2),
  refs: refs(['1K', 'EJ', 'D9', 'BLT']),
  amounts: optArr(fc.record({ qualifier: fc.constant('T3'), amount: cents }), 1),
  dates: optArr(dateValue(['472']), 1),
  lines: optArr(
    fc.record({
      procedure: opt(fc.record({ qualifier: fc.constant('HC'), code: code(5, 5), modifiers: optArr(code(2, 2), 4) })),
      charge: cents,
      paid: opt(cents),
      revenueCode: opt(digits(4)),
      units: opt(quantity),
      statuses: optArr(status, 2),
      refs: refs(['FJ']),
      dates: optArr(dateValue(['472']), 1),
    }),
    3,
  ),
});

const tracking: fc.Arbitrary<LevelTracking | undefined> = opt(
  fc
    .record({
      traces: optArr(trace, 1),
      statuses: optArr(status, 1),
      quantities: optArr(
        fc.record({ qualifier: fc.constantFrom('90', 'AA'), quantity: fc.integer({ min: 0, max: 99 }) }),
        2,
      ),
      amounts: optArr(fc.record({ qualifier: fc.constantFrom('YU', 'YY'), amount: cents }), 2),
      dates: optArr(dateValue(['050', '009']), 2),
    })
    .filter((t) => Object.values(t).some((v) => v !== undefined)),
);

function node(
  level: string,
  entityCode: string,
  children: fc.Arbitrary<StatusNode[]>,
  claims: boolean,
): fc.Arbitrary<StatusNode> {
  return fc.record({
    level: fc.constant(level),
    entityCode: fc.constant(entityCode),
    entity: claims ? person : party(fc.constantFrom('PI', '46', 'XX')),
    tracking: claims ? fc.constant(undefined) : tracking,
    claims: claims ? optArr(claim, 2) : fc.constant(undefined),
    children,
  });
}

export function statusTransaction(kind: StatusKind): fc.Arbitrary<ClaimStatusTransaction> {
  const none = fc.constant([] as StatusNode[]);
  const patients =
    kind === '277CA'
      ? fc.array(node('PT', 'QC', none, true), { maxLength: 2 })
      : fc.array(node('22', 'IL', fc.array(node('23', 'QC', none, true), { maxLength: 1 }), true), { maxLength: 2 });
  const providers = fc.array(node('19', kind === '277CA' ? '85' : '1P', patients, false), { maxLength: 2 });
  const receivers = fc.array(node('21', '41', providers, false), { maxLength: 2 });
  return fc.record({
    kind: fc.constant(kind),
    controlNumber: digits(4),
    header: fc.record({
      purpose: fc.constantFrom('13', '08'),
      referenceId: code(1, 20),
      date: ccyymmdd,
      time: digits(4),
      transactionType: opt(fc.constantFrom('DG', 'TH')),
    }),
    roots: fc.array(node('20', 'PR', receivers, false), { minLength: 1, maxLength: 2 }),
  });
}
