/** The judgement calls of the Index walk, as data: how far to look, which main terms need a subterm, what links. */
import { FAMILY, HISTORY, HYPOTHETICAL, NEGATED, UNCERTAIN } from './context-cues.ts';

/** Words on either side of the main term a subterm may come from. */
export const WINDOW = 8;
/** Main terms whose "with" subterms may be written anywhere in the note. */
export const LINKED_MAIN = /^(diabetes|hypertension)/i;
/** Organs hypertension links to across the note, with the word that must stand beside them (CKD, heart failure). */
export const LINKED_ORGANS: Record<string, string[]> = { kidney: ['chronic'], heart: ['failure'] };
/** Cost of a subterm reached through an unwritten level. */
export const SKIPPED_LEVEL = 0.6;
/** Levels a note leaves unwritten because the word below implies them ("knee pain": Pain > joint > knee). */
export const IMPLIED_LEVEL = /^(joint|site|region|organ|limb|extremity|part|area|specified site|without)\b/i;
/**
 * Main terms that are not findings on their own in a note ("examination", "history", "old", "findings"): coded
 * only when a subterm is written too.
 */
export const NEEDS_SUBTERM = new Set([
  'findings',
  'old',
  'good',
  'condition',
  'examination',
  'exam',
  'follow',
  'admission',
  'sensitivity',
  'instability',
  'status',
  'observation',
  'problem',
  'change',
  'test',
  'result',
  'evaluation',
  'encounter',
  'consultation',
  'care',
  'treatment',
  'therapy',
  'procedure',
  'history',
  'aftercare',
  'screening',
  'visit',
  'presence',
  'use',
  'stress',
  'state',
  'effect',
  'level',
  'finding',
  'positive',
  'negative',
  'normal',
  'abnormal',
  'low',
  'high',
  'elevated',
  'increased',
  'decreased',
  'reduced',
  'loss',
  'failure',
  'complication',
  'late',
  'long',
  'maintenance',
  'counseling',
  'rest',
  'pattern',
  'contact',
  'cell',
  'type',
  'form',
  'small',
  'large',
  'total',
  'partial',
  'simple',
  'multiple',
  'pressure',
  'rapid',
  'growth',
  'disorder',
  'syndrome',
  'symptom',
  'sign',
  'lesion',
  // Words a note uses in another sense than the Index's bare main term: "under general anesthesia" (not R20.0
  // numbness), "cranial nerves" (not R45.0), the month of May, rating "scales", bone "fragments", an organ "donor".
  'anesthesia',
  'nerves',
  'may',
  'scales',
  'situation',
  'fragments',
  'donor',
  'exposure',
  'defect',
]);
export const NOT_AFFIRMED = NEGATED | UNCERTAIN | HYPOTHETICAL | FAMILY | HISTORY;
export const NEOPLASM_COLUMNS: Array<[RegExp, string]> = [
  [/\b(metasta\w*|secondary)\b/, 'Malignant Secondary'],
  [/\bin situ\b/, 'Ca in situ'],
  [/\bbenign\b/, 'Benign'],
  [/\buncertain\b/, 'Uncertain Behavior'],
  [/\bunspecified\b/, 'Unspecified Behavior'],
  [/\bmalignant\b/, 'Malignant Primary'],
];
