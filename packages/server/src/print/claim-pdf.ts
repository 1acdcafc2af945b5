/** One entry point for a paper claim: CMS-1500 for professional claims, UB-04 for institutional ones. */
import type { ClaimFile837 } from '@medbill/x12';
import { requireClaim, type ClaimRef } from './claim-context.ts';
import { cms1500Fields } from './cms1500-fields.ts';
import { cms1500FitIssues, ub04FitIssues, type FitIssue } from './fit-issues.ts';
import { renderCms1500, type PrintMode } from './render-cms1500.ts';
import { renderUb04Form } from './render-ub04.ts';
import { ub04Fields } from './ub04-fields.ts';

export interface ClaimPdfOptions {
  /** CCYYMMDD: CMS-1500 box 31 signing date, UB-04 FL45 creation date (none when absent) */
  date?: string;
  /** printer calibration in points (overlay printing) */
  offset?: { x: number; y: number };
}

export interface ClaimPdf {
  form: 'CMS-1500' | 'UB-04';
  pdf: Uint8Array;
  /** values cut at their box width (warnings for a reviewer) */
  issues: FitIssue[];
}

/**
 * Render claim `claimId` (CLM01, or its position in the file) of an 837 file as a paper claim PDF.
 * Throws a RangeError when the file holds no such claim (check first with `findClaim`).
 */
export async function claimPdf(
  file: ClaimFile837,
  claimId: ClaimRef,
  mode: PrintMode = 'full',
  options: ClaimPdfOptions = {},
): Promise<ClaimPdf> {
  const ctx = requireClaim(file, claimId);
  if (ctx.kind === 'institutional') {
    const form = ub04Fields(file, claimId, { creationDate: options.date });
    return {
      form: 'UB-04',
      pdf: await renderUb04Form(form, { mode, offset: options.offset }),
      issues: ub04FitIssues(form),
    };
  }
  const form = cms1500Fields(file, claimId, { signedDate: options.date });
  return {
    form: 'CMS-1500',
    pdf: await renderCms1500(form, { mode, offset: options.offset }),
    issues: cms1500FitIssues(form),
  };
}
