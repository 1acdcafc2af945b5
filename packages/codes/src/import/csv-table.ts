import type { ImportOptions, ImportResult, TextSource } from '../types.ts';
import { headerIndex, splitCsvLine } from './csv.ts';
import { ImportCollector, readLines } from './lines.ts';

export interface CsvTableSpec<T> {
  /** Name for messages ("HCPCS file", "MUE table"). */
  what: string;
  /** Header names that must be present (case-insensitive). */
  required: string[];
  /** 'auto' picks tab when the header line has a tab. */
  delimiter?: ',' | '\t' | 'auto';
  /** Lines before the header that are not the header (CMS copyright notes) are skipped. */
  headerSearchLines?: number;
  /** Builds a record from one data row or reports through `out` and returns undefined. */
  row(get: (name: string) => string, line: number, out: ImportCollector<T>, fields: string[]): T | undefined;
}

/** Reads a delimited table with a header row, reporting wrong/missing columns by line and field. */
export async function importCsvTable<T>(
  source: TextSource,
  spec: CsvTableSpec<T>,
  options?: ImportOptions,
): Promise<ImportResult<T>> {
  const out = new ImportCollector<T>(options);
  let cols: Map<string, number> | undefined;
  let delimiter = spec.delimiter === '\t' ? '\t' : ',';
  let width = 0;
  const required = spec.required.map((r) => r.toUpperCase());
  for await (const line of readLines(source)) {
    out.tick();
    if (line.trim() === '') continue;
    if (!cols) {
      if (spec.delimiter === 'auto' || spec.delimiter === undefined) delimiter = line.includes('\t') ? '\t' : ',';
      const header = splitCsvLine(line, delimiter)?.map((h) =>
        h
          .trim()
          .toUpperCase()
          .replace(/^\uFEFF/, ''),
      );
      if (header && required.every((r) => header.includes(r))) {
        cols = headerIndex(header);
        width = header.length;
      } else if (out.lines >= (spec.headerSearchLines ?? 1)) {
        const missing = required.filter((r) => !header?.includes(r));
        out.error(
          'csv.header',
          `${spec.what}: expected a header row with ${required.join(', ')}; missing ${missing.join(', ')}`,
          out.lines,
          1,
          missing[0],
        );
        break;
      }
      continue;
    }
    const fields = splitCsvLine(line, delimiter);
    if (!fields) {
      out.error('csv.quote', `${spec.what}: a quoted field is not closed`, out.lines);
      continue;
    }
    if (fields.length < width) {
      out.error(
        'csv.columns',
        `${spec.what}: expected ${width} fields, found ${fields.length} (truncated line?)`,
        out.lines,
        fields.length + 1,
      );
      continue;
    }
    const c = cols;
    const get = (name: string) => (fields[c.get(name.toUpperCase()) ?? -1] ?? '').trim();
    const rec = spec.row(get, out.lines, out, fields);
    if (rec !== undefined) out.records.push(rec);
  }
  if (!cols && out.errorCount === 0) out.error('csv.empty', `${spec.what}: no header row found`, out.lines);
  return out.finish();
}

/** 'YYYYMMDD' (or 'YYYY-MM-DD', 'M/D/YYYY') to 'YYYY-MM-DD'; undefined when blank or invalid. */
export function toIsoDate(text: string): string | undefined {
  const t = text.trim();
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(t) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return `${m[3]}-${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}`;
  return undefined;
}
