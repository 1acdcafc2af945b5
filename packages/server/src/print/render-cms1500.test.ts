import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { cms1500Fields, type Cms1500Form } from './cms1500-fields.ts';
import { CMS1500_BOXES, CMS1500_ORIGIN, serviceLineCell } from './cms1500-layout.ts';
import { COLUMN_WIDTH, LINE_HEIGHT, cellText, type Cell } from './form-grid.ts';
import { POPPLER_MISSING_MESSAGE, hasPoppler, pagePng, pageText, pageWords } from './poppler.test-util.ts';
import { eightLineFile, professionalFile } from './print-fixtures.test-util.ts';
import { renderCms1500 } from './render-cms1500.ts';

const poppler = hasPoppler();
if (!poppler) console.warn(POPPLER_MISSING_MESSAGE);

/** Where the first printed character of `value` in `cell` lands, in points from the page's top-left. */
function expectedBox(cell: Cell, value: string) {
  const text = cellText(cell, value);
  const lead = text.length - text.trimStart().length;
  const x = CMS1500_ORIGIN.left + (cell.col - 1 + lead) * COLUMN_WIDTH;
  return {
    x,
    top: CMS1500_ORIGIN.top + (cell.line - 1) * LINE_HEIGHT,
    bottom: CMS1500_ORIGIN.top + cell.line * LINE_HEIGHT,
    first: text.trim().split(' ')[0]!,
  };
}

/** The value's first word starts at the cell's column (within 1 pt) and lies inside the cell's line. */
function expectAt(pdf: Uint8Array, page: number, cell: Cell, value: string): void {
  const want = expectedBox(cell, value);
  const hits = pageWords(pdf, page).filter(
    (w) => w.text === want.first && Math.abs(w.xMin - want.x) < 1 && w.yMin >= want.top && w.yMax <= want.bottom,
  );
  expect(hits, `${value} at column ${cell.col}, line ${cell.line}`).toHaveLength(1);
}

describe('renderCms1500', () => {
  let form: Cms1500Form;
  let full: Uint8Array;
  let overlay: Uint8Array;
  beforeAll(async () => {
    form = cms1500Fields(eightLineFile(), 'RFP-1001', { signedDate: '20260115' });
    full = await renderCms1500(form, { mode: 'full' });
    overlay = await renderCms1500(form, { mode: 'overlay' });
  });

  it('makes one letter-size page per six service lines', async () => {
    const doc = await PDFDocument.load(full);
    expect(doc.getPageCount()).toBe(2);
    expect(doc.getPage(0).getSize()).toEqual({ width: 612, height: 792 });
  });

  it('gives the same bytes for the same claim (no clock in the file)', async () => {
    expect(Buffer.from(await renderCms1500(form, { mode: 'overlay' })).equals(Buffer.from(overlay))).toBe(true);
  });

  it.skipIf(!poppler)('prints every box value of page 1 and the form titles in full mode', () => {
    const text = pageText(full, 1);
    for (const v of Object.values(form.pages[0]!.boxes)) expect(text).toContain(v === '420.50' ? '420 50' : v);
    for (const v of ['99213', '25', 'AB', '150 00', '71046', '98 00', '1999996667']) expect(text).toContain(v);
    expect(text).toContain('HEALTH INSURANCE CLAIM FORM');
    expect(text).toContain("1a. INSURED'S I.D. NUMBER");
  });

  it.skipIf(!poppler)('puts the total on the last page only', () => {
    const [p1, p2] = [pageText(full, 1), pageText(full, 2)];
    expect(p1).not.toContain('420 50');
    expect(p2).toContain('420 50');
    const box28 = expectedBox(CMS1500_BOXES['28'], '0.00');
    const inBox28 = (page: number) =>
      pageWords(overlay, page).filter(
        (w) => w.yMin >= box28.top && w.yMax <= box28.bottom && w.xMin >= box28.x - 4 * COLUMN_WIDTH,
      );
    expect(inBox28(1).filter((w) => w.xMin < CMS1500_ORIGIN.left + 61 * COLUMN_WIDTH)).toEqual([]);
    expect(inBox28(2).map((w) => w.text)).toEqual(['420', '50']);
    expect(p2).toContain('J1100');
    expect(p2).toContain('DEXAMETHASONE 1 MG');
    expect(p2).not.toContain('71046');
  });

  it.skipIf(!poppler)('places sample boxes where the layout table says (1a, 2, 21A, 24A, 24F, 28, 33)', () => {
    const [p1, p2] = [form.pages[0]!, form.pages[1]!];
    for (const pdf of [full, overlay]) {
      expectAt(pdf, 1, CMS1500_BOXES['1a'], p1.boxes['1a']!);
      expectAt(pdf, 1, CMS1500_BOXES['2'], p1.boxes['2']!);
      expectAt(pdf, 1, CMS1500_BOXES['21A'], p1.boxes['21A']!);
      expectAt(pdf, 1, serviceLineCell('24A.from', 0), p1.lines[0]!['24A.from']!);
      expectAt(pdf, 1, serviceLineCell('24F', 0), p1.lines[0]!['24F']!);
      expectAt(pdf, 2, serviceLineCell('24F', 1), p2.lines[1]!['24F']!);
      expectAt(pdf, 2, CMS1500_BOXES['28'], p2.boxes['28']!);
      expectAt(pdf, 1, CMS1500_BOXES['33.name'], p1.boxes['33.name']!);
      expectAt(pdf, 1, CMS1500_BOXES['33a'], p1.boxes['33a']!);
    }
  });

  it.skipIf(!poppler)('prints data only in overlay mode', () => {
    const text = pageText(overlay, 1);
    expect(text).toContain('W123456789');
    expect(text).not.toContain('HEALTH INSURANCE CLAIM FORM');
  });

  it.skipIf(!poppler)('shows the other insured and amount paid of a secondary claim', async () => {
    const pdf = await renderCms1500(cms1500Fields(professionalFile(), 'RFP-1002'), { mode: 'full' });
    const text = pageText(pdf, 1);
    for (const v of ['SUPPLEMENT CO', 'DOE, JANE', '1EG4TE5MK72', 'MEDICARE PART B', '250 00', '160 00'])
      expect(text).toContain(v);
  });

  it.skipIf(!poppler)('moves everything by the printer calibration offset', async () => {
    const pdf = await renderCms1500(form, { mode: 'overlay', offset: { x: 3.6, y: -2 } });
    const want = expectedBox(CMS1500_BOXES['1a'], form.pages[0]!.boxes['1a']!);
    const hit = pageWords(pdf, 1).find((w) => w.text === want.first)!;
    expect(hit.xMin).toBeCloseTo(want.x + 3.6, 1);
  });

  it.skipIf(!poppler)('renders to PNG at 60 dpi', () => {
    const png = pagePng(full, 1, 60);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(510); // 8.5 in × 60 dpi
  });
});
