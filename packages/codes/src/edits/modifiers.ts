/**
 * Modifier facts the edits need: the anatomic (site) modifiers NCCI counts as PTP-associated, the CPT
 * (Level I) modifier numbers — numbers only, their descriptors are AMA's — and which modifiers name a side.
 */

/** RT/LT, eyelids E1–E4, fingers FA/F1–F9, toes TA/T1–T9, coronary arteries LC/LD/LM/RC/RI (NCCI Chapter I). */
export const ANATOMIC_MODIFIERS = [
  'RT',
  'LT',
  'E1',
  'E2',
  'E3',
  'E4',
  'FA',
  'F1',
  'F2',
  'F3',
  'F4',
  'F5',
  'F6',
  'F7',
  'F8',
  'F9',
  'TA',
  'T1',
  'T2',
  'T3',
  'T4',
  'T5',
  'T6',
  'T7',
  'T8',
  'T9',
  'LC',
  'LD',
  'LM',
  'RC',
  'RI',
];

/** CPT Level I modifiers in use (the numbers; HCPCS Level II modifiers come from the HCPCS file). */
export const CPT_MODIFIERS = new Set(
  '22 23 24 25 26 27 32 33 47 50 51 52 53 54 55 56 57 58 59 62 63 66 73 74 76 77 78 79 80 81 82 90 91 92 93 95 96 97 99'.split(
    ' ',
  ),
);

/** The side a modifier names: RT, and the right-side finger, toe and eyelid modifiers. */
export function sideOf(modifier: string): 'right' | 'left' | null {
  const m = modifier.toUpperCase();
  if (m === 'RT' || m === 'E3' || m === 'E4' || /^F[5-9]$/.test(m) || /^T[5-9]$/.test(m)) return 'right';
  if (m === 'LT' || m === 'E1' || m === 'E2' || m === 'FA' || /^F[1-4]$/.test(m) || m === 'TA' || /^T[1-4]$/.test(m))
    return 'left';
  return null;
}
