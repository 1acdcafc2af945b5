/**
 * Procedure edits from the Physician Fee Schedule indicators (add-on codes, global surgery periods, facility
 * and non-facility pricing, modifiers the code accepts) and from the code lists (modifier validity, the side
 * of a diagnosis against RT/LT). Each finds nothing when the data it reads is not loaded.
 */
import type { CodeCatalog } from '../catalog/code-catalog.ts';
import { withDot } from '../catalog/tabular-rules.ts';
import type { PfsIndicators } from '../import/pfs.ts';
import { type CodingInput, type Finding, RULE_IDS } from './edit-types.ts';
import { CPT_MODIFIERS, sideOf } from './modifiers.ts';

/** Places of service paid at the facility rate in the Physician Fee Schedule. */
const FACILITY_POS = new Set([
  '02',
  '19',
  '21',
  '22',
  '23',
  '24',
  '26',
  '31',
  '34',
  '41',
  '42',
  '51',
  '52',
  '53',
  '56',
  '61',
]);
const isEm = (code: string) => /^99(2[0-9]|3[0-9]|4[0-9])\d$/.test(code);
const DAY = 86_400_000;
const dayDiff = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

interface Line {
  code: string;
  modifiers: string[];
  date: string;
  index: number;
  claimNumber?: string;
}

function linesOf(input: CodingInput): { mine: Line[]; all: Line[] } {
  const mine = input.procedures.map((p, index) => ({
    code: p.code.trim().toUpperCase(),
    modifiers: (p.modifiers ?? []).map((m) => m.toUpperCase()),
    date: p.date ?? input.dateOfService,
    index,
  }));
  const others = (input.otherLines ?? []).map((o) => ({ ...o, code: o.code.toUpperCase(), index: -1 }));
  return { mine, all: [...mine, ...others] };
}

const pfsSource = (r: { release: { releaseId: string } }, code: string, what: string) =>
  `Physician Fee Schedule ${r.release.releaseId}: ${code} ${what}`;

function edit(
  code: string,
  ruleId: Finding['ruleId'],
  index: number,
  message: string,
  source: string,
  severity: Finding['severity'] = 'error',
): Finding {
  return { code, ruleId, severity, message, source, location: { field: 'procedure', index } };
}

/** Add-on codes (global days ZZZ) are billed only with a primary procedure on the same date. */
export function checkAddOnCodes(catalog: CodeCatalog, input: CodingInput): Finding[] {
  const { mine, all } = linesOf(input);
  const out: Finding[] = [];
  for (const l of mine) {
    const pfs = catalog.pfsOn(l.code, l.date);
    if (pfs?.row.globalDays !== 'ZZZ') continue;
    const primary = all.some(
      (o) => o !== l && o.date === l.date && catalog.pfsOn(o.code, o.date)?.row.globalDays !== 'ZZZ',
    );
    if (!primary)
      out.push(
        edit(
          l.code,
          RULE_IDS.addOnWithoutPrimary,
          l.index,
          `${l.code} is an add-on code: it is paid only with its primary procedure on the same date, which is not on this or another claim of the day. Add the primary procedure or remove ${l.code}.`,
          pfsSource(pfs, l.code, 'global days ZZZ (add-on)'),
        ),
      );
  }
  return out;
}

interface Surgery {
  line: Line;
  days: number;
  major: boolean;
}

/**
 * Global surgery: a visit or procedure inside another procedure's global period needs the modifier that
 * says why it is separate — 25 for a visit on the day of a minor procedure, 57 for the decision for major
 * surgery (the day before or of), 24 for an unrelated visit in the postoperative days, 79 (or 58, 78) for
 * another procedure in them.
 */
export function checkGlobalSurgery(catalog: CodeCatalog, input: CodingInput): Finding[] {
  const { mine, all } = linesOf(input);
  const surgeries: Surgery[] = [];
  for (const l of all) {
    const g = catalog.pfsOn(l.code, l.date)?.row.globalDays;
    if (g === '000' || g === '010' || g === '090') surgeries.push({ line: l, days: Number(g), major: g === '090' });
  }
  const out: Finding[] = [];
  for (const l of mine) {
    for (const s of surgeries) {
      if (s.line === l || (s.line.code === l.code && s.line.date === l.date)) continue;
      const after = dayDiff(s.line.date, l.date);
      if (after < (s.major ? -1 : 0) || after > s.days) continue;
      const what = `${s.line.code} on ${s.line.date}${s.line.index < 0 ? ` (claim ${s.line.claimNumber})` : ''}`;
      const src = pfsSource(
        catalog.pfsOn(s.line.code, s.line.date)!,
        s.line.code,
        `global days ${String(s.days).padStart(3, '0')}`,
      );
      const has = (...m: string[]) => l.modifiers.some((x) => m.includes(x));
      if (isEm(l.code)) {
        if (after <= 0 && s.major) {
          if (!has('57', '25', '24'))
            out.push(
              edit(
                l.code,
                RULE_IDS.globalPeriod,
                l.index,
                `${l.code} falls on the day of or before major surgery ${what}: add 57 if this visit was the decision for surgery, else it is part of the surgery's payment.`,
                src,
              ),
            );
        } else if (after === 0) {
          if (!has('25'))
            out.push(
              edit(
                l.code,
                RULE_IDS.globalPeriod,
                l.index,
                `${l.code} is on the day of minor procedure ${what}: add 25 if the visit was significant and separately identifiable, else it is included in the procedure.`,
                src,
              ),
            );
        } else if (!has('24', '25'))
          out.push(
            edit(
              l.code,
              RULE_IDS.globalPeriod,
              l.index,
              `${l.code} is ${after} day(s) after ${what}, inside its ${s.days}-day global period: add 24 if the visit was unrelated to the surgery, else postoperative care is already paid.`,
              src,
            ),
          );
      } else if (after > 0 && s.days > 0 && !has('79', '78', '58')) {
        out.push(
          edit(
            l.code,
            RULE_IDS.globalPeriod,
            l.index,
            `${l.code} is ${after} day(s) after ${what}, inside its ${s.days}-day global period: add 79 if it is unrelated, 78 for a return to the operating room, 58 if it was staged or planned.`,
            src,
          ),
        );
      }
    }
  }
  return out;
}

