/** The 2300 claim of a loaded claim: CLM, dates, references, diagnoses (HI), 2310 providers, 2320 COB, 2400 lines. */
import type { Claim837, ClaimProvider, ClaimLine as ServiceLine, HealthCode } from '@medbill/x12/837';
import { totalChargeCents, type ClaimToBill, type ContextProvider } from './claim-context.ts';
import { lineAdjudications, otherSubscribers } from './cob/cob-loops.ts';
import { institutionalDates, institutionalHealthCodes, isInpatient, parseTypeOfBill } from './institutional-837.ts';

const up = (s: string | null | undefined) => (s ?? '').toUpperCase();
/** CPT pathology and laboratory codes (80047–89398) and the HCPCS lab codes starting G0 that Medicare lists. */
export const isLabCode = (code: string) =>
  /^8\d{4}$/.test(code) || /^G0(103|123|124|14[1-8]|306|307|328|47[2-6]|48[0-3])$/.test(code);
const d8 = (iso: string) => iso.replace(/-/g, '');

function person(entityCode: string, p: ContextProvider, prv?: string): ClaimProvider {
  return {
    entityCode,
    name: { entityType: '1', lastName: up(p.lastName), firstName: up(p.firstName), idQualifier: 'XX', id: p.npi },
    ...(prv ? { specialty: { code: prv, taxonomy: p.taxonomy } } : {}),
  };
}

/** 2310 loops: 837P referring (DN) and rendering (82); 837I attending (71), operating (72), other (ZZ), referring (DN). */
function providers(ctx: ClaimToBill): ClaimProvider[] {
  const out: ClaimProvider[] = [];
  if (ctx.kind === 'institutional') {
    out.push(person('71', ctx.rendering, 'AT'));
    if (ctx.operating) out.push(person('72', ctx.operating));
    if (ctx.otherOperating) out.push(person('ZZ', ctx.otherOperating));
    if (ctx.referring && ctx.referring.npi !== ctx.rendering.npi) out.push(person('DN', ctx.referring));
    return out;
  }
  if (ctx.referring) out.push(person('DN', ctx.referring));
  if (ctx.rendering.npi !== ctx.practice.npi) out.push(person('82', ctx.rendering, 'PE'));
  return out;
}

/** CLM05: place of service + B (837P), or facility type and classification + A (837I); frequency 1, 7 or 8. */
function facility(ctx: ClaimToBill): Pick<Claim837, 'facilityCode' | 'facilityQualifier' | 'frequency'> {
  if (ctx.kind === 'professional')
    return { facilityCode: ctx.placeOfService, facilityQualifier: 'B', frequency: ctx.frequencyCode };
  const tob = parseTypeOfBill(ctx.institutional?.typeOfBill);
  return {
    facilityCode: tob?.facilityCode ?? '',
    facilityQualifier: 'A',
    // a replacement or void says so whatever the bill type's last digit; otherwise the bill type's own frequency
    frequency: ctx.frequencyCode !== '1' ? ctx.frequencyCode : (tob?.frequency ?? '1'),
  };
}

function healthInfo(ctx: ClaimToBill): HealthCode[] {
  if (ctx.kind === 'institutional') return institutionalHealthCodes(ctx);
  return ctx.diagnoses.map((code, i) => ({ qualifier: i === 0 ? 'ABK' : 'ABF', code }));
}

export function claim837(ctx: ClaimToBill): Claim837 {
  const institutional = ctx.kind === 'institutional';
  const inst = ctx.institutional;
  const list = providers(ctx);
  const others = otherSubscribers(ctx);
  const inpatient = isInpatient(inst);
  return {
    id: ctx.claimNumber,
    totalCharge: totalChargeCents(ctx),
    ...facility(ctx),
    // CLM10 (patient signature source P: the patient was not present) is sent only when that is true — never for us
    ...(institutional ? {} : { providerSignature: 'Y' }),
    assignment: 'A',
    benefitsAssigned: 'Y',
    releaseOfInfo: 'Y',
    dates: institutional ? institutionalDates(ctx) : [],
    ...(institutional && inst
      ? {
          institutional: {
            // CL101/CL102 are for inpatient admissions and unscheduled visits; CL103 is always sent
            ...(inst.admissionType ? { admissionType: inst.admissionType } : inpatient ? { admissionType: '3' } : {}),
            ...(inst.admissionSource ? { admissionSource: inst.admissionSource } : {}),
            patientStatus: inst.patientStatus ?? '01',
          },
        }
      : {}),
    ...(ctx.priorAuthorization ? { priorAuthorization: ctx.priorAuthorization } : {}),
    ...(ctx.frequencyCode !== '1' && ctx.originalPayerClaimNumber
      ? { originalReference: ctx.originalPayerClaimNumber }
      : {}),
    // 837P REF*X4: the CLIA number, on claims with a lab test
    ...(!institutional && ctx.practice.cliaNumber && ctx.lines.some((l) => isLabCode(l.procedureCode))
      ? { refs: [{ qualifier: 'X4', value: ctx.practice.cliaNumber }] }
      : {}),
    healthInfo: healthInfo(ctx),
    ...(list.length ? { providers: list } : {}),
    ...(others.length ? { otherSubscribers: others } : {}),
    lines: ctx.lines.map((l) => serviceLine(ctx, l)),
  };
}

function serviceLine(ctx: ClaimToBill, l: ClaimToBill['lines'][number]): ServiceLine {
  const procedure = {
    qualifier: 'HC',
    code: l.procedureCode,
    ...(l.modifiers.length ? { modifiers: l.modifiers } : {}),
  };
  const adjudications = lineAdjudications(ctx, l);
  const common = {
    charge: l.chargeCents,
    unit: 'UN',
    quantity: l.units,
    dates: [{ qualifier: '472', value: d8(l.serviceDate) }],
    controlNumber: `${ctx.claimNumber}-${l.lineNumber}`,
    ...(l.drug ? { drug: { qualifier: 'N4', ndc: l.drug.ndc, quantity: l.drug.quantity, unit: l.drug.unit } } : {}),
    ...(adjudications.length ? { adjudications } : {}),
  };
  // room and board and other revenue codes without a HCPCS go with SV202 empty
  if (ctx.kind === 'institutional')
    return { revenueCode: l.revenueCode ?? '0510', ...(l.procedureCode ? { procedure } : {}), ...common };
  return { procedure, ...common, diagnosisPointers: l.diagnosisPointers };
}
