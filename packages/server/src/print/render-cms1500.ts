/**
 * Render mapped CMS-1500 boxes to PDF. 'overlay' prints the data only, for the pre-printed red OCR
 * form; 'full' draws the form too, for plain paper (patient copies, reviews).
 */
import type { Cms1500Form, Cms1500Page } from './cms1500-fields.ts';
import { drawCms1500Form } from './cms1500-form.ts';
import {
  CMS1500_BOXES,
  CMS1500_ORIGIN,
  serviceLineCell,
  type Cms1500Box,
  type Cms1500LineBox,
} from './cms1500-layout.ts';
import { addSheet, drawCell, newPrintKit, type SheetPage } from './pdf-draw.ts';

export type PrintMode = 'overlay' | 'full';

export interface RenderOptions {
  mode: PrintMode;
  /** printer calibration in points: positive x moves right, positive y moves down */
  offset?: { x: number; y: number };
}

export async function renderCms1500(form: Cms1500Form, options: RenderOptions): Promise<Uint8Array> {
  const kit = await newPrintKit(`CMS-1500 claim ${form.claimId}`);
  const origin = {
    left: CMS1500_ORIGIN.left + (options.offset?.x ?? 0),
    top: CMS1500_ORIGIN.top + (options.offset?.y ?? 0),
  };
  for (const p of form.pages) {
    const sheet = addSheet(kit, origin);
    if (options.mode === 'full') drawCms1500Form(sheet);
    drawPage(sheet, p);
  }
  return kit.doc.save();
}

function drawPage(s: SheetPage, p: Cms1500Page): void {
  for (const [key, value] of Object.entries(p.boxes) as Array<[Cms1500Box, string]>)
    drawCell(s, CMS1500_BOXES[key], value);
  p.lines.forEach((line, i) => {
    for (const [key, value] of Object.entries(line) as Array<[Cms1500LineBox, string]>)
      drawCell(s, serviceLineCell(key, i), value);
  });
}
