/**
 * Where each UB-04 (CMS-1450) form locator (FL) is printed, in form character cells (10 cpi × 6 lpi;
 * see form-grid.ts). The UB-04 is 81 print columns wide; column 1 starts 0.2 in from the left paper
 * edge and line 1 at 0.1 in from the top. Keys are FL numbers with a suffix for the parts of an FL;
 * payer rows A–C of FL50–65 and the 22 revenue lines repeat on the lines given by the *_STEP constants.
 */
import type { Cell, GridOrigin } from './form-grid.ts';
import { POINTS_PER_INCH } from './form-grid.ts';

export const UB04_ORIGIN: GridOrigin = { left: 0.2 * POINTS_PER_INCH, top: 0.1 * POINTS_PER_INCH };

const at = (col: number, line: number, width: number, extra: Partial<Cell> = {}): Cell => ({
  col,
  line,
  width,
  ...extra,
});

export const UB04_BOXES = {
  // FL1 billing provider, FL2 pay-to, FL3 control numbers, FL4 type of bill
  '1.name': at(1, 2, 25),
  '1.street': at(1, 3, 25),
  '1.city': at(1, 4, 25),
  '1.phone': at(1, 5, 25),
  '2.name': at(27, 2, 25),
  '2.street': at(27, 3, 25),
  '2.city': at(27, 4, 25),
  '3a': at(57, 2, 20),
  '3b': at(57, 3, 20),
  '4': at(78, 3, 4),
  '5': at(53, 5, 10),
  '6.from': at(64, 5, 6),
  '6.through': at(71, 5, 6),
  // FL8–17 patient and admission
  '8a': at(10, 6, 19),
  '8b': at(1, 7, 28),
  '9a': at(38, 6, 44),
  '9b': at(30, 7, 36),
  '9c': at(67, 7, 2),
  '9d': at(70, 7, 9),
  '9e': at(80, 7, 2),
  '10': at(1, 9, 8),
  '11': at(10, 9, 1),
  '12': at(12, 9, 6),
  '13': at(19, 9, 2),
  '14': at(22, 9, 1),
  '15': at(24, 9, 1),
  '16': at(26, 9, 2),
  '17': at(29, 9, 2),
  '18': at(32, 9, 2),
  '19': at(35, 9, 2),
  '20': at(38, 9, 2),
  '21': at(41, 9, 2),
  '22': at(44, 9, 2),
  '23': at(47, 9, 2),
  '24': at(50, 9, 2),
  '25': at(53, 9, 2),
  '26': at(56, 9, 2),
  '27': at(59, 9, 2),
  '28': at(62, 9, 2),
  '29': at(65, 9, 2),
  // FL31–34 occurrence codes and dates, FL35–36 occurrence spans (rows a and b)
  '31a.code': at(1, 11, 2),
  '31a.date': at(4, 11, 6),
  '32a.code': at(11, 11, 2),
  '32a.date': at(14, 11, 6),
  '33a.code': at(21, 11, 2),
  '33a.date': at(24, 11, 6),
  '34a.code': at(31, 11, 2),
  '34a.date': at(34, 11, 6),
  '35a.code': at(41, 11, 2),
  '35a.from': at(44, 11, 6),
  '35a.through': at(51, 11, 6),
  '36a.code': at(58, 11, 2),
  '36a.from': at(61, 11, 6),
  '36a.through': at(68, 11, 6),
  '31b.code': at(1, 12, 2),
  '31b.date': at(4, 12, 6),
  '32b.code': at(11, 12, 2),
  '32b.date': at(14, 12, 6),
  '33b.code': at(21, 12, 2),
  '33b.date': at(24, 12, 6),
  '34b.code': at(31, 12, 2),
  '34b.date': at(34, 12, 6),
  '35b.code': at(41, 12, 2),
  '35b.from': at(44, 12, 6),
  '35b.through': at(51, 12, 6),
  '36b.code': at(58, 12, 2),
  '36b.from': at(61, 12, 6),
  '36b.through': at(68, 12, 6),
  // FL38 responsible party, FL39–41 value codes (rows a–d)
  '38.name': at(1, 14, 40),
  '38.street': at(1, 15, 40),
  '38.city': at(1, 16, 40),
  '39a.code': at(43, 15, 2),
  '39a.amount': at(46, 15, 9, { money: true }),
  '40a.code': at(56, 15, 2),
  '40a.amount': at(59, 15, 9, { money: true }),
  '41a.code': at(69, 15, 2),
  '41a.amount': at(72, 15, 9, { money: true }),
  '39b.code': at(43, 16, 2),
  '39b.amount': at(46, 16, 9, { money: true }),
  '40b.code': at(56, 16, 2),
  '40b.amount': at(59, 16, 9, { money: true }),
  '41b.code': at(69, 16, 2),
  '41b.amount': at(72, 16, 9, { money: true }),
  '39c.code': at(43, 17, 2),
  '39c.amount': at(46, 17, 9, { money: true }),
  '40c.code': at(56, 17, 2),
  '40c.amount': at(59, 17, 9, { money: true }),
  '41c.code': at(69, 17, 2),
  '41c.amount': at(72, 17, 9, { money: true }),
  '39d.code': at(43, 18, 2),
  '39d.amount': at(46, 18, 9, { money: true }),
  '40d.code': at(56, 18, 2),
  '40d.amount': at(59, 18, 9, { money: true }),
  '41d.code': at(69, 18, 2),
  '41d.amount': at(72, 18, 9, { money: true }),
  // line 23 of the revenue block: page count, creation date, totals
  '42.total': at(1, 42, 4),
  '43.page': at(11, 42, 3),
  '43.of': at(18, 42, 3),
  '45.total': at(46, 42, 6),
  '47.total': at(61, 42, 9, { money: true }),
  '48.total': at(71, 42, 9, { money: true }),
  // FL56 NPI; FL63–65
  '56': at(70, 43, 11),
  '63a': at(1, 52, 30),
  '64a': at(32, 52, 26),
  '65a': at(59, 52, 23),
  // FL66–73 diagnoses: 67 and A–H on line 55, I–Q on line 56 (code 7 + POA 1)
  '66': at(1, 56, 1),
  '69': at(5, 58, 8),
  '70a': at(18, 58, 8),
  '70b': at(27, 58, 8),
  '70c': at(36, 58, 8),
  '72a': at(50, 58, 8),
  '72b': at(59, 58, 8),
  // FL74 procedures
  '74.code': at(1, 60, 7),
  '74.date': at(9, 60, 6),
  '74a.code': at(16, 60, 7),
  '74a.date': at(24, 60, 6),
  '74b.code': at(31, 60, 7),
  '74b.date': at(39, 60, 6),
  '74c.code': at(1, 62, 7),
  '74c.date': at(9, 62, 6),
  '74d.code': at(16, 62, 7),
  '74d.date': at(24, 62, 6),
  '74e.code': at(31, 62, 7),
  '74e.date': at(39, 62, 6),
  // FL76–79 providers (NPI line, then last / first name line)
  '76.npi': at(59, 59, 10),
  '76.qual': at(73, 59, 2),
  '76.last': at(54, 60, 14),
  '76.first': at(72, 60, 10),
  '77.npi': at(59, 61, 10),
  '77.qual': at(73, 61, 2),
  '77.last': at(54, 62, 14),
  '77.first': at(72, 62, 10),
  '78.qual': at(73, 63, 2),
  '78.npi': at(59, 63, 10),
  '78.last': at(54, 64, 14),
  '78.first': at(72, 64, 10),
  // FL80 remarks, FL81 code-code
  '80': at(1, 64, 22),
  '80.2': at(1, 65, 22),
  '81a.qual': at(25, 64, 2),
  '81a.code': at(28, 64, 10),
} as const satisfies Record<string, Cell>;

