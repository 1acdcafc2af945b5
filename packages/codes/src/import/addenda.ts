import type { ImportOptions, ImportResult, TextSource } from '../types.ts';
import { ImportCollector, readLines } from './lines.ts';

export type AddendaAction = 'add' | 'delete' | 'revise-from' | 'revise-to';

export interface AddendaRecord {
  action: AddendaAction;
  code: string;
  /** Present in the order-addenda layout (ICD-10-CM); absent in the codes layout. */
  billable?: boolean;
  shortTitle?: string;
  longTitle: string;
}

const PREFIXES: Array<[string, AddendaAction]> = [
  ['Add:', 'add'],
  ['Delete:', 'delete'],
  ['Revise from:', 'revise-from'],
  ['Revise to:', 'revise-to'],
];

/**
 * ICD-10-CM/PCS addenda files. Columns 1-13 hold the action ("Add:", "Delete:", "Revise from:",
 * "Revise to:"). Then, in the CM order-addenda layout: 14 flag, 16-22 code, 24-83 short, 85- long;
 * in the PCS order-addenda layout: 14-20 code, 22-81 short, 83- long; in the codes-addenda layout:
 * 14-20 code, 22- long. The summary block at the end of the file is skipped.
 */
export async function importAddendaFile(
  source: TextSource,
  options?: ImportOptions & { layout?: AddendaLayout },
): Promise<ImportResult<AddendaRecord>> {
  const out = new ImportCollector<AddendaRecord>(options);
  let inSummary = false;
  for await (const line of readLines(source)) {
    out.tick();
    if (line.trim() === '' || inSummary) continue;
    const prefix = PREFIXES.find(([p]) => line.startsWith(p));
    if (!prefix) {
      if (out.records.length > 0 && /^(Headers|Codes|of which|\s*\d+\s+[a-z])/.test(line)) {
        inSummary = true;
        continue;
      }
      out.error(
        'addenda.action',
        `expected "Add:", "Delete:", "Revise from:" or "Revise to:" in columns 1-13, found "${line.slice(0, 13)}"`,
        out.lines,
        1,
        'action',
      );
      continue;
    }
    const rec = parseBody(line.slice(13), prefix[1], options?.layout ?? 'auto');
    if (!rec) {
      out.error(
        'addenda.layout',
        `after the action, expected [flag] code title, found "${line.slice(13, 40)}"`,
        out.lines,
        14,
      );
      continue;
    }
    out.records.push(rec);
  }
  return out.finish();
}

/** 'auto' reads the CM order layout when a flag is present, otherwise the codes layout. */
export type AddendaLayout = 'auto' | 'pcs-order' | 'codes';

function parseBody(body: string, action: AddendaAction, layout: AddendaLayout): AddendaRecord | undefined {
  const flagged = /^[01] [A-Z0-9]{3,7}$/.test(body.slice(0, 9).trimEnd());
  if (flagged && layout !== 'codes') {
    const code = body.slice(2, 9).trim();
    const rest = body.slice(10);
    return {
      action,
      code,
      billable: body[0] === '1',
      shortTitle: rest.slice(0, 60).trim(),
      longTitle: (rest.length > 61 ? rest.slice(61) : rest).trim(),
    };
  }
  const code = body.slice(0, 7).trim();
  if (!/^[A-Z0-9]{3,7}$/.test(code) || body[7] !== ' ') return undefined;
  const rest = body.slice(8);
  if (layout === 'pcs-order') {
    return { action, code, shortTitle: rest.slice(0, 60).trim(), longTitle: rest.slice(61).trim() };
  }
  return { action, code, longTitle: rest.trim() };
}
