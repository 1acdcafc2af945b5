import type { CodeEntry, ImportOptions, ImportResult, TextSource } from '../types.ts';
import { importCsvTable } from './csv-table.ts';

/**
 * CPT from a CSV the user licenses from the AMA: header "code,descriptor" (a "short" column is used
 * when present). medbill never ships CPT descriptors; this importer only reads the user's file.
 */
export function importCptCsv(source: TextSource, options?: ImportOptions): Promise<ImportResult<CodeEntry>> {
  return importCsvTable<CodeEntry>(
    source,
    {
      what: 'CPT file',
      required: ['CODE', 'DESCRIPTOR'],
      delimiter: 'auto',
      headerSearchLines: 5,
      row(get, line, out) {
        const code = get('code').toUpperCase();
        if (!/^[0-9]{4}[0-9FTUM]$/.test(code)) {
          out.error(
            'cpt.code',
            `expected a 5-character CPT code (4 digits + digit/F/T/U), found "${code}"`,
            line,
            undefined,
            'code',
          );
          return undefined;
        }
        const descriptor = get('descriptor');
        if (!descriptor) {
          out.error('cpt.descriptor', `descriptor is empty for ${code}`, line, undefined, 'descriptor');
          return undefined;
        }
        return { code, billable: true, shortTitle: get('short') || descriptor.slice(0, 60), longTitle: descriptor };
      },
    },
    options,
  );
}
