/**
 * Where each CMS-1500 (02/12) value is printed, in form character cells (10 cpi × 6 lpi; see
 * form-grid.ts). Column 1 is the first print position inside the form's left border; line 1 is the
 * first print line (see CMS1500_ORIGIN). The red OCR form puts the data line of each box on an even
 * line with the box title in the line above it. Keys are the box numbers of the NUCC 1500
 * instruction manual with a suffix for the parts of a box.
 */
import type { Cell, GridOrigin } from './form-grid.ts';
import { POINTS_PER_INCH } from './form-grid.ts';

/**
 * Column 1 starts 1/3 in from the left paper edge and line 1 20 pt below the top edge: the margins
 * long-lived open-source printers of this grid (OpenEMR's CMS-1500 PDF) settled on for laser
 * printing onto the red form. Printers still differ; RenderOptions.offset calibrates one.
 */
export const CMS1500_ORIGIN: GridOrigin = { left: POINTS_PER_INCH / 3, top: 20 };

const at = (col: number, line: number, width: number, extra: Partial<Cell> = {}): Cell => ({
  col,
  line,
  width,
  ...extra,
});
const box = (col: number, line: number, check: string): Cell => ({ col, line, width: 1, check });

export const CMS1500_BOXES = {
  // carrier block, top right
  'carrier.name': at(41, 3, 38),
  'carrier.street': at(41, 4, 38),
  'carrier.city': at(41, 5, 38),
  // 1 insurance type; 1a insured's ID
  '1.medicare': box(1, 8, 'MEDICARE'),
  '1.medicaid': box(8, 8, 'MEDICAID'),
  '1.tricare': box(15, 8, 'TRICARE'),
  '1.champva': box(24, 8, 'CHAMPVA'),
  '1.group': box(31, 8, 'GROUP PLAN'),
  '1.feca': box(39, 8, 'FECA'),
  '1.other': box(45, 8, 'OTHER'),
  '1a': at(50, 8, 29),
  '2': at(1, 10, 28),
  '3.dob': at(31, 10, 10),
  '3.male': box(42, 10, 'M'),
  '3.female': box(47, 10, 'F'),
  '4': at(50, 10, 29),
  '5.street': at(1, 12, 28),
  '6.self': { ...box(33, 12, 'SELF'), labelAbove: true },
  '6.spouse': { ...box(38, 12, 'SPOUSE'), labelAbove: true },
  '6.child': { ...box(42, 12, 'CHILD'), labelAbove: true },
  '6.other': { ...box(47, 12, 'OTHER'), labelAbove: true },
  '7.street': at(50, 12, 29),
  '5.city': at(1, 14, 23),
  '5.state': at(26, 14, 2),
  '7.city': at(50, 14, 23),
  '7.state': at(74, 14, 2),
  '5.zip': at(1, 16, 11),
  '5.areaCode': at(15, 16, 3),
  '5.phone': at(19, 16, 10),
  '7.zip': at(50, 16, 12),
  '7.areaCode': at(65, 16, 3),
  '7.phone': at(69, 16, 10),
  // 9 other insured, 10 condition related to, 11 insured's policy
  '9': at(1, 18, 28),
  '11': at(50, 18, 29),
  '9a': at(1, 20, 28),
  '10a.yes': box(35, 20, 'YES'),
  '10a.no': box(41, 20, 'NO'),
  '11a.dob': at(53, 20, 10),
  '11a.male': box(68, 20, 'M'),
  '11a.female': box(75, 20, 'F'),
  '10b.yes': box(35, 22, 'YES'),
  '10b.no': box(41, 22, 'NO'),
  '10b.state': at(45, 22, 2),
  '11b': at(50, 22, 29),
  '10c.yes': box(35, 24, 'YES'),
  '10c.no': box(41, 24, 'NO'),
  '11c': at(50, 24, 29),
  '9d': at(1, 26, 28),
  '10d': at(32, 26, 16),
  '11d.yes': box(52, 26, 'YES'),
  '11d.no': box(57, 26, 'NO'),
  // 12, 13 signatures
  '12': at(8, 29, 20),
  '12.date': at(35, 29, 10),
  '13': at(56, 29, 22),
  // 14–18 dates and referring provider
  '14.date': at(2, 32, 10),
  '14.qual': at(17, 32, 3),
  '15.qual': at(30, 32, 3),
  '15.date': at(37, 32, 10),
  '16.from': at(54, 32, 10),
  '16.to': at(68, 32, 10),
  '17.qual': at(1, 34, 2),
  '17': at(4, 34, 24),
  '17a.qual': at(30, 33, 2),
  '17a': at(33, 33, 15),
  '17b': at(33, 34, 15),
  '18.from': at(54, 34, 10),
  '18.to': at(68, 34, 10),
  '19': at(1, 36, 48),
  '20.yes': box(52, 36, 'YES'),
  '20.no': box(57, 36, 'NO'),
  // 21 diagnoses A–L (four per line), 22 resubmission, 23 prior authorization
  '21.ind': at(44, 37, 1),
  '21A': at(3, 38, 8),
  '21B': at(16, 38, 8),
  '21C': at(29, 38, 8),
  '21D': at(40, 38, 8),
  '21E': at(3, 39, 8),
  '21F': at(16, 39, 8),
  '21G': at(29, 39, 8),
  '21H': at(40, 39, 8),
  '21I': at(3, 40, 8),
  '21J': at(16, 40, 8),
  '21K': at(29, 40, 8),
  '21L': at(40, 40, 8),
  '22.code': at(50, 38, 10),
  '22.ref': at(62, 38, 17),
  '23': at(50, 40, 29),
  // 25–30 totals row
  '25': at(1, 56, 15),
  '25.ssn': { ...box(17, 56, 'SSN'), labelAbove: true },
  '25.ein': { ...box(19, 56, 'EIN'), labelAbove: true },
  '26': at(23, 56, 14),
  '27.yes': box(38, 56, 'YES'),
  '27.no': box(43, 56, 'NO'),
  '28': at(51, 56, 9, { money: true }),
  '29': at(62, 56, 8, { money: true }),
  // 31 signature, 32 service facility, 33 billing provider
  '33.areaCode': at(66, 57, 3),
  '33.phone': at(70, 57, 9),
  '32.name': at(23, 58, 26),
  '33.name': at(50, 58, 29),
  '31': at(1, 59, 21),
  '32.street': at(23, 59, 26),
  '33.street': at(50, 59, 29),
  '31.name': at(1, 60, 21),
  '32.city': at(23, 60, 26),
  '33.city': at(50, 60, 29),
  '31.date': at(8, 61, 10),
  '32a': at(23, 61, 10),
  '32b': at(36, 61, 12),
  '33a': at(50, 61, 10),
  '33b': at(63, 61, 16),
} as const satisfies Record<string, Cell>;

