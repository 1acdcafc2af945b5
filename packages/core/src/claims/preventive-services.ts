/**
 * ACA preventive services (Public Health Service Act §2713): in-network plans pay them with no deductible,
 * copay or coinsurance. Kept as a rule file a billing specialist edits (preventive-services.yaml), read by
 * the payer simulator when it prices a line and by the patient estimate. Codes may be listed one by one or
 * as ranges of equal-length codes ('99381-99387'); a rule may also require a diagnosis (screening Z codes).
 * Modifier 33 marks any service as preventive.
 */
import { parse as parseYaml } from 'yaml';

export interface PreventiveRule {
  id: string;
  label: string;
  codes: string[];
  /** the service counts as preventive only with a diagnosis starting with one of these */
  diagnosisPrefixes?: string[];
}

export class PreventiveRuleFileError extends Error {}

function inRange(code: string, pattern: string): boolean {
  const cut = pattern.indexOf('-');
  if (cut < 0) return code === pattern;
  const low = pattern.slice(0, cut);
  const high = pattern.slice(cut + 1);
  return code.length === low.length && code >= low && code <= high;
}

export function parsePreventiveRules(text: string, file = 'preventive-services.yaml'): PreventiveRule[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new PreventiveRuleFileError(`${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!Array.isArray(doc)) throw new PreventiveRuleFileError(`${file}: must be a list of rules`);
  return doc.map((raw: any, i) => {
    const where = `${file}: rule ${i + 1}`;
    if (!raw || typeof raw.id !== 'string' || !/^[a-z0-9-]+$/.test(raw.id))
      throw new PreventiveRuleFileError(`${where} id: must be lower-case words joined by dashes`);
    const codes = Array.isArray(raw.codes) ? raw.codes.map(String) : [];
    if (!codes.length || codes.some((c: string) => !/^[0-9A-Z]{5}(-[0-9A-Z]{5})?$/.test(c)))
      throw new PreventiveRuleFileError(`${where} codes: must list 5-character codes or ranges like 99381-99387`);
    const prefixes = raw.diagnosisPrefixes === undefined ? undefined : (raw.diagnosisPrefixes as unknown[]).map(String);
    return {
      id: raw.id,
      label: String(raw.label ?? raw.id),
      codes,
      ...(prefixes ? { diagnosisPrefixes: prefixes } : {}),
    };
  });
}

/** The preventive rule a service falls under, or null (it is then subject to the usual cost sharing). */
export function preventiveRuleFor(
  rules: readonly PreventiveRule[],
  service: { code: string; modifiers?: readonly string[]; diagnoses?: readonly string[] },
): PreventiveRule | null {
  if (service.modifiers?.includes('33'))
    return { id: 'modifier-33', label: 'Marked preventive (modifier 33)', codes: [service.code] };
  for (const r of rules) {
    if (!r.codes.some((p) => inRange(service.code, p))) continue;
    if (
      r.diagnosisPrefixes &&
      !(service.diagnoses ?? []).some((d) => r.diagnosisPrefixes!.some((p) => d.startsWith(p)))
    )
      continue;
    return r;
  }
  return null;
}
