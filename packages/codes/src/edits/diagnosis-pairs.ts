import type { CodeCatalog } from '../catalog/code-catalog.ts';
import { refMatches, withDot } from '../catalog/tabular-rules.ts';
import { type Finding, RULE_IDS } from './edit-types.ts';

/** A diagnosis that passed validity checks: normalized code and its claim position. */
export interface ValidDx {
  code: string;
  index: number;
}

/**
 * Excludes1 pairs on the same claim. Notes come from the loaded Tabular (FY2017 here) and are used only
 * when the code carrying the note is still present in the release in force on the date of service.
 */
export function checkExcludes1(catalog: CodeCatalog, dxs: ValidDx[], dos: string): Finding[] {
  const tab = catalog.tabular;
  const codes = catalog.codesOn('icd10cm', dos);
  if (!tab || !codes) return [];
  const edits: Finding[] = [];
  const seen = new Set<string>();
  for (const a of dxs) {
    for (const note of tab.notes(a.code, 'excludes1')) {
      if (note.holder.kind === 'diag' && !codes.has(note.holder.id)) continue;
      for (const b of dxs) {
        if (b === a || (b.code.startsWith(note.holder.id) && note.holder.kind === 'diag')) continue;
        if (!note.refs.some((r) => refMatches(r, b.code))) continue;
        const key = [a.index, b.index].sort().join('-');
        if (seen.has(key)) continue;
        seen.add(key);
        const at = note.holder.kind === 'diag' ? withDot(note.holder.id) : `${note.holder.kind} ${note.holder.id}`;
        edits.push({
          code: withDot(b.code),
          severity: 'warning',
          ruleId: RULE_IDS.dxExcludes1,
          message: `${withDot(a.code)} and ${withDot(b.code)} should not be reported together: the Excludes1 note at ${at} says "${note.text}". Keep only the one the record supports, unless the two conditions are unrelated.`,
          source: `${tab.label} Excludes1 at ${at}`,
          location: { field: 'diagnosis', index: b.index },
        });
      }
    }
  }
  return edits;
}

/** Manifestation codes ("in diseases classified elsewhere") never go first and follow their etiology. */
export function checkManifestations(catalog: CodeCatalog, dxs: ValidDx[], dos: string): Finding[] {
  const tab = catalog.tabular;
  const codes = catalog.codesOn('icd10cm', dos);
  if (!codes) return [];
  const edits: Finding[] = [];
  dxs.forEach((d, pos) => {
    const title = codes.get(d.code)?.longTitle ?? '';
    // "in diseases classified elsewhere" and "in other diseases classified elsewhere" (dementia F02.8x)
    const manifest =
      /in (other )?diseases classified elsewhere/i.test(title) || (tab?.isManifestation(d.code) ?? false);
    if (!manifest) return;
    const codeFirst = (tab?.notes(d.code, 'codeFirst') ?? []).filter(
      (n) => n.holder.kind !== 'diag' || codes.has(n.holder.id),
    );
    const at = codeFirst[0]?.holder.kind === 'diag' ? withDot(codeFirst[0].holder.id) : withDot(d.code);
    const source = codeFirst.length
      ? `${tab?.label} codeFirst at ${at}`
      : 'ICD-10-CM Official Guidelines I.A.13 (etiology/manifestation convention)';
    const examples = codeFirst
      .map((n) => n.text)
      .filter((t) => !t.endsWith(':'))
      .slice(0, 4)
      .join('; ');
    if (d.index === 0 || pos === 0) {
      edits.push({
        code: withDot(d.code),
        severity: 'error',
        ruleId: RULE_IDS.dxManifestationFirst,
        source,
        location: { field: 'diagnosis', index: d.index },
        message: `${withDot(d.code)} (${title}) describes a manifestation and cannot be listed first. List the underlying condition first${examples ? ` (code first: ${examples})` : ''}.`,
      });
      return;
    }
    const refs = codeFirst.flatMap((n) => n.refs);
    if (refs.length === 0) return;
    const before = dxs.slice(0, pos);
    if (before.some((b) => refs.some((r) => refMatches(r, b.code)))) return;
    edits.push({
      code: withDot(d.code),
      severity: 'warning',
      ruleId: RULE_IDS.dxManifestationEtiology,
      source,
      location: { field: 'diagnosis', index: d.index },
      message: `${withDot(d.code)} is a manifestation: code its underlying condition before it. None of the earlier diagnoses is among the Tabular's examples (${examples}); check that the cause is coded and listed first.`,
    });
  });
  return edits;
}