/** Codes the fee schedule does not price in the setting billed (NA in the facility or non-facility column). */
export function checkFacilityPricing(catalog: CodeCatalog, input: CodingInput): Finding[] {
  const pos = input.placeOfService;
  if (!pos || input.claimKind === 'institutional') return [];
  const facility = FACILITY_POS.has(pos);
  const out: Finding[] = [];
  for (const l of linesOf(input).mine) {
    const pfs = catalog.pfsOn(l.code, l.date);
    if (!pfs) continue;
    if (!facility && pfs.row.nonFacilityNa)
      out.push(
        edit(
          l.code,
          RULE_IDS.posFacility,
          l.index,
          `${l.code} is not paid in a non-facility setting (place of service ${pos}): it is done in a hospital or other facility. Check the place of service.`,
          pfsSource(pfs, l.code, 'non-facility NA'),
        ),
      );
    if (facility && pfs.row.facilityNa)
      out.push(
        edit(
          l.code,
          RULE_IDS.posFacility,
          l.index,
          `${l.code} is not paid in a facility setting (place of service ${pos}). Check the place of service or the code.`,
          pfsSource(pfs, l.code, 'facility NA'),
        ),
      );
  }
  return out;
}

function notForCode(row: PfsIndicators, m: string): string | null {
  if ((m === '26' || m === 'TC') && row.pctc === '0')
    return 'it has no professional/technical split (PC/TC indicator 0)';
  if (m === 'TC' && row.pctc === '2') return 'it is a professional-component-only code (PC/TC indicator 2)';
  if (m === '26' && row.pctc === '3') return 'it is a technical-component-only code (PC/TC indicator 3)';
  if (m === '50' && row.bilateral !== '1')
    return `bilateral payment does not apply to it (bilateral indicator ${row.bilateral || 'blank'})`;
  if ((m === '80' || m === '82' || m === 'AS') && row.assistant === '1')
    return 'an assistant at surgery is never paid for it (indicator 1)';
  if (m === '62' && row.coSurgeons === '0') return 'co-surgeons are not permitted for it (indicator 0)';
  return null;
}

/** Modifiers that do not exist, and modifiers the fee schedule says the code does not take. */
export function checkModifiers(catalog: CodeCatalog, input: CodingInput): Finding[] {
  const out: Finding[] = [];
  for (const l of linesOf(input).mine) {
    for (const m of l.modifiers) {
      const known = CPT_MODIFIERS.has(m) || catalog.validity('hcpcs', m, l.date).status !== 'unknown-code';
      if (!known) {
        out.push(
          edit(
            l.code,
            RULE_IDS.modifierInvalid,
            l.index,
            `${m} is not a CPT or HCPCS modifier.`,
            'CPT modifiers and the HCPCS Level II modifier list',
          ),
        );
        continue;
      }
      const pfs = catalog.pfsOn(l.code, l.date);
      const why = pfs ? notForCode(pfs.row, m) : null;
      if (pfs && why)
        out.push(
          edit(
            l.code,
            RULE_IDS.modifierNotForCode,
            l.index,
            `Modifier ${m} does not go with ${l.code}: ${why}.`,
            pfsSource(pfs, l.code, 'indicators'),
          ),
        );
    }
  }
  return out;
}

/** A line marked RT or LT (or a right/left finger, toe, eyelid) pointing only at diagnoses of the other side. */
export function checkDiagnosisSide(catalog: CodeCatalog, input: CodingInput): Finding[] {
  const codes = catalog.codesOn('icd10cm', input.dateOfService);
  if (!codes) return [];
  const out: Finding[] = [];
  input.procedures.forEach((p, index) => {
    const sides = new Set((p.modifiers ?? []).map(sideOf).filter((s) => s !== null));
    if (sides.size !== 1) return;
    const side = [...sides][0]!;
    const pointed = (p.pointers ?? []).map((n) => input.diagnoses[n - 1]).filter((d): d is string => Boolean(d));
    const titled = pointed.map((d) => ({
      d,
      title: (codes.get(d.replace('.', '').toUpperCase())?.longTitle ?? '').toLowerCase(),
    }));
    const sided = titled.filter((t) => /\b(right|left)\b/.test(t.title) && !/\bbilateral\b/.test(t.title));
    if (!sided.length || sided.some((t) => new RegExp(`\\b${side}\\b`).test(t.title))) return;
    const other = side === 'right' ? 'left' : 'right';
    out.push(
      edit(
        p.code.toUpperCase(),
        RULE_IDS.dxSideModifier,
        index,
        `Line ${index + 1} is marked ${side} side but its diagnosis ${sided.map((t) => withDot(t.d)).join(', ')} is of the ${other} side: correct the modifier or the diagnosis.`,
        `ICD-10-CM titles and the ${side}-side modifier`,
      ),
    );
  });
  return out;
}
