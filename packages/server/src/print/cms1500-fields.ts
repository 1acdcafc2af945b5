/**
 * Map an 837P claim to the boxes of the CMS-1500 (02/12) paper form, following the NUCC 1500
 * instruction manual: capitals, no periods or commas where it says so, dates as MM DD YY(YY), money
 * as "dollars.cents" (the renderer splits it into the form's dollar and cent boxes). Pure: the date
 * printed in box 31 comes in as an option.
 */
import type { Claim837, ClaimFile837, ClaimInFile } from '@medbill/x12';
import { diagnosisCodes, providerOf, requireClaim, type ClaimRef } from './claim-context.ts';
import { CMS1500_LINES_PER_PAGE, type Cms1500Box, type Cms1500LineBox } from './cms1500-layout.ts';
import { cms1500Patient } from './cms1500-patient-boxes.ts';
import {
  dateRange,
  findDate,
  mdy,
  money,
  naturalName,
  noPunctuation,
  npiOf,
  printable,
  units,
  withoutEmpty,
} from './print-format.ts';
import { cms1500Providers } from './cms1500-provider-boxes.ts';

type ServiceLine = Claim837['lines'][number];

export type Cms1500Boxes = Partial<Record<Cms1500Box, string>>;
export type Cms1500LineBoxes = Partial<Record<Cms1500LineBox, string>>;

export interface Cms1500Page {
  /** every box but the service lines; 28 and 29 only on the last page */
  boxes: Cms1500Boxes;
  /** at most six service lines (24A–J) */
  lines: Cms1500LineBoxes[];
}

export interface Cms1500Form {
  claimId: string;
  pages: Cms1500Page[];
}

export interface Cms1500Options {
  /** CCYYMMDD printed as the date in box 31 (the signing date); none when absent */
  signedDate?: string;
  /** print CONTINUED in box 28 of every page but the last (some Medicaid programs ask for it); default blank */
  markContinued?: boolean;
}

const LETTERS = 'ABCDEFGHIJKL';

export function cms1500Fields(file: ClaimFile837, ref: ClaimRef, options: Cms1500Options = {}): Cms1500Form {
  const ctx = requireClaim(file, ref);
  const common = withoutEmpty<Cms1500Boxes>({
    ...cms1500Patient(ctx),
    ...claimInfo(ctx),
    ...diagnoses(ctx),
    ...cms1500Providers(ctx, options.signedDate),
  });
  const lines = ctx.claim.lines.map((l) => withoutEmpty(serviceLine(ctx, l)));
  const pages: Cms1500Page[] = [];
  for (let i = 0; i < Math.max(lines.length, 1); i += CMS1500_LINES_PER_PAGE) {
    pages.push({ boxes: { ...common }, lines: lines.slice(i, i + CMS1500_LINES_PER_PAGE) });
  }
  // Totals on the last page only (NUCC 1500 item 28).
  Object.assign(pages[pages.length - 1]!.boxes, totals(ctx));
  if (options.markContinued) for (const p of pages.slice(0, -1)) p.boxes['28'] = 'CONTINUED';
  return { claimId: ctx.claim.id, pages };
}

