import { CodeCatalog } from '../catalog/code-catalog.ts';
import type { ReleaseMeta } from '../catalog/release-types.ts';
import type { MueLimit, PtpEdit } from '../import/ncci.ts';
import type { CodeEntry, CodeSet } from '../types.ts';

/**
 * A small code list typed in by the medbill team so the demo runs before any import. Titles are our own
 * short wording (not the official descriptors); CPT appears as code numbers only, since CPT descriptors
 * require an AMA license. Import the official files for real work.
 */
export const DEMO_ICD10CM: Array<[code: string, title: string]> = [
  ['E11.9', 'Type 2 diabetes without complications'],
  ['E11.65', 'Type 2 diabetes with high blood sugar'],
  ['E11.40', 'Type 2 diabetes with nerve damage, unspecified'],
  ['E11.22', 'Type 2 diabetes with chronic kidney disease'],
  ['E10.9', 'Type 1 diabetes without complications'],
  ['R73.03', 'Prediabetes'],
  ['E78.5', 'High blood lipids, unspecified'],
  ['E78.00', 'High cholesterol, unspecified'],
  ['E66.9', 'Obesity, unspecified'],
  ['E03.9', 'Underactive thyroid, unspecified'],
  ['E55.9', 'Vitamin D deficiency, unspecified'],
  ['D64.9', 'Anemia, unspecified'],
  ['I10', 'High blood pressure (essential)'],
  ['I25.10', 'Coronary artery disease without angina'],
  ['I48.91', 'Atrial fibrillation, unspecified'],
  ['I50.9', 'Heart failure, unspecified'],
  ['I21.9', 'Heart attack (acute MI), unspecified'],
  ['I63.9', 'Stroke (cerebral infarction), unspecified'],
  ['R07.9', 'Chest pain, unspecified'],
  ['J06.9', 'Upper respiratory infection, acute'],
  ['J02.9', 'Sore throat (acute pharyngitis)'],
  ['J18.9', 'Pneumonia, organism unspecified'],
  ['J20.9', 'Acute bronchitis, unspecified'],
  ['J44.9', 'COPD, unspecified'],
  ['J44.1', 'COPD with flare-up'],
  ['J45.909', 'Asthma, uncomplicated'],
  ['R05.9', 'Cough, unspecified'],
  ['R06.02', 'Shortness of breath'],
  ['U07.1', 'COVID-19'],
  ['K21.9', 'Acid reflux (GERD) without esophagitis'],
  ['R10.9', 'Abdominal pain, unspecified'],
  ['R11.2', 'Nausea with vomiting'],
  ['K59.00', 'Constipation, unspecified'],
  ['N39.0', 'Urinary tract infection'],
  ['N18.30', 'Chronic kidney disease stage 3'],
  ['N40.0', 'Enlarged prostate without urinary symptoms'],
  ['N20.0', 'Kidney stone'],
  ['M54.50', 'Low back pain, unspecified'],
  ['M54.2', 'Neck pain'],
  ['M17.11', 'Osteoarthritis, right knee'],
  ['M17.12', 'Osteoarthritis, left knee'],
  ['M25.561', 'Pain in right knee'],
  ['M25.562', 'Pain in left knee'],
  ['M25.569', 'Pain in knee, side not stated'],
  ['M79.7', 'Fibromyalgia'],
  ['G43.909', 'Migraine, unspecified'],
  ['R51.9', 'Headache, unspecified'],
  ['G47.33', 'Obstructive sleep apnea'],
  ['F32.A', 'Depression, unspecified'],
  ['F41.1', 'Generalized anxiety disorder'],
  ['F41.9', 'Anxiety, unspecified'],
  ['F17.210', 'Cigarette nicotine dependence, uncomplicated'],
  ['L03.90', 'Cellulitis, unspecified'],
  ['H66.90', 'Middle ear infection, unspecified'],
  ['H10.9', 'Pink eye (conjunctivitis), unspecified'],
  ['R50.9', 'Fever, unspecified'],
  ['R53.83', 'Fatigue'],
  ['Z00.00', 'Adult checkup without abnormal findings'],
  ['Z00.129', 'Well-child checkup without abnormal findings'],
  ['Z23', 'Encounter for immunization'],
  ['Z79.4', 'Long-term insulin use'],
  ['Z12.31', 'Screening mammogram'],
  ['S93.401A', 'Ankle sprain, right, initial visit'],
  ['S52.501A', 'Radius fracture (distal), right, closed, initial visit'],
  ['O80', 'Uncomplicated delivery'],
  ['P07.30', 'Preterm newborn, unspecified weeks'],
  ['G63', 'Nerve disease in conditions classified elsewhere'],
  ['E85.4', 'Organ-limited amyloidosis'],
];

