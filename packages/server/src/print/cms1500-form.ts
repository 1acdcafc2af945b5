/**
 * The CMS-1500 (02/12) form art for plain-paper printing: box outlines, numbers and titles, drawn in
 * red on the same grid as the data (cms1500-layout.ts). Positions are in grid units: x in columns
 * from the left edge of column 1, y in lines from the top of the sheet. Wording is shortened where
 * the official form's small print would not fit; this is a facsimile, not the OCR form.
 */
import { CMS1500_BOXES, CMS1500_LINE_BOXES, CMS1500_LINE_STEP, CMS1500_LINES_PER_PAGE } from './cms1500-layout.ts';
import type { Cell } from './form-grid.ts';
import { drawBox, drawCheckBox, drawHLine, drawLabel, drawVLine, fillBand, type SheetPage } from './pdf-draw.ts';

/** outer left, middle divider (patient | insured), outer right */
const L = -0.6;
const M = 48.6;
const R = 79.4;

interface FormBox {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  title: string;
}

const b = (x0: number, x1: number, y0: number, y1: number, title: string): FormBox => ({ x0, x1, y0, y1, title });

export const CMS1500_FORM_BOXES: readonly FormBox[] = [
  b(L, M, 6, 8, '1.'),
  b(M, R, 6, 8, "1a. INSURED'S I.D. NUMBER                    (For Program in Item 1)"),
  b(L, 29.6, 8, 10, "2. PATIENT'S NAME (Last Name, First Name, Middle Initial)"),
  b(29.6, M, 8, 10, "3. PATIENT'S BIRTH DATE  MM DD YY          SEX"),
  b(M, R, 8, 10, "4. INSURED'S NAME (Last Name, First Name, Middle Initial)"),
  b(L, 29.6, 10, 12, "5. PATIENT'S ADDRESS (No., Street)"),
  b(L, 24.6, 12, 14, 'CITY'),
  b(24.6, 29.6, 12, 14, 'STATE'),
  b(L, 13, 14, 16, 'ZIP CODE'),
  b(13, 29.6, 14, 16, 'TELEPHONE (Include Area Code)'),
  b(29.6, M, 10, 12, '6. PATIENT RELATIONSHIP TO INSURED'),
  b(29.6, M, 12, 16, '8. RESERVED FOR NUCC USE'),
  b(M, R, 10, 12, "7. INSURED'S ADDRESS (No., Street)"),
  b(M, 72.6, 12, 14, 'CITY'),
  b(72.6, R, 12, 14, 'STATE'),
  b(M, 63, 14, 16, 'ZIP CODE'),
  b(63, R, 14, 16, 'TELEPHONE (Include Area Code)'),
  b(L, 29.6, 16, 18, "9. OTHER INSURED'S NAME (Last Name, First Name, Middle Initial)"),
  b(L, 29.6, 18, 20, "a. OTHER INSURED'S POLICY OR GROUP NUMBER"),
  b(L, 29.6, 20, 22, 'b. RESERVED FOR NUCC USE'),
  b(L, 29.6, 22, 24, 'c. RESERVED FOR NUCC USE'),
  b(L, 29.6, 24, 26, 'd. INSURANCE PLAN NAME OR PROGRAM NAME'),
  b(29.6, M, 16, 18, "10. IS PATIENT'S CONDITION RELATED TO:"),
  b(29.6, M, 18, 20, 'a. EMPLOYMENT? (Current or Previous)'),
  b(29.6, M, 20, 22, 'b. AUTO ACCIDENT?                       PLACE (State)'),
  b(29.6, M, 22, 24, 'c. OTHER ACCIDENT?'),
  b(29.6, M, 24, 26, '10d. CLAIM CODES (Designated by NUCC)'),
  b(M, R, 16, 18, "11. INSURED'S POLICY GROUP OR FECA NUMBER"),
  b(M, R, 18, 20, "a. INSURED'S DATE OF BIRTH  MM DD YY              SEX"),
  b(M, R, 20, 22, 'b. OTHER CLAIM ID (Designated by NUCC)'),
  b(M, R, 22, 24, 'c. INSURANCE PLAN NAME OR PROGRAM NAME'),
  b(M, R, 24, 26, 'd. IS THERE ANOTHER HEALTH BENEFIT PLAN?'),
  b(
    L,
    M,
    26,
    29.6,
    "12. PATIENT'S OR AUTHORIZED PERSON'S SIGNATURE\nI authorize the release of any medical or other information necessary to process this claim.",
  ),
  b(
    M,
    R,
    26,
    29.6,
    "13. INSURED'S OR AUTHORIZED PERSON'S SIGNATURE\nI authorize payment of medical benefits to the undersigned.",
  ),
  b(L, 27.6, 30, 32, '14. DATE OF CURRENT ILLNESS, INJURY, or PREGNANCY (LMP)   QUAL.'),
  b(27.6, M, 30, 32, '15. OTHER DATE   QUAL.         MM DD YY'),
  b(M, R, 30, 32, '16. DATES PATIENT UNABLE TO WORK IN CURRENT OCCUPATION  FROM / TO'),
  b(L, 27.6, 32, 34, '17. NAME OF REFERRING PROVIDER OR OTHER SOURCE'),
  b(27.6, M, 32, 33, '17a.'),
  b(27.6, M, 33, 34, '17b. NPI'),
  b(M, R, 32, 34, '18. HOSPITALIZATION DATES RELATED TO CURRENT SERVICES  FROM / TO'),
  b(L, M, 34, 36, '19. ADDITIONAL CLAIM INFORMATION (Designated by NUCC)'),
  b(M, R, 34, 36, '20. OUTSIDE LAB?                      $ CHARGES'),
  b(L, M, 36, 40, '21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY  Relate A-L to service line below (24E)      ICD Ind.'),
  b(M, 60.5, 36, 38, '22. RESUBMISSION CODE'),
  b(60.5, R, 36, 38, 'ORIGINAL REF. NO.'),
  b(M, R, 38, 40, '23. PRIOR AUTHORIZATION NUMBER'),
  b(L, 21.5, 54, 56, '25. FEDERAL TAX I.D. NUMBER'),
  b(21.5, 36.5, 54, 56, "26. PATIENT'S ACCOUNT NO."),
  b(36.5, M, 54, 56, '27. ACCEPT ASSIGNMENT?'),
  b(M, 60.6, 54, 56, '28. TOTAL CHARGE'),
  b(60.6, 70.6, 54, 56, '29. AMOUNT PAID'),
  b(70.6, R, 54, 56, '30. Rsvd for NUCC Use'),
  b(L, 21.5, 56, 61, '31. SIGNATURE OF PHYSICIAN OR SUPPLIER\nINCLUDING DEGREES OR CREDENTIALS'),
  b(21.5, M, 56, 61, '32. SERVICE FACILITY LOCATION INFORMATION'),
  b(M, R, 56, 61, '33. BILLING PROVIDER INFO & PH #'),
  b(21.5, 34.5, 60, 61, 'a.'),
  b(34.5, M, 60, 61, 'b.'),
  b(M, 61.5, 60, 61, 'a.'),
  b(61.5, R, 60, 61, 'b.'),
];

