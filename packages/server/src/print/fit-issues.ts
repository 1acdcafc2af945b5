/**
 * Values that do not fit their box on a mapped form: the renderer cuts them at the box width, so a
 * reviewer should see them before the paper goes out (a long name, a 13th diagnosis is not here:
 * the mappings keep the forms' own limits of 12 / 18 diagnoses and 6 / 22 lines per page).
 */
import type { Cms1500Form } from './cms1500-fields.ts';
import { CMS1500_BOXES, CMS1500_LINE_BOXES, type Cms1500Box, type Cms1500LineBox } from './cms1500-layout.ts';
import { cellText, type Cell } from './form-grid.ts';
import type { Ub04Form } from './ub04-fields.ts';
import {
  UB04_BOXES,
  UB04_LINE_BOXES,
  UB04_PAYER_BOXES,
  type Ub04Box,
  type Ub04LineBox,
  type Ub04PayerBox,
} from './ub04-layout.ts';

export interface FitIssue {
  code: 'value_truncated';
  severity: 'warning';
  message: string;
  /** 1-based page, box key (and service/revenue line or payer row, 1-based) */
  location: { page: number; box: string; line?: number };
}

function check(
  cells: Record<string, Cell>,
  values: Record<string, string | undefined>,
  page: number,
  line: number | undefined,
  out: FitIssue[],
): void {
  for (const [box, value] of Object.entries(values)) {
    const cell = cells[box];
    if (!cell || !value) continue;
    const printed = cellText(cell, value).trim();
    const wanted = cell.money && /^-?\d+\.\d{2}$/.test(value) ? value.replace('.', ' ') : value;
    if (printed === wanted) continue;
    const where = line === undefined ? `box ${box}` : `box ${box} line ${line}`;
    out.push({
      code: 'value_truncated',
      severity: 'warning',
      message: `${where} holds ${cell.width} characters; "${value}" prints as "${printed}"`,
      location: { page, box, line },
    });
  }
}

export function cms1500FitIssues(form: Cms1500Form): FitIssue[] {
  const out: FitIssue[] = [];
  form.pages.forEach((p, i) => {
    check(CMS1500_BOXES as Record<Cms1500Box, Cell>, p.boxes, i + 1, undefined, out);
    p.lines.forEach((l, j) => {
      check(CMS1500_LINE_BOXES as Record<Cms1500LineBox, Cell>, l, i + 1, j + 1, out);
    });
  });
  return out;
}

export function ub04FitIssues(form: Ub04Form): FitIssue[] {
  const out: FitIssue[] = [];
  form.pages.forEach((p, i) => {
    check(UB04_BOXES as Record<Ub04Box, Cell>, p.boxes, i + 1, undefined, out);
    p.lines.forEach((l, j) => {
      check(UB04_LINE_BOXES as Record<Ub04LineBox, Cell>, l, i + 1, j + 1, out);
    });
    p.payers.forEach((r, j) => {
      check(UB04_PAYER_BOXES as Record<Ub04PayerBox, Cell>, r, i + 1, j + 1, out);
    });
  });
  return out;
}
