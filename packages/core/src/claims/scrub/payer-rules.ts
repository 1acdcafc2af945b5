/**
 * Payer-specific rules as data: a YAML file a billing specialist reads and edits, not code.
 * Each rule: which payers, when it applies (all conditions must hold), and what it requires.
 *
 *   - id: medicare-referring-for-lab
 *     payers: [DEMOMCR]                 # payer IDs, or ['*'] for every payer
 *     when: { procedure: '^8\d{4}$' }   # regex on a line's code; also placeOfService, diagnosis, ageAtLeast, ageBelow
 *     require: referring-provider       # or prior-authorization, group-number, modifier, no-modifier, max-units,
 *                                       #    modifier-one-of, place-of-service, max-per-period, ndc, clia-number
 *     message: Medicare needs the ordering provider on lab claims
 */
import { parse as parseYaml } from 'yaml';
import { ageOn } from '../../validation/dates.ts';
import type { ClaimToBill } from '../claim-context.ts';
import { edit, payerRuleId, type ScrubEdit } from './scrub-types.ts';

export const REQUIREMENTS = [
  'referring-provider',
  'prior-authorization',
  'group-number',
  'modifier',
  'no-modifier',
  'max-units',
  'modifier-one-of',
  'place-of-service',
  'max-per-period',
  'ndc',
  'clia-number',
] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

export interface PayerRule {
  id: string;
  payers: string[];
  severity: 'error' | 'warning';
  message: string;
  when: { procedure?: string; placeOfService?: string[]; diagnosis?: string; ageAtLeast?: number; ageBelow?: number };
  require: Requirement;
  /** for modifier / no-modifier */
  modifier?: string;
  /** for max-units; for max-per-period, how many times in `days` */
  units?: number;
  /** for modifier-one-of: any one of these modifiers */
  modifiers?: string[];
  /** for place-of-service: where the service may be billed */
  placesOfService?: string[];
  /** for max-per-period: the look-back window in days (365 = once a year) */
  days?: number;
}

export interface RuleFileProblem {
  rule: number; // 1-based position in the file
  field: string;
  message: string;
}

export class PayerRuleFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: RuleFileProblem[],
  ) {
    super(`${file}: ${problems.map((p) => `rule ${p.rule} ${p.field}: ${p.message}`).join('; ')}`);
  }
}

/** Reads and checks a rule file; every problem names the rule and field. */
export function parsePayerRules(text: string, file = 'payer-rules.yaml'): PayerRule[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new PayerRuleFileError(file, [{ rule: 0, field: 'file', message: (e as Error).message.split('\n')[0] }]);
  }
  if (doc === null || doc === undefined) return [];
  if (!Array.isArray(doc))
    throw new PayerRuleFileError(file, [{ rule: 0, field: 'file', message: 'must be a list of rules' }]);
  const problems: RuleFileProblem[] = [];
  const rules = doc.map((raw, i) => checkRule(raw, i + 1, problems));
  const ids = new Set<string>();
  rules.forEach((r, i) => {
    if (ids.has(r.id)) problems.push({ rule: i + 1, field: 'id', message: `"${r.id}" is used twice` });
    ids.add(r.id);
  });
  if (problems.length) throw new PayerRuleFileError(file, problems);
  return rules;
}

function checkRule(raw: any, n: number, problems: RuleFileProblem[]): PayerRule {
  const bad = (field: string, message: string) => problems.push({ rule: n, field, message });
  if (!raw || typeof raw !== 'object') {
    bad('rule', 'must be a mapping with id, payers, require and message');
    return {} as PayerRule;
  }
  if (typeof raw.id !== 'string' || !/^[a-z0-9-]+$/.test(raw.id))
    bad('id', 'must be lower-case words joined by dashes');
  if (!Array.isArray(raw.payers) || raw.payers.some((p: unknown) => typeof p !== 'string'))
    bad('payers', "must be a list of payer IDs, or ['*']");
  if (typeof raw.message !== 'string' || !raw.message.trim()) bad('message', 'must say what to fix');
  if (!REQUIREMENTS.includes(raw.require)) bad('require', `must be one of ${REQUIREMENTS.join(', ')}`);
  if ((raw.require === 'modifier' || raw.require === 'no-modifier') && !/^[0-9A-Z]{2}$/.test(raw.modifier ?? ''))
    bad('modifier', 'must be a 2-character modifier');
  if (
    (raw.require === 'max-units' || raw.require === 'max-per-period') &&
    !(Number.isInteger(raw.units) && raw.units > 0)
  )
    bad('units', 'must be a whole number above 0');
  if (raw.require === 'max-per-period' && !(Number.isInteger(raw.days) && raw.days > 0))
    bad('days', 'must be a whole number of days above 0');
  if (
    raw.require === 'modifier-one-of' &&
    !(
      Array.isArray(raw.modifiers) &&
      raw.modifiers.length &&
      raw.modifiers.every((m: unknown) => /^[0-9A-Z]{2}$/.test(String(m)))
    )
  )
    bad('modifiers', 'must be a list of 2-character modifiers');
  if (
    raw.require === 'place-of-service' &&
    !(
      Array.isArray(raw.placesOfService) &&
      raw.placesOfService.length &&
      raw.placesOfService.every((p: unknown) => /^\d{2}$/.test(String(p)))
    )
  )
    bad('placesOfService', "must be a list of 2-digit place of service codes (quote them: ['21', '22'])");
  const severity = raw.severity ?? 'error';
  if (severity !== 'error' && severity !== 'warning') bad('severity', 'must be error or warning');
  const when = raw.when ?? {};
  for (const key of ['procedure', 'diagnosis'] as const) {
    if (when[key] === undefined) continue;
    try {
      new RegExp(when[key]);
    } catch {
      bad(`when.${key}`, 'is not a valid pattern');
    }
  }
  for (const key of Object.keys(when))
    if (!['procedure', 'placeOfService', 'diagnosis', 'ageAtLeast', 'ageBelow'].includes(key))
      bad(`when.${key}`, 'is not a condition we know');
  return {
    id: raw.id,
    payers: raw.payers,
    severity,
    message: raw.message,
    when,
    require: raw.require,
    modifier: raw.modifier,
    units: raw.units,
    modifiers: raw.modifiers?.map(String),
    placesOfService: raw.placesOfService?.map(String),
    days: raw.days,
  };
}

