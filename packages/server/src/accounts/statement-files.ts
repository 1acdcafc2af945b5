/**
 * A statement run on disk: one PDF per statement (`<statement number>.pdf`) and the print vendor's CSV
 * (`print-vendor-<run>.csv`, layout in docs/accounts-files.md). PDFs are rendered one at a time so memory stays flat.
 */
import fs from 'node:fs';
import path from 'node:path';
import { csvCell, toCsv } from '../http/csv.ts';
import { renderStatementPdf } from '../print/statement-pdf.ts';
import type { PlannedStatement, StatementRunResult } from './run-statements.ts';

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

/** One print-vendor row (layout in docs/accounts-files.md). */
export function printVendorRow(s: PlannedStatement, pages = 1): unknown[] {
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
    pages,
  ];
}

export function printVendorCsv(run: StatementRunResult, pages: Map<number, number> = new Map()): string {
  return toCsv(
    [...PRINT_VENDOR_COLUMNS],
    run.statements.map((s) => printVendorRow(s, pages.get(s.statementId) ?? 1)),
  );
}

/**
 * Prints a run into a folder as its batches come: each statement's PDF written as it is rendered, its CSV row
 * appended, nothing kept but counts.
 */
export class StatementFolderPrinter {
  readonly csvFile: string;
  pdfs = 0;
  bytes = 0;
  private readonly fd: number;

  constructor(
    private readonly outDir: string,
    runId: number,
  ) {
    fs.mkdirSync(outDir, { recursive: true });
    this.csvFile = path.join(outDir, `print-vendor-${runId}.csv`);
    this.fd = fs.openSync(this.csvFile, 'w');
    fs.writeSync(this.fd, toCsv([...PRINT_VENDOR_COLUMNS], []));
  }

  async print(batch: PlannedStatement[]): Promise<void> {
    const rows: unknown[][] = [];
    for (const s of batch) {
      const pdf = await renderStatementPdf(s.content);
      this.bytes += pdf.byteLength;
      this.pdfs++;
      fs.writeFileSync(path.join(this.outDir, `${s.content.statementNumber}.pdf`), pdf);
      rows.push(printVendorRow(s, Math.max(1, countPages(pdf))));
    }
    if (rows.length) fs.writeSync(this.fd, rows.map((r) => `${r.map(csvCell).join(',')}\r\n`).join(''));
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

export async function writeStatementFiles(
  run: StatementRunResult,
  outDir: string,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<{ pdfs: number; csvFile: string; bytes: number }> {
  const printer = new StatementFolderPrinter(outDir, run.runId);
  try {
    for (let i = 0; i < run.statements.length; i += 50) {
      await printer.print(run.statements.slice(i, i + 50));
      onProgress(Math.min(i + 50, run.statements.length), run.statements.length);
    }
  } finally {
    printer.close();
  }
  return { pdfs: printer.pdfs, csvFile: printer.csvFile, bytes: printer.bytes };
}

/** pages of a PDF we wrote (one `/Type /Page` object per page, no object streams) */
export function countPages(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type \/Page\b/g) ?? []
  ).length;
}
