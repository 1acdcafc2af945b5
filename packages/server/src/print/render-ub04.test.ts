import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { COLUMN_WIDTH, LINE_HEIGHT, cellText, type Cell } from './form-grid.ts';
import { POPPLER_MISSING_MESSAGE, hasPoppler, pageText, pageWords } from './poppler.test-util.ts';
import { institutionalFile, secondaryInstitutionalFile } from './print-fixtures.test-util.ts';
import { renderUb04 } from './render-ub04.ts';
import { UB04_BOXES, UB04_ORIGIN, ub04DiagnosisCell, ub04LineCell, ub04PayerCell } from './ub04-layout.ts';

const poppler = hasPoppler();
if (!poppler) console.warn(POPPLER_MISSING_MESSAGE);

function expectAt(pdf: Uint8Array, page: number, cell: Cell, value: string): void {
  const text = cellText(cell, value);
  const lead = text.length - text.trimStart().length;
  const x = UB04_ORIGIN.left + (cell.col - 1 + lead) * COLUMN_WIDTH;
  const top = UB04_ORIGIN.top + (cell.line - 1) * LINE_HEIGHT;
  const first = text.trim().split(' ')[0]!;
  const hits = pageWords(pdf, page).filter(
    (w) => w.text === first && Math.abs(w.xMin - x) < 1 && w.yMin >= top && w.yMax <= top + LINE_HEIGHT,
  );
  expect(hits, `${value} at column ${cell.col}, line ${cell.line}`).toHaveLength(1);
}

describe('renderUb04', () => {
  let single: Uint8Array;
  let long: Uint8Array;
  beforeAll(async () => {
    single = await renderUb04(institutionalFile(), 'HOSP-77', { creationDate: '20260105' });
    long = await renderUb04(secondaryInstitutionalFile(), 'HOSP-77');
  });

  it('renders the full form by default, one page per 22 revenue lines', async () => {
    expect((await PDFDocument.load(single)).getPageCount()).toBe(1);
    expect((await PDFDocument.load(long)).getPageCount()).toBe(2);
  });

  it.skipIf(!poppler)('prints the form locators of an inpatient claim', () => {
    const text = pageText(single, 1);
    for (const v of [
      'RIVERSIDE FAMILY PRACTICE',
      'HOSP-77',
      '0111',
      '371234567',
      '010126 010426',
      'DOE JOHN Q',
      '02141980',
      '0120',
      '0300',
      '85025',
      '1000 00',
      '234 56',
      '0001',
      '1234 56',
      'BLUE PRAIRIE HEALTH',
      'BPH01',
      'W123456789',
      '1234567893',
      'J189',
      'E119',
      'R509',
      '0BH17EZ',
      '1112223338',
      'SMITH',
      'KAREN',
      'ICN-555',
    ]) {
      expect(text).toContain(v);
    }
    expect(text).toContain('4 TYPE OF BILL');
    expect(text).toContain('47 TOTAL CHARGES');
  });

  it.skipIf(!poppler)('places sample locators where the layout table says (FL4, FL42, FL47, FL50, FL67)', () => {
    expectAt(single, 1, UB04_BOXES['4'], '0111');
    expectAt(single, 1, UB04_BOXES['1.name'], 'RIVERSIDE FAMILY PRACTICE');
    expectAt(single, 1, ub04LineCell('42', 0), '0120');
    expectAt(single, 1, ub04LineCell('47', 1), '234.56');
    expectAt(single, 1, UB04_BOXES['47.total'], '1234.56');
    expectAt(single, 1, ub04PayerCell('50', 0), 'BLUE PRAIRIE HEALTH');
    expectAt(single, 1, ub04DiagnosisCell(0).code, 'J189');
    expectAt(single, 1, ub04DiagnosisCell(1).poa, 'N');
  });

  it.skipIf(!poppler)('shows both payers and puts the totals on the last page only', () => {
    const [p1, p2] = [pageText(long, 1), pageText(long, 2)];
    for (const p of [p1, p2]) expect(p).toMatch(/MEDICARE PART A[\s\S]*SUPPLEMENT CO/);
    expect(p1).toContain('800 00');
    expect(p1).not.toContain('1260 09');
    expect(p2).toContain('1260 09');
    expectAt(long, 2, UB04_BOXES['43.page'], '2');
  });

  it.skipIf(!poppler)('prints data only in overlay mode', async () => {
    const text = pageText(await renderUb04(institutionalFile(), 'HOSP-77', { mode: 'overlay' }), 1);
    expect(text).toContain('HOSP-77');
    expect(text).not.toContain('TYPE OF BILL');
  });
});
