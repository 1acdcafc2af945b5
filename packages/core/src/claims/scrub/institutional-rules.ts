/**
 * What a UB-04 (837I) must carry, by type of bill: a valid bill type (NUBC facility type, classification,
 * frequency), POA on inpatient diagnoses, admitting diagnosis and admission date on inpatient bills,
 * ICD-10-PCS codes in their 7-character form, the patient's reason for visit on outpatient visits, and
 * revenue codes that exist and carry the HCPCS their category needs.
 */
import type { ClaimToBill } from '../claim-context.ts';
import { isInpatient, needsReasonForVisit, parseTypeOfBill } from '../institutional-837.ts';
import { revenueCategory, revenueNeedsHcpcs } from './revenue-codes.ts';
import { edit, type ScrubEdit } from './scrub-types.ts';

const NUBC = 'NUBC UB-04 manual';
const GUIDE = '837I implementation guide';

/** NUBC facility types (1st digit) and the classifications (2nd digit) each allows. */
const CLASSIFICATIONS: Record<string, string> = {
  '1': '123458', // hospital: inpatient A, inpatient B, outpatient, other, intermediate care, swing beds
  '2': '123458', // skilled nursing
  '3': '234', // home health
  '4': '123458', // religious non-medical (hospital)
  '6': '123458', // intermediate care
  '7': '12345679', // clinic: RHC, ESRD, FQHC, ORF, CORF, CMHC, FQHC, other
  '8': '12345679', // special facility: hospice, ASC, birthing center, CAH, residential, other
};
/** NUBC frequency codes in use (6 was retired). */
const FREQUENCIES = new Set([
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '7',
  '8',
  '9',
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
  'G',
  'H',
  'I',
  'J',
  'K',
  'M',
  'O',
  'P',
  'Q',
]);
const POA = new Set(['Y', 'N', 'U', 'W']);
const PCS = /^[0-9A-HJ-NP-Z]{7}$/;
const ICD10CM = /^[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}$/;

function billTypeProblem(value: string | undefined): string | null {
  const tob = parseTypeOfBill(value);
  if (!tob) return `"${value ?? ''}" is not a type of bill: 3 digits (e.g. 131) or 4 with a leading zero (0131)`;
  const [type, cls] = tob.facilityCode;
  if (!CLASSIFICATIONS[type!]) return `Type of bill ${value}: facility type ${type} does not exist (1–4, 6, 7 or 8)`;
  if (!CLASSIFICATIONS[type!]!.includes(cls!))
    return `Type of bill ${value}: classification ${cls} is not used with facility type ${type}`;
  if (!FREQUENCIES.has(tob.frequency))
    return `Type of bill ${value}: frequency ${tob.frequency} is not a NUBC frequency code`;
  return null;
}

