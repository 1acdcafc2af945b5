/** Maps a loaded claim to the 837 model (packages/x12): one ClaimToSend, grouped into files by the x12 package. */
import type { ClaimToSend, Party } from '@medbill/x12/837';
import type { ClaimToBill, ContextAddress } from './claim-context.ts';
import { claim837 } from './claim-837.ts';
import { claimFilingCodeFor, payerKindOf } from './payer-kind.ts';

const up = (s: string | null | undefined) => (s ?? '').toUpperCase();
const d8 = (iso: string) => iso.replace(/-/g, '');

export function address(a: ContextAddress): NonNullable<Party['address']> {
  return {
    line1: up(a.line1),
    ...(a.line2 ? { line2: up(a.line2) } : {}),
    city: up(a.city),
    state: a.state,
    postalCode: a.zip,
  };
}

const RESPONSIBILITY = { 1: 'P', 2: 'S', 3: 'T' } as const;

/**
 * Is the patient the subscriber (2000B SBR02 18, no 2000C)? Always for Medicaid and Medicare: the
 * patient holds the policy under their own member ID, whatever was typed as the relationship.
 */
export function patientIsSubscriber(ctx: Pick<ClaimToBill, 'coverage' | 'payer'>): boolean {
  const kind = payerKindOf(ctx.payer.claimFilingIndicator);
  return ctx.coverage.relationshipCode === '18' || kind === 'medicaid' || kind === 'medicare';
}

/** The taxonomy the billing provider bills under: the facility's on an 837I, the practice's on an 837P. */
export function billingTaxonomy(ctx: Pick<ClaimToBill, 'kind' | 'practice'>): string {
  return ctx.kind === 'institutional'
    ? (ctx.practice.facilityTaxonomy ?? ctx.practice.taxonomy)
    : ctx.practice.taxonomy;
}

export function claimToSend(ctx: ClaimToBill): ClaimToSend {
  const p = ctx.practice;
  const billingProvider: ClaimToSend['billingProvider'] = {
    specialty: { code: 'BI', taxonomy: billingTaxonomy(ctx) },
    provider: {
      name: { entityType: '2', lastName: up(p.legalName), idQualifier: 'XX', id: p.npi },
      address: address(p.address),
      refs: [{ qualifier: 'EI', value: p.tin }],
      ...(p.phone
        ? { contacts: [{ functionCode: 'IC', name: 'BILLING OFFICE', numbers: [{ qualifier: 'TE', value: p.phone }] }] }
        : {}),
    },
    ...(p.payTo ? { payTo: { name: { entityType: '2', lastName: '' }, address: address(p.payTo) } } : {}),
  };
  const c = ctx.coverage;
  const self = patientIsSubscriber(ctx);
  const kind = payerKindOf(ctx.payer.claimFilingIndicator);
  const subscriber: ClaimToSend['subscriber'] = {
    sbr: {
      responsibility: RESPONSIBILITY[c.coverageOrder],
      ...(self ? { relationship: '18' } : {}),
      ...(c.groupNumber ? { groupNumber: c.groupNumber } : {}),
      ...(kind === 'medicare' && c.coverageOrder > 1 && c.mspType ? { insuranceType: c.mspType } : {}),
      claimFilingCode: claimFilingCodeFor(ctx.payer.claimFilingIndicator, ctx.kind),
    },
    subscriber: {
      name: self
        ? {
            entityType: '1',
            lastName: up(ctx.patient.lastName),
            firstName: up(ctx.patient.firstName),
            ...(ctx.patient.middleName ? { middleName: up(ctx.patient.middleName) } : {}),
            idQualifier: 'MI',
            id: c.memberId,
          }
        : {
            entityType: '1',
            lastName: up(c.subscriberLastName),
            firstName: up(c.subscriberFirstName),
            idQualifier: 'MI',
            id: c.memberId,
          },
      ...(self
        ? {
            address: address(ctx.patient.address),
            demographics: { birthDate: d8(ctx.patient.birthDate), gender: ctx.patient.sex },
          }
        : {}),
    },
    payer: {
      name: { entityType: '2', lastName: up(ctx.payer.name), idQualifier: 'PI', id: ctx.payer.payerCode },
      ...(ctx.payer.address ? { address: address(ctx.payer.address) } : {}),
    },
  };
  const patient: ClaimToSend['patient'] = self
    ? undefined
    : {
        relationship: c.relationshipCode,
        patient: {
          name: {
            entityType: '1',
            lastName: up(ctx.patient.lastName),
            firstName: up(ctx.patient.firstName),
            ...(ctx.patient.middleName ? { middleName: up(ctx.patient.middleName) } : {}),
          },
          address: address(ctx.patient.address),
          demographics: { birthDate: d8(ctx.patient.birthDate), gender: ctx.patient.sex },
        },
      };
  return { billingProvider, subscriber, patient, claim: claim837(ctx) };
}
