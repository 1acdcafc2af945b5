import type { CodeEntry, ImportOptions, ImportResult, TextSource } from '../types.ts';
import { importCsvTable, toIsoDate } from './csv-table.ts';

/**
 * HCPCS Level II annual/quarterly file, CMS 48-column layout (HCPC, SEQNUM, RECID, LONG DESCRIPTION,
 * SHORT DESCRIPTION, PRICE1..4, ..., COV, ..., BETOS, TOS1..5, ANEST_BU, ADD DT, ACT EFF DT, TERM DT,
 * ACTION CD). RECID 3 = code, 4 = code description continuation, 7 = modifier, 8 = modifier
 * continuation. Modifiers are stored with attrs.kind = 'modifier'.
 */
export async function importHcpcsCsv(source: TextSource, options?: ImportOptions): Promise<ImportResult<CodeEntry>> {
  const byCode = new Map<string, CodeEntry>();
  const result = await importCsvTable<CodeEntry>(
    source,
    {
      what: 'HCPCS file',
      required: ['HCPC', 'SEQNUM', 'RECID', 'LONG DESCRIPTION', 'SHORT DESCRIPTION', 'ADD DT', 'TERM DT', 'ACTION CD'],
      delimiter: ',',
      row(get, line, out) {
        const code = get('HCPC').toUpperCase();
        const recId = get('RECID');
        if (!/^[3478]$/.test(recId)) {
          out.error('hcpcs.recid', `RECID must be 3, 4, 7 or 8, found "${recId}"`, line, undefined, 'RECID');
          return undefined;
        }
        const modifier = recId === '7' || recId === '8';
        if (modifier ? !/^[A-Z0-9]{2}$/.test(code) : !/^[A-Z][0-9]{4}$/.test(code)) {
          out.error(
            'hcpcs.code',
            `expected a ${modifier ? '2-character modifier' : 'HCPCS Level II code (letter + 4 digits)'} in HCPC, found "${code}"`,
            line,
            undefined,
            'HCPC',
          );
          return undefined;
        }
        const prev = byCode.get(code);
        if (recId === '4' || recId === '8') {
          if (prev) prev.longTitle = `${prev.longTitle} ${get('LONG DESCRIPTION')}`.trim();
          else
            out.error(
              'hcpcs.continuation',
              `continuation record for ${code} without its first record`,
              line,
              undefined,
              'RECID',
            );
          return undefined;
        }
        const dates: Record<string, string | undefined> = {};
        for (const f of ['ADD DT', 'ACT EFF DT', 'TERM DT']) {
          const raw = get(f);
          dates[f] = toIsoDate(raw);
          if (raw && !dates[f]) out.error('hcpcs.date', `${f} must be YYYYMMDD, found "${raw}"`, line, undefined, f);
        }
        const entry: CodeEntry = {
          code,
          billable: true,
          shortTitle: get('SHORT DESCRIPTION'),
          longTitle: get('LONG DESCRIPTION') || get('SHORT DESCRIPTION'),
          effectiveFrom: dates['ADD DT'],
          effectiveTo: dates['TERM DT'],
          attrs: compact({
            kind: modifier ? 'modifier' : 'code',
            action: get('ACTION CD'),
            actionEffective: dates['ACT EFF DT'] ?? '',
            coverage: get('COV'),
            betos: get('BETOS'),
            pricing: get('PRICE1'),
            tos: get('TOS1'),
          }),
        };
        byCode.set(code, entry);
        return entry;
      },
    },
    options,
  );
  return result;
}

function compact(o: Record<string, string>): Record<string, string> {
  const r: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) if (v) r[k] = v;
  return r;
}
