/** Maps a loaded claim to the 837 model (packages/x12): one ClaimToSend, grouped into files by the x12 package. */
import type {
  Claim837,
  ClaimLine as ServiceLine,
  ClaimToSend,
  HealthCode,
  Party,
} from '@medbill/x12/transactions/837/index.ts';
import { totalChargeCents, type ClaimContext, type ContextAddress } from './claim-context.ts';

const up = (s: string | null | undefined) => (s ?? '').toUpperCase();
const d8 = (iso: string) => iso.replace(/-/g, '');

function address(a: ContextAddress): NonNullable<Party['address']> {
  return {
    line1: up(a.line1),
    ...(a.line2 ? { line2: up(a.line2) } : {}),
    city: up(a.city),
    state: a.state,
    postalCode: a.zip,
  };
}

const RESPONSIBILITY = { 1: 'P', 2: 'S', 3: 'T' } as const;

export function claimToSend(ctx: ClaimContext): ClaimToSend {
  const p = ctx.practice;
  const billingProvider: ClaimToSend['billingProvider'] = {
    specialty: { code: 'BI', taxonomy: p.taxonomy },
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
  const self = c.relationshipCode === '18';
  const subscriber: ClaimToSend['subscriber'] = {
    sbr: {
      responsibility: RESPONSIBILITY[c.coverageOrder],
      ...(self ? { relationship: '18' } : {}),
      ...(c.groupNumber ? { groupNumber: c.groupNumber } : {}),
      claimFilingCode: ctx.payer.claimFilingIndicator,
    },
    subscriber: {
      name: {
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

function claim837(ctx: ClaimContext): Claim837 {
  const institutional = ctx.kind === 'institutional';
  const healthInfo: HealthCode[] = ctx.diagnoses.map((code, i) => ({
    qualifier: i === 0 ? (institutional ? 'ABK' : 'ABK') : 'ABF',
    code,
  }));
  const providers: NonNullable<Claim837['providers']> = [];
  if (ctx.referring && !institutional)
    providers.push({
      entityCode: 'DN',
      name: {
        entityType: '1',
        lastName: up(ctx.referring.lastName),
        firstName: up(ctx.referring.firstName),
        idQualifier: 'XX',
        id: ctx.referring.npi,
      },
    });
  const r = ctx.rendering;
  if (institutional)
    providers.push({
      entityCode: '71',
      name: { entityType: '1', lastName: up(r.lastName), firstName: up(r.firstName), idQualifier: 'XX', id: r.npi },
      specialty: { code: 'AT', taxonomy: r.taxonomy },
    });
  else if (r.npi !== ctx.practice.npi)
    providers.push({
      entityCode: '82',
      name: { entityType: '1', lastName: up(r.lastName), firstName: up(r.firstName), idQualifier: 'XX', id: r.npi },
      specialty: { code: 'PE', taxonomy: r.taxonomy },
    });
  const inst = ctx.institutional;
  return {
    id: ctx.claimNumber,
    totalCharge: totalChargeCents(ctx),
    facilityCode: institutional && inst ? inst.typeOfBill.slice(1, 3) : ctx.placeOfService,
    facilityQualifier: institutional ? 'A' : 'B',
    frequency: institutional && inst ? inst.typeOfBill.slice(3, 4) || ctx.frequencyCode : ctx.frequencyCode,
    ...(institutional ? {} : { providerSignature: 'Y', patientSignatureSource: 'P' }),
    assignment: 'A',
    benefitsAssigned: 'Y',
    releaseOfInfo: 'Y',
    dates: institutional
      ? [
          { qualifier: '434', value: `${d8(ctx.serviceDateFrom)}-${d8(ctx.serviceDateTo)}` },
          ...(inst?.admissionDate ? [{ qualifier: '435', value: d8(inst.admissionDate) }] : []),
        ]
      : [],
    ...(institutional && inst
      ? {
          institutional: {
            admissionType: inst.admissionType ?? '3',
            admissionSource: inst.admissionSource ?? '1',
            patientStatus: inst.patientStatus ?? '01',
          },
        }
      : {}),
    ...(ctx.priorAuthorization ? { priorAuthorization: ctx.priorAuthorization } : {}),
    ...(ctx.originalPayerClaimNumber && ctx.frequencyCode !== '1'
      ? { originalReference: ctx.originalPayerClaimNumber }
      : {}),
    healthInfo,
    ...(providers.length ? { providers } : {}),
    lines: ctx.lines.map((l) => serviceLine(ctx, l)),
  };
}

function serviceLine(ctx: ClaimContext, l: ClaimContext['lines'][number]): ServiceLine {
  const procedure = {
    qualifier: 'HC',
    code: l.procedureCode,
    ...(l.modifiers.length ? { modifiers: l.modifiers } : {}),
  };
  const common = {
    charge: l.chargeCents,
    unit: 'UN',
    quantity: l.units,
    dates: [{ qualifier: '472', value: d8(l.serviceDate) }],
    controlNumber: `${ctx.claimNumber}-${l.lineNumber}`,
  };
  if (ctx.kind === 'institutional') return { revenueCode: l.revenueCode ?? '0510', procedure, ...common };
  return { procedure, ...common, diagnosisPointers: l.diagnosisPointers };
}
