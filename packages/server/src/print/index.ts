/** Paper claims: CMS-1500 (02/12) and UB-04 (CMS-1450) as PDF from the 837 claim model. */
export { claimPdf, type ClaimPdf, type ClaimPdfOptions } from './claim-pdf.ts';
export { findClaim, type ClaimRef } from './claim-context.ts';
export { cms1500Fields, type Cms1500Form, type Cms1500Page, type Cms1500Options } from './cms1500-fields.ts';
export { renderCms1500, type PrintMode, type RenderOptions } from './render-cms1500.ts';
export { ub04Fields, type Ub04Form, type Ub04Page, type Ub04Options } from './ub04-fields.ts';
export { renderUb04, renderUb04Form, type Ub04RenderOptions } from './render-ub04.ts';
export { CMS1500_BOXES, CMS1500_LINE_BOXES } from './cms1500-layout.ts';
export { UB04_BOXES, UB04_LINE_BOXES, UB04_PAYER_BOXES } from './ub04-layout.ts';
export { cms1500FitIssues, ub04FitIssues, type FitIssue } from './fit-issues.ts';