/** Section 24 column edges (x) with the header of each column, and dotted splits inside columns. */
const LINE_COLUMNS: ReadonlyArray<[number, string]> = [
  [L, '24. A.    DATE(S) OF SERVICE\n From MM DD YY    To MM DD YY'],
  [17.6, 'B.\nPLACE OF\nSERVICE'],
  [20.6, 'C.\nEMG'],
  [23.6, 'D. PROCEDURES, SERVICES, OR SUPPLIES\n(Explain Unusual Circumstances)\nCPT/HCPCS              MODIFIER'],
  [43.6, 'E.\nDIAGNOSIS\nPOINTER'],
  [M, 'F.\n\n$ CHARGES'],
  [57.6, 'G.\nDAYS OR\nUNITS'],
  [61.6, 'H.\nEPSDT\nFamily\nPlan'],
  [64.3, 'I.\nID.\nQUAL.'],
  [66.6, 'J.\nRENDERING\nPROVIDER ID. #'],
];
const DOTTED = [2.5, 5.5, 8.5, 11.5, 14.5, 31.6, 34.5, 37.5, 40.5];

export function drawCms1500Form(s: SheetPage): void {
  drawLabel(s, 'HEALTH INSURANCE CLAIM FORM', 0, 4.2, 11, true);
  drawLabel(s, 'APPROVED BY NATIONAL UNIFORM CLAIM COMMITTEE (NUCC) 02/12', 0, 5.3, 5);
  drawLabel(s, 'PICA', 76.5, 5.2, 5);
  for (const box of CMS1500_FORM_BOXES) {
    drawBox(s, box.x0, box.x1, box.y0, box.y1);
    drawLabel(s, box.title, box.x0, box.y0, 5);
  }
  drawServiceLineGrid(s);
  drawDiagnosisLetters(s);
  // the telephone's area code goes between the brackets of box 33 (NUCC item 33)
  const area = CMS1500_BOXES['33.areaCode'];
  // column c spans [c-1, c): the brackets sit in the columns just before and after the three digits
  drawLabel(s, '(', area.col - 2.2, area.line - 1, 7);
  drawLabel(s, ')', area.col + area.width - 1.1, area.line - 1, 7);
  for (const cell of Object.values(CMS1500_BOXES) as Cell[]) if (cell.check) drawCheckBox(s, cell);
  for (const cell of [CMS1500_BOXES['28'], CMS1500_BOXES['29']] as Cell[])
    drawMoneySplit(s, cell, cell.line - 1, cell.line);
  drawLabel(s, 'NUCC Instruction Manual available at: www.nucc.org', L, 61.3, 5);
  drawLabel(s, 'PLEASE PRINT OR TYPE', 30, 61.3, 6, true);
  drawLabel(s, 'APPROVED OMB-0938-1197 FORM 1500 (02-12)', 56, 61.3, 5);
}