export function checkPayerRules(ctx: ClaimToBill, rules: readonly PayerRule[]): ScrubEdit[] {
  const out: ScrubEdit[] = [];
  const age = ageOn(ctx.patient.birthDate, ctx.serviceDateFrom);
  for (const rule of rules) {
    if (!rule.payers.includes('*') && !rule.payers.includes(ctx.payer.payerCode)) continue;
    const w = rule.when;
    if (w.placeOfService && !w.placeOfService.includes(ctx.placeOfService)) continue;
    if (w.ageAtLeast !== undefined && age < w.ageAtLeast) continue;
    if (w.ageBelow !== undefined && age >= w.ageBelow) continue;
    if (w.diagnosis && !ctx.diagnoses.some((d) => new RegExp(w.diagnosis!).test(d))) continue;
    const lines = ctx.lines
      .map((l, i) => ({ l, i }))
      .filter(({ l }) => !w.procedure || new RegExp(w.procedure).test(l.procedureCode));
    if (w.procedure && lines.length === 0) continue;
    const source = `Payer rule ${rule.id}`;
    const claimLevel = (ok: boolean, field: string) => {
      if (!ok) out.push(edit(payerRuleId(rule.id), field, rule.message, source, rule.severity));
    };
    switch (rule.require) {
      case 'referring-provider':
        claimLevel(Boolean(ctx.referring), 'encounter.referringProviderId');
        break;
      case 'prior-authorization':
        claimLevel(Boolean(ctx.priorAuthorization), 'encounter.priorAuthorization');
        break;
      case 'group-number':
        claimLevel(Boolean(ctx.coverage.groupNumber), 'coverage.groupNumber');
        break;
      case 'modifier':
        for (const { l, i } of lines)
          if (!l.modifiers.includes(rule.modifier!))
            out.push(lineEdit(rule, i, `lines[${i}].modifiers`, l.procedureCode, source));
        break;
      case 'no-modifier':
        for (const { l, i } of lines)
          if (l.modifiers.includes(rule.modifier!))
            out.push(lineEdit(rule, i, `lines[${i}].modifiers`, l.procedureCode, source));
        break;
      case 'modifier-one-of':
        for (const { l, i } of lines)
          if (!l.modifiers.some((m) => rule.modifiers!.includes(m)))
            out.push(lineEdit(rule, i, `lines[${i}].modifiers`, l.procedureCode, source));
        break;
      case 'place-of-service':
        for (const { l, i } of lines)
          if (!rule.placesOfService!.includes(ctx.placeOfService))
            out.push(lineEdit(rule, i, 'encounter.placeOfService', l.procedureCode, source));
        break;
      case 'max-per-period':
        for (const { l, i } of lines)
          if (timesInPeriod(ctx, l.procedureCode, l.serviceDate, rule.days!) + 1 > rule.units!)
            out.push(lineEdit(rule, i, `lines[${i}].procedureCode`, l.procedureCode, source));
        break;
      case 'ndc':
        for (const { l, i } of lines)
          if (!l.drug?.ndc) out.push(lineEdit(rule, i, `lines[${i}].ndc`, l.procedureCode, source));
        break;
      case 'clia-number':
        claimLevel(Boolean(ctx.practice.cliaNumber), 'practice.cliaNumber');
        break;
      case 'max-units':
        for (const { l, i } of lines)
          if (l.units > rule.units!) out.push(lineEdit(rule, i, `lines[${i}].units`, l.procedureCode, source));
        break;
    }
  }
  return out;
}

function lineEdit(rule: PayerRule, i: number, field: string, code: string, source: string): ScrubEdit {
  return edit(payerRuleId(rule.id), field, `Line ${i + 1}: ${rule.message}`, source, rule.severity, code);
}

const DAY = 86_400_000;

/** How many times the patient already had `code` (on claims sent) in the `days` before `date`. */
function timesInPeriod(ctx: ClaimToBill, code: string, date: string, days: number): number {
  const from = Date.parse(date) - (days - 1) * DAY;
  return (ctx.priorLines ?? []).filter(
    (p) =>
      p.procedureCode === code &&
      p.claimNumber !== ctx.claimNumber &&
      Date.parse(p.serviceDate) >= from &&
      p.serviceDate <= date,
  ).length;
}
