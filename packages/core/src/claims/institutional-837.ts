/**
 * What an 837I (UB-04) carries beyond a professional claim: the type of bill, diagnoses with
 * present-on-admission, admitting diagnosis, reasons for visit, ICD-10-PCS procedures with dates,
 * occurrence, occurrence-span, value and condition codes, admission and discharge dates and hours.
 */
import type { DateValue, HealthCode } from '@medbill/x12/837';
import type { ClaimToBill, ContextInstitutional } from './claim-context.ts';

const d8 = (iso: string) => iso.replace(/-/g, '');
const plain = (code: string) => code.replace('.', '').toUpperCase();

export interface TypeOfBill {
  /** facility type + classification (CLM05-1), e.g. '13' */
  facilityCode: string;
  /** the frequency digit of the bill type (CLM05-3 unless the claim replaces or voids another) */
  frequency: string;
}

/** '131' or '0131' → { facilityCode: '13', frequency: '1' }; null when it is not a bill type. */
export function parseTypeOfBill(value: string | null | undefined): TypeOfBill | null {
  const m = /^0?([1-9])([0-9])([0-9A-Z])$/.exec((value ?? '').trim().toUpperCase());
  return m ? { facilityCode: `${m[1]}${m[2]}`, frequency: m[3] } : null;
}

/** Inpatient bill types (hospital, religious non-medical, ICF, SNF inpatient): POA, admitting diagnosis, PCS. */
export function isInpatient(inst: ContextInstitutional | null | undefined): boolean {
  const t = parseTypeOfBill(inst?.typeOfBill);
  return Boolean(t && /^(11|12|18|21|22|41|61|65|66)$/.test(t.facilityCode));
}

/** Outpatient and emergency visits that give the patient's reason for visit (HI APR): 13x, 14x, 71x–79x, 83x, 85x. */
export function needsReasonForVisit(inst: ContextInstitutional | null | undefined): boolean {
  const t = parseTypeOfBill(inst?.typeOfBill);
  return Boolean(t && /^(13|14|7[1-9]|83|85)$/.test(t.facilityCode));
}

/** HI composites of an 837I in guide order: ABK (POA), ABJ, APR, ABN, ABF (POA), BBR, BBQ, BI, BH, BE, BG. */
export function institutionalHealthCodes(ctx: ClaimToBill): HealthCode[] {
  const inst = ctx.institutional ?? null;
  const inpatient = isInpatient(inst);
  const poa = (i: number) => {
    const v = inpatient ? ctx.diagnosisPoa?.[i] : null;
    return v ? { poa: v } : {};
  };
  const out: HealthCode[] = [];
  ctx.diagnoses.slice(0, 1).forEach((code, i) => {
    out.push({ qualifier: 'ABK', code: plain(code), ...poa(i) });
  });
  if (inst?.admittingDiagnosis && inpatient) out.push({ qualifier: 'ABJ', code: plain(inst.admittingDiagnosis) });
  if (!inpatient)
    for (const code of (inst?.reasonForVisit ?? []).slice(0, 3)) out.push({ qualifier: 'APR', code: plain(code) });
  for (const code of (inst?.externalCauses ?? []).slice(0, 12)) out.push({ qualifier: 'ABN', code: plain(code) });
  ctx.diagnoses.slice(1, 25).forEach((code, i) => {
    out.push({ qualifier: 'ABF', code: plain(code), ...poa(i + 1) });
  });
  (inst?.procedures ?? []).slice(0, 25).forEach((p, i) => {
    out.push({ qualifier: i === 0 ? 'BBR' : 'BBQ', code: plain(p.code), dateFormat: 'D8', date: d8(p.date) });
  });
  for (const s of (inst?.occurrenceSpans ?? []).slice(0, 24))
    out.push({ qualifier: 'BI', code: s.code, dateFormat: 'RD8', date: `${d8(s.from)}-${d8(s.to)}` });
  for (const o of (inst?.occurrences ?? []).slice(0, 24))
    out.push({ qualifier: 'BH', code: o.code, dateFormat: 'D8', date: d8(o.date) });
  for (const v of (inst?.values ?? []).slice(0, 24)) out.push({ qualifier: 'BE', code: v.code, amount: v.amountCents });
  for (const c of (inst?.conditions ?? []).slice(0, 24)) out.push({ qualifier: 'BG', code: c });
  return out;
}

/** 2300 DTP of an 837I in guide order: discharge hour (096), statement dates (434), admission date and hour (435). */
export function institutionalDates(ctx: ClaimToBill): DateValue[] {
  const inst = ctx.institutional;
  const out: DateValue[] = [];
  if (inst?.dischargeHour && isInpatient(inst))
    out.push({ qualifier: '096', format: 'TM', value: `${inst.dischargeHour.padStart(2, '0')}00` });
  out.push({ qualifier: '434', value: `${d8(ctx.serviceDateFrom)}-${d8(ctx.serviceDateTo)}` });
  if (inst?.admissionDate) {
    const hour = inst.admissionHour ? inst.admissionHour.padStart(2, '0') : '';
    out.push(
      hour
        ? { qualifier: '435', format: 'DT', value: `${d8(inst.admissionDate)}${hour}00` }
        : { qualifier: '435', value: d8(inst.admissionDate) },
    );
  }
  return out;
}
