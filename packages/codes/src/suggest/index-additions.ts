/**
 * medbill's supplements to the Alphabetic Index, each shown in a suggestion's path like any Index entry. They fill
 * gaps between how notes are written and how the Index is printed; every code comes from the Index or Tabular.
 */
import type { IndexTerm } from '../import/index-xml.ts';

/** Site words that make an adenopathy localized (Tabular R59.0 "Localized enlarged lymph nodes"). */
const LYMPH_SITES = [
  'cervical',
  'axillary',
  'inguinal',
  'retroperitoneal',
  'mediastinal',
  'hilar',
  'supraclavicular',
  'submandibular',
  'paraaortic',
  'para-aortic',
  'iliac',
  'mesenteric',
  'localized',
  'regional',
  'periaortic',
  'celiac',
  'pelvic',
  'occipital',
  'preauricular',
  'tracheobronchial',
];

/** Sites that make an edema localized (Tabular R60.0 "Localized edema"; the Index lists "legs" only). */
const EDEMA_SITES = [
  'ankle',
  'ankles',
  'foot',
  'feet',
  'hand',
  'hands',
  'arm',
  'arms',
  'face',
  'lower limb',
  'shin',
  'calf',
];

/** Extra subterms: [main-term heading, subterm, code]. */
const EXTRA_SUBTERMS: Array<[string, string, string]> = [
  ...LYMPH_SITES.map((s): [string, string, string] => ['Adenopathy', s, 'R59.0']),
  // "Mediastinal lymphadenopathy" is localized too: the Index prints only the generalized default (R59.1).
  ...LYMPH_SITES.map((s): [string, string, string] => ['Lymphadenopathy', s, 'R59.0']),
  ['Adenopathy', 'generalized', 'R59.1'],
  ...EDEMA_SITES.map((s): [string, string, string] => ['Edema, edematous', s, 'R60.0']),
];

/**
 * Subterms that take a sibling's code wherever the sibling is printed: [under this subterm, sibling, new subterm].
 * "Diabetic peripheral neuropathy" is the diabetic polyneuropathy (AHA Coding Clinic 2018 Q3).
 */
const SIBLING_ALIASES: Array<[string, string, string]> = [['with', 'polyneuropathy', 'peripheral neuropathy']];

/** References the flattened Index lost: "Metastasis, cancer, to specified site — see Neoplasm, secondary". */
const EXTRA_SEE: Record<string, string> = {
  'Metastasis, metastatic': 'Neoplasm, secondary, by site',
};

/** The code of a main term written alone where the Index prints none ("Illness (see also Disease) R69"). */
export const BARE_DEFAULTS: Record<string, string> = {
  'Disease, diseased': 'R69',
};

/** The Index terms with medbill's supplements, in document order (a subterm right after its main term). */
export function withAdditions(terms: readonly IndexTerm[]): IndexTerm[] {
  const out: IndexTerm[] = [];
  for (const t of terms) {
    const n = t.path.length;
    if (n >= 3 && t.code && t.path[0].startsWith('Diabetes')) {
      for (const [under, sibling, alias] of SIBLING_ALIASES) {
        if (t.path[n - 2] === under && t.path[n - 1] === sibling)
          out.push({ path: [...t.path.slice(0, -1), alias], code: t.code, source: t.source, line: t.line });
      }
    }
    const see = t.path.length === 1 && t.source === 'index' ? EXTRA_SEE[t.path[0]] : undefined;
    out.push(see && !t.see && !t.seeAlso && !t.code ? { ...t, seeAlso: see } : t);
    if (t.path.length !== 1 || t.source !== 'index') continue;
    for (const [main, sub, code] of EXTRA_SUBTERMS) {
      if (main === t.path[0]) out.push({ path: [main, sub], code, source: 'index', line: t.line });
    }
  }
  return out;
}
