/**
 * HCPCS Level II items and services read from the note, and CPT codes written by number. HCPCS terms come from the
 * official descriptions as loaded (the words before the first comma name the item: "Walker, folding, wheeled" is a
 * walker, folding and wheeled pick among walkers); a drug ("Injection, ceftriaxone sodium, per 250 mg") is proposed
 * only where the sentence says it was given (injected, IM, IV, administered). CPT is proposed only by code number,
 * and only where the user's licensed CPT set is loaded: medbill ships no CPT description.
 */
import type { ConceptWord } from './concept-words.ts';
import { NOT_AFFIRMED } from './walk-rules.ts';
import { normWord, termTokens } from './term-normalize.ts';

export interface ProcedureTerm {
  code: string;
  title: string;
  /** Words naming the item, normalized: all must be written near each other. */
  essential: string[];
  /** Qualifiers that pick among items with the same name (folding, wheeled, quad). */
  qualifiers: string[];
  drug: boolean;
  /** "per 250 mg": the dose one unit covers, in milligrams. */
  unitMg?: number;
}

export interface ProcedureHit {
  term: ProcedureTerm;
  /** Concept-word indices matched. */
  words: number[];
  /** Qualifier words found near, and where (concept-word indices). */
  qualifiers: string[];
  qualifierWords: number[];
  /** Words telling that the drug was given ("IM", "injected"), concept-word indices. */
  cue: number[];
}

/** HCPCS Level II sections read from words: supplies, DME, G-code services, drugs, temporary K, orthotics. */
const SECTIONS = /^[AEGJKL]\d{4}$/;
const SOFT = new Set(
  [
    'includes',
    'include',
    'each',
    'per',
    'any',
    'type',
    'all',
    'other',
    'otherwise',
    'specified',
    'unspecified',
    'nos',
    'mg',
    'ml',
    'mcg',
    'unit',
    'units',
    'dose',
    'supply',
    'item',
    'up',
  ].map(normWord),
);
/** Salts and forms a clinician leaves out ("ceftriaxone" for "ceftriaxone sodium"). */
const SALTS = new Set(
  [
    'sodium',
    'potassium',
    'hcl',
    'hydrochloride',
    'sulfate',
    'phosphate',
    'acetate',
    'tromethamine',
    'acetonide',
    'succinate',
    'citrate',
    'calcium',
    'bromide',
    'chloride',
    'mesylate',
    'tartrate',
    'maleate',
    'besylate',
    'disodium',
  ].map(normWord),
);
/** One word that names too much to be an item on its own. */
const VAGUE = new Set(
  [
    'visit',
    'service',
    'services',
    'administration',
    'injection',
    'supplies',
    'device',
    'system',
    'test',
    'assessment',
    'therapy',
    'drug',
    'kit',
    'mask',
    'tubing',
    'battery',
    'replacement',
    'miscellaneous',
    'accessory',
    'accessories',
    'procedure',
    'evaluation',
    'counseling',
    'screening',
    'management',
    'education',
  ].map(normWord),
);
const GIVEN = new Set(
  [
    'injection',
    'injected',
    'inject',
    'im',
    'iv',
    'intramuscular',
    'intramuscularly',
    'intravenous',
    'intravenously',
    'infusion',
    'infused',
    'administered',
    'given',
    'shot',
    'ivpb',
  ].map(normWord),
);
const MAX_ESSENTIAL = 4;
const SLACK = 3;

/** The HCPCS terms of one release, keyed by their rarest essential word. */
export class ProcedureSpotter {
  private readonly byKey = new Map<string, ProcedureTerm[]>();

