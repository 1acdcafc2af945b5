/**
 * One normal form for the words of notes and of the Index/Tabular: the search's stemming and folds (US/UK spelling,
 * plural, adjective -> noun the Index uses) plus the adjective and verb forms notes use for findings
 * ("febrile" -> fever, "edematous" -> edema). Applied to both sides, so it only ever adds matches.
 */
import { dict } from '../search/search-util.ts';
import { isStopWord, stem, words } from '../search/normalize.ts';
import { SITE_ADJECTIVES } from '../search/site-words.ts';

const NOTE_FOLD: Record<string, string> = dict({
  febrile: 'fever',
  dietary: 'diet',
  pale: 'pallor',
  paleness: 'pallor',
  hypotensive: 'hypotension',
  hypertransaminasemia: 'transaminasemia',
  hypertransaminasaemia: 'transaminasemia',
  macroscopic: 'gross',
  feverish: 'fever',
  pyrexia: 'fever',
  painful: 'pain',
  dyspneic: 'dyspnea',
  dyspnoea: 'dyspnea',
  edematous: 'edema',
  oedematous: 'edema',
  tumoral: 'tumor',
  metastatic: 'metastasis',
  nodular: 'nodule',
  cystic: 'cyst',
  ulcerated: 'ulcer',
  ulceration: 'ulcer',
  inflammatory: 'inflammation',
  inflamed: 'inflammation',
  hemorrhagic: 'hemorrhage',
  haemorrhagic: 'hemorrhage',
  necrotic: 'necrosis',
  fibrotic: 'fibrosis',
  stenotic: 'stenosis',
  thrombotic: 'thrombosis',
  thrombosed: 'thrombosis',
  ischemic: 'ischemia',
  nauseated: 'nausea',
  dizzy: 'dizziness',
  weak: 'weakness',
  itchy: 'itch',
  itching: 'itch',
  pruritic: 'pruritus',
  jaundiced: 'jaundice',
  cyanotic: 'cyanosis',
  hypoxic: 'hypoxia',
  hypoxaemia: 'hypoxemia',
  tachycardic: 'tachycardia',
  bradycardic: 'bradycardia',
  constipated: 'constipation',
  dehydrated: 'dehydration',
  obstructed: 'obstruction',
  obstructive: 'obstruction',
  thoracic: 'thorax',
  haematoma: 'hematoma',
  haemoptysis: 'hemoptysis',
  haematemesis: 'hematemesis',
  haemoglobin: 'hemoglobin',
  oesophagitis: 'esophagitis',
  orthopnoea: 'orthopnea',
  apnoea: 'apnea',
  dyspnoeic: 'dyspnea',
  coeliac: 'celiac',
  caesarean: 'cesarean',
  gynaecological: 'gynecological',
  sulphate: 'sulfate',
  tumors: 'tumor',
  lymphadenopathies: 'lymphadenopathy',
  adenopathies: 'adenopathy',
  hepatomegalia: 'hepatomegaly',
  splenomegalia: 'splenomegaly',
  asthenia: 'asthenia',
  emesis: 'vomit',
  vomited: 'vomit',
  vomits: 'vomit',
  seizures: 'seizure',
  convulsive: 'convulsion',
  epileptic: 'epilepsy',
  psychotic: 'psychosis',
  anxious: 'anxiety',
  depressed: 'depression',
  demented: 'dementia',
  cirrhotic: 'cirrhosis',
  osteoporotic: 'osteoporosis',
  atherosclerotic: 'atherosclerosis',
  arrhythmic: 'arrhythmia',
  hypertrophic: 'hypertrophy',
  dilated: 'dilatation',
  enlarged: 'enlargement',
  swollen: 'swelling',
  bleeding: 'hemorrhage',
  bleed: 'hemorrhage',
  haemorrhage: 'hemorrhage',
  headaches: 'headache',
  // Anatomical adjectives read as the noun the Index lists sites by (shared with code search).
  ...SITE_ADJECTIVES,
  adenomegaly: 'adenopathy',
  adenomegalies: 'adenopathy',
  adenomegalia: 'adenopathy',
  adenomegalias: 'adenopathy',
});

const cache = new Map<string, string>();

/**
 * British spellings the word lists do not hold, read as the US spelling: "hypokalaemia", "leucocytosis",
 * "paediatric", "faecal", "paraesthesia", "steatorrhoea". Applied to the Index's words too, so it only adds matches.
 */
const UK_SPELLING: Array<[RegExp, string]> = [
  [/aem/g, 'em'],
  [/^leuc/, 'leuk'],
  [/^oe(?=[ds])/, 'e'],
  [/oea(s?)$/, 'ea$1'],
  [/paed/g, 'ped'],
  [/aec/g, 'ec'],
  [/aesth/g, 'esth'],
  [/coel/g, 'cel'],
  [/^foet/, 'fet'],
  [/sulph/g, 'sulf'],
  [/^(tum|hum|col|od|behavi)our(s?)$/, '$1or$2'],
];

/** The US spelling of a British one (unchanged otherwise). */
export function usSpelling(word: string): string {
  let w = word;
  for (const [re, to] of UK_SPELLING) w = w.replace(re, to);
  return w;
}

/** The normal form of one lower-case word. */
export function normWord(word: string): string {
  let n = cache.get(word);
  if (n === undefined) {
    if (NOTE_FOLD[word] === undefined) {
      const us = usSpelling(word);
      if (us !== word) {
        n = normWord(us);
        if (cache.size < 100_000) cache.set(word, n);
        return n;
      }
    }
    const s = stem(word);
    n = NOTE_FOLD[word] ?? NOTE_FOLD[s] ?? s;
    if (cache.size < 100_000) cache.set(word, n);
  }
  return n;
}

/** Normalized content words of an Index or Tabular text (stop words dropped). */
export function termTokens(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) if (!isStopWord(w)) out.push(normWord(w));
  return out;
}
