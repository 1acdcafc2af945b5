import type { CodeCatalog } from '../catalog/code-catalog.ts';
import { type CodingInput, type Edit, RULE_IDS } from './edit-types.ts';

/** NCCI PTP-associated modifiers that bypass an indicator-1 edit when on the column-2 line. */
export const PTP_BYPASS_MODIFIERS = new Set([
  '59',
  'XE',
  'XS',
  'XP',
  'XU',
  '25',
  '57',
  '58',
  '78',
  '79',
  '24',
  '27',
  '91',
  'LT',
  'RT',
  'LC',
  'LD',
  'LM',
  'RC',
  'RI',
  'E1',
  'E2',
  'E3',
  'E4',
  'FA',
  'F1',
  'F2',
  'F3',
  'F4',
  'F5',
  'F6',
  'F7',
  'F8',
  'F9',
  'TA',
  'T1',
  'T2',
  'T3',
  'T4',
  'T5',
  'T6',
  'T7',
  'T8',
  'T9',
]);

const MAI_LABEL = { '1': 'per line', '2': 'per day (policy)', '3': 'per day (clinical)' } as const;

/** Procedure-to-procedure pairs on the same date of service (NCCI practitioner PTP edits). */
export function checkPtp(catalog: CodeCatalog, input: CodingInput): Edit[] {
  const edits: Edit[] = [];
  const lines = input.procedures.map((p, index) => ({
    ...p,
    index,
    date: p.date ?? input.dateOfService,
    code: p.code.trim().toUpperCase(),
  }));
  for (const a of lines) {
    for (const b of lines) {
      if (a === b || a.date !== b.date) continue;
      for (const e of catalog.ptpEditsOn(a.code, b.code, a.date)) {
        if (e.modifierIndicator === '9') continue;
        const mods = (b.modifiers ?? []).map((m) => m.toUpperCase());
        const bypass = mods.find((m) => PTP_BYPASS_MODIFIERS.has(m));
        if (e.modifierIndicator === '1' && bypass) continue;
        const release = catalog.ptpRelease(a.date);
        const source = `NCCI PTP practitioner ${release?.releaseId ?? ''}: column 1 ${e.column1}, column 2 ${e.column2}, modifier indicator ${e.modifierIndicator}, effective ${e.effectiveFrom}${e.rationale ? `, rationale "${e.rationale}"` : ''}`;
        const message =
          e.modifierIndicator === '0'
            ? `${b.code} is not paid with ${a.code} on the same date, and no modifier can override this pair. Remove ${b.code} unless it was on a different date.`
            : `${b.code} is bundled into ${a.code} on the same date. If ${b.code} was a separate, distinct service and the record shows it, add a modifier such as 59, XE, XS, XP or XU (25 for a separate E/M) to ${b.code}; otherwise remove it.`;
        edits.push({
          code: b.code,
          severity: 'error',
          ruleId: RULE_IDS.ncciPtp,
          message,
          source,
          location: { field: 'procedure', index: b.index },
        });
      }
    }
  }
  return edits;
}

/** Medically unlikely units: per line (MAI 1) or per code and date (MAI 2/3). */
export function checkMue(catalog: CodeCatalog, input: CodingInput): Edit[] {
  const edits: Edit[] = [];
  const perDay = new Map<string, { units: number; last: number }>();
  input.procedures.forEach((p, index) => {
    const code = p.code.trim().toUpperCase();
    const date = p.date ?? input.dateOfService;
    const found = catalog.mueOn(code, date);
    if (!found) return;
    const units = p.units ?? 1;
    const { limit, release } = found;
    const source = `CMS practitioner MUE ${release.releaseId}: ${code} = ${limit.maxUnits}, MAI ${limit.adjudication} (${MAI_LABEL[limit.adjudication]})${limit.rationale ? `, rationale "${limit.rationale}"` : ''}`;
    if (limit.adjudication === '1') {
      if (units > limit.maxUnits) {
        edits.push({
          code,
          severity: 'error',
          ruleId: RULE_IDS.mueUnits,
          source,
          location: { field: 'procedure', index },
          message: `${units} units of ${code} on one line is more than the ${limit.maxUnits} Medicare allows per line. Check the units; bill extra units on separate lines with a modifier only if the record supports them.`,
        });
      }
      return;
    }
    const k = `${code}|${date}`;
    const acc = perDay.get(k) ?? { units: 0, last: index };
    acc.units += units;
    acc.last = index;
    perDay.set(k, acc);
    if (acc.units > limit.maxUnits && acc.units - units <= limit.maxUnits) {
      edits.push({
        code,
        severity: 'error',
        ruleId: RULE_IDS.mueUnits,
        source,
        location: { field: 'procedure', index },
        message: `${acc.units} units of ${code} on ${date} is more than the ${limit.maxUnits} per day Medicare allows for this code. Check the units across all lines for that date.`,
      });
    }
  });
  return edits;
}
