import type { CodeCatalog, PtpTable } from '../catalog/code-catalog.ts';
import { ANATOMIC_MODIFIERS } from './modifiers.ts';
import { type CodingInput, type Finding, RULE_IDS } from './edit-types.ts';

/** NCCI PTP-associated modifiers that can bypass an indicator-1 edit (NCCI Policy Manual, Chapter I). */
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
  ...ANATOMIC_MODIFIERS,
]);

const DISTINCT = new Set(['59', 'XE', 'XS', 'XP', 'XU']);
/** Global-surgery and repeat modifiers that bypass on the column-2 line. */
const OTHER_BYPASS = new Set(['24', '27', '57', '58', '78', '79', '91']);

const isEm = (code: string) => /^99(2[0-9]|3[0-9]|4[0-9])\d$/.test(code) || /^G04(02|38|39)$/.test(code);

interface PtpLine {
  code: string;
  modifiers: string[];
  date: string;
  /** index in this claim, or -1 for a line of another claim */
  index: number;
  claimNumber?: string;
}

/**
 * Whether the modifiers on the two lines bypass an indicator-1 pair, as CMS states it: 59/X{EPSU} only on
 * the column-2 code and never for an E/M code (an E/M takes 25 or 57); 25 only on an E/M; anatomic
 * modifiers only when the two lines name different sites; 24/27/57/58/78/79/91 on the column-2 code.
 */
export function ptpBypass(col1: PtpLine, col2: PtpLine): { bypassed: boolean; misplaced?: string } {
  const mods = col2.modifiers.map((m) => m.toUpperCase());
  const em = isEm(col2.code);
  if (mods.some((m) => DISTINCT.has(m)) && !em) return { bypassed: true };
  if (em && (mods.includes('25') || mods.includes('57'))) return { bypassed: true };
  if (mods.some((m) => OTHER_BYPASS.has(m) && m !== '57')) return { bypassed: true };
  const sites1 = col1.modifiers.filter((m) => ANATOMIC_MODIFIERS.includes(m.toUpperCase()));
  const sites2 = mods.filter((m) => ANATOMIC_MODIFIERS.includes(m));
  if (sites1.length && sites2.length && !sites2.some((m) => sites1.includes(m))) return { bypassed: true };
  const onCol1 = col1.modifiers.find((m) => DISTINCT.has(m.toUpperCase()));
  if (onCol1 && !isEm(col2.code)) return { bypassed: false, misplaced: onCol1 };
  return { bypassed: false };
}

/**
 * Procedure-to-procedure pairs on the same date of service, across this claim and the patient's other
 * claims by the same provider (NCCI applies per beneficiary, provider and date, not per claim). Professional
 * claims use the practitioner table, institutional claims the hospital outpatient (OPPS) table.
 */
export function checkPtp(catalog: CodeCatalog, input: CodingInput): Finding[] {
  const edits: Finding[] = [];
  const table: PtpTable = input.claimKind === 'institutional' ? 'hospital' : 'practitioner';
  const mine: PtpLine[] = input.procedures.map((p, index) => ({
    code: p.code.trim().toUpperCase(),
    modifiers: p.modifiers ?? [],
    date: p.date ?? input.dateOfService,
    index,
  }));
  const others: PtpLine[] = (input.otherLines ?? []).map((o) => ({ ...o, code: o.code.toUpperCase(), index: -1 }));
  for (const b of mine) {
    for (const a of [...mine, ...others]) {
      if (a === b || a.date !== b.date) continue;
      for (const e of catalog.ptpEditsOn(a.code, b.code, a.date, table)) {
        if (e.modifierIndicator === '9') continue;
        const by = e.modifierIndicator === '1' ? ptpBypass(a, b) : { bypassed: false };
        if (by.bypassed) continue;
        const release = catalog.ptpRelease(a.date, table);
        const where = a.index < 0 ? ` billed on claim ${a.claimNumber} the same day` : ' on the same date';
        const source = `NCCI PTP ${table} ${release?.releaseId ?? ''}: column 1 ${e.column1}, column 2 ${e.column2}, modifier indicator ${e.modifierIndicator}, effective ${e.effectiveFrom}${e.rationale ? `, rationale "${e.rationale}"` : ''}`;
        const fix = isEm(b.code)
          ? `If the visit was significant and separately identifiable, add 25 to ${b.code} (57 if it was the decision for surgery); 59 and X modifiers do not apply to an E/M`
          : by.misplaced
            ? `Modifier ${by.misplaced} is on ${a.code}; NCCI reads it on the column-2 code: move it to ${b.code} if the record shows a separate, distinct service`
            : `If ${b.code} was a separate, distinct service and the record shows it, add 59 or XE, XS, XP or XU to ${b.code}; anatomic modifiers count only when the two lines name different sites`;
        const message =
          e.modifierIndicator === '0'
            ? `${b.code} is not paid with ${a.code}${where}, and no modifier can override this pair. Remove ${b.code} unless it was on a different date.`
            : `${b.code} is bundled into ${a.code}${where}. ${fix}; otherwise remove it.`;
        edits.push({
          code: b.code,
          severity: 'error',
          ruleId: by.misplaced ? RULE_IDS.ncciModifierPlacement : RULE_IDS.ncciPtp,
          message,
          source,
          location: { field: 'procedure', index: b.index },
        });
      }
    }
  }
  return edits;
}

const MAI_LABEL = { '1': 'per line', '2': 'per day (policy)', '3': 'per day (clinical)' } as const;

/** Medically unlikely units: per line (MAI 1) or per code and date (MAI 2/3). */
export function checkMue(catalog: CodeCatalog, input: CodingInput): Finding[] {
  const edits: Finding[] = [];
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
