/** UB-04 form locators filled from the claim's HI codes and 2310 providers: FL18–41, 66–81. */
import type { Claim837 } from '@medbill/x12';
import { providerOf } from './claim-context.ts';
import { mmddyy, noPunctuation, npiOf, printable, money, dateRange } from './print-format.ts';
import type { Ub04Box } from './ub04-layout.ts';

type Boxes = Partial<Record<Ub04Box, string>>;

const CONDITION_BOXES = ['18', '19', '20', '21', '22', '23', '24', '25', '26', '27', '28'] as const;
const OCCURRENCE_BOXES = ['31a', '32a', '33a', '34a', '31b', '32b', '33b', '34b'] as const;
const SPAN_BOXES = ['35a', '36a', '35b', '36b'] as const;
const VALUE_BOXES = ['39a', '40a', '41a', '39b', '40b', '41b', '39c', '40c', '41c', '39d', '40d', '41d'] as const;
const PROCEDURE_BOXES = ['74', '74a', '74b', '74c', '74d', '74e'] as const;

function codes(claim: Claim837, ...qualifiers: string[]) {
  return claim.healthInfo.filter((h) => qualifiers.includes(h.qualifier));
}

/** FL18–28 condition codes (HI BG), FL31–36 occurrence codes and spans (BH, BI), FL39–41 value codes (BE). */
export function ub04CodeBoxes(claim: Claim837): Boxes {
  const b: Record<string, string> = {};
  codes(claim, 'BG')
    .slice(0, CONDITION_BOXES.length)
    .forEach((h, i) => {
      b[CONDITION_BOXES[i]!] = printable(h.code);
    });
  codes(claim, 'BH')
    .slice(0, OCCURRENCE_BOXES.length)
    .forEach((h, i) => {
      b[`${OCCURRENCE_BOXES[i]}.code`] = printable(h.code);
      b[`${OCCURRENCE_BOXES[i]}.date`] = mmddyy(h.date);
    });
  codes(claim, 'BI')
    .slice(0, SPAN_BOXES.length)
    .forEach((h, i) => {
      const span = dateRange(h.date);
      b[`${SPAN_BOXES[i]}.code`] = printable(h.code);
      b[`${SPAN_BOXES[i]}.from`] = mmddyy(span.from);
      b[`${SPAN_BOXES[i]}.through`] = mmddyy(span.to);
    });
  codes(claim, 'BE')
    .slice(0, VALUE_BOXES.length)
    .forEach((h, i) => {
      b[`${VALUE_BOXES[i]}.code`] = printable(h.code);
      b[`${VALUE_BOXES[i]}.amount`] = h.amount !== undefined ? money(h.amount) : '';
    });
  if (claim.accidentState) b['29'] = printable(claim.accidentState);
  return b as Boxes;
}

/** FL67 principal and A–Q other diagnoses with their present-on-admission indicators. */
export function ub04Diagnoses(claim: Claim837): Array<{ code: string; poa: string }> {
  return codes(claim, 'ABK', 'ABF', 'BK', 'BF')
    .slice(0, 18)
    .map((h) => ({ code: printable(h.code.replace('.', '')), poa: printable(h.poa) }));
}

/** FL66 qualifier, FL69 admitting, FL70 reason for visit, FL72 external cause, FL74 procedures. */
export function ub04DiagnosisBoxes(claim: Claim837): Boxes {
  const b: Record<string, string> = {};
  const dx = codes(claim, 'ABK', 'ABF', 'BK', 'BF');
  if (dx.length > 0) b['66'] = dx[0]!.qualifier.startsWith('A') ? '0' : '9';
  const plain = (c: string) => printable(c.replace('.', ''));
  const admitting = codes(claim, 'ABJ', 'BJ')[0];
  if (admitting) b['69'] = plain(admitting.code);
  codes(claim, 'APR', 'PR')
    .slice(0, 3)
    .forEach((h, i) => {
      b[`70${'abc'[i]}`] = plain(h.code);
    });
  codes(claim, 'ABN', 'BN')
    .slice(0, 2)
    .forEach((h, i) => {
      b[`72${'ab'[i]}`] = plain(h.code);
    });
  codes(claim, 'BBR', 'BBQ', 'BR', 'BQ')
    .slice(0, PROCEDURE_BOXES.length)
    .forEach((h, i) => {
      b[`${PROCEDURE_BOXES[i]}.code`] = printable(h.code);
      b[`${PROCEDURE_BOXES[i]}.date`] = mmddyy(h.date);
    });
  return b as Boxes;
}

/** FL76 attending, FL77 operating, FL78 other (rendering or referring), FL80 remarks. */
export function ub04ProviderBoxes(claim: Claim837): Boxes {
  const b: Record<string, string> = {};
  const put = (fl: '76' | '77' | '78', p: ReturnType<typeof providerOf>) => {
    if (!p) return;
    b[`${fl}.npi`] = npiOf(p);
    b[`${fl}.last`] = noPunctuation(p.name.lastName);
    b[`${fl}.first`] = noPunctuation(p.name.firstName);
  };
  put('76', providerOf(claim, '71'));
  put('77', providerOf(claim, '72'));
  const other = providerOf(claim, '82', 'DN', 'ZZ');
  put('78', other);
  if (other) b['78.qual'] = other.entityCode; // DN referring, ZZ other operating, 82 rendering
  const remarks = printable((claim.notes ?? []).map((n) => n.text).join(' '));
  if (remarks) {
    b['80'] = remarks.slice(0, 22);
    b['80.2'] = remarks.slice(22, 44);
  }
  return b as Boxes;
}