/** Items 14–23 that describe the claim rather than a person. */
function claimInfo(ctx: ClaimInFile): Cms1500Boxes {
  const c = ctx.claim;
  const b: Cms1500Boxes = {};
  const causes = new Set(c.relatedCauses ?? []);
  b[causes.has('EM') ? '10a.yes' : '10a.no'] = 'X';
  b[causes.has('AA') ? '10b.yes' : '10b.no'] = 'X';
  if (causes.has('AA') && c.accidentState) b['10b.state'] = printable(c.accidentState);
  b[causes.has('OA') ? '10c.yes' : '10c.no'] = 'X';
  const onset = findDate(c.dates, '431') ?? findDate(c.dates, '484');
  if (onset) {
    b['14.date'] = mdy(onset);
    b['14.qual'] = findDate(c.dates, '431') ? '431' : '484';
  }
  const other = c.dates?.find((d) =>
    ['454', '304', '453', '439', '455', '471', '090', '091', '444'].includes(d.qualifier),
  );
  if (other) {
    b['15.qual'] = other.qualifier;
    b['15.date'] = mdy(dateRange(other.value).from);
  }
  const off = dateRange(findDate(c.dates, '360'));
  if (off.from) Object.assign(b, { '16.from': mdy(off.from), '16.to': mdy(findDate(c.dates, '361') ?? off.to) });
  const admit = findDate(c.dates, '435');
  if (admit) Object.assign(b, { '18.from': mdy(admit), '18.to': mdy(findDate(c.dates, '096')) });
  const referring = providerOf(c, 'DN', 'DK', 'DQ');
  if (referring) {
    b['17.qual'] = referring.entityCode;
    b['17'] = naturalName(referring);
    b['17b'] = npiOf(referring);
  }
  b['19'] = printable(c.notes?.find((n) => n.code === 'ADD')?.text);
  if (c.frequency === '7' || c.frequency === '8') {
    b['22.code'] = c.frequency;
    b['22.ref'] = printable(c.originalReference);
  }
  b['23'] = printable(c.priorAuthorization ?? c.refs?.find((r) => ['9F', 'X4'].includes(r.qualifier))?.value);
  return b;
}

/** Item 21: ICD indicator (0 ICD-10-CM, 9 ICD-9-CM) and up to 12 codes A–L without the decimal point. */
function diagnoses(ctx: ClaimInFile): Cms1500Boxes {
  const dx = diagnosisCodes(ctx.claim).slice(0, 12);
  const b: Cms1500Boxes = {};
  if (dx.length === 0) return b;
  b['21.ind'] = dx[0]!.qualifier.startsWith('A') ? '0' : '9';
  dx.forEach((d, i) => {
    b[`21${LETTERS[i]}` as Cms1500Box] = printable(d.code);
  });
  return b;
}

/** Items 28 and 29: total charge and what the patient and earlier payers paid. */
function totals(ctx: ClaimInFile): Cms1500Boxes {
  const c = ctx.claim;
  const patientPaid = (c.amounts ?? []).filter((a) => a.qualifier === 'F5').reduce((t, a) => t + a.amount, 0);
  const payersPaid = (c.otherSubscribers ?? []).reduce((t, o) => t + (o.payerPaid ?? 0), 0);
  const paid = patientPaid + payersPaid;
  return { '28': money(c.totalCharge), ...(paid !== 0 ? { '29': money(paid) } : {}) };
}

/** Items 24A–J for one service line, with the shaded supplemental line above it. */
function serviceLine(ctx: ClaimInFile, l: ServiceLine): Cms1500LineBoxes {
  const when = dateRange(findDate(l.dates, '472') ?? findDate(ctx.claim.dates, '472'));
  const rendering = providerOf(ctx.claim, '82');
  const supplemental = [l.procedure?.description, ...(l.notes ?? []).map((n) => n.text)].filter(Boolean).join(' ');
  const b: Cms1500LineBoxes = {
    '24A.from': mdy(when.from),
    '24A.to': mdy(when.to),
    '24B': printable(l.placeOfService ?? ctx.claim.facilityCode),
    '24C': l.emergency === 'Y' ? 'Y' : '',
    '24D': printable(l.procedure?.code),
    '24D.modifiers': (l.procedure?.modifiers ?? []).slice(0, 4).map(printable).join(' '),
    '24E': (l.diagnosisPointers ?? [])
      .slice(0, 4)
      .map((p) => LETTERS[p - 1] ?? '')
      .join(''),
    '24F': money(l.charge),
    '24G': units(l.quantity),
    '24H': l.epsdt === 'Y' ? 'Y' : l.familyPlanning === 'Y' ? 'Y' : '',
    '24J': npiOf(rendering),
  };
  if (supplemental) b['24.shaded'] = noPunctuation(supplemental);
  return b;
}
