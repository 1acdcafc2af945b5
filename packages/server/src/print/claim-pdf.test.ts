import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { claimPdf } from './claim-pdf.ts';
import { institutionalFile, professionalFile } from './print-fixtures.test-util.ts';

describe('claimPdf', () => {
  it('prints a professional claim on the CMS-1500 and an institutional one on the UB-04', async () => {
    const cms = await claimPdf(professionalFile(), 'RFP-1003', 'overlay', { date: '20260115' });
    const ub = await claimPdf(institutionalFile(), 'HOSP-77', 'full');
    expect(cms.form).toBe('CMS-1500');
    expect(ub.form).toBe('UB-04');
    expect([cms.issues, ub.issues]).toEqual([[], []]);
    expect((await PDFDocument.load(cms.pdf)).getTitle()).toBe('CMS-1500 claim RFP-1003');
    expect((await PDFDocument.load(ub.pdf)).getTitle()).toBe('UB-04 claim HOSP-77');
  });

  it('rejects a claim that is not in the file', async () => {
    await expect(claimPdf(professionalFile(), 'HOSP-77')).rejects.toThrow(/HOSP-77/);
  });
});
