/** fast-check generators of valid 837 claim files (test-only): names without separators, cents, valid NPIs. */
import fc from 'fast-check';
import { isValidNpi } from './check-837.ts';
import { healthCodesInGuideOrder, inLoopOrder, refsInGuideOrder } from './guide-order.ts';
import type {
  Adjustment,
  Claim837,
  ClaimFile837,
  ClaimKind,
  DateValue,
  HealthCode,
  OtherSubscriber,
  ClaimLine,
} from './claim-model.ts';
import type { Party } from '../common/party.ts';

const ALNUM = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];
const DIGITS = [...'0123456789'];
/** words without any separator (* : ^ ~), no leading/trailing space */
export const text = (max = 12) =>
  fc
    .string({
      unit: fc.constantFrom(...ALNUM, ...ALNUM, ' ', '.', ',', "'", '/', '&', '-'),
      minLength: 1,
      maxLength: max,
    })
    .map((s) => s.trim().replace(/^[^A-Z0-9]+|[^A-Z0-9]+$/g, '') || 'X');
export const code = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...ALNUM), minLength: min, maxLength: max });
export const digits = (n: number) => fc.string({ unit: fc.constantFrom(...DIGITS), minLength: n, maxLength: n });
export const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
export const optArr = <T>(a: fc.Arbitrary<T>, max: number) => opt(fc.array(a, { minLength: 1, maxLength: max }));
export const cents = fc.integer({ min: 0, max: 5_000_000 });
export const ccyymmdd = fc
  .date({ min: new Date('1930-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''));
export const quantity = fc.oneof(
  fc.integer({ min: 1, max: 999 }),
  fc.integer({ min: 1, max: 9999 }).map((n) => n / 10),
);

export const npi = digits(9).map((nine) => {
  for (let d = 0; d <= 9; d++) if (isValidNpi(nine + d)) return nine + d;
  return '1234567893';
});

export const dateValue = (qualifiers: string[]): fc.Arbitrary<DateValue> =>
  fc.record({
    qualifier: fc.constantFrom(...qualifiers),
    value: fc.oneof(
      ccyymmdd,
      fc.tuple(ccyymmdd, ccyymmdd).map(([a, b]) => `${a}-${b}`),
    ),
  });

export const address = fc.record({
  line1: text(20),
  line2: opt(text(10)),
  city: text(10),
  state: opt(code(2, 2)),
  postalCode: opt(digits(5)),
});

export const party = (idQualifier: fc.Arbitrary<string>, withNpi = false): fc.Arbitrary<Party> =>
  fc.record({
    name: fc.record({
      entityType: fc.constantFrom('1' as const, '2' as const),
      lastName: text(),
      firstName: opt(text(8)),
      middleName: opt(code(1, 1)),
      suffix: opt(fc.constantFrom('JR', 'III')),
      idQualifier: withNpi ? fc.constant('XX') : idQualifier,
      id: withNpi ? npi : code(3, 12),
    }),
    address: opt(address),
    refs: optArr(fc.record({ qualifier: fc.constantFrom('SY', '0B', '1G'), value: code(2, 10) }), 2),
  });

export const person = fc
  .tuple(party(fc.constant('MI')), opt(fc.record({ birthDate: ccyymmdd, gender: opt(fc.constantFrom('F', 'M', 'U')) })))
  .map(([p, demographics]) => ({ ...p, demographics }));

const adjustment: fc.Arbitrary<Adjustment> = fc.record({
  group: fc.constantFrom('CO', 'PR', 'OA', 'PI'),
  items: fc.array(
    fc.record({
      reason: code(1, 3),
      amount: fc.integer({ min: -100_000, max: 100_000 }),
      quantity: opt(fc.integer({ min: 1, max: 9 })),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});

const attachments = optArr(
  fc.record({
    reportType: fc.constantFrom('03', 'OZ', '09'),
    transmission: fc.constantFrom('EL', 'FX', 'BM'),
    controlNumber: opt(code(1, 20)),
  }),
  2,
);

const otherSubscriber: fc.Arbitrary<OtherSubscriber> = fc.record({
  sbr: fc.record({
    responsibility: fc.constantFrom('P', 'T'),
    relationship: fc.constantFrom('18', '01', '19', 'G8'),
    groupNumber: opt(code(2, 8)),
    claimFilingCode: opt(fc.constantFrom('MB', 'CI', 'MC')),
  }),
  adjustments: optArr(adjustment, 3),
  payerPaid: opt(cents),
  amounts: optArr(fc.record({ qualifier: fc.constantFrom('EAF', 'A8'), amount: cents }), 2),
  benefitsAssigned: opt(fc.constantFrom('Y', 'N', 'W')),
  patientSignatureSource: opt(fc.constant('P')),
  releaseOfInfo: opt(fc.constantFrom('I', 'Y')),
  subscriber: party(fc.constant('MI')),
  payer: party(fc.constant('PI')).map((p) => ({ name: p.name, address: p.address, refs: p.refs })),
  payerDates: optArr(dateValue(['573']), 1),
});

function line(kind: ClaimKind, dxCount: number): fc.Arbitrary<ClaimLine> {
  const procedure = fc.record({ qualifier: fc.constant('HC'), code: code(5, 5), modifiers: optArr(code(2, 2), 4) });
  const adjudication = fc.record({
    payerId: code(3, 8),
    paid: cents,
    procedure: opt(procedure),
    paidUnits: quantity,
    bundledLine: opt(fc.integer({ min: 1, max: 50 })),
    adjustments: optArr(adjustment, 2),
    dates: optArr(dateValue(['573']), 1),
    amounts: optArr(fc.record({ qualifier: fc.constant('EAF'), amount: cents }), 1),
  });
  const common = {
    charge: cents,
    quantity,
    attachments,
    dates: optArr(dateValue(['472']), 1),
    controlNumber: opt(code(1, 20)),
    refs: optArr(fc.record({ qualifier: fc.constantFrom('G1', '9B', 'EW'), value: code(1, 10) }), 2).map((r) =>
      r ? refsInGuideOrder(kind, 'line', r) : r,
    ),
    adjudications: optArr(adjudication, 2),
    drug: opt(
      fc.record({
        qualifier: fc.constant('N4'),
        ndc: digits(11),
        quantity,
        unit: fc.constantFrom('UN', 'ML', 'GR'),
        refs: optArr(fc.record({ qualifier: fc.constantFrom('XZ', 'VY'), value: code(1, 10) }), 2),
      }),
    ),
    providers: optArr(
      fc
        .tuple(fc.constantFrom('82', 'DK', 'DQ'), party(fc.constant('XX'), true))
        .map(([entityCode, p]) => ({ entityCode, ...p })),
      2,
    ).map((ps) => (ps ? inLoopOrder(kind, 'line', ps) : ps)),
  };
  if (kind === 'institutional') {
    return fc.record({
      ...common,
      revenueCode: digits(4),
      procedure: opt(procedure),
      unit: fc.constantFrom('UN', 'DA'),
      nonCoveredCharge: opt(cents),
    });
  }
  const pointers = fc.uniqueArray(fc.integer({ min: 1, max: dxCount }), {
    minLength: 1,
    maxLength: Math.min(4, dxCount),
  });
  return fc.record({
    ...common,
    procedure,
    unit: fc.constantFrom('UN', 'MJ'),
    placeOfService: opt(fc.constantFrom('11', '22', '02')),
    diagnosisPointers: pointers,
    emergency: opt(fc.constant('Y')),
    epsdt: opt(fc.constant('Y')),
    familyPlanning: opt(fc.constant('Y')),
    notes: optArr(fc.record({ code: fc.constant('ADD'), text: text(30) }), 1),
  });
}

const healthInfo = (kind: ClaimKind, dxCount: number): fc.Arbitrary<HealthCode[]> => {
  const dx = fc
    .array(code(3, 7), { minLength: dxCount, maxLength: dxCount })
    .map((cs) => cs.map((c, i) => ({ qualifier: i === 0 ? 'ABK' : 'ABF', code: c })));
  if (kind === 'professional') return dx;
  const extra = fc.array(
    fc.oneof(
      fc.record({ qualifier: fc.constant('BE'), code: code(2, 2), amount: cents }),
      fc.record({ qualifier: fc.constant('BG'), code: code(2, 2) }),
      fc.record({ qualifier: fc.constant('BBR'), code: code(7, 7), dateFormat: fc.constant('D8'), date: ccyymmdd }),
    ),
    { maxLength: 14 },
  );
  return fc
    .tuple(dx, extra, fc.constantFrom('Y', 'N', undefined))
    .map(([d, e, poa]) => [...d.map((x) => (poa ? { ...x, poa } : x)), ...e]);
};

export function claim(kind: ClaimKind): fc.Arbitrary<Claim837> {
  return fc.integer({ min: 1, max: 12 }).chain((dxCount) =>
    fc
      .record({
        id: code(1, 20),
        facilityCode: digits(2),
        frequency: fc.constantFrom('1', '7', '8'),
        providerSignature: opt(fc.constantFrom('Y', 'N')),
        assignment: opt(fc.constantFrom('A', 'B', 'C')),
        benefitsAssigned: opt(fc.constantFrom('Y', 'N')),
        releaseOfInfo: opt(fc.constantFrom('I', 'Y')),
        relatedCauses: optArr(fc.constantFrom('AA', 'EM', 'OA'), 3),
        accidentState: opt(code(2, 2)),
        delayReason: opt(fc.constantFrom('1', '7', '11')),
        dates: optArr(dateValue(['431', '454', '304', '439']), 3),
        institutional:
          kind === 'institutional'
            ? opt(
                fc.record({
                  admissionType: fc.constantFrom('1', '2', '3'),
                  admissionSource: opt(fc.constantFrom('1', '7')),
                  patientStatus: opt(fc.constantFrom('01', '20')),
                }),
              )
            : fc.constant(undefined),
        amounts: optArr(fc.record({ qualifier: fc.constant('F5'), amount: cents }), 1),
        attachments,
        priorAuthorization: opt(code(1, 12)),
        originalReference: opt(code(1, 12)),
        refs: optArr(fc.record({ qualifier: fc.constantFrom('D9', 'EA', '9F'), value: code(1, 12) }), 3).map((r) =>
          r ? refsInGuideOrder(kind, 'claim', r) : r,
        ),
        notes: optArr(fc.record({ code: fc.constantFrom('ADD', 'DCP'), text: text(40) }), 2),
        healthInfo: healthInfo(kind, dxCount).map((h) => healthCodesInGuideOrder(kind, h)),
        providers: optArr(
          fc
            .tuple(
              fc.constantFrom(...(kind === 'professional' ? ['82', 'DN', '77', 'DQ'] : ['71', '72', '82', 'DN'])),
              party(fc.constant('XX'), true),
            )
            .map(([entityCode, p]) => ({ entityCode, ...p })),
          3,
        ).map((ps) => (ps ? inLoopOrder(kind, 'claim', ps) : ps)),
        otherSubscribers: optArr(otherSubscriber, 2),
        lines: fc.array(line(kind, dxCount), { minLength: 1, maxLength: 50, size: 'small' }),
      })
      .map((c) => ({
        ...c,
        facilityQualifier: kind === 'professional' ? 'B' : 'A',
        totalCharge: c.lines.reduce((t, l) => t + l.charge, 0),
        frequency: c.originalReference === undefined ? '1' : c.frequency, // 7/8 need REF*F8
      })),
  );
}

export function claimFile(kind: ClaimKind): fc.Arbitrary<ClaimFile837> {
  const claims = fc.array(claim(kind), { minLength: 1, maxLength: 1 });
  const patient = fc.record({
    relationship: fc.constantFrom('01', '19', 'G8'),
    patient: person.map((p) => ({ ...p, name: { ...p.name, idQualifier: undefined, id: undefined } })),
    claims,
  });
  const subscriber = fc
    .record({
      sbr: fc.record({
        responsibility: fc.constantFrom('P', 'S'),
        relationship: opt(fc.constant('18')),
        groupNumber: opt(code(2, 8)),
        groupName: opt(text(10)),
        claimFilingCode: fc.constantFrom('CI', 'MB', 'MC', 'BL'),
      }),
      subscriber: person,
      payer: party(fc.constant('PI')),
      claims: fc.array(claim(kind), { maxLength: 1 }),
      patients: fc.array(patient, { maxLength: 1 }),
    })
    .filter((s) => s.claims.length + s.patients.length > 0);
  return fc.record({
    kind: fc.constant(kind),
    controlNumber: digits(4),
    header: fc.record({
      purpose: fc.constantFrom('00', '18'),
      referenceId: code(1, 12),
      date: ccyymmdd,
      time: digits(4),
      claimType: fc.constantFrom('CH', 'RP'),
    }),
    submitter: party(fc.constant('46')),
    receiver: party(fc.constant('46')).map((p) => ({ name: p.name })),
    billingProviders: fc.array(
      fc.record({
        specialty: opt(fc.record({ code: fc.constant('BI'), taxonomy: code(10, 10) })),
        provider: party(fc.constant('XX'), true),
        payTo: opt(address.map((a) => ({ name: { entityType: '2' as const, lastName: '' }, address: a }))),
        subscribers: fc.array(subscriber, { minLength: 1, maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 2, size: 'xsmall' },
    ),
  });
}
