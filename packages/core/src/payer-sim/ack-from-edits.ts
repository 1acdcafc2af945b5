/** The 277CA model for one 837 transaction: every claim acknowledged (A2) or rejected with its reason. */
import type { ClaimFile837 } from '@medbill/x12/837';
import {
  totalsOf,
  type ClaimAck277,
  type ClaimAcknowledgment277,
  type PatientAck277,
  type ProviderAck277,
} from '@medbill/x12/277ca';
import type { Rejection } from './claim-edits.ts';
import type { FiledClaim } from './claim-walk.ts';
import { serviceDate } from './denial-rules.ts';

export interface EditedClaim {
  filed: FiledClaim;
  rejection: Rejection | null;
  /** payer claim control number, for accepted claims */
  icn?: string;
}

export interface AckHeader {
  controlNumber: string;
  date: string;
  time: string;
  payerName: string;
  payerId: string;
  /** 2200A TRN02: the ISA13 of the 837 received */
  receiptTrace: string;
}

function claimAck(e: EditedClaim, date: string): ClaimAck277 {
  const c = e.filed.ctx.claim;
  const dates = c.lines
    .map((l) => serviceDate(c, l))
    .filter(Boolean)
    .sort();
  const from = dates[0] ?? date;
  const to = dates[dates.length - 1] ?? from;
  const r = e.rejection;
  const ack: ClaimAck277 = {
    patientControlNumber: c.id,
    statuses: [
      r
        ? {
            status: { category: r.category, code: r.code, ...(r.entity ? { entity: r.entity } : {}) },
            date,
            action: 'U',
            amount: c.totalCharge,
            message: r.message,
          }
        : { status: { category: 'A2', code: '20' }, date, action: 'WQ', amount: c.totalCharge },
    ],
    clearinghouseTrace: c.refs?.find((x) => x.qualifier === 'D9')?.value ?? c.id,
    serviceDate: from === to ? from : `${from}-${to}`,
  };
  if (e.icn) ack.payerClaimControlNumber = e.icn;
  if (c.facilityQualifier === 'A') ack.billType = `${c.facilityCode}${c.frequency}`;
  return ack;
}

/** Claims grouped billing provider → patient as the 277CA HL levels want them. */
export function ackFromEdits(file: ClaimFile837, edited: readonly EditedClaim[], h: AckHeader): ClaimAcknowledgment277 {
  const providers = new Map<string, ProviderAck277>();
  const patients = new Map<string, PatientAck277>();
  const all: ClaimAck277[] = [];
  for (const e of edited) {
    const bp = e.filed.billingProvider.provider;
    const pKey = `${bp.name.id}|${bp.name.lastName}`;
    let prov = providers.get(pKey);
    if (!prov) {
      const tin = bp.refs?.find((r) => r.qualifier === 'EI');
      prov = {
        name: {
          entityType: bp.name.entityType,
          lastName: bp.name.lastName,
          ...(bp.name.firstName ? { firstName: bp.name.firstName } : {}),
          idQualifier: 'XX',
          id: bp.name.id ?? '',
        },
        trace: file.header.referenceId || file.controlNumber,
        statuses: [],
        totals: {},
        patients: [],
        ...(tin ? { reference: { qualifier: 'TJ', value: tin.value } } : {}),
      };
      providers.set(pKey, prov);
    }
    const person = e.filed.ctx.patient ?? e.filed.ctx.subscriber;
    const member = e.filed.ctx.subscriber.name.id ?? '';
    const ptKey = `${pKey}|${member}|${person.name.lastName}|${person.name.firstName ?? ''}`;
    let pt = patients.get(ptKey);
    if (!pt) {
      const n = person.name;
      pt = {
        name: {
          entityType: '1',
          lastName: n.lastName,
          ...(n.firstName ? { firstName: n.firstName } : {}),
          ...(n.middleName ? { middleName: n.middleName } : {}),
          idQualifier: 'MI',
          id: member,
        },
        claims: [],
      };
      patients.set(ptKey, pt);
      prov.patients.push(pt);
    }
    const ack = claimAck(e, h.date);
    pt.claims.push(ack);
    all.push(ack);
  }
  for (const prov of providers.values()) {
    const claims = prov.patients.flatMap((p) => p.claims);
    prov.totals = totalsOf(claims);
    prov.statuses = [
      {
        status: { category: 'A1', code: '19', entity: '85' },
        action: 'WQ',
        amount: claims.reduce((t, c) => t + (c.statuses[0]?.amount ?? 0), 0),
      },
    ];
  }
  const total = all.reduce((t, c) => t + (c.statuses[0]?.amount ?? 0), 0);
  const sub = file.submitter.name;
  return {
    controlNumber: h.controlNumber,
    referenceId: file.header.referenceId || file.controlNumber,
    date: h.date,
    time: h.time,
    source: { name: h.payerName, idQualifier: 'PI', id: h.payerId },
    receiptTrace: h.receiptTrace,
    receivedDate: h.date,
    processedDate: h.date,
    receiver: {
      name: {
        entityType: sub.entityType,
        lastName: sub.lastName,
        ...(sub.firstName ? { firstName: sub.firstName } : {}),
        idQualifier: '46',
        id: sub.id ?? '',
      },
      trace: file.header.referenceId || file.controlNumber,
      statuses: [{ status: { category: 'A1', code: '19', entity: 'PR' }, date: h.date, action: 'WQ', amount: total }],
      totals: totalsOf(all),
      providers: [...providers.values()],
    },
  };
}
