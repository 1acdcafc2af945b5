/**
 * eligibilityRequest: a patient's coverage → the 270 inquiry (005010X279A1) for one date of service.
 * The patient is the subscriber when the relationship is self (18), else a dependent under the subscriber
 * (names as on the card, upper case, as on our 837s). Pure: dates and numbers come in.
 */
import { buildInterchange } from '@medbill/x12';
import { DEFAULT_DELIMITERS } from '@medbill/x12';
import { build270, type EligibilityTransaction, type Member, type Subscriber } from '@medbill/x12/270-271';

export interface EligibilityPerson {
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  birthDate?: string | null;
  sex?: string | null;
}

export interface EligibilityRequestInput {
  /** ST02 */
  controlNumber: string;
  /** BHT03 and TRN02: our trace, echoed back in the 271 */
  traceNumber: string;
  /** TRN03: '9' + the practice's tax id (10 characters) */
  originatorId: string;
  /** creation date CCYYMMDD and time HHMM */
  date: string;
  time: string;
  payer: { name: string; payerId: string };
  provider: { name: string; npi: string };
  coverage: { memberId: string; groupNumber?: string | null; relationshipCode: string };
  subscriber: EligibilityPerson;
  patient: EligibilityPerson;
  /** YYYY-MM-DD */
  serviceDate: string;
  /** EQ01 service types; default 30 (health benefit plan coverage) */
  serviceTypes?: string[];
  /** EQ02 procedures asked about (HCPCS/CPT) */
  procedures?: string[];
}

const up = (s: string | null | undefined) => (s ?? '').toUpperCase();
const d8 = (iso: string) => iso.replace(/-/g, '');

/** X12 relationship (INS02) for a dependent: spouse 01, child 19, else 34 (other adult). */
function dependentRelationship(code: string): string {
  return code === '01' || code === '19' ? code : '34';
}

function demographics(p: EligibilityPerson): Member['member']['demographics'] {
  const d: NonNullable<Member['member']['demographics']> = {};
  if (p.birthDate) d.birthDate = d8(p.birthDate);
  if (p.sex && p.sex !== 'U') d.gender = p.sex;
  return Object.keys(d).length ? d : undefined;
}

export function eligibilityRequest(input: EligibilityRequestInput): EligibilityTransaction {
  const self = input.coverage.relationshipCode === '18';
  const trace = { type: '1', reference: input.traceNumber, originatorId: input.originatorId };
  const inquiries = [
    { serviceTypes: input.serviceTypes?.length ? input.serviceTypes : ['30'] },
    ...(input.procedures ?? []).map((code) => ({ serviceTypes: [], procedure: { qualifier: 'HC', code } })),
  ];
  const dates = [{ qualifier: '291', value: d8(input.serviceDate) }];
  const subscriberPerson = self ? input.patient : input.subscriber;
  const subDemographics = demographics(subscriberPerson);
  const subscriber: Subscriber = {
    member: {
      name: {
        entityType: '1',
        lastName: up(input.subscriber.lastName),
        firstName: up(input.subscriber.firstName),
        idQualifier: 'MI',
        id: input.coverage.memberId,
      },
      ...(input.coverage.groupNumber ? { refs: [{ qualifier: '6P', value: input.coverage.groupNumber }] } : {}),
      ...(subDemographics ? { demographics: subDemographics } : {}),
    },
  };
  if (self) Object.assign(subscriber, { traces: [trace], dates, inquiries });
  else {
    const depDemographics = demographics(input.patient);
    subscriber.dependents = [
      {
        traces: [trace],
        member: {
          name: { entityType: '1', lastName: up(input.patient.lastName), firstName: up(input.patient.firstName) },
          ...(depDemographics ? { demographics: depDemographics } : {}),
        },
        relationship: { insured: 'N', relationship: dependentRelationship(input.coverage.relationshipCode) },
        dates,
        inquiries,
      },
    ];
  }
  return {
    controlNumber: input.controlNumber,
    header: { purpose: '13', referenceId: input.traceNumber, date: input.date, time: input.time },
    sources: [
      {
        source: {
          name: { entityType: '2', lastName: up(input.payer.name), idQualifier: 'PI', id: input.payer.payerId },
        },
        sourceCode: 'PR',
        receivers: [
          {
            receiver: {
              name: { entityType: '2', lastName: up(input.provider.name), idQualifier: 'XX', id: input.provider.npi },
            },
            receiverCode: '1P',
            subscribers: [subscriber],
          },
        ],
      },
    ],
  };
}

/** The member of a 271 that answers our trace (TRN*2 echoes TRN02), subscriber or dependent. */
export function memberForTrace(tx: EligibilityTransaction, traceNumber: string): Member | undefined {
  for (const src of tx.sources)
    for (const rcv of src.receivers)
      for (const sub of rcv.subscribers) {
        for (const m of [sub, ...(sub.dependents ?? [])])
          if (m.traces?.some((t) => t.reference === traceNumber)) return m;
      }
  return undefined;
}

/** Every trace number a 271 answers. */
export function tracesIn(tx: EligibilityTransaction): string[] {
  return tx.sources.flatMap((s) =>
    s.receivers.flatMap((r) =>
      r.subscribers.flatMap((sub) =>
        [sub, ...(sub.dependents ?? [])].flatMap((m) => (m.traces ?? []).map((t) => t.reference)),
      ),
    ),
  );
}

export interface Render270Input {
  request: EligibilityRequestInput;
  submitterId: string;
  receiverId: string;
  interchangeControlNumber: number;
  groupControlNumber: number;
  createdAt: Date;
  usage: 'P' | 'T';
}

/** The 270 as a whole interchange (ISA/GS HS/ST 270), ready for the clearinghouse. */
export function render270Interchange(input: Render270Input): string {
  const stToSe = build270(eligibilityRequest(input.request), { delimiters: DEFAULT_DELIMITERS });
  return buildInterchange(
    {
      sender: input.submitterId,
      receiver: input.receiverId,
      controlNumber: String(input.interchangeControlNumber),
      date: input.createdAt,
      usage: input.usage,
      ackRequested: '0',
      groups: [
        {
          functionalId: 'HS',
          appSender: input.submitterId,
          appReceiver: input.receiverId,
          controlNumber: String(input.groupControlNumber),
          version: '005010X279A1',
          transactions: [{ controlNumber: input.request.controlNumber, body: stToSe.slice(1, -1) }],
        },
      ],
    },
    DEFAULT_DELIMITERS,
    { lineBreak: true },
  );
}
