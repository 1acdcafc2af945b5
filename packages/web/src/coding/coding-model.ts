/** The coder's working copy of an encounter's coding, and the pure moves on it (so they are unit-tested). */
import type { ServiceLine } from '../api/claim-types.ts';
import { parseDollars } from '../components/billing-format.ts';

export interface DraftLine {
  key: number;
  procedureCode: string;
  modifiers: string[];
  units: number;
  /** the charge in dollars as typed ('' = from the fee schedule); sent only with a reason or when typed */
  chargeText: string;
  chargeEdited: boolean;
  chargeOverrideReason: string | null;
  diagnosisPointers: number[];
  serviceDate: string | null;
}

export interface Coding {
  diagnoses: string[];
  lines: DraftLine[];
}

let nextKey = 1;
export const newKey = () => nextKey++;

export function fromEncounter(diagnoses: string[], lines: ServiceLine[]): Coding {
  return {
    diagnoses: diagnoses.map((d) => d.replace('.', '').toUpperCase()),
    lines: lines.map((l) => ({
      key: newKey(),
      procedureCode: l.procedureCode,
      modifiers: [...(l.modifiers ?? [])],
      units: l.units,
      chargeText: l.chargeCents === null || l.chargeCents === undefined ? '' : (l.chargeCents / 100).toFixed(2),
      chargeEdited: false,
      chargeOverrideReason: l.chargeOverrideReason ?? null,
      diagnosisPointers: [...(l.diagnosisPointers ?? [])],
      serviceDate: l.serviceDate ?? null,
    })),
  };
}

export function blankLine(pointers: number[] = [1]): DraftLine {
  return {
    key: newKey(),
    procedureCode: '',
    modifiers: [],
    units: 1,
    chargeText: '',
    chargeEdited: false,
    chargeOverrideReason: null,
    diagnosisPointers: pointers,
    serviceDate: null,
  };
}

/** Adds a diagnosis at the end (no duplicates; at most 12). */
export function addDiagnosis(c: Coding, code: string): Coding {
  const d = code.replace(/\./g, '').toUpperCase();
  if (!d || c.diagnoses.includes(d) || c.diagnoses.length >= 12) return c;
  return { ...c, diagnoses: [...c.diagnoses, d] };
}

/** Moves diagnosis `from` to `to` (0-based) and keeps every line pointing at the same codes. */
export function moveDiagnosis(c: Coding, from: number, to: number): Coding {
  if (to < 0 || to >= c.diagnoses.length || from === to) return c;
  const order = c.diagnoses.map((_, i) => i);
  const [moved] = order.splice(from, 1);
  order.splice(to, 0, moved);
  return remap(c, order);
}

/** Removes a diagnosis; pointers to it go, later pointers shift down. */
export function removeDiagnosis(c: Coding, index: number): Coding {
  const order = c.diagnoses.map((_, i) => i).filter((i) => i !== index);
  return remap(c, order);
}

/** order[newIndex] = oldIndex */
function remap(c: Coding, order: number[]): Coding {
  const newPos = new Map(order.map((old, i) => [old + 1, i + 1]));
  return {
    diagnoses: order.map((i) => c.diagnoses[i]),
    lines: c.lines.map((l) => ({
      ...l,
      diagnosisPointers: l.diagnosisPointers.map((p) => newPos.get(p)).filter((p): p is number => p !== undefined),
    })),
  };
}

/** Toggles a pointer on a line (at most four, kept in the order chosen). */
export function togglePointer(line: DraftLine, pointer: number): DraftLine {
  const has = line.diagnosisPointers.includes(pointer);
  if (!has && line.diagnosisPointers.length >= 4) return line;
  return {
    ...line,
    diagnosisPointers: has ? line.diagnosisPointers.filter((p) => p !== pointer) : [...line.diagnosisPointers, pointer],
  };
}

/** What PUT /api/encounters/:id/coding takes; lines without a procedure code are left out. */
export function codingBody(c: Coding) {
  return {
    diagnoses: c.diagnoses,
    lines: c.lines
      .filter((l) => l.procedureCode.trim())
      .map((l) => {
        const out: Record<string, unknown> = {
          procedureCode: l.procedureCode.trim().toUpperCase(),
          modifiers: l.modifiers.filter(Boolean).map((m) => m.toUpperCase()),
          units: l.units,
          diagnosisPointers: l.diagnosisPointers,
        };
        const cents = parseDollars(l.chargeText);
        if (cents !== null && (l.chargeEdited || l.chargeOverrideReason)) {
          out.chargeCents = cents;
          if (l.chargeOverrideReason?.trim()) out.chargeOverrideReason = l.chargeOverrideReason.trim();
        }
        if (l.serviceDate) out.serviceDate = l.serviceDate;
        return out;
      }),
  };
}

/** Problems the coder can fix before saving, by line key. */
export function localProblems(c: Coding): Map<number, string> {
  const out = new Map<number, string>();
  for (const l of c.lines) {
    if (!l.procedureCode.trim()) continue;
    if (!l.diagnosisPointers.length) out.set(l.key, 'Point this line at one to four diagnoses.');
    else if (!Number.isInteger(l.units) || l.units < 1) out.set(l.key, 'Units must be a whole number of at least 1.');
    else if (l.chargeEdited && l.chargeText.trim() && parseDollars(l.chargeText) === null)
      out.set(l.key, 'The charge is an amount in dollars, e.g. 125.00.');
    else if (l.chargeEdited && l.chargeText.trim() && !l.chargeOverrideReason?.trim())
      out.set(l.key, 'Give a reason for a charge entered by hand (it replaces the fee schedule).');
  }
  return out;
}
