/** Made-up visits for the demo: diagnoses and lines from the demo code list, some with mistakes the scrubber catches. */
export interface DemoVisit {
  note: string;
  diagnoses: string[];
  lines: Array<{
    procedureCode: string;
    modifiers?: string[];
    units?: number;
    diagnosisPointers: number[];
    /** the drug given (2410): 11-digit NDC, quantity and unit */
    ndc?: string;
    ndcQuantity?: number;
    ndcUnit?: string;
  }>;
}

export const DEMO_FEES: Record<string, number> = {
  '99202': 12000,
  '99203': 16000,
  '99212': 8500,
  '99213': 13000,
  '99214': 19000,
  '99215': 26000,
  '99395': 22000,
  '99396': 24000,
  '20610': 18000,
  '36415': 2500,
  '93000': 6000,
  '96372': 4000,
  '97110': 9000,
  '11042': 25000,
  '97597': 15000,
  G0008: 3500,
  G0439: 18000,
  G0444: 3000,
  J3301: 1200,
  J3420: 1500,
  J1885: 1000,
};

export const DEMO_VISITS: DemoVisit[] = [
  {
    note: 'Follow-up of type 2 diabetes and hypertension. A1c drawn. BP 138/84. Continue metformin and lisinopril.',
    diagnoses: ['E119', 'I10'],
    lines: [
      { procedureCode: '99214', diagnosisPointers: [1, 2] },
      { procedureCode: '36415', diagnosisPointers: [1] },
    ],
  },
  {
    note: 'Three days of cough and congestion, no fever. Lungs clear. Supportive care.',
    diagnoses: ['J069', 'R059'],
    lines: [{ procedureCode: '99213', diagnosisPointers: [1, 2] }],
  },
  {
    note: 'Right knee osteoarthritis, worse with stairs. Steroid injection into right knee after consent.',
    diagnoses: ['M1711'],
    lines: [
      { procedureCode: '99213', modifiers: ['25'], diagnosisPointers: [1] },
      { procedureCode: '20610', modifiers: ['RT'], diagnosisPointers: [1] },
      // triamcinolone 40 mg/mL, 1 mL vial: 4 units of 10 mg
      { procedureCode: 'J3301', units: 4, diagnosisPointers: [1], ndc: '00003029320', ndcQuantity: 1, ndcUnit: 'ML' },
    ],
  },
  {
    note: 'Annual wellness visit, subsequent. Depression screening negative.',
    diagnoses: ['Z0000'],
    lines: [
      { procedureCode: 'G0439', diagnosisPointers: [1] },
      { procedureCode: 'G0444', diagnosisPointers: [1] },
    ],
  },
  {
    note: 'Low back pain after lifting, no red flags. Therapeutic exercise 3 units.',
    diagnoses: ['M5450'],
    lines: [{ procedureCode: '97110', units: 3, diagnosisPointers: [1] }],
  },
  {
    note: 'Intermittent chest pain, ECG normal sinus rhythm. Hypertension controlled.',
    diagnoses: ['R079', 'I10'],
    lines: [
      { procedureCode: '99214', diagnosisPointers: [1, 2] },
      { procedureCode: '93000', diagnosisPointers: [1] },
    ],
  },
  {
    note: 'Flu vaccine given, left deltoid.',
    diagnoses: ['Z23'],
    lines: [{ procedureCode: 'G0008', diagnosisPointers: [1] }],
  },
  {
    note: 'Migraine flare, ketorolac IM given.',
    diagnoses: ['G43909'],
    lines: [
      { procedureCode: '99213', modifiers: ['25'], diagnosisPointers: [1] },
      { procedureCode: '96372', diagnosisPointers: [1] },
      // ketorolac 30 mg/mL, 1 mL: 2 units of 15 mg
      { procedureCode: 'J1885', units: 2, diagnosisPointers: [1], ndc: '00409379501', ndcQuantity: 1, ndcUnit: 'ML' },
    ],
  },
  {
    note: 'Anxiety and poor sleep, started therapy referral.',
    diagnoses: ['F411'],
    lines: [{ procedureCode: '99214', diagnosisPointers: [1] }],
  },
];

/** Mistakes the scrubber should catch (about one visit in seven). */
export const DEMO_VISITS_WITH_MISTAKES: DemoVisit[] = [
  {
    note: 'Diabetes check. (coded with the category only)',
    diagnoses: ['E11'],
    lines: [{ procedureCode: '99213', diagnosisPointers: [1] }],
  },
  {
    note: 'Wrist fracture follow-up. (7th character missing)',
    diagnoses: ['S52501'],
    lines: [{ procedureCode: '99213', diagnosisPointers: [1] }],
  },
  {
    note: 'Two office visits billed on one line.',
    diagnoses: ['J029'],
    lines: [{ procedureCode: '99213', units: 2, diagnosisPointers: [1] }],
  },
];

export const DEMO_NOTES_TO_CODE = [
  'Pt is a 58 y/o F with T2DM and HTN here for 3-month f/u. Reports tingling in both feet. A1c 8.2. Monofilament decreased bilaterally. Plan: increase metformin, refer podiatry.',
  'Pt presents with sore throat x2 days, fever 101.2. Rapid strep negative. Dx viral pharyngitis. Supportive care.',
  '72 y/o M with COPD exacerbation, increased dyspnea and sputum. O2 sat 91%. Started prednisone and azithromycin. Nebulizer treatment given in office.',
  'Annual physical, 45 y/o M. No complaints. Labs ordered. Counseled on diet and exercise. BMI 31.',
  'Left knee pain x6 weeks after fall, swelling, no instability. X-ray negative. Likely sprain vs early OA.',
  'Pt with hx of AFib on apixaban, here for med check. Rate controlled. No bleeding.',
  'Child 6 y/o with ear pain and fever. Right TM bulging. Amoxicillin prescribed.',
  'Follow-up for depression on sertraline, PHQ-9 improved from 16 to 8. Continue current dose.',
  'UTI symptoms: dysuria and frequency x3 days. UA positive for nitrites. Nitrofurantoin.',
  'New pt with chronic low back pain radiating to the L leg, numbness in L foot. Referral to PT.',
  'Shortness of breath on exertion, bilateral ankle edema, BNP elevated. Suspect heart failure; echo ordered.',
  'Smoker, 1 ppd x 20 yrs, wants to quit. Counseling 10 minutes, started varenicline.',
];
