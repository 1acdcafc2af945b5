import { dict } from './search-util.ts';
import { SITE_ADJECTIVES } from './site-words.ts';

/** Words that carry no meaning for code search (dropped from titles, index paths and queries). */
const STOP = new Set([
  'of',
  'the',
  'a',
  'an',
  'and',
  'or',
  'to',
  'in',
  'on',
  'for',
  'by',
  'at',
  'with',
  'as',
  'from',
  'nos',
  'nec',
  'is',
  'due',
]);

const LABELLED = new Set([
  'hepatitis',
  'hep',
  'influenza',
  'flu',
  'vitamin',
  'vit',
  'type',
  'group',
  'factor',
  'class',
  'strep',
  'streptococcus',
  'streptococcal',
]);

/** UK spellings, adjective forms and plain words folded onto one token (both sides of the search). */
const FOLD: Record<string, string> = dict({
  renal: 'kidney',
  kidneys: 'kidney',
  nephric: 'kidney',
  cardiac: 'heart',
  hepatic: 'liver',
  gastric: 'stomach',
  pulmonary: 'lung',
  lungs: 'lung',
  cerebral: 'brain',
  cutaneous: 'skin',
  dermal: 'skin',
  ocular: 'eye',
  tumour: 'tumor',
  oedema: 'edema',
  anaemia: 'anemia',
  haemorrhage: 'hemorrhage',
  diarrhoea: 'diarrhea',
  oesophagus: 'esophagus',
  oesophageal: 'esophagus',
  esophageal: 'esophagus',
  paediatric: 'pediatric',
  haematuria: 'hematuria',
  faeces: 'feces',
  foetal: 'fetal',
  leukaemia: 'leukemia',
  ischaemic: 'ischemic',
  ischaemia: 'ischemia',
  behaviour: 'behavior',
  colour: 'color',
  orthopaedic: 'orthopedic',
  mellitus: 'diabetes',
  diabetic: 'diabetes',
  hypertensive: 'hypertension',
  asthmatic: 'asthma',
  pneumonic: 'pneumonia',
  arthritic: 'arthritis',
  obese: 'obesity',
  anemic: 'anemia',
  septic: 'sepsis',
  migrainous: 'migraine',
  depressive: 'depression',
  infected: 'infection',
  infective: 'infection',
  infectious: 'infection',
  infarct: 'infarction',
  fractured: 'fracture',
  vomiting: 'vomit',
  nauseous: 'nausea',
  coronary: 'coronary',
  feet: 'foot',
  teeth: 'tooth',
  children: 'child',
  women: 'woman',
  men: 'man',
  // adjective forms of body parts and findings, folded onto the noun the Index uses
  allergic: 'allergy',
  sacral: 'sacrum',
  urinary: 'urine',
  menstrual: 'menstruation',
  ovarian: 'ovary',
  uterine: 'uterus',
  vaginal: 'vagina',
  nasal: 'nose',
  pancreatic: 'pancreas',
  prostatic: 'prostate',
  testicular: 'testis',
  duodenal: 'duodenum',
  intestinal: 'intestine',
  rectal: 'rectum',
  anal: 'anus',
  colonic: 'colon',
  laryngeal: 'larynx',
  pharyngeal: 'pharynx',
  tracheal: 'trachea',
  bronchial: 'bronchus',
  pleural: 'pleura',
  vertebral: 'vertebra',
  vertebrae: 'vertebra',
  spinal: 'spine',
  femoral: 'femur',
  tibial: 'tibia',
  humeral: 'humerus',
  ulnar: 'ulna',
  clavicular: 'clavicle',
  patellar: 'patella',
  abdominal: 'abdomen',
  pelvic: 'pelvis',
  dental: 'tooth',
  oral: 'mouth',
  venous: 'vein',
  arterial: 'artery',
  muscular: 'muscle',
  otic: 'ear',
  aural: 'ear',
  mammary: 'breast',
  osseous: 'bone',
  scrotal: 'scrotum',
  penile: 'penis',
  vulvar: 'vulva',
  splenic: 'spleen',
  facial: 'face',
  ophthalmic: 'eye',
  bursae: 'bursa',
  ...SITE_ADJECTIVES,
  // -ing forms and their nouns
  coughing: 'cough',
  itching: 'itch',
  bleed: 'bleeding',
  sneeze: 'sneezing',
  sneezes: 'sneezing',
  dependent: 'dependence',
  sprained: 'sprain',
  strained: 'strain',
  dislocated: 'dislocation',
  lacerated: 'laceration',
  ruptured: 'rupture',
  perforated: 'perforation',
  developmental: 'development',
  heating: 'heat',
  torn: 'tear',
  swollen: 'swelling',
  burned: 'burn',
  burnt: 'burn',
  unsteady: 'unsteadiness',
  aortic: 'aorta',
  fungal: 'fungus',
  disk: 'disc',
  disks: 'disc',
  // abbreviations HCPCS short descriptors use ("Diab shoe for density insert", "Admin influenza virus vac")
  diab: 'diabetes',
  inj: 'injection',
  admin: 'administration',
  wheeze: 'wheezing',
  wheezes: 'wheezing',
  snore: 'snoring',
  metastases: 'metastasis',
});

