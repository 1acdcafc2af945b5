import type { ImportOptions, ImportResult, TextSource } from '../types.ts';
import { splitCsvLine } from './csv.ts';
import { ImportCollector, readLines } from './lines.ts';

/** What the scrubber needs from one Physician Fee Schedule row (no descriptions: CPT text is AMA's). */
export interface PfsIndicators {
  code: string;
  /** '' for the global row; 26, TC, 53 rows are priced separately */
  modifier: string;
  /** status code: A active, B bundled, C carrier priced, I not valid for Medicare, R restricted, T injections, X statutory exclusion, … */
  status: string;
  /** 000, 010, 090 (postoperative days), MMM maternity, XXX not applicable, YYY carrier, ZZZ add-on (part of another service's global) */
  globalDays: string;
  /** NA: not priced in a non-facility setting (office) */
  nonFacilityNa: boolean;
  /** NA: not priced in a facility setting */
  facilityNa: boolean;
  /** PC/TC indicator 0–9 (0: 26 and TC do not apply; 1: both apply; 2: professional only; 3: technical only) */
  pctc: string;
  /** multiple procedure indicator 0–9 */
  multipleProcedure: string;
  /** bilateral surgery indicator: 0 no 150 % adjustment, 1 150 % (50/RT-LT apply), 2 already bilateral, 3 each side, 9 n/a */
  bilateral: string;
  /** assistant at surgery: 0 with documentation, 1 never paid, 2 paid, 9 n/a */
  assistant: string;
  /** co-surgeons: 0 not permitted, 1 with documentation, 2 permitted, 9 n/a */
  coSurgeons: string;
}

const COLUMNS = {
  code: 'HCPCS',
  modifier: 'MOD',
  status: 'STATUS CODE',
  globalDays: 'GLOB DAYS',
  pctc: 'PCTC IND',
  multipleProcedure: 'MULT PROC',
  bilateral: 'BILAT SURG',
  assistant: 'ASST SURG',
  coSurgeons: 'CO- SURG',
} as const;
const CODE = /^[0-9A-Z]{4}[0-9A-Z]$/;
const GLOBAL = /^(000|010|090|MMM|XXX|YYY|ZZZ)$/;

/** Column names of CMS's split header: the row above the HCPCS row joined to it ("GLOB" + "DAYS"). */
function joinHeader(above: string[] | undefined, header: string[]): string[] {
  return header.map((h, i) => `${(above?.[i] ?? '').trim()} ${h.trim()}`.trim().toUpperCase());
}

/**
 * The national Physician Fee Schedule relative value file as CMS publishes it (PPRRVUyy_QQQ.csv): a few
 * title and copyright lines, a split header whose last row starts HCPCS,MOD,DESCRIPTION, then one row per
 * code and modifier. Columns are found by their joined header names, so added columns do not matter.
 */
export async function importPfsRvu(source: TextSource, options?: ImportOptions): Promise<ImportResult<PfsIndicators>> {
  const out = new ImportCollector<PfsIndicators>(options);
  let previous: string[] | undefined;
  let cols: Record<keyof typeof COLUMNS, number> | undefined;
  let naColumns: number[] = [];
  for await (const line of readLines(source)) {
    out.tick();
    if (line.trim() === '') continue;
    const f = splitCsvLine(line, ',');
    if (!f) {
      out.error('pfs.quote', 'a quoted field is not closed', out.lines);
      continue;
    }
    if (!cols) {
      if (f[0]?.trim().toUpperCase() === 'HCPCS') {
        const names = joinHeader(previous, f);
        const found = {} as Record<keyof typeof COLUMNS, number>;
        const missing: string[] = [];
        for (const [key, name] of Object.entries(COLUMNS) as Array<[keyof typeof COLUMNS, string]>) {
          const at = names.findIndex((n) => n === name || n.replace(/\s+/g, ' ') === name || n.endsWith(` ${name}`));
          const fallback = key === 'code' ? 0 : key === 'modifier' ? 1 : -1;
          found[key] = at >= 0 ? at : fallback;
          if (found[key] < 0) missing.push(name);
        }
        if (missing.length) {
          out.error('pfs.header', `the header has no ${missing.join(', ')} column (is this the RVU file?)`, out.lines);
          break;
        }
        cols = found;
        naColumns = names.flatMap((n, i) => (n.endsWith('NA INDICATOR') ? [i] : []));
      } else previous = f;
      continue;
    }
    const code = (f[cols.code] ?? '').trim().toUpperCase();
    if (!CODE.test(code)) {
      if (out.records.length)
        out.error('pfs.code', `expected a HCPCS/CPT code, found "${code.slice(0, 10)}"`, out.lines, 1, 'HCPCS');
      continue;
    }
    const globalDays = (f[cols.globalDays] ?? '').trim().toUpperCase();
    if (!GLOBAL.test(globalDays)) {
      out.error(
        'pfs.global',
        `GLOB DAYS must be 000, 010, 090, MMM, XXX, YYY or ZZZ, found "${globalDays}"`,
        out.lines,
        undefined,
        'GLOB DAYS',
      );
      continue;
    }
    const get = (i: number) => (f[i] ?? '').trim().toUpperCase();
    out.records.push({
      code,
      modifier: get(cols.modifier),
      status: get(cols.status),
      globalDays,
      nonFacilityNa: naColumns[0] !== undefined && get(naColumns[0]) === 'NA',
      facilityNa: naColumns[1] !== undefined && get(naColumns[1]) === 'NA',
      pctc: get(cols.pctc),
      multipleProcedure: get(cols.multipleProcedure),
      bilateral: get(cols.bilateral),
      assistant: get(cols.assistant),
      coSurgeons: get(cols.coSurgeons),
    });
  }
  if (!cols && out.errorCount === 0) out.error('pfs.header', 'no header row starting HCPCS,MOD found', out.lines);
  else if (cols && out.records.length === 0) out.error('pfs.empty', 'no code rows after the header', out.lines);
  return out.finish();
}
