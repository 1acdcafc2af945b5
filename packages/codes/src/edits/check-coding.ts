import type { CodeCatalog } from '../catalog/code-catalog.ts';
import { CODE_SET_LABELS } from '../catalog/coverage.ts';
import type { CodeSet } from '../types.ts';
import { normalizeCode } from '../catalog/code-catalog.ts';
import { checkAgeSex } from './age-sex.ts';
import { checkExcludes1, checkManifestations, type ValidDx } from './diagnosis-pairs.ts';
import { checkDiagnosisValidity } from './diagnosis-validity.ts';
import { type CodingInput, type Edit, type Finding, RULE_IDS, toEdit } from './edit-types.ts';
import { checkLaterality } from './laterality.ts';
import { checkMue, checkPtp } from './ncci-edits.ts';
import { checkExternalCauseFirst, checkPcsCodes, checkTaxonomies } from './code-list-edits.ts';
import {
  checkAddOnCodes,
  checkDiagnosisSide,
  checkFacilityPricing,
  checkGlobalSurgery,
  checkModifiers,
} from './procedure-rules.ts';

/**
 * Runs every coding edit on one encounter's codes against the catalog (releases chosen by date of
 * service). Pure: all data comes in through the arguments. Edits are collected, never thrown.
 */
export function checkCoding(input: CodingInput, catalog: CodeCatalog): Edit[] {
  const dos = input.dateOfService;
  const edits: Finding[] = coverageEdits(catalog, input);
  const valid: ValidDx[] = [];
  input.diagnoses.forEach((raw, index) => {
    const r = checkDiagnosisValidity(catalog, raw, index, dos);
    edits.push(...r.edits);
    if (r.ok) valid.push({ code: normalizeCode(raw), index });
  });
  edits.push(...checkExternalCauseFirst(input));
  edits.push(...checkManifestations(catalog, valid, dos));
  edits.push(...checkExcludes1(catalog, valid, dos));
  edits.push(...checkAgeSex(catalog, valid, input));
  edits.push(...checkLaterality(catalog, valid, dos));
  edits.push(...checkProcedureCodes(catalog, input));
  edits.push(...checkPtp(catalog, input));
  edits.push(...checkMue(catalog, input));
  edits.push(...checkModifiers(catalog, input));
  edits.push(...checkDiagnosisSide(catalog, input));
  edits.push(...checkAddOnCodes(catalog, input));
  edits.push(...checkGlobalSurgery(catalog, input));
  edits.push(...checkFacilityPricing(catalog, input));
  edits.push(...checkTaxonomies(catalog, input));
  edits.push(...checkPcsCodes(catalog, input));
  return edits.map(toEdit);
}

const procedureSet = (code: string) =>
  /^[A-Z]\d{4}$/.test(code) ? 'hcpcs' : /^\d{4}[0-9FTU]$/.test(code) ? 'cpt' : undefined;

/**
 * One warning per code set whose loaded releases do not cover the date of service ("No ICD-10-CM release loaded for
 * dates from 2026-10-01; import FY2027"), instead of every code on the claim failing: the codes are checked against
 * the nearest release loaded, and the warning says which.
 */
function coverageEdits(catalog: CodeCatalog, input: CodingInput): Finding[] {
  const wanted: Array<{ set: CodeSet; date: string; field: Finding['location']['field']; index: number }> = [];
  if (input.diagnoses.length) wanted.push({ set: 'icd10cm', date: input.dateOfService, field: 'diagnosis', index: 0 });
  input.procedures.forEach((p, index) => {
    const set = procedureSet(p.code.trim().toUpperCase());
    const date = p.date ?? input.dateOfService;
    if (set) wanted.push({ set, date, field: 'procedure', index });
    if (input.procedures.length > 1) wanted.push({ set: 'ncci_ptp', date, field: 'procedure', index });
    wanted.push({ set: 'mue', date, field: 'procedure', index });
  });
  const said = new Set<string>();
  const edits: Finding[] = [];
  for (const w of wanted) {
    const gap = catalog.coverageGap(w.set, w.date);
    if (!gap || said.has(gap.message)) continue;
    said.add(gap.message);
    edits.push({
      code: '',
      severity: 'warning',
      ruleId: RULE_IDS.codeSetNotLoaded,
      source: 'medbill code catalog',
      location: { field: w.field, index: w.index },
      message: `${gap.message}. Codes for ${w.date} were checked against ${CODE_SET_LABELS[w.set]} ${gap.nearest}, the nearest release loaded.`,
    });
  }
  return edits;
}

/** HCPCS Level II (and CPT when a licensed CPT file is loaded) must be valid on the line's date. */
function checkProcedureCodes(catalog: CodeCatalog, input: CodingInput): Finding[] {
  const edits: Finding[] = [];
  input.procedures.forEach((p, index) => {
    const code = p.code.trim().toUpperCase();
    const date = p.date ?? input.dateOfService;
    const set = procedureSet(code);
    if (!set) {
      edits.push({
        code,
        severity: 'error',
        ruleId: RULE_IDS.pxUnknown,
        source: 'HCPCS/CPT code format',
        location: { field: 'procedure', index },
        message: `${code} is not a HCPCS Level II (letter + 4 digits) or CPT (5 characters) code.`,
      });
      return;
    }
    const v = catalog.validity(set, code, date);
    if (v.status === 'no-release' || v.status === 'valid') return;
    const what = set === 'hcpcs' ? 'HCPCS Level II' : 'CPT';
    const message =
      v.status === 'not-in-force'
        ? `${code} is not in effect on ${date} (${v.entry.effectiveFrom ? `added ${v.entry.effectiveFrom}` : ''}${v.entry.effectiveTo ? `, terminated ${v.entry.effectiveTo}` : ''}). Use the code in force on the date of service.`
        : `${code} is not a ${what} code in release ${v.release.releaseId}. Check for a typo.`;
    edits.push({
      code,
      severity: 'error',
      ruleId: RULE_IDS.pxUnknown,
      source: `${what} ${v.release.releaseId}${v.release.source ? ` (${v.release.source})` : ''}`,
      location: { field: 'procedure', index },
      message,
    });
  });
  return edits;
}
