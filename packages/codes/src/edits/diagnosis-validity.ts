import type { CodeCatalog } from '../catalog/code-catalog.ts';
import { normalizeCode } from '../catalog/code-catalog.ts';
import type { StoredRelease } from '../catalog/release-types.ts';
import { withDot } from '../catalog/tabular-rules.ts';
import { type Finding, RULE_IDS } from './edit-types.ts';

const loc = (index: number) => ({ field: 'diagnosis' as const, index });
const rel = (r: StoredRelease) => `ICD-10-CM ${r.releaseId}${r.source ? ` (${r.source})` : ''}`;

/**
 * Validity of one diagnosis on the date of service: in the release in force, billable, with a valid
 * 7th character and placeholder X. Returns the edits and whether the code is usable for other rules.
 */
export function checkDiagnosisValidity(
  catalog: CodeCatalog,
  raw: string,
  index: number,
  dos: string,
): { edits: Finding[]; ok: boolean } {
  const code = normalizeCode(raw);
  const shown = withDot(code);
  const v = catalog.validity('icd10cm', code, dos);
  const edit = (
    ruleId: Finding['ruleId'],
    message: string,
    source: string,
    severity: Finding['severity'] = 'error',
  ): Finding => ({ code: shown, severity, message, ruleId, source, location: loc(index) });
  if (v.status === 'valid') return { edits: [], ok: true };
  if (v.status === 'no-release') {
    return {
      edits: [
        edit(
          RULE_IDS.dxNoRelease,
          `No ICD-10-CM release covering ${dos} is loaded, so ${shown} cannot be checked. Import the code set for that fiscal year.`,
          'medbill code catalog',
        ),
      ],
      ok: false,
    };
  }
  const release = v.release;
  const seventh = seventhCharacterEdit(catalog, code, release);
  if (seventh) return { edits: [{ ...seventh, location: loc(index) }], ok: false };
  if (v.status === 'header') {
    const kids = childCount(catalog, code, dos);
    return {
      edits: [
        edit(
          RULE_IDS.dxHeader,
          `${shown} (${v.entry.longTitle}) is a category heading, not a billable code: choose one of its ${kids} more specific codes.`,
          `${rel(release)} order file: billable flag 0`,
        ),
      ],
      ok: false,
    };
  }
  const elsewhere = catalog
    .releases('icd10cm')
    .find((r) => r !== release && catalog.lookup('icd10cm', code, r.releaseId)?.billable);
  if (elsewhere) {
    const when =
      elsewhere.effectiveFrom < release.effectiveFrom
        ? `was deleted before ${release.releaseId} (last valid in ${elsewhere.releaseId})`
        : `is not effective until ${elsewhere.effectiveFrom} (${elsewhere.releaseId})`;
    return {
      edits: [
        edit(
          RULE_IDS.dxNotInForce,
          `${shown} ${when}; it cannot be billed for a date of service of ${dos}.`,
          `${rel(release)} compared with ${rel(elsewhere)}`,
        ),
      ],
      ok: false,
    };
  }
  const x = placeholderXEdit(catalog, code, release);
  if (x) return { edits: [{ ...x, location: loc(index) }], ok: false };
  return {
    edits: [
      edit(
        RULE_IDS.dxUnknown,
        `${shown} is not an ICD-10-CM code in ${release.releaseId} (in force on ${dos}). Check for a typo.`,
        rel(release),
      ),
    ],
    ok: false,
  };
}

/** Missing or invalid 7th character, or missing placeholder X (rules from the Tabular's sevenChrDef). */
function seventhCharacterEdit(
  catalog: CodeCatalog,
  code: string,
  release: StoredRelease,
): Omit<Finding, 'location'> | undefined {
  const tab = catalog.tabular;
  const codes = catalog.codesOn('icd10cm', release.effectiveFrom);
  if (!tab || !codes) return undefined;
  const inRelease = (c: string) => codes.get(c);
  const stemHolder = tab.seventhCharacter(code.length === 7 ? code.slice(0, 6) : code);
  if (!stemHolder || !inRelease(stemHolder.id)) return undefined;
  const defs = stemHolder.sevenChr ?? {};
  const source = `${tab.label} sevenChrDef at ${withDot(stemHolder.id)} (category present in ${release.releaseId})`;
  const list = Object.entries(defs)
    .slice(0, 4)
    .map(([c, d]) => `${c} = ${d}`)
    .join('; ');
  const base = { code: withDot(code), severity: 'error' as const, source };
  const last = code.slice(-1);
  if (code.length < 7 && defs[last] && code.length >= 4) {
    const padded = code.slice(0, -1).padEnd(6, 'X') + last;
    if (inRelease(padded)?.billable) {
      return {
        ...base,
        ruleId: RULE_IDS.dxPlaceholder,
        message: `${withDot(code)} needs placeholder X before the 7th character: code ${withDot(padded)}.`,
      };
    }
  }
  if (code.length === 7) {
    if (defs[last] || inRelease(code)) return undefined;
    return {
      ...base,
      ruleId: RULE_IDS.dxSeventh,
      message: `"${last}" is not a valid 7th character for ${withDot(code.slice(0, 6))}. Use one of: ${Object.keys(defs).join(', ')}.`,
    };
  }
  const stem = code.padEnd(6, 'X');
  const hasSeventh = Object.keys(defs).some((c) => inRelease(stem + c));
  if (!hasSeventh) return undefined;
  const xNote = code.length < 6 ? ` (with placeholder X: ${withDot(stem)}_)` : '';
  return {
    ...base,
    ruleId: RULE_IDS.dxSeventh,
    message: `${withDot(code)} requires a 7th character${xNote}, e.g. ${list}.`,
  };
}

/** "H21.11" for H21.1X1: a placeholder X left out before the 6th character (Tabular placeholder diags). */
function placeholderXEdit(
  catalog: CodeCatalog,
  code: string,
  release: StoredRelease,
): Omit<Finding, 'location'> | undefined {
  const tab = catalog.tabular;
  const codes = catalog.codesOn('icd10cm', release.effectiveFrom);
  if (!tab || !codes || code.length < 4 || code.length > 6) return undefined;
  for (let at = 4; at <= code.length; at++) {
    const candidate = `${code.slice(0, at)}X${code.slice(at)}`;
    const holder = tab.get(candidate.slice(0, at + 1));
    if (holder?.placeholder && codes.get(candidate)?.billable) {
      return {
        code: withDot(code),
        severity: 'error',
        ruleId: RULE_IDS.dxPlaceholder,
        source: `${tab.label} placeholder subcategory ${withDot(holder.id)}`,
        message: `${withDot(code)} is missing the placeholder X: code ${withDot(candidate)}.`,
      };
    }
  }
  return undefined;
}

function childCount(catalog: CodeCatalog, code: string, dos: string): number {
  const codes = catalog.codesOn('icd10cm', dos);
  let n = 0;
  if (codes) for (const [k, e] of codes) if (e.billable && k.length > code.length && k.startsWith(code)) n++;
  return n;
}
