/**
 * The print grid both paper claim forms are designed on: 10 characters per inch, 6 lines per inch,
 * on an 8.5 × 11 inch page (PDF points, 72 per inch). A cell is addressed by a 1-based column and
 * line; column c spans [c-1, c) and line n spans [n-1, n) in grid units from the grid origin.
 */

export const POINTS_PER_INCH = 72;
/** 10 cpi */
export const COLUMN_WIDTH = POINTS_PER_INCH / 10;
/** 6 lpi */
export const LINE_HEIGHT = POINTS_PER_INCH / 6;
export const PAGE_WIDTH = 8.5 * POINTS_PER_INCH;
export const PAGE_HEIGHT = 11 * POINTS_PER_INCH;
/** Courier 10 pt glyphs (advance 6 pt) set with 1.2 pt character spacing: a 7.2 pt pitch, i.e. 10 cpi. */
export const FONT_SIZE = 10;
export const CHARACTER_SPACING = COLUMN_WIDTH - 0.6 * FONT_SIZE;

/** Where a value is printed: first column, line, and how many characters fit. */
export interface Cell {
  col: number;
  line: number;
  width: number;
  /** right-justify in the width (amounts, the dollars part of money) */
  align?: 'right';
  /** dollars and cents: "1234.56" printed right-justified with the point replaced by the box split */
  money?: true;
  /** a check box: the value is 'X'; label is printed beside the box in full-form mode */
  check?: string;
  /** full-form mode: print the check box label above the box instead of beside it */
  labelAbove?: true;
}

/** Grid origin in points from the paper's top-left corner (plus a per-printer calibration offset). */
export interface GridOrigin {
  left: number;
  top: number;
}

/** Left edge x of a grid position in column units (0 = the left edge of column 1), PDF user space. */
export function gridX(origin: GridOrigin, units: number): number {
  return origin.left + units * COLUMN_WIDTH;
}

/** Y of a grid position in line units (0 = the top of line 1), PDF user space (origin bottom-left). */
export function gridY(origin: GridOrigin, units: number): number {
  return PAGE_HEIGHT - (origin.top + units * LINE_HEIGHT);
}

/** Text for a cell: cut to the width, right-justified or money-formatted as the cell asks. */
export function cellText(cell: Cell, value: string): string {
  if (cell.money && /^-?\d+\.\d{2}$/.test(value)) {
    const [dollars = '', cents = ''] = value.split('.');
    return `${dollars} ${cents.padEnd(2, '0')}`.padStart(cell.width).slice(-cell.width);
  }
  if (cell.align === 'right') return value.padStart(cell.width).slice(-cell.width);
  return value.slice(0, cell.width);
}