export type Ub04Box = keyof typeof UB04_BOXES;

/** FL67 principal and A–Q: 18 diagnosis cells, nine per line. */
export const UB04_DIAGNOSES = { first: { col: 2, line: 55 }, perLine: 9, step: 9, codeWidth: 7 } as const;

export const UB04_LINES_PER_PAGE = 22;
/** FL42–48 of revenue line 1; line i prints on `line + i`. */
export const UB04_LINE_BOXES = {
  '42': at(1, 20, 4),
  '43': at(6, 20, 24),
  '44': at(31, 20, 14),
  '45': at(46, 20, 6),
  '46': at(53, 20, 7, { align: 'right' }),
  '47': at(61, 20, 9, { money: true }),
  '48': at(71, 20, 9, { money: true }),
} as const satisfies Record<string, Cell>;

export type Ub04LineBox = keyof typeof UB04_LINE_BOXES;

/** FL50–62 payer rows A, B, C on lines 44–46 (FL50–55, 57) and 48–50 (FL58–62). */
export const UB04_PAYER_BOXES = {
  '50': at(1, 44, 23),
  '51': at(25, 44, 15),
  '52': at(41, 44, 1),
  '53': at(43, 44, 1),
  '54': at(45, 44, 10, { money: true }),
  '55': at(56, 44, 10, { money: true }),
  '58': at(1, 48, 25),
  '59': at(27, 48, 2),
  '60': at(30, 48, 20),
  '61': at(51, 48, 14),
  '62': at(66, 48, 16),
} as const satisfies Record<string, Cell>;

export type Ub04PayerBox = keyof typeof UB04_PAYER_BOXES;

export function ub04LineCell(key: Ub04LineBox, i: number): Cell {
  const c: Cell = UB04_LINE_BOXES[key];
  return { ...c, line: c.line + i };
}

export function ub04PayerCell(key: Ub04PayerBox, row: number): Cell {
  const c: Cell = UB04_PAYER_BOXES[key];
  return { ...c, line: c.line + row };
}

/** The cell of diagnosis i (0 = principal FL67, 1–17 = A–Q); the POA indicator follows the code. */
export function ub04DiagnosisCell(i: number): { code: Cell; poa: Cell } {
  const d = UB04_DIAGNOSES;
  const col = d.first.col + (i % d.perLine) * d.step;
  const line = d.first.line + Math.floor(i / d.perLine);
  return { code: { col, line, width: d.codeWidth }, poa: { col: col + d.codeWidth, line, width: 1 } };
}
