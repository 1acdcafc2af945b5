/**
 * The UB-04 (CMS-1450) form art for plain paper: form locator outlines, numbers and short titles in
 * red, on the grid of ub04-layout.ts (x in columns from column 1's left edge, y in lines from the top
 * of line 1). A facsimile for review copies, not the NUBC-licensed OCR form.
 */
import { drawBox, drawHLine, drawLabel, drawVLine, fillBand, type SheetPage } from './pdf-draw.ts';
import { UB04_DIAGNOSES, UB04_LINES_PER_PAGE, ub04DiagnosisCell } from './ub04-layout.ts';

const L = -0.5;
const R = 81.5;

type FormBox = readonly [x0: number, x1: number, y0: number, y1: number, title: string];

const CONDITION_BOXES: FormBox[] = Array.from(
  { length: 11 },
  (_, k) => [30.5 + 3 * k, 33.5 + 3 * k, 7, 9, String(18 + k)] as const,
);

export const UB04_FORM_BOXES: readonly FormBox[] = [
  [L, 25.5, 0, 5, '1'],
  [25.5, 51.5, 0, 5, '2'],
  [51.5, 76.5, 0, 2, '3a PAT. CNTL #'],
  [51.5, 76.5, 2, 3, 'b. MED. REC. #'],
  [76.5, R, 0, 3, '4 TYPE OF BILL'],
  [51.5, 62.5, 3, 5, '5 FED. TAX NO.'],
  [62.5, 76.5, 3, 5, '6 STATEMENT COVERS PERIOD\n   FROM          THROUGH'],
  [76.5, R, 3, 5, '7'],
  [L, 28.5, 5, 7, '8 PATIENT NAME   a'],
  [28.5, R, 5, 7, '9 PATIENT ADDRESS   a'],
  [L, 8.5, 7, 9, '10 BIRTHDATE'],
  [8.5, 10.5, 7, 9, '11\nSEX'],
  [10.5, 17.5, 7, 9, 'ADMISSION\n12 DATE'],
  [17.5, 20.5, 7, 9, '13\nHR'],
  [20.5, 22.5, 7, 9, '14\nTYPE'],
  [22.5, 24.5, 7, 9, '15\nSRC'],
  [24.5, 27.5, 7, 9, '16\nDHR'],
  [27.5, 30.5, 7, 9, '17\nSTAT'],
  ...CONDITION_BOXES,
  [63.5, 67.5, 7, 9, '29 ACDT\nSTATE'],
  [67.5, R, 7, 9, '30'],
  [L, 9.5, 9, 12, '31 OCCURRENCE\nCODE   DATE'],
  [9.5, 19.5, 9, 12, '32 OCCURRENCE\nCODE   DATE'],
  [19.5, 29.5, 9, 12, '33 OCCURRENCE\nCODE   DATE'],
  [29.5, 39.5, 9, 12, '34 OCCURRENCE\nCODE   DATE'],
  [39.5, 56.5, 9, 12, '35 OCCURRENCE SPAN\nCODE   FROM        THROUGH'],
  [56.5, 73.5, 9, 12, '36 OCCURRENCE SPAN\nCODE   FROM        THROUGH'],
  [73.5, R, 9, 12, '37'],
  [L, 41.5, 12, 18, '38 RESPONSIBLE PARTY NAME AND ADDRESS'],
  [41.5, 54.5, 12, 18, '39 VALUE CODES\nCODE      AMOUNT'],
  [54.5, 67.5, 12, 18, '40 VALUE CODES\nCODE      AMOUNT'],
  [67.5, R, 12, 18, '41 VALUE CODES\nCODE      AMOUNT'],
  [L, 4.5, 18, 19, '42 REV. CD.'],
  [4.5, 29.5, 18, 19, '43 DESCRIPTION'],
  [29.5, 44.5, 18, 19, '44 HCPCS / RATE / HIPPS CODE'],
  [44.5, 51.5, 18, 19, '45 SERV. DATE'],
  [51.5, 59.5, 18, 19, '46 SERV. UNITS'],
  [59.5, 69.5, 18, 19, '47 TOTAL CHARGES'],
  [69.5, 79.5, 18, 19, '48 NON-COVERED CHARGES'],
  [79.5, R, 18, 19, '49'],
  [L, 23.5, 42, 46, '50 PAYER NAME'],
  [23.5, 39.5, 42, 46, '51 HEALTH PLAN ID'],
  [39.5, 41.5, 42, 46, '52\nREL'],
  [41.5, 43.5, 42, 46, '53\nASG'],
  [43.5, 54.5, 42, 46, '54 PRIOR PAYMENTS'],
  [54.5, 65.5, 42, 46, '55 EST. AMOUNT DUE'],
  [65.5, R, 42, 43, '56 NPI'],
  [65.5, R, 43, 46, '57 OTHER PRV ID'],
  [L, 25.5, 46, 50, "58 INSURED'S NAME"],
  [25.5, 28.5, 46, 50, '59 P.REL'],
  [28.5, 49.5, 46, 50, "60 INSURED'S UNIQUE ID"],
  [49.5, 64.5, 46, 50, '61 GROUP NAME'],
  [64.5, R, 46, 50, '62 INSURANCE GROUP NO.'],
  [L, 30.5, 50, 53, '63 TREATMENT AUTHORIZATION CODES'],
  [30.5, 57.5, 50, 53, '64 DOCUMENT CONTROL NUMBER'],
  [57.5, R, 50, 53, '65 EMPLOYER NAME'],
  [
    L,
    R,
    53,
    56,
    '66 DX   67 PRINCIPAL DIAGNOSIS, then OTHER DIAGNOSIS CODES A-H (first line) and I-Q (second line), each followed by its POA indicator',
  ],
  [L, 13.5, 56, 58, '69 ADMIT DX'],
  [13.5, 44.5, 56, 58, '70 PATIENT REASON DX'],
  [44.5, 48.5, 56, 58, '71 PPS\nCODE'],
  [48.5, 67.5, 56, 58, '72 ECI'],
  [67.5, R, 56, 58, '73'],
  [L, 45.5, 58, 62, '74 PRINCIPAL PROCEDURE  a. OTHER PROCEDURE  b. OTHER PROCEDURE\n   CODE        DATE'],
  [45.5, 49.5, 58, 62, '75'],
  [49.5, R, 58, 60, '76 ATTENDING'],
  [49.5, R, 60, 62, '77 OPERATING'],
  [49.5, R, 62, 65, '78 OTHER'],
  [L, 23.5, 62, 65, '80 REMARKS'],
  [23.5, 49.5, 62, 65, '81CC'],
];

