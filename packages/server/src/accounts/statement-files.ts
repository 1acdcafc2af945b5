/**
 * A statement run on disk: one PDF per statement (`<statement number>.pdf`) and the print vendor's CSV
 * (`print-vendor-<run>.csv`, layout in docs/accounts-files.md). PDFs are rendered one at a time so memory stays flat.
 */
import fs from 'node:fs';
import path from 'node:path';
import { toCsv } from '../http/csv.ts';
import { renderStatementPdf } from '../print/statement-pdf.ts';
import type { StatementRunResult } from './run-statements.ts';

export const PRINT_VENDOR_COLUMNS = [
  'statement_number',
  'account_number',
  'guarantor_name',
  'address_line1',
  'address_line2',
  'city',
  'state',
  'zip',
  'statement_date',
  'due_date',
  'amount_due',
  'balance',
  'current',
  'days_31_60',
  'days_61_90',
  'days_91_120',
  'over_120',
  'dunning_level',
  'message',
  'plan_installment',
  'pdf_file',
  'pages',
] as const;

const dollars = (c: number) => (c / 100).toFixed(2);

export function printVendorCsv(run: StatementRunResult, pages: Map<number, number> = new Map()): string {
  return toCsv(
    [...PRINT_VENDOR_COLUMNS],
    run.statements.map((s) => {
      const c = s.content;
      return [
        c.statementNumber,
        c.accountNumber,
        c.guarantor.name,
        c.guarantor.line1,
        c.guarantor.line2 ?? '',
        c.guarantor.city,
        c.guarantor.state,
        c.guarantor.zip,
        c.statementDate,
        c.dueDate,
        dollars(c.amountDueCents),
        dollars(c.balanceCents),
        dollars(c.aging.current),
        dollars(c.aging.days31to60),
        dollars(c.aging.days61to90),
        dollars(c.aging.days91to120),
        dollars(c.aging.over120),
        s.level,
        c.message,
        c.plan ? dollars(c.plan.installmentCents) : '',
        `${c.statementNumber}.pdf`,
        pages.get(s.statementId) ?? 1,
      ];
    }),
  );
}

export async function writeStatementFiles(
  run: StatementRunResult,
  outDir: string,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<{ pdfs: number; csvFile: string; bytes: number }> {
  fs.mkdirSync(outDir, { recursive: true });
  let bytes = 0;
  const pages = new Map<number, number>();
  for (const [i, s] of run.statements.entries()) {
    const pdf = await renderStatementPdf(s.content);
    bytes += pdf.byteLength;
    pages.set(s.statementId, Math.max(1, countPages(pdf)));
    fs.writeFileSync(path.join(outDir, `${s.content.statementNumber}.pdf`), pdf);
    if (i % 50 === 0 || i === run.statements.length - 1) onProgress(i + 1, run.statements.length);
  }
  const csvFile = path.join(outDir, `print-vendor-${run.runId}.csv`);
  fs.writeFileSync(csvFile, printVendorCsv(run, pages));
  return { pdfs: run.statements.length, csvFile, bytes };
}

/** pages of a PDF we wrote (one `/Type /Page` object per page, no object streams) */
function countPages(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type \/Page\b/g) ?? []
  ).length;
}