/** ICD-10-CM headers the demo needs so "not billable" edits can be shown. */
const DEMO_ICD10CM_HEADERS: Array<[string, string]> = [
  ['E11', 'Type 2 diabetes (category)'],
  ['M25.56', 'Knee pain (subcategory)'],
  ['S52.501', 'Radius fracture, right (needs 7th character)'],
];

export const DEMO_HCPCS: Array<[code: string, title: string]> = [
  ['G0008', 'Flu shot administration'],
  ['G0009', 'Pneumococcal shot administration'],
  ['G0438', 'Annual wellness visit, first'],
  ['G0439', 'Annual wellness visit, subsequent'],
  ['G0442', 'Alcohol misuse screening'],
  ['G0444', 'Depression screening, annual'],
  ['J3420', 'Vitamin B-12 injection, up to 1000 mcg'],
  ['J1885', 'Ketorolac injection, per 15 mg'],
  ['J0696', 'Ceftriaxone injection, per 250 mg'],
  ['J1050', 'Medroxyprogesterone injection, 1 mg'],
  ['J1100', 'Dexamethasone injection, 1 mg'],
  ['J3301', 'Triamcinolone injection, per 10 mg'],
  ['J7030', 'Normal saline infusion, 1000 cc'],
  ['J2550', 'Promethazine injection, up to 50 mg'],
  ['A4253', 'Blood glucose test strips, per 50'],
  ['A4259', 'Lancets, per 100'],
  ['A4550', 'Surgical tray'],
  ['A0427', 'Ambulance, ALS emergency'],
  ['A0429', 'Ambulance, BLS emergency'],
  ['E0114', 'Underarm crutches, pair'],
  ['E0143', 'Folding wheeled walker'],
  ['K0001', 'Standard wheelchair'],
  ['E0601', 'CPAP device'],
  ['E0570', 'Nebulizer with compressor'],
  ['E1390', 'Oxygen concentrator'],
  ['L3908', 'Wrist hand orthosis, prefabricated'],
  ['Q4001', 'Plaster cast, adult'],
  ['G2211', 'Visit complexity add-on'],
  ['A4565', 'Sling'],
  ['A6216', 'Non-sterile gauze pad'],
];

export const DEMO_MODIFIERS: Array<[code: string, title: string]> = [
  ['LT', 'Left side'],
  ['RT', 'Right side'],
  ['XE', 'Separate encounter'],
  ['XS', 'Separate structure'],
  ['XP', 'Separate practitioner'],
  ['XU', 'Unusual non-overlapping service'],
  ['GA', 'Waiver of liability on file'],
  ['GY', 'Statutorily excluded item'],
  ['GT', 'Via interactive audio and video telecommunication (critical access hospitals)'],
  ['GQ', 'Via asynchronous telecommunication'],
  ['QW', 'CLIA-waived test'],
  ['TC', 'Technical component'],
  ['AS', 'Assistant at surgery (non-physician)'],
  ['GZ', 'Item expected to be denied, no waiver on file'],
  ['JW', 'Drug amount discarded'],
  ['JZ', 'Zero drug amount discarded'],
  ['KX', 'Requirements in the medical policy met'],
  ['CR', 'Catastrophe or disaster related'],
  ['E1', 'Upper left eyelid'],
  ['E2', 'Lower left eyelid'],
  ['E3', 'Upper right eyelid'],
  ['E4', 'Lower right eyelid'],
  ['FA', 'Left hand, thumb'],
  ['F1', 'Left hand, second digit'],
  ['F2', 'Left hand, third digit'],
  ['F3', 'Left hand, fourth digit'],
  ['F4', 'Left hand, fifth digit'],
  ['F5', 'Right hand, thumb'],
  ['F6', 'Right hand, second digit'],
  ['F7', 'Right hand, third digit'],
  ['F8', 'Right hand, fourth digit'],
  ['F9', 'Right hand, fifth digit'],
  ['TA', 'Left foot, great toe'],
  ['T1', 'Left foot, second digit'],
  ['T2', 'Left foot, third digit'],
  ['T3', 'Left foot, fourth digit'],
  ['T4', 'Left foot, fifth digit'],
  ['T5', 'Right foot, great toe'],
  ['T6', 'Right foot, second digit'],
  ['T7', 'Right foot, third digit'],
  ['T8', 'Right foot, fourth digit'],
  ['T9', 'Right foot, fifth digit'],
  ['LC', 'Left circumflex coronary artery'],
  ['LD', 'Left anterior descending coronary artery'],
  ['LM', 'Left main coronary artery'],
  ['RC', 'Right coronary artery'],
  ['RI', 'Ramus intermedius coronary artery'],
];