/** Light stemming: plural -s/-es/-ies and possessive 's. Keeps short words and -ss/-us/-is words. */
const NO_STRIP = new Set([
  'diabetes',
  'herpes',
  'feces',
  'measles',
  'mumps',
  'caries',
  'scabies',
  'rabies',
  'rickets',
  'pes',
  'series',
  'species',
  'lupus',
  'tetanus',
  'aids',
  'menses',
  'ascites',
  'nates',
  'testes',
  'hives',
]);

export function stem(word: string): string {
  if (FOLD[word]) return FOLD[word];
  if (NO_STRIP.has(word)) return word;
  let w = word;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  // Greek plurals: stenoses, thromboses, diagnoses; paralyses, epiphyses
  else if (w.length > 6 && /[^d]oses$|yses$/.test(w)) w = `${w.slice(0, -2)}is`;
  else if (w.length > 4 && /(ches|shes|sses|xes)$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is|ous|ics|sis)$/.test(w)) w = w.slice(0, -1);
  return FOLD[w] ?? w;
}

/** Lower-cased words of a text (letters and digits), before stop-word removal and stemming. */
export function words(text: string): string[] {
  const out: string[] = [];
  const t = text.toLowerCase();
  let start = -1;
  for (let i = 0; i <= t.length; i++) {
    const c = i < t.length ? t.charCodeAt(i) : 32;
    const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (alnum) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      out.push(t.slice(start, i));
      start = -1;
    }
    // possessive 's (Alzheimer's): skip the s
    if ((c === 39 || c === 0x2019) && t.charCodeAt(i + 1) === 115 && !isWordChar(t.charCodeAt(i + 2))) i++;
  }
  return out;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

const stemCache = new Map<string, string>();

/** Drops the memoized stems (every word of every code set passes through once while an index is built). */
export function forgetStems(): void {
  stemCache.clear();
}

/**
 * Search tokens: words, minus stop words, stemmed and folded. `lastIsLabel`: the text is a whole query whose last
 * word is complete, so a final "a" is a label, not an article ("Sequelae, vitamin deficiency NEC, A"): an article
 * never ends a phrase.
 */
export function tokens(text: string, lastIsLabel = false): string[] {
  const out: string[] = [];
  const ws = words(text);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    // "A" is a label, not an article, alone ("Influenza, A") or after these words ("hepatitis A", "vitamin A").
    if (
      w === 'a'
        ? !(ws.length === 1 || (i > 0 && LABELLED.has(ws[i - 1])) || (lastIsLabel && i === ws.length - 1))
        : STOP.has(w)
    )
      continue;
    let s = stemCache.get(w);
    if (s === undefined) {
      s = stem(w);
      if (stemCache.size < 200_000) stemCache.set(w, s);
    }
    out.push(s);
  }
  return out;
}

export function isStopWord(w: string): boolean {
  return STOP.has(w);
}
