import type { ImportOptions, ImportResult, IsoDate, TextSource } from '../types.ts';
import { splitCsvLine } from './csv.ts';
import { toIsoDate } from './csv-table.ts';
import { ImportCollector, readLines } from './lines.ts';

/** One NCCI procedure-to-procedure edit (practitioner table). */
export interface PtpEdit {
  column1: string;
  column2: string;
  /** "*" in the file: the pair existed before 1996. */
  priorTo1996: boolean;
  effectiveFrom: IsoDate;
  /** Deletion date; the edit does not apply on or after it. */
  deletedOn?: IsoDate;
  /** 0 = no modifier allowed, 1 = a PTP-associated modifier bypasses, 9 = not applicable. */
  modifierIndicator: '0' | '1' | '9';
  rationale: string;
}

/** One practitioner MUE row. */
export interface MueLimit {
  code: string;
  maxUnits: number;
  /** MUE adjudication indicator: 1 = per line, 2 = per date (policy), 3 = per date (clinical). */
  adjudication: '1' | '2' | '3';
  rationale: string;
}

const CODE = /^[A-Z0-9]{5}$/;

/**
 * NCCI PTP practitioner file as CMS publishes it: tab-delimited text, a few header/copyright lines,
 * then rows: Column 1, Column 2, "*=in existence prior to 1996", Effective Date (YYYYMMDD),
 * Deletion Date ("*" = none), Modifier 0/1/9, PTP Edit Rationale. Header lines before the first data
 * row are skipped; a malformed row after that is reported by line and field.
 */
export async function importNcciPtp(source: TextSource, options?: ImportOptions): Promise<ImportResult<PtpEdit>> {
  const out = new ImportCollector<PtpEdit>(options);
  for await (const line of readLines(source)) {
    out.tick();
    if (line.trim() === '') continue;
    const f = line.split('\t').map((s) => s.trim());
    const looksLikeData = CODE.test(f[0] ?? '') && CODE.test(f[1] ?? '');
    if (!looksLikeData) {
      if (out.records.length > 0)
        out.error(
          'ptp.codes',
          `expected Column 1 and Column 2 codes (5 characters, tab separated), found "${line.slice(0, 30)}"`,
          out.lines,
          1,
          'Column 1',
        );
      continue;
    }
    if (f.length < 6) {
      out.error(
        'ptp.columns',
        `expected 7 tab-separated fields, found ${f.length} (truncated line?)`,
        out.lines,
        undefined,
        ['Column 2', 'prior to 1996', 'Effective Date', 'Deletion Date', 'Modifier'][f.length - 1],
      );
      continue;
    }
    const effectiveFrom = toIsoDate(f[3]);
    if (!effectiveFrom) {
      out.error(
        'ptp.effective',
        `Effective Date must be YYYYMMDD, found "${f[3]}"`,
        out.lines,
        undefined,
        'Effective Date',
      );
      continue;
    }
    const deletedOn = f[4] === '*' || f[4] === '' ? undefined : toIsoDate(f[4]);
    if (f[4] !== '*' && f[4] !== '' && !deletedOn) {
      out.error(
        'ptp.deletion',
        `Deletion Date must be YYYYMMDD or "*", found "${f[4]}"`,
        out.lines,
        undefined,
        'Deletion Date',
      );
      continue;
    }
    const mod = f[5];
    if (mod !== '0' && mod !== '1' && mod !== '9') {
      out.error(
        'ptp.modifier',
        `Modifier indicator must be 0, 1 or 9, found "${mod}"`,
        out.lines,
        undefined,
        'Modifier',
      );
      continue;
    }
    out.records.push({
      column1: f[0],
      column2: f[1],
      priorTo1996: f[2] === '*',
      effectiveFrom,
      deletedOn,
      modifierIndicator: mod,
      rationale: f[6] ?? '',
    });
  }
  if (out.records.length === 0)
    out.error('ptp.empty', 'no PTP edit rows found (expected tab-separated Column 1, Column 2, ...)', out.lines);
  return out.finish();
}

/**
 * CMS practitioner MUE table (CSV or tab text): copyright lines, then a header
 * "HCPCS/CPT Code, Practitioner Services MUE Values, MUE Adjudication Indicator, MUE Rationale".
 * The indicator may be "1" or "1 Line Edit", "2 Date of Service Edit: Policy", "3 Date of Service Edit: Clinical".
 */
export async function importMue(source: TextSource, options?: ImportOptions): Promise<ImportResult<MueLimit>> {
  const out = new ImportCollector<MueLimit>(options);
  let header = false;
  for await (const line of readLines(source)) {
    out.tick();
    if (line.trim() === '') continue;
    const delim = line.includes('\t') ? '\t' : ',';
    const f = splitCsvLine(line, delim)?.map((s) => s.trim());
    if (!f) {
      out.error('mue.quote', 'a quoted field is not closed', out.lines);
      continue;
    }
    if (!header) {
      header = /HCPCS/i.test(f[0] ?? '') && /MUE/i.test(f[1] ?? '');
      continue;
    }
    if (!CODE.test(f[0] ?? '')) {
      out.error('mue.code', `expected a 5-character HCPCS/CPT code, found "${f[0]}"`, out.lines, 1, 'HCPCS/CPT Code');
      continue;
    }
    if (f.length < 3) {
      out.error(
        'mue.columns',
        `expected 4 fields, found ${f.length} (truncated line?)`,
        out.lines,
        undefined,
        'MUE Adjudication Indicator',
      );
      continue;
    }
    const units = Number(f[1]);
    if (!Number.isInteger(units) || units < 0) {
      out.error(
        'mue.units',
        `MUE value must be a whole number, found "${f[1]}"`,
        out.lines,
        undefined,
        'Practitioner Services MUE Values',
      );
      continue;
    }
    const mai = (f[2] ?? '').charAt(0);
    if (mai !== '1' && mai !== '2' && mai !== '3') {
      out.error(
        'mue.mai',
        `MUE adjudication indicator must start with 1, 2 or 3, found "${f[2]}"`,
        out.lines,
        undefined,
        'MUE Adjudication Indicator',
      );
      continue;
    }
    out.records.push({ code: f[0], maxUnits: units, adjudication: mai, rationale: f[3] ?? '' });
  }
  if (!header)
    out.error('mue.header', 'no header row "HCPCS/CPT Code, Practitioner Services MUE Values, ..." found', out.lines);
  return out.finish();
}
