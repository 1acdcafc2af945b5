/**
 * Render an institutional claim on the UB-04 (CMS-1450). 'full' (the default) draws the form for
 * plain paper; 'overlay' prints the data only, for pre-printed forms.
 */
import type { ClaimFile837 } from '@medbill/x12';
import type { ClaimRef } from './claim-context.ts';
import { addSheet, drawCell, newPrintKit, type SheetPage } from './pdf-draw.ts';
import type { RenderOptions } from './render-cms1500.ts';
import { ub04Fields, type Ub04Form, type Ub04Options, type Ub04Page } from './ub04-fields.ts';
import { drawUb04Form } from './ub04-form.ts';
import {
  UB04_BOXES,
  UB04_ORIGIN,
  ub04DiagnosisCell,
  ub04LineCell,
  ub04PayerCell,
  type Ub04Box,
  type Ub04LineBox,
  type Ub04PayerBox,
} from './ub04-layout.ts';

export type Ub04RenderOptions = Partial<RenderOptions> & Ub04Options;

/** Map and render one claim of an 837I file (by id or position). */
export async function renderUb04(
  file: ClaimFile837,
  claim: ClaimRef,
  options: Ub04RenderOptions = {},
): Promise<Uint8Array> {
  return renderUb04Form(ub04Fields(file, claim, options), options);
}

export async function renderUb04Form(form: Ub04Form, options: Partial<RenderOptions> = {}): Promise<Uint8Array> {
  const kit = await newPrintKit(`UB-04 claim ${form.claimId}`);
  const origin = { left: UB04_ORIGIN.left + (options.offset?.x ?? 0), top: UB04_ORIGIN.top + (options.offset?.y ?? 0) };
  for (const p of form.pages) {
    const sheet = addSheet(kit, origin);
    if ((options.mode ?? 'full') === 'full') drawUb04Form(sheet);
    drawPage(sheet, p);
  }
  return kit.doc.save();
}

function drawPage(s: SheetPage, p: Ub04Page): void {
  for (const [key, value] of Object.entries(p.boxes) as Array<[Ub04Box, string]>) drawCell(s, UB04_BOXES[key], value);
  p.lines.forEach((line, i) => {
    for (const [key, value] of Object.entries(line) as Array<[Ub04LineBox, string]>)
      drawCell(s, ub04LineCell(key, i), value);
  });
  p.payers.forEach((row, i) => {
    for (const [key, value] of Object.entries(row) as Array<[Ub04PayerBox, string]>)
      drawCell(s, ub04PayerCell(key, i), value);
  });
  p.diagnoses.forEach((d, i) => {
    const cells = ub04DiagnosisCell(i);
    drawCell(s, cells.code, d.code);
    drawCell(s, cells.poa, d.poa);
  });
}
