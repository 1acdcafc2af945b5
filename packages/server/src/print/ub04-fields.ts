/**
 * Map an 837I claim to the form locators of the UB-04 (CMS-1450), following the NUBC layout: dates
 * MMDDYY (birth date MMDDCCYY), money as "dollars.cents", 22 revenue lines per page with line 23
 * carrying revenue code 0001, the page number and — on the last page only — the totals. Pure: the
 * creation date (FL45 line 23) comes in as an option.
 */
import type { Claim837, ClaimFile837, ClaimInFile } from '@medbill/x12';
import { requireClaim, type ClaimRef } from './claim-context.ts';
import {
  cityLine,
  dateRange,
  findDate,
  mmddyy,
  money,
  noPunctuation,
  npiOf,
  phoneOf,
  printAddress,
  printable,
  refOf,
  ubName,
  units,
  withoutEmpty,
} from './print-format.ts';
import { ub04CodeBoxes, ub04DiagnosisBoxes, ub04Diagnoses, ub04ProviderBoxes } from './ub04-code-boxes.ts';
import { UB04_LINES_PER_PAGE, type Ub04Box, type Ub04LineBox, type Ub04PayerBox } from './ub04-layout.ts';
import { ub04Payers } from './ub04-payers.ts';

type ServiceLine = Claim837['lines'][number];

export type Ub04Boxes = Partial<Record<Ub04Box, string>>;
export type Ub04LineBoxes = Partial<Record<Ub04LineBox, string>>;
export type Ub04PayerRow = Partial<Record<Ub04PayerBox, string>>;

export interface Ub04Page {
  boxes: Ub04Boxes;
  /** FL50–62 rows A (primary), B (secondary), C (tertiary) */
  payers: Ub04PayerRow[];
  /** FL67 principal then A–Q, each with its POA indicator */
  diagnoses: Array<{ code: string; poa: string }>;
  /** up to 22 revenue lines (FL42–48) */
  lines: Ub04LineBoxes[];
}

export interface Ub04Form {
  claimId: string;
  pages: Ub04Page[];
}

export interface Ub04Options {
  /** CCYYMMDD printed as the creation date on line 23 (FL45) */
  creationDate?: string;
}

export function ub04Fields(file: ClaimFile837, ref: ClaimRef, options: Ub04Options = {}): Ub04Form {
  const ctx = requireClaim(file, ref);
  const c = ctx.claim;
  const common = withoutEmpty<Ub04Boxes>({
    ...providerAndPatient(ctx),
    ...admission(ctx),
    ...ub04CodeBoxes(c),
    ...ub04DiagnosisBoxes(c),
    ...ub04ProviderBoxes(c),
  });
  const lines = c.lines.map((l) => withoutEmpty(revenueLine(l)));
  const payers = ub04Payers(ctx).map((r) => withoutEmpty(r));
  const count = Math.max(1, Math.ceil(lines.length / UB04_LINES_PER_PAGE));
  const pages: Ub04Page[] = [];
  for (let i = 0; i < count; i++) {
    const boxes: Ub04Boxes = { ...common, '42.total': '0001', '43.page': String(i + 1), '43.of': String(count) };
    if (options.creationDate) boxes['45.total'] = mmddyy(options.creationDate);
    if (i === count - 1) {
      boxes['47.total'] = money(c.totalCharge);
      const nonCovered = c.lines.reduce((t, l) => t + (l.nonCoveredCharge ?? 0), 0);
      if (nonCovered !== 0) boxes['48.total'] = money(nonCovered);
    }
    const slice = lines.slice(i * UB04_LINES_PER_PAGE, (i + 1) * UB04_LINES_PER_PAGE);
    pages.push({ boxes, payers, diagnoses: ub04Diagnoses(c), lines: slice });
  }
  return { claimId: c.id, pages };
}