/** Captions beside data on the FL76–78 provider lines: [text, x, y]. */
const PROVIDER_CAPTIONS: ReadonlyArray<readonly [string, number, number]> = [58, 60, 62].flatMap(
  (y) =>
    [
      ['NPI', 55.5, y + 0.1],
      ['QUAL', 69, y + 0.1],
      ['LAST', 49.5, y + 1.1],
      ['FIRST', 68.5, y + 1.1],
    ] as const,
);

export function drawUb04Form(s: SheetPage): void {
  for (const [x0, x1, y0, y1, title] of UB04_FORM_BOXES) {
    drawBox(s, x0, x1, y0, y1);
    drawLabel(s, title, x0, y0, 4.5);
  }
  for (const [text, x, y] of PROVIDER_CAPTIONS) drawLabel(s, text, x, y, 4.5);
  drawRevenueGrid(s);
  // Diagnosis cells are split by dotted lines; their letters are in the title (a letter beside each
  // code would run into the code in text extraction and OCR).
  for (let i = 0; i < 18; i++) {
    const { code } = ub04DiagnosisCell(i);
    if (i % UB04_DIAGNOSES.perLine !== 0) drawVLine(s, code.col - 1.5, code.line - 1, code.line, true);
  }
  drawLabel(s, 'UB-04', 78, 3.3, 5, true);
}

/** FL42–49 columns through 22 lines and the totals line 23 (revenue code 0001, page, creation date). */
function drawRevenueGrid(s: SheetPage): void {
  const top = 19;
  const bottom = top + UB04_LINES_PER_PAGE + 1;
  for (let i = 1; i < UB04_LINES_PER_PAGE; i += 2) fillBand(s, L, R, top + i, top + i + 1);
  drawBox(s, L, R, top, bottom);
  for (const x of [4.5, 29.5, 44.5, 51.5, 59.5, 69.5, 79.5]) drawVLine(s, x, top, bottom);
  for (const x of [66.5, 76.5]) drawVLine(s, x, top, bottom, true);
  drawHLine(s, L, R, bottom - 1, 0.9);
  drawLabel(s, 'PAGE', 5.4, bottom - 1 + 0.2, 5);
  drawLabel(s, 'OF', 14.4, bottom - 1 + 0.2, 5);
  drawLabel(s, 'CREATION DATE', 29.6, bottom - 1 + 0.2, 5);
  drawLabel(s, 'TOTALS', 51.6, bottom - 1 + 0.2, 5, true);
}
