import type { ImportOptions, ImportResult, TextSource } from '../types.ts';
import { importCsvTable } from './csv-table.ts';
import type { IndexTerm } from './index-xml.ts';

/**
 * The flattened Alphabetic Index CSV in shared/data (RowID,Letter,Level,Term,See,SeeAlso,NonEssModif,
 * Code; a row's parent is the nearest earlier row one level up). Not a CMS format; same output as
 * importIndexXml.
 */
export async function importIndexCsv(source: TextSource, options?: ImportOptions): Promise<ImportResult<IndexTerm>> {
  const stack: string[] = [];
  return importCsvTable<IndexTerm>(
    source,
    {
      what: 'flattened index CSV',
      required: ['Level', 'Term', 'See', 'SeeAlso', 'NonEssModif', 'Code'],
      row(get, line, out) {
        const level = Number(get('Level'));
        if (!Number.isInteger(level) || level < 0 || level > stack.length) {
          out.error(
            'index-csv.level',
            `Level must be 0..${stack.length} here, found "${get('Level')}"`,
            line,
            undefined,
            'Level',
          );
          return undefined;
        }
        stack.length = level;
        stack.push(get('Term'));
        const term: IndexTerm = { path: [...stack], source: 'index', line };
        const fields = { code: get('Code'), see: get('See'), seeAlso: get('SeeAlso'), nemod: get('NonEssModif') };
        for (const [k, v] of Object.entries(fields)) if (v) term[k as 'code'] = v;
        return term;
      },
    },
    options,
  );
}
