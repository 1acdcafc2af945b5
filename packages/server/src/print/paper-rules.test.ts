/**
 * Issue 9 item 8: the CMS-1500 follows Medicare's box rules (11 NONE with no insurance primary to Medicare;
 * 4, 7, 11a–c blank then), its form art carries 24I "NPI" on every line, box 21's letters A–L and box 33's
 * telephone brackets, and dates print on both forms when the server passes its 'YYYY-MM-DD' date (box 31,
 * UB-04 FL45 creation date).
 */
import { describe, expect, it } from 'vitest';
import type { ClaimFile837 } from '@medbill/x12';
import { claimPdf } from './claim-pdf.ts';
import { cms1500Fields } from './cms1500-fields.ts';
import { hasPoppler, pageWords, POPPLER_MISSING_MESSAGE } from './poppler.test-util.ts';
import { institutionalFile, professionalFile } from './print-fixtures.test-util.ts';
import { ub04Fields } from './ub04-fields.ts';

function medicareFile(): ClaimFile837 {
  const file = professionalFile();
  const sub = file.billingProviders[0]!.subscribers[0]!;
  sub.sbr = { ...sub.sbr, claimFilingCode: 'MB', groupNumber: undefined };
  sub.subscriber.name.id = '1EG4TE5MK73';
  return file;
}

describe('CMS-1500 Medicare box rules', () => {
  it('Medicare primary with no secondary: 11 NONE, items 4, 7 and 11a–d blank', () => {
    const b = cms1500Fields(medicareFile(), 'RFP-1001').pages[0]!.boxes;
    expect(b['1.medicare']).toBe('X');
    expect(b['1a']).toBe('1EG4TE5MK73');
    expect(b['11']).toBe('NONE');
    for (const key of Object.keys(b)) expect(key).not.toMatch(/^(4$|7\.|11a\.|11b|11c|11d\.)/);
    expect(b['2']).toBe('DOE, JOHN, Q');
  });

  it('a commercial claim keeps items 4, 7 and 11 as the insured gave them', () => {
    const b = cms1500Fields(professionalFile(), 'RFP-1001').pages[0]!.boxes;
    expect(b['11']).toBe('G-55');
    expect(b['4']).toBe('DOE, JOHN, Q');
    expect(b['11d.no']).toBe('X');
  });
});

describe('dates passed as YYYY-MM-DD print', () => {
  it('box 31 and the UB-04 creation date', () => {
    expect(cms1500Fields(professionalFile(), 'RFP-1001', { signedDate: '2026-01-15' }).pages[0]!.boxes['31.date']).toBe(
      '01 15 26',
    );
    expect(ub04Fields(institutionalFile(), 'HOSP-77', { creationDate: '2026-01-15' }).pages[0]!.boxes['45.total']).toBe(
      '011526',
    );
  });
});

describe.skipIf(!hasPoppler())(`CMS-1500 form art (${hasPoppler() ? 'poppler' : POPPLER_MISSING_MESSAGE})`, () => {
  it('24I reads NPI on each of the six lines, box 21 has its letters A–L, box 33 its brackets', async () => {
    const { pdf } = await claimPdf(professionalFile(), 'RFP-1001', 'full', { date: '20260115' });
    const words = pageWords(pdf, 1);
    expect(words.filter((w) => w.text === 'NPI').length).toBeGreaterThanOrEqual(6 + 1);
    for (const letter of 'ABCDEFGHIJKL')
      expect(
        words.some((w) => w.text === `${letter}.`),
        letter,
      ).toBe(true);
    const area = words.find((w) => w.text === '217')!;
    const open = words.find(
      (w) => w.text.startsWith('(') && Math.abs(w.yMin - area.yMin) < 6 && w.xMax <= area.xMin + 1,
    );
    const close = words.find(
      (w) => w.text.startsWith(')') && Math.abs(w.yMin - area.yMin) < 6 && w.xMin >= area.xMax - 1,
    );
    expect([open, close]).toEqual([expect.anything(), expect.anything()]);
  });
});
