/**
 * Codes checked against their lists: provider taxonomies against the NUCC list (a rendering provider is an
 * individual; the facility billing an 837I is not), ICD-10-PCS procedures against the release in force, and
 * external-cause codes (V00–Y99), which are never listed first.
 */
import type { CodeCatalog } from '../catalog/code-catalog.ts';
import { withDot } from '../catalog/tabular-rules.ts';
import { type CodingInput, type Finding, RULE_IDS } from './edit-types.ts';

export function checkTaxonomies(catalog: CodeCatalog, input: CodingInput): Finding[] {
  const out: Finding[] = [];
  (input.taxonomies ?? []).forEach((t, index) => {
    const v = catalog.validity('taxonomy', t.code, input.dateOfService);
    if (v.status === 'no-release') return;
    const source = `NUCC Health Care Provider Taxonomy ${v.release.releaseId}`;
    const location = { field: 'taxonomy' as const, index, path: t.path };
    if (v.status === 'unknown-code') {
      out.push({
        code: t.code,
        severity: 'error',
        ruleId: RULE_IDS.taxonomyUnknown,
        source,
        location,
        message: `${t.who}'s taxonomy ${t.code} is not in the NUCC list: check the provider's record (NPPES shows the taxonomy on file).`,
      });
      return;
    }
    const section = v.entry.attrs?.section;
    if (section && section !== t.section)
      out.push({
        code: t.code,
        severity: 'error',
        ruleId: RULE_IDS.taxonomyKind,
        source,
        location,
        message:
          t.section === 'Individual'
            ? `${t.who}'s taxonomy ${t.code} (${v.entry.shortTitle}) is an organization's, not a person's: use the clinician's own specialty taxonomy.`
            : `${t.who} bills under ${t.code} (${v.entry.shortTitle}), a clinician's taxonomy: an institutional claim carries the facility's taxonomy (e.g. 261QR1300X rural health clinic, 282N00000X general acute care hospital).`,
      });
  });
  return out;
}

export function checkPcsCodes(catalog: CodeCatalog, input: CodingInput): Finding[] {
  const out: Finding[] = [];
  (input.pcsProcedures ?? []).forEach((p, index) => {
    const v = catalog.validity('icd10pcs', p.code, p.date);
    if (v.status === 'no-release' || v.status === 'valid') return;
    out.push({
      code: p.code,
      severity: 'error',
      ruleId: RULE_IDS.pcsUnknown,
      source: `ICD-10-PCS ${v.release.releaseId}`,
      location: { field: 'pcs', index },
      message:
        v.status === 'header'
          ? `${p.code} is not a complete ICD-10-PCS code: all 7 characters are needed.`
          : `${p.code} is not an ICD-10-PCS code in ${v.release.releaseId} (in force on ${p.date}).`,
    });
  });
  return out;
}

/** External cause codes explain how an injury happened and never go first (ICD-10-CM guideline I.C.20). */
export function checkExternalCauseFirst(input: CodingInput): Finding[] {
  const first = input.diagnoses[0]?.replace('.', '').toUpperCase();
  if (!first || !/^[V-Y]\d/.test(first)) return [];
  return [
    {
      code: withDot(first),
      severity: 'error',
      ruleId: RULE_IDS.dxExternalCauseFirst,
      source: 'ICD-10-CM Official Guidelines I.C.20 (external causes are secondary codes)',
      location: { field: 'diagnosis', index: 0 },
      message: `${withDot(first)} is an external-cause code (how or where an injury happened) and cannot be listed first: list the injury or condition first.`,
    },
  ];
}