  constructor(entries: Iterable<[string, { longTitle: string; shortTitle: string; billable: boolean }]>) {
    const terms: ProcedureTerm[] = [];
    for (const [code, e] of entries) {
      if (!SECTIONS.test(code) || !e.billable) continue;
      const t = hcpcsTerm(code, e.longTitle || e.shortTitle);
      if (t) terms.push(t);
    }
    const df = new Map<string, number>();
    for (const t of terms) for (const w of new Set(t.essential)) df.set(w, (df.get(w) ?? 0) + 1);
    for (const t of terms) {
      let key = t.essential[0];
      for (const w of t.essential) if ((df.get(w) ?? 0) < (df.get(key) ?? 0)) key = w;
      const list = this.byKey.get(key);
      if (list) list.push(t);
      else this.byKey.set(key, [t]);
    }
  }

  /**
   * Items named in the note, affirmed: per group of matched words, the term whose qualifiers the note states most
   * (then the lowest code, the plain item before its variants).
   */
  spot(words: ConceptWord[], bits: Uint8Array): ProcedureHit[] {
    const best = new Map<string, ProcedureHit & { score: number }>();
    for (let i = 0; i < words.length; i++) {
      if (words[i].stop || bits[i] & NOT_AFFIRMED) continue;
      const terms = this.byKey.get(words[i].norm);
      if (!terms) continue;
      for (const term of terms) {
        const got = near(words, i, term.essential);
        if (!got) continue;
        const cue = term.drug ? given(words, got) : [];
        if (term.drug && cue.length === 0) continue;
        const quals: string[] = [];
        const at: number[] = [];
        for (const q of term.qualifiers) {
          const p = nearWord(words, got, q);
          if (p < 0) continue;
          quals.push(q);
          at.push(p);
        }
        const score = quals.length;
        const k = got.join(',');
        const prev = best.get(k);
        if (!prev || score > prev.score || (score === prev.score && term.code < prev.term.code))
          best.set(k, { term, words: got, qualifierWords: at, qualifiers: quals, cue, score });
      }
    }
    // One hit per code, and none whose words lie inside a longer hit's.
    const hits = [...best.values()].sort((a, b) => b.words.length - a.words.length || a.words[0] - b.words[0]);
    const out: ProcedureHit[] = [];
    for (const h of hits) {
      const covered = (o: ProcedureHit) => h.words.every((w) => o.words.includes(w) || o.qualifierWords.includes(w));
      if (out.some((o) => o.term.code === h.term.code || covered(o))) continue;
      out.push({
        term: h.term,
        words: h.words,
        qualifierWords: h.qualifierWords,
        qualifiers: h.qualifiers,
        cue: h.cue,
      });
    }
    return out.sort((a, b) => a.words[0] - b.words[0]);
  }
}

/** The term for one HCPCS description, or none when its naming words are too many or too vague. */
export function hcpcsTerm(code: string, title: string): ProcedureTerm | undefined {
  const parts = title
    .replace(/\([^)]*\)/g, ' ')
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return undefined;
  // "Injection, ceftriaxone sodium, per 250 mg" or "Ceftriaxone sodium injection": the drug is the other words.
  const drug = code.startsWith('J') && /\binj(ection)?\b/i.test(parts[0]);
  const own = parts[0].replace(/\binj(ection)?\b/gi, ' ').trim();
  const head = drug ? own || (parts[1] ?? '') : parts[0];
  // "Blood glucose test or reagent strips for home blood glucose monitor": the item is "blood glucose test strips";
  // the alternative after "or" and what follows "for"/"with" only pick among items.
  const cut = /\s(?:for|with|without|includes?|when|that|which)\s/i.exec(head);
  const named = cut ? head.slice(0, cut.index) : head;
  const alternatives = [...named.matchAll(/\bor\s+(\S+)/gi)].map((m) => m[1]);
  const essential = [...new Set(termTokens(named.replace(/\bor\s+\S+/gi, ' ')))].filter(
    (w) => !SOFT.has(w) && !SALTS.has(w) && !/^\d/.test(w),
  );
  if (essential.length === 0 || essential.length > MAX_ESSENTIAL) return undefined;
  if (essential.length === 1 && (VAGUE.has(essential[0]) || essential[0].length < 4)) return undefined;
  // Orthotics and prosthetics are named by a body part ("Ankle, symes, molded socket"): never by one word.
  if (code.startsWith('L') && essential.length < 2) return undefined;
  const rest = [...alternatives, cut ? head.slice(cut.index) : '', ...parts.slice(drug && !own ? 2 : 1)];
  const qualifiers = [...new Set(termTokens(rest.join(' ')))].filter(
    (w) => !SOFT.has(w) && !essential.includes(w) && !/^\d/.test(w) && w.length > 2,
  );
  const dose = /\b(?:per|up to)?\s*(\d+(?:\.\d+)?)\s*(mg|mcg|g)\b/i.exec(title);
  const unitMg = dose ? Number(dose[1]) * (dose[2].toLowerCase() === 'g' ? 1000 : dose[2] === 'mcg' ? 0.001 : 1) : 0;
  return { code, title, essential, qualifiers, drug, ...(unitMg > 0 ? { unitMg } : {}) };
}