export type Cms1500Box = keyof typeof CMS1500_BOXES;

/** Six service lines; line i (0-based) prints its data on `line + LINE_STEP × i`, its shaded part one line above. */
export const CMS1500_LINE_STEP = 2;
export const CMS1500_LINES_PER_PAGE = 6;

/** 24A–J cells of the first service line (data on line 44, the shaded supplemental line on 43). */
export const CMS1500_LINE_BOXES = {
  '24.shaded': at(1, 43, 61),
  '24I.qual': at(65, 43, 2),
  '24J.other': at(68, 43, 11),
  '24A.from': at(1, 44, 8),
  '24A.to': at(10, 44, 8),
  '24B': at(19, 44, 2),
  '24C': at(22, 44, 1),
  '24D': at(25, 44, 6),
  '24D.modifiers': at(33, 44, 11),
  '24E': at(45, 44, 4),
  '24F': at(50, 44, 8, { money: true }),
  '24G': at(59, 44, 3),
  '24H': at(63, 44, 2),
  '24I': at(65, 44, 2),
  '24J': at(68, 44, 11),
} as const satisfies Record<string, Cell>;

export type Cms1500LineBox = keyof typeof CMS1500_LINE_BOXES;

/** The cell of a service-line box for line index i (0-based) on its page. */
export function serviceLineCell(key: Cms1500LineBox, i: number): Cell {
  const c: Cell = CMS1500_LINE_BOXES[key];
  return { ...c, line: c.line + CMS1500_LINE_STEP * i };
}