export function checkInstitutional(ctx: ClaimToBill): ScrubEdit[] {
  if (ctx.kind !== 'institutional') return [];
  const out: ScrubEdit[] = [];
  const inst = ctx.institutional;
  const f = (name: string) => `encounter.institutional.${name}`;
  const problem = billTypeProblem(inst?.typeOfBill);
  if (problem) out.push(edit('type-of-bill', f('typeOfBill'), problem, NUBC));
  if (!inst?.patientStatus)
    out.push(
      edit('patient-status', f('patientStatus'), 'The patient discharge status (FL 17, CL103) is missing', GUIDE),
    );
  const inpatient = isInpatient(inst);
  if (inpatient) {
    if (!inst?.admissionDate)
      out.push(
        edit(
          'admission-date',
          f('admissionDate'),
          'An inpatient bill needs the admission date (FL 12, DTP*435)',
          GUIDE,
        ),
      );
    if (!inst?.admissionType)
      out.push(
        edit(
          'admission-type',
          f('admissionType'),
          'An inpatient bill needs the type of admission (FL 14, CL101)',
          GUIDE,
        ),
      );
    if (!inst?.admittingDiagnosis)
      out.push(
        edit(
          'admitting-diagnosis',
          f('admittingDiagnosis'),
          'An inpatient bill needs the admitting diagnosis (FL 69, HI ABJ)',
          GUIDE,
        ),
      );
    ctx.diagnoses.forEach((code, i) => {
      const poa = ctx.diagnosisPoa?.[i];
      if (poa && POA.has(poa)) return;
      // external causes and Z codes are mostly on CMS's POA-exempt list, where the indicator is left blank
      const likelyExempt = /^[V-Z]/.test(code);
      out.push(
        edit(
          'poa-missing',
          `diagnoses[${i}].poa`,
          poa
            ? `Diagnosis ${i + 1} (${code}): "${poa}" is not a present-on-admission indicator (Y, N, U or W)`
            : `Diagnosis ${i + 1} (${code}) has no present-on-admission indicator: enter Y, N, U or W${likelyExempt ? ' (leave it blank only if the code is on the CMS POA-exempt list)' : ''}`,
          'CMS present-on-admission reporting (inpatient)',
          poa || !likelyExempt ? 'error' : 'warning',
          code,
        ),
      );
    });
  } else if (needsReasonForVisit(inst) && !inst?.reasonForVisit?.length) {
    out.push(
      edit(
        'reason-for-visit',
        f('reasonForVisit'),
        "An outpatient visit gives the patient's reason for visit (FL 70, HI APR): the diagnosis the patient came in with",
        GUIDE,
        'warning',
      ),
    );
  }
  for (const [i, code] of [inst?.admittingDiagnosis, ...(inst?.reasonForVisit ?? [])].entries())
    if (code && !ICD10CM.test(code.replace('.', '').toUpperCase()))
      out.push(
        edit(
          'dx-format',
          i === 0 ? f('admittingDiagnosis') : f('reasonForVisit'),
          `${code} is not an ICD-10-CM code`,
          GUIDE,
        ),
      );
  (inst?.procedures ?? []).forEach((p, i) => {
    if (!PCS.test(p.code.toUpperCase()))
      out.push(
        edit(
          'pcs-format',
          f(`procedures[${i}].code`),
          `${p.code} is not an ICD-10-PCS code (7 letters and digits, no I or O)`,
          GUIDE,
          'error',
          p.code,
        ),
      );
    const from = inst?.admissionDate ?? ctx.serviceDateFrom;
    if (p.date < from || p.date > ctx.serviceDateTo)
      out.push(
        edit(
          'pcs-date',
          f(`procedures[${i}].date`),
          `Procedure ${p.code} is dated ${p.date}, outside the stay (${from} to ${ctx.serviceDateTo})`,
          GUIDE,
          'warning',
          p.code,
        ),
      );
  });
  if (inpatient && (inst?.procedures?.length ?? 0) > 0 && !ctx.operating)
    out.push(
      edit(
        'operating-physician',
        f('operatingProviderId'),
        'An inpatient bill with a surgical procedure names the operating physician (FL 76, 2310B)',
        GUIDE,
      ),
    );
  out.push(...checkRevenueCodes(ctx, inpatient));
  return out;
}

function checkRevenueCodes(ctx: ClaimToBill, inpatient: boolean): ScrubEdit[] {
  const out: ScrubEdit[] = [];
  ctx.lines.forEach((l, i) => {
    const code = l.revenueCode ?? '';
    if (!/^\d{4}$/.test(code)) return; // the completeness check names a missing revenue code
    const cat = revenueCategory(code);
    if (!cat) {
      out.push(
        edit(
          'revenue-code-unknown',
          `lines[${i}].revenueCode`,
          `Line ${i + 1}: ${code} is not a revenue code in the NUBC layout`,
          NUBC,
        ),
      );
      return;
    }
    if (cat.inpatientOnly && !inpatient)
      out.push(
        edit(
          'revenue-code-inpatient',
          `lines[${i}].revenueCode`,
          `Line ${i + 1}: ${code} (${cat.name}) is billed on inpatient bills only`,
          NUBC,
        ),
      );
    if (inpatient) return;
    const need = revenueNeedsHcpcs(code);
    if (need === 'required' && !l.procedureCode)
      out.push(
        edit(
          'revenue-code-hcpcs',
          `lines[${i}].procedureCode`,
          `Line ${i + 1}: revenue code ${code} (${cat.name}) needs the HCPCS/CPT code of the service on an outpatient bill`,
          NUBC,
        ),
      );
    if (need === 'never' && l.procedureCode)
      out.push(
        edit(
          'revenue-code-hcpcs',
          `lines[${i}].procedureCode`,
          `Line ${i + 1}: revenue code ${code} (${cat.name}) takes no HCPCS code`,
          NUBC,
          'warning',
        ),
      );
  });
  return out;
}