function drawServiceLineGrid(s: SheetPage): void {
  const top = 40;
  const bottom = top + 2 + CMS1500_LINE_STEP * CMS1500_LINES_PER_PAGE;
  for (let i = 0; i < CMS1500_LINES_PER_PAGE; i++) {
    const y = top + 2 + CMS1500_LINE_STEP * i;
    fillBand(s, L, 66.6, y, y + 1);
    drawHLine(s, L, R, y + 2);
    drawLabel(s, String(i + 1), L - 1.4, y + 1, 7, true);
    drawMoneySplit(s, CMS1500_LINE_BOXES['24F'], y, y + 2);
  }
  drawBox(s, L, R, top, bottom);
  drawHLine(s, L, R, top + 2);
  for (const [x, title] of LINE_COLUMNS) {
    drawVLine(s, x, top, bottom);
    drawLabel(s, title, x, top, 4.5);
  }
  for (const x of DOTTED) drawVLine(s, x, top + 2, bottom, true);
  // 24I: the unshaded half of every line is pre-printed NPI (24J beside it holds the rendering NPI)
  for (let i = 0; i < CMS1500_LINES_PER_PAGE; i++) drawLabel(s, 'NPI', 64.3, top + 3 + CMS1500_LINE_STEP * i, 4.5);
}

/** Box 21's pre-printed letters A–L, one before each of the twelve diagnosis cells. */
function drawDiagnosisLetters(s: SheetPage): void {
  for (const letter of 'ABCDEFGHIJKL') {
    const cell = CMS1500_BOXES[`21${letter}` as keyof typeof CMS1500_BOXES] as Cell;
    drawLabel(s, `${letter}.`, cell.col - 2.6, cell.line - 1, 5);
  }
}

/** The dotted split between dollars and cents of a money cell. */
function drawMoneySplit(s: SheetPage, cell: Cell, y0: number, y1: number): void {
  const sepCol = cell.col + cell.width - 3;
  drawVLine(s, sepCol - 0.5, y0, y1, true);
}