/** Nearest positions of every essential word around `at`, in its sentence, within the term's length plus slack. */
function near(words: ConceptWord[], at: number, essential: string[]): number[] | undefined {
  const span = essential.length + SLACK;
  const sentence = words[at].sentence;
  const got: number[] = [];
  for (const t of essential) {
    let pick = -1;
    for (let j = Math.max(0, at - span); j <= Math.min(words.length - 1, at + span); j++) {
      if (words[j].sentence !== sentence || words[j].norm !== t || got.includes(j)) continue;
      if (pick < 0 || Math.abs(j - at) < Math.abs(pick - at)) pick = j;
    }
    if (pick < 0) return undefined;
    got.push(pick);
  }
  if (Math.max(...got) - Math.min(...got) > span) return undefined;
  return got.sort((a, b) => a - b);
}

const QUALIFIER_WINDOW = 4;

/** Where a qualifier is written near the item's words, in its sentence (-1: not written). */
function nearWord(words: ConceptWord[], got: number[], norm: string): number {
  const sentence = words[got[0]].sentence;
  const lo = Math.max(0, got[0] - QUALIFIER_WINDOW);
  const hi = Math.min(words.length - 1, got[got.length - 1] + QUALIFIER_WINDOW);
  for (let j = lo; j <= hi; j++) if (words[j].sentence === sentence && words[j].norm === norm) return j;
  return -1;
}

/** Words in the drug's sentence saying it was given. */
function given(words: ConceptWord[], got: number[]): number[] {
  const sentence = words[got[0]].sentence;
  const out: number[] = [];
  for (let j = Math.max(0, got[0] - 8); j <= Math.min(words.length - 1, got[got.length - 1] + 8); j++)
    if (words[j].sentence === sentence && GIVEN.has(words[j].norm)) out.push(j);
  return out;
}

/** CPT (5 digits, or 4 digits and F or T) and HCPCS Level II (a letter and 4 digits) codes written in the note. */
export function writtenCodes(text: string): Array<{ code: string; start: number; end: number }> {
  const out: Array<{ code: string; start: number; end: number }> = [];
  for (const m of text.matchAll(/(?<![\w.])(\d{4}[0-9FT]|[A-V]\d{4})(?!\w|\.\w)/g))
    out.push({ code: m[1], start: m.index, end: m.index + m[1].length });
  return out;
}

/** Units of a drug code for the dose the note states near it ("ceftriaxone 1 g IM": 1,000 mg / 250 mg = 4). */
export function unitsFor(term: ProcedureTerm, sentenceText: string): number | undefined {
  if (!term.unitMg) return undefined;
  const m = /(\d+(?:\.\d+)?)\s*(mg|mcg|g|gm|gram|grams)\b/i.exec(sentenceText);
  if (!m) return undefined;
  const unit = m[2].toLowerCase();
  const mg = Number(m[1]) * (unit === 'mcg' ? 0.001 : unit.startsWith('g') ? 1000 : 1);
  return mg > 0 ? Math.max(1, Math.ceil(mg / term.unitMg - 1e-9)) : undefined;
}
