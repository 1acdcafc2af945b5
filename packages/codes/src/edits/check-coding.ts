import type { CodeCatalog } from '../catalog/code-catalog.ts';
import { normalizeCode } from '../catalog/code-catalog.ts';
import { checkAgeSex } from './age-sex.ts';
import { checkExcludes1, checkManifestations, type ValidDx } from './diagnosis-pairs.ts';
import { checkDiagnosisValidity } from './diagnosis-validity.ts';
import { type CodingInput, type Edit, RULE_IDS } from './edit-types.ts';
import { checkLaterality } from './laterality.ts';
import { checkMue, checkPtp } from './ncci-edits.ts';

/**
 * Runs every coding edit on one encounter's codes against the catalog (releases chosen by date of
 * service). Pure: all data comes in through the arguments. Edits are collected, never thrown.
 */
export function checkCoding(input: CodingInput, catalog: CodeCatalog): Edit[] {
  const dos = input.dateOfService;
  const edits: Edit[] = [];
  const valid: ValidDx[] = [];
  input.diagnoses.forEach((raw, index) => {
    const r = checkDiagnosisValidity(catalog, raw, index, dos);
    edits.push(...r.edits);
    if (r.ok) valid.push({ code: normalizeCode(raw), index });
  });
  edits.push(...checkManifestations(catalog, valid, dos));
  edits.push(...checkExcludes1(catalog, valid, dos));
  edits.push(...checkAgeSex(catalog, valid, input));
  edits.push(...checkLaterality(catalog, valid, dos));
  edits.push(...checkProcedureCodes(catalog, input));
  edits.push(...checkPtp(catalog, input));
  edits.push(...checkMue(catalog, input));
  return edits;
}

/** HCPCS Level II (and CPT when a licensed CPT file is loaded) must be valid on the line's date. */
function checkProcedureCodes(catalog: CodeCatalog, input: CodingInput): Edit[] {
  const edits: Edit[] = [];
  input.procedures.forEach((p, index) => {
    const code = p.code.trim().toUpperCase();
    const date = p.date ?? input.dateOfService;
    const set = /^[A-Z]\d{4}$/.test(code) ? 'hcpcs' : /^\d{4}[0-9FTU]$/.test(code) ? 'cpt' : undefined;
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
