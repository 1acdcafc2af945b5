import type { CodeEntry, ImportOptions, ImportResult, TextSource } from '../types.ts';
import { ImportCollector, readLines } from './lines.ts';

/**
 * CMS "order file" layout shared by ICD-10-CM and ICD-10-PCS (icd10OrderFiles.pdf), 1-based columns:
 * 1-5 order number (zero filled), 6 blank, 7-13 code (no dot, space padded), 14 blank,
 * 15 billable flag (0 header / 1 valid), 16 blank, 17-76 short title, 77 blank, 78-end long title.
 */
export interface OrderRecord extends CodeEntry {
  order: number;
}

/** Letter, then alphanumerics (FY2026 added chapter QA0-: letter in the second position). */
const CM_CODE = /^[A-Z][0-9A-Z][0-9A-Z][0-9A-Z]{0,4}$/;
const PCS_CODE = /^[0-9A-HJ-NP-Z]{3,7}$/;

export function importIcd10cmOrderFile(
  source: TextSource,
  options?: ImportOptions,
): Promise<ImportResult<OrderRecord>> {
  return importOrderFile(source, CM_CODE, options);
}

export function importIcd10pcsOrderFile(
  source: TextSource,
  options?: ImportOptions,
): Promise<ImportResult<OrderRecord>> {
  return importOrderFile(source, PCS_CODE, options);
}

async function importOrderFile(
  source: TextSource,
  codePattern: RegExp,
  options?: ImportOptions,
): Promise<ImportResult<OrderRecord>> {
  const out = new ImportCollector<OrderRecord>(options);
  let lastOrder = 0;
  for await (const line of readLines(source)) {
    out.tick();
    if (line.trim() === '') continue;
    const rec = parseOrderLine(line, out.lines, codePattern, out);
    if (!rec) continue;
    if (rec.order !== lastOrder + 1) {
      out.warn(
        'order.sequence',
        `order number ${rec.order} follows ${lastOrder}: lines missing or out of order`,
        out.lines,
        1,
        'order',
      );
    }
    lastOrder = rec.order;
    out.records.push(rec);
  }
  if (out.records.length === 0) out.error('order.empty', 'no code lines found: expected a CMS order file', out.lines);
  return out.finish();
}

/** Parses one order-file line; reports the first layout problem with its column. */
export function parseOrderLine(
  line: string,
  lineNo: number,
  codePattern: RegExp,
  out: ImportCollector<unknown>,
): OrderRecord | undefined {
  if (line.length < 78) {
    out.error(
      'order.truncated',
      `line is ${line.length} characters; an order-file line has at least 78 (order, code, flag, 60-character short title, long title)`,
      lineNo,
      line.length + 1,
    );
    return undefined;
  }
  const orderText = line.slice(0, 5);
  if (!/^\d{5}$/.test(orderText)) {
    out.error(
      'order.number',
      `expected a 5-digit order number in columns 1-5, found "${orderText}"`,
      lineNo,
      1,
      'order',
    );
    return undefined;
  }
  for (const col of [6, 14, 16, 77]) {
    if (line[col - 1] !== ' ') {
      out.error(
        'order.layout',
        `expected a blank in column ${col}, found "${line[col - 1]}" (is this a fixed-width CMS order file?)`,
        lineNo,
        col,
      );
      return undefined;
    }
  }
  const code = line.slice(6, 13).trim();
  if (!codePattern.test(code)) {
    out.error(
      'order.code',
      `expected a code without a dot in columns 7-13, found "${line.slice(6, 13)}"`,
      lineNo,
      7,
      'code',
    );
    return undefined;
  }
  const flag = line[14];
  if (flag !== '0' && flag !== '1') {
    out.error('order.flag', `expected billable flag 0 or 1 in column 15, found "${flag}"`, lineNo, 15, 'billable');
    return undefined;
  }
  const longTitle = line.slice(77).trim();
  if (!longTitle) {
    out.error('order.long-title', 'long title (column 78 onward) is empty', lineNo, 78, 'longTitle');
    return undefined;
  }
  return { order: Number(orderText), code, billable: flag === '1', shortTitle: line.slice(16, 76).trim(), longTitle };
}