/** FL1–11: billing provider, pay-to, control numbers, type of bill, tax id, statement period, patient. */
function providerAndPatient(ctx: ClaimInFile): Ub04Boxes {
  const c = ctx.claim;
  const bp = ctx.billing.provider;
  const ba = printAddress(bp);
  const pa = printAddress(ctx.patient);
  const statement = dateRange(findDate(c.dates, '434'));
  const b: Ub04Boxes = {
    '1.name': noPunctuation(bp.name.lastName),
    '1.street': ba.street,
    '1.city': cityLine(ba),
    '1.phone': phoneOf(bp),
    '3a': printable(c.id),
    '3b': printable(refOf(c, 'EA')),
    // FL4: leading 0, facility type (CLM05-1, two digits) and frequency (CLM05-3)
    '4': `0${c.facilityCode}${c.frequency}`,
    '5': (refOf(bp, 'EI') ?? '').replace(/\D/g, ''),
    '56': npiOf(bp),
    '6.from': mmddyy(statement.from),
    '6.through': mmddyy(statement.to),
    '8b': ubName(ctx.patient),
    '9a': pa.street,
    '9b': pa.city,
    '9c': pa.state,
    '9d': pa.zip,
    '10': mmddyy8(ctx.patient.demographics?.birthDate),
    '11': printable(ctx.patient.demographics?.gender),
  };
  const payTo = ctx.billing.payTo;
  if (payTo) {
    const a = printAddress(payTo);
    Object.assign(b, { '2.name': noPunctuation(payTo.name.lastName), '2.street': a.street, '2.city': cityLine(a) });
  }
  if (ctx.patientLoop) b['8a'] = printable(refOf(ctx.patient, 'SY') ?? ctx.patient.name.id);
  // FL81 code-code: B3 with the billing provider's taxonomy (2000A PRV), as the 837I carries it
  const taxonomy = ctx.billing.specialty?.taxonomy ?? bp.specialty?.taxonomy;
  if (taxonomy) Object.assign(b, { '81a.qual': 'B3', '81a.code': printable(taxonomy) });
  return b;
}

/** MMDDCCYY (FL10 birth date). */
function mmddyy8(ccyymmdd: string | undefined): string {
  return ccyymmdd && /^\d{8}$/.test(ccyymmdd) ? ccyymmdd.slice(4, 8) + ccyymmdd.slice(0, 4) : '';
}

/** FL12–17 from DTP*435 (admission, with hour), DTP*096 (discharge hour) and CL1; FL63–64. */
function admission(ctx: ClaimInFile): Ub04Boxes {
  const c = ctx.claim;
  const admit = findDate(c.dates, '435') ?? '';
  const discharge = findDate(c.dates, '096') ?? '';
  const b: Ub04Boxes = {
    '12': mmddyy(admit.slice(0, 8)),
    '13': admit.length >= 10 ? admit.slice(8, 10) : '',
    '14': printable(c.institutional?.admissionType),
    '15': printable(c.institutional?.admissionSource),
    '16': discharge.length === 4 ? discharge.slice(0, 2) : discharge.length >= 10 ? discharge.slice(8, 10) : '',
    '17': printable(c.institutional?.patientStatus),
    '63a': printable(c.priorAuthorization),
  };
  if (c.originalReference) b['64a'] = printable(c.originalReference);
  return b;
}

/** FL42–48 for one revenue line. */
function revenueLine(l: ServiceLine): Ub04LineBoxes {
  const p = l.procedure;
  const hcpcs = p ? [p.code, ...(p.modifiers ?? [])].map(printable).join('') : '';
  const b: Ub04LineBoxes = {
    '42': printable(l.revenueCode),
    '43': noPunctuation(p?.description),
    '44': hcpcs,
    '45': mmddyy(dateRange(findDate(l.dates, '472')).from),
    '46': units(l.quantity),
    '47': money(l.charge),
  };
  if (l.nonCoveredCharge) b['48'] = money(l.nonCoveredCharge);
  return b;
}
