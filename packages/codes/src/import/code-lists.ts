import type { CodeEntry, ImportOptions, ImportResult, TextSource } from '../types.ts';
import { importCsvTable } from './csv-table.ts';

/** CARC or RARC list as x12.org publishes it: code,status,description (status current/deactivated). */
export function importAdjustmentCodes(
  source: TextSource,
  kind: 'carc' | 'rarc',
  options?: ImportOptions,
): Promise<ImportResult<CodeEntry>> {
  return importCsvTable<CodeEntry>(
    source,
    {
      what: `${kind.toUpperCase()} list`,
      required: ['code', 'status', 'description'],
      row(get, line, out) {
        const code = get('code').toUpperCase();
        const status = get('status').toLowerCase();
        const ok = kind === 'carc' ? /^[A-Z0-9]{1,3}$/.test(code) : /^[A-Z]{1,2}[0-9]{1,3}$/.test(code);
        if (!ok) {
          out.error(`${kind}.code`, `not a ${kind.toUpperCase()} code: "${code}"`, line, undefined, 'code');
          return undefined;
        }
        if (status !== 'current' && status !== 'deactivated') {
          out.error(
            `${kind}.status`,
            `status must be current or deactivated, found "${status}"`,
            line,
            undefined,
            'status',
          );
          return undefined;
        }
        const description = get('description');
        return {
          code,
          billable: status === 'current',
          shortTitle: firstSentence(description),
          longTitle: description,
          attrs: { status },
        };
      },
    },
    options,
  );
}

/** CMS Place of Service list: code,name,description. */
export function importPlaceOfService(source: TextSource, options?: ImportOptions): Promise<ImportResult<CodeEntry>> {
  return importCsvTable<CodeEntry>(
    source,
    {
      what: 'Place of service list',
      required: ['code', 'name', 'description'],
      row(get, line, out) {
        const code = get('code');
        if (!/^[0-9]{2}$/.test(code)) {
          out.error('pos.code', `place of service code must be 2 digits, found "${code}"`, line, undefined, 'code');
          return undefined;
        }
        return { code, billable: true, shortTitle: get('name'), longTitle: get('description') || get('name') };
      },
    },
    options,
  );
}

/** NUCC Health Care Provider Taxonomy CSV (Code, Grouping, Classification, Specialization, ...). */
export function importNuccTaxonomy(source: TextSource, options?: ImportOptions): Promise<ImportResult<CodeEntry>> {
  return importCsvTable<CodeEntry>(
    source,
    {
      what: 'NUCC taxonomy',
      required: ['Code', 'Grouping', 'Classification', 'Specialization', 'Display Name'],
      row(get, line, out) {
        const code = get('Code').toUpperCase();
        if (!/^[0-9A-Z]{9}X$/.test(code)) {
          out.error(
            'taxonomy.code',
            `taxonomy code must be 10 characters ending in X, found "${code}"`,
            line,
            undefined,
            'Code',
          );
          return undefined;
        }
        const path = [get('Grouping'), get('Classification'), get('Specialization')].filter(Boolean).join(' / ');
        return {
          code,
          billable: true,
          shortTitle: get('Display Name') || path,
          longTitle: path,
          attrs: {
            grouping: get('Grouping'),
            classification: get('Classification'),
            specialization: get('Specialization'),
            section: get('Section'),
          },
        };
      },
    },
    options,
  );
}

function firstSentence(text: string): string {
  const s = text.split(/(?<=\.)\s|Usage:/)[0].trim();
  return s.length > 100 ? `${s.slice(0, 97)}...` : s;
}