/** CPT code numbers only (descriptors require an AMA license). */
export const DEMO_CPT_NUMBERS = [
  '99202',
  '99203',
  '99212',
  '99213',
  '99214',
  '99215',
  '99395',
  '99396',
  '20610',
  '36415',
  '93000',
  '96372',
  '97110',
  '11042',
  '97597',
];

export const DEMO_PTP: PtpEdit[] = [
  {
    column1: '20610',
    column2: '99213',
    priorTo1996: false,
    effectiveFrom: '2020-01-01',
    modifierIndicator: '1',
    rationale: 'Demo row: E/M with joint injection (25 bypasses)',
  },
  {
    column1: '93000',
    column2: '36415',
    priorTo1996: false,
    effectiveFrom: '2020-01-01',
    modifierIndicator: '0',
    rationale: 'Demo row: not billable together',
  },
  {
    column1: '11042',
    column2: '97597',
    priorTo1996: false,
    effectiveFrom: '2020-01-01',
    modifierIndicator: '1',
    rationale: 'Demo row: debridement overlap',
  },
];

export const DEMO_MUE: MueLimit[] = [
  { code: '99213', maxUnits: 1, adjudication: '2', rationale: 'Demo row' },
  { code: '96372', maxUnits: 4, adjudication: '3', rationale: 'Demo row' },
  { code: 'J3420', maxUnits: 1, adjudication: '2', rationale: 'Demo row' },
  { code: 'A4253', maxUnits: 1, adjudication: '1', rationale: 'Demo row' },
];

const DEMO_FROM = '2015-10-01';
/** The release id of every demo list. */
export const DEMO_RELEASE = 'DEMO';
const meta = (codeSet: CodeSet): ReleaseMeta => ({
  codeSet,
  releaseId: DEMO_RELEASE,
  effectiveFrom: DEMO_FROM,
  source: 'medbill demo list (not an official release)',
});
const entry = (code: string, title: string, billable = true, attrs?: Record<string, string>): CodeEntry => ({
  code: code.replace('.', ''),
  billable,
  shortTitle: title,
  longTitle: title,
  ...(attrs ? { attrs } : {}),
});

/** A catalog holding only the demo lists (valid from 2015-10-01, open-ended). */
export function createDemoCatalog(): CodeCatalog {
  const c = new CodeCatalog();
  c.addCodes(meta('icd10cm'), [
    ...DEMO_ICD10CM_HEADERS.map(([k, t]) => entry(k, t, false)),
    ...DEMO_ICD10CM.map(([k, t]) => entry(k, t)),
  ]);
  c.addCodes(meta('hcpcs'), [
    ...DEMO_HCPCS.map(([k, t]) => entry(k, t)),
    ...DEMO_MODIFIERS.map(([k, t]) => entry(k, t, true, { kind: 'modifier' })),
  ]);
  c.addCodes(
    meta('cpt'),
    DEMO_CPT_NUMBERS.map((k) => entry(k, `CPT ${k} (descriptor requires AMA license)`)),
  );
  c.addRelease(meta('ncci_ptp'), { kind: 'ncci_ptp', edits: DEMO_PTP });
  c.addRelease(meta('mue'), { kind: 'mue', limits: DEMO_MUE });
  return c;
}
