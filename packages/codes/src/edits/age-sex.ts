import type { CodeCatalog } from '../catalog/code-catalog.ts';
import { withDot } from '../catalog/tabular-rules.ts';
import { ageOn, type CodingInput, type Finding, RULE_IDS } from './edit-types.ts';
import type { ValidDx } from './diagnosis-pairs.ts';

interface AgeRule {
  from: string;
  to: string;
  min: number;
  max: number;
  who: string;
  source: string;
}
interface SexRule {
  from: string;
  to: string;
  sex: 'F' | 'M';
  source: string;
}

/**
 * Age groups of the CMS Medicare Code Editor (newborn 0, pediatric 0-17, maternity 12-55 per medbill's
 * brief, adult 15-124) applied to chapters and categories whose Tabular title or note names the group.
 * Ranges compare the code's first characters; each rule says where it comes from.
 */
const AGE_RULES: AgeRule[] = [
  {
    from: 'P00',
    to: 'P96',
    min: 0,
    max: 0,
    who: 'newborns',
    source: 'ICD-10-CM chapter 16 (P00-P96) note: "for use on newborn records only"; MCE newborn age 0',
  },
  {
    from: 'Z38',
    to: 'Z38',
    min: 0,
    max: 0,
    who: 'newborns',
    source: 'ICD-10-CM Z38 note: principal code on the initial record of a newborn baby; MCE newborn age 0',
  },
  {
    from: 'Z0011',
    to: 'Z0011',
    min: 0,
    max: 0,
    who: 'newborns',
    source: 'ICD-10-CM Z00.11 title "Newborn health examination"; MCE newborn age 0',
  },
  {
    from: 'Z0012',
    to: 'Z0012',
    min: 0,
    max: 17,
    who: 'children (0-17)',
    source: 'ICD-10-CM Z00.12 title "routine child health examination"; MCE pediatric 0-17',
  },
  {
    from: 'O00',
    to: 'O9A',
    min: 12,
    max: 55,
    who: 'patients of childbearing age (12-55)',
    source: 'ICD-10-CM chapter 15 (O00-O9A) "Pregnancy, childbirth and the puerperium"; MCE maternity age',
  },
  {
    from: 'Z33',
    to: 'Z37',
    min: 12,
    max: 55,
    who: 'patients of childbearing age (12-55)',
    source: 'ICD-10-CM Z33-Z37 pregnancy and delivery encounter codes; MCE maternity age',
  },
  {
    from: 'Z39',
    to: 'Z3A',
    min: 12,
    max: 55,
    who: 'patients of childbearing age (12-55)',
    source: 'ICD-10-CM Z39-Z3A postpartum care and weeks of gestation; MCE maternity age',
  },
  {
    from: 'Z0000',
    to: 'Z0001',
    min: 15,
    max: 124,
    who: 'adults',
    source: 'ICD-10-CM Z00.0 title "general adult medical examination"; MCE adult 15-124',
  },
];

const SEX_RULES: SexRule[] = [
  {
    from: 'O00',
    to: 'O9A',
    sex: 'F',
    source: 'ICD-10-CM chapter 15 (O00-O9A) pregnancy, childbirth and the puerperium',
  },
  { from: 'Z33', to: 'Z37', sex: 'F', source: 'ICD-10-CM Z33-Z37 pregnancy and delivery encounter codes' },
  { from: 'Z39', to: 'Z3A', sex: 'F', source: 'ICD-10-CM Z39-Z3A postpartum care and weeks of gestation' },
  {
    from: 'C51',
    to: 'C58',
    sex: 'F',
    source: 'ICD-10-CM section C51-C58 "Malignant neoplasms of female genital organs"',
  },
  {
    from: 'N70',
    to: 'N98',
    sex: 'F',
    source: 'ICD-10-CM sections N70-N77 and N80-N98 (female pelvic organs, female genital tract)',
  },
  {
    from: 'D25',
    to: 'D28',
    sex: 'F',
    source: 'ICD-10-CM D25-D28 benign neoplasms of uterus, ovary and other female genital organs',
  },
  { from: 'Z124', to: 'Z124', sex: 'F', source: 'ICD-10-CM Z12.4 screening for malignant neoplasm of cervix' },
  { from: 'Z0141', to: 'Z0141', sex: 'F', source: 'ICD-10-CM Z01.41 gynecological examination' },
  {
    from: 'C60',
    to: 'C63',
    sex: 'M',
    source: 'ICD-10-CM section C60-C63 "Malignant neoplasms of male genital organs"',
  },
  { from: 'N40', to: 'N53', sex: 'M', source: 'ICD-10-CM section N40-N53 "Diseases of male genital organs"' },
  { from: 'D29', to: 'D29', sex: 'M', source: 'ICD-10-CM D29 benign neoplasm of male genital organs' },
  { from: 'Z125', to: 'Z125', sex: 'M', source: 'ICD-10-CM Z12.5 screening for malignant neoplasm of prostate' },
];

const inRange = (code: string, from: string, to: string) =>
  code.slice(0, from.length) >= from && code.slice(0, to.length) <= to;

/** Age and sex conflicts, as warnings (the MCE sex lists are under revision; see CODING.md). */
export function checkAgeSex(_catalog: CodeCatalog, dxs: ValidDx[], input: CodingInput): Finding[] {
  const age = ageOn(input.patient.birthDate, input.dateOfService);
  const edits: Finding[] = [];
  for (const d of dxs) {
    const ar = AGE_RULES.find((r) => inRange(d.code, r.from, r.to));
    if (ar && (age < ar.min || age > ar.max)) {
      edits.push({
        code: withDot(d.code),
        severity: 'warning',
        ruleId: RULE_IDS.dxAge,
        source: ar.source,
        location: { field: 'diagnosis', index: d.index },
        message: `${withDot(d.code)} is meant for ${ar.who}, but the patient is ${age} on ${input.dateOfService}. Check the code or the birth date.`,
      });
    }
    const sr = SEX_RULES.find((r) => inRange(d.code, r.from, r.to));
    if (sr && input.patient.sex !== 'U' && input.patient.sex !== sr.sex) {
      edits.push({
        code: withDot(d.code),
        severity: 'warning',
        ruleId: RULE_IDS.dxSex,
        source: sr.source,
        location: { field: 'diagnosis', index: d.index },
        message: `${withDot(d.code)} applies to ${sr.sex === 'F' ? 'female' : 'male'} patients, but the patient's sex is ${input.patient.sex === 'F' ? 'female' : 'male'}. Check the code or the patient's record.`,
      });
    }
  }
  return edits;
}
