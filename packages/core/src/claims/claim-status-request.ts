/**
 * The 276 claim status request (005010X212) for claims sent to one payer: payer (2000A) → us as the information
 * receiver (2000B) → each billing provider (2000C) → each subscriber (2000D) → the patient when not the subscriber
 * (2000E) → one claim loop per claim (TRN trace, REF*1K payer claim number when known, REF*EJ our claim number,
 * AMT*T3 charge, DTP*472 service dates). Pure: the caller gives dates, traces and control numbers.
 */
import { buildInterchange } from '@medbill/x12';
import { DEFAULT_DELIMITERS } from '@medbill/x12';
import { build276 } from '@medbill/x12/276-277';
import type { ClaimStatus, ClaimStatusTransaction, StatusNode } from '@medbill/x12/276-277';

export interface StatusPerson {
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  birthDate?: string | null;
  sex?: string | null;
}

export interface StatusRequestClaim {
  /** TRN02: unique per request; the 277 echoes it */
  trace: string;
  /** CLM01 as sent */
  claimNumber: string;
  payerClaimNumber?: string | null;
  chargeCents: number;
  /** YYYY-MM-DD */
  serviceFrom: string;
  serviceTo?: string | null;
  provider: { name: string; npi: string };
  subscriber: StatusPerson & { memberId: string };
  /** the patient, when not the subscriber */
  patient?: StatusPerson | null;
}

export interface StatusRequestInput {
  controlNumber: string;
  /** BHT03 */
  referenceId: string;
  /** CCYYMMDD and HHMM */
  date: string;
  time: string;
  payer: { name: string; payerId: string };
  receiver: { name: string; id: string };
  claims: readonly StatusRequestClaim[];
}

const d8 = (iso: string) => iso.replace(/-/g, '');
const gender = (sex: string | null | undefined) => (sex === 'M' || sex === 'F' ? sex : 'U');
const upper = (s: string) => s.toUpperCase().slice(0, 60);

function person(p: StatusPerson, id?: string): StatusNode['entity'] {
  return {
    name: {
      entityType: '1',
      lastName: upper(p.lastName),
      firstName: upper(p.firstName).slice(0, 35),
      ...(id ? { idQualifier: 'MI', id } : {}),
    },
    ...(p.birthDate ? { demographics: { birthDate: d8(p.birthDate), gender: gender(p.sex) } } : {}),
  };
}

function claimLoop(c: StatusRequestClaim): ClaimStatus {
  const to = c.serviceTo ?? c.serviceFrom;
  return {
    trace: { type: '1', reference: c.trace },
    refs: [
      ...(c.payerClaimNumber ? [{ qualifier: '1K', value: c.payerClaimNumber }] : []),
      { qualifier: 'EJ', value: c.claimNumber },
    ],
    amounts: [{ qualifier: 'T3', amount: c.chargeCents }],
    dates: [{ qualifier: '472', value: `${d8(c.serviceFrom)}-${d8(to)}` }],
  };
}

export function claimStatusRequest(input: StatusRequestInput): ClaimStatusTransaction {
  const providers = new Map<string, StatusNode>();
  const subscribers = new Map<string, StatusNode>();
  const dependents = new Map<string, StatusNode>();
  for (const c of input.claims) {
    let provider = providers.get(c.provider.npi);
    if (!provider) {
      provider = {
        level: '19',
        entityCode: '1P',
        entity: { name: { entityType: '2', lastName: upper(c.provider.name), idQualifier: 'XX', id: c.provider.npi } },
        children: [],
      };
      providers.set(c.provider.npi, provider);
    }
    // a subscriber level with a dependent below it carries no claim of its own (2200D): one 2000D for each
    const subKey = `${c.provider.npi}|${c.subscriber.memberId}|${c.subscriber.lastName}|${c.subscriber.firstName}|${c.patient ? 'dependent' : 'self'}`;
    let sub = subscribers.get(subKey);
    if (!sub) {
      sub = { level: '22', entityCode: 'IL', entity: person(c.subscriber, c.subscriber.memberId), children: [] };
      subscribers.set(subKey, sub);
      provider.children.push(sub);
    }
    if (c.patient) {
      const depKey = `${subKey}|${c.patient.lastName}|${c.patient.firstName}|${c.patient.birthDate ?? ''}`;
      let dep = dependents.get(depKey);
      if (!dep) {
        dep = { level: '23', entityCode: 'QC', entity: person(c.patient), children: [] };
        dependents.set(depKey, dep);
        sub.children.push(dep);
      }
      dep.claims = [...(dep.claims ?? []), claimLoop(c)];
    } else {
      sub.claims = [...(sub.claims ?? []), claimLoop(c)];
    }
  }
  return {
    kind: '276',
    controlNumber: input.controlNumber,
    header: { purpose: '13', referenceId: input.referenceId, date: input.date, time: input.time },
    roots: [
      {
        level: '20',
        entityCode: 'PR',
        entity: {
          name: { entityType: '2', lastName: upper(input.payer.name), idQualifier: 'PI', id: input.payer.payerId },
        },
        children: [
          {
            level: '21',
            entityCode: '41',
            entity: {
              name: { entityType: '2', lastName: upper(input.receiver.name), idQualifier: '46', id: input.receiver.id },
            },
            children: [...providers.values()],
          },
        ],
      },
    ],
  };
}

export interface Render276Input {
  requests: readonly StatusRequestInput[];
  submitterId: string;
  receiverId: string;
  interchangeControlNumber: number;
  groupControlNumber: number;
  createdAt: Date;
  usage: 'P' | 'T';
}

/** The 276s as one interchange (ISA/GS HR/ST 276 …), ready for the clearinghouse. */
export function render276Interchange(input: Render276Input): string {
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
          functionalId: 'HR',
          appSender: input.submitterId,
          appReceiver: input.receiverId,
          controlNumber: String(input.groupControlNumber),
          version: '005010X212',
          transactions: input.requests.map((r) => ({
            controlNumber: r.controlNumber,
            body: build276(claimStatusRequest(r), { delimiters: DEFAULT_DELIMITERS }).slice(1, -1),
          })),
        },
      ],
    },
    DEFAULT_DELIMITERS,
    { lineBreak: true },
  );
}
