/** Drawing on the print grid with pdf-lib: data in Courier at 10 cpi, form art in red-ish Helvetica. */
import type { PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { loadPdfLib, rgb, type PdfLib } from './pdf-lib.ts';
import {
  CHARACTER_SPACING,
  COLUMN_WIDTH,
  FONT_SIZE,
  LINE_HEIGHT,
  PAGE_HEIGHT,
  PAGE_WIDTH,
  cellText,
  gridX,
  gridY,
  type Cell,
  type GridOrigin,
} from './form-grid.ts';

/** The drop-out red of the OCR forms, a little darker so it prints legibly on plain paper. */
export const FORM_RED = rgb(0.82, 0.16, 0.16);
export const SHADE_RED = rgb(1, 0.9, 0.9);
const BLACK = rgb(0, 0, 0);

export interface PrintKit {
  lib: PdfLib;
  doc: PDFDocument;
  mono: PDFFont;
  sans: PDFFont;
  bold: PDFFont;
}

export interface SheetPage {
  kit: PrintKit;
  page: PDFPage;
  origin: GridOrigin;
}

/** A document without a creation date or producer stamp, so the same claim gives the same bytes. */
export async function newPrintKit(title: string): Promise<PrintKit> {
  const lib = await loadPdfLib();
  const { PDFDocument, StandardFonts } = lib;
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(title);
  const [mono, sans, bold] = await Promise.all([
    doc.embedFont(StandardFonts.Courier),
    doc.embedFont(StandardFonts.Helvetica),
    doc.embedFont(StandardFonts.HelveticaBold),
  ]);
  return { lib, doc, mono, sans, bold };
}

export function addSheet(kit: PrintKit, origin: GridOrigin): SheetPage {
  return { kit, page: kit.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]), origin };
}

/** Data text at a cell: Courier 10 pt on the 10 cpi pitch, baseline 2.5 pt above the bottom of the line. */
export function drawCell(s: SheetPage, cell: Cell, value: string | undefined): void {
  if (!value) return;
  const text = cellText(cell, value);
  if (text.trim() === '') return;
  const x = gridX(s.origin, cell.col - 1);
  const y = gridY(s.origin, cell.line) + 2.5;
  const { lib } = s.kit;
  s.page.pushOperators(lib.pushGraphicsState(), lib.setCharacterSpacing(CHARACTER_SPACING));
  s.page.drawText(text, { x, y, size: FONT_SIZE, font: s.kit.mono, color: BLACK });
  s.page.pushOperators(lib.popGraphicsState());
}

/** A rectangle outline in grid units (x in columns from column 1's left edge, y in lines from the top). */
export function drawBox(s: SheetPage, x0: number, x1: number, y0: number, y1: number, thickness = 0.6): void {
  const left = gridX(s.origin, x0);
  const bottom = gridY(s.origin, y1);
  s.page.drawRectangle({
    x: left,
    y: bottom,
    width: (x1 - x0) * COLUMN_WIDTH,
    height: (y1 - y0) * LINE_HEIGHT,
    borderColor: FORM_RED,
    borderWidth: thickness,
  });
}

export function fillBand(s: SheetPage, x0: number, x1: number, y0: number, y1: number): void {
  s.page.drawRectangle({
    x: gridX(s.origin, x0),
    y: gridY(s.origin, y1),
    width: (x1 - x0) * COLUMN_WIDTH,
    height: (y1 - y0) * LINE_HEIGHT,
    color: SHADE_RED,
  });
}

export function drawVLine(s: SheetPage, x: number, y0: number, y1: number, dashed = false): void {
  const px = gridX(s.origin, x);
  s.page.drawLine({
    start: { x: px, y: gridY(s.origin, y0) },
    end: { x: px, y: gridY(s.origin, y1) },
    thickness: dashed ? 0.4 : 0.6,
    color: FORM_RED,
    dashArray: dashed ? [1, 1.5] : undefined,
  });
}

export function drawHLine(s: SheetPage, x0: number, x1: number, y: number, thickness = 0.6): void {
  const py = gridY(s.origin, y);
  s.page.drawLine({
    start: { x: gridX(s.origin, x0), y: py },
    end: { x: gridX(s.origin, x1), y: py },
    thickness,
    color: FORM_RED,
  });
}

/** Form wording: small red Helvetica, top-left at (x, y) in grid units; '\n' starts a new line. */
export function drawLabel(s: SheetPage, text: string, x: number, y: number, size = 5.5, bold = false): void {
  text.split('\n').forEach((line, i) => {
    const top = gridY(s.origin, y) - size * (1.1 * i + 1) - 0.6;
    s.page.drawText(line, {
      x: gridX(s.origin, x) + 1.2,
      y: top,
      size,
      font: bold ? s.kit.bold : s.kit.sans,
      color: FORM_RED,
    });
  });
}

/** A check box square around a one-character cell, with its label beside (or above) it. */
export function drawCheckBox(s: SheetPage, cell: Cell): void {
  const x = gridX(s.origin, cell.col - 1) - 0.8;
  const y = gridY(s.origin, cell.line) + 1;
  s.page.drawRectangle({
    x,
    y,
    width: COLUMN_WIDTH + 1.6,
    height: LINE_HEIGHT - 3,
    borderColor: FORM_RED,
    borderWidth: 0.5,
  });
  if (!cell.check) return;
  if (cell.labelAbove) drawLabel(s, cell.check, cell.col - 1, cell.line - 1.6, 4.5);
  else s.page.drawText(cell.check, { x: x + COLUMN_WIDTH + 3, y: y + 2.5, size: 5, font: s.kit.sans, color: FORM_RED });
}
