/**
 * Plain-language description of a procedure code for a patient's bill. CPT descriptors are licensed by the AMA:
 * the user's licensed descriptor is used when loaded, else the code's category (CPT section ranges, in our
 * words). HCPCS Level II and ICD-10-CM use the official short text given by the caller.
 */
const CPT_CATEGORIES: Array<[string, string, string]> = [
  ['99202', '99215', 'Office or outpatient visit'],
  ['99221', '99239', 'Hospital visit'],
  ['99242', '99255', 'Consultation'],
  ['99281', '99288', 'Emergency department visit'],
  ['99381', '99429', 'Preventive medicine visit'],
  ['99441', '99499', 'Evaluation and management service'],
  ['00100', '01999', 'Anesthesia'],
  ['10004', '69990', 'Surgery or procedure'],
  ['70010', '79999', 'Imaging (X-ray, CT, MRI, ultrasound, nuclear medicine)'],
  ['80047', '89398', 'Laboratory test'],
  ['90281', '90399', 'Immune globulin'],
  ['90460', '90749', 'Vaccine or immunization'],
  ['90785', '90899', 'Mental health service'],
  ['92002', '92499', 'Eye or ear service'],
  ['92920', '93799', 'Heart and vascular test or service'],
  ['94002', '94799', 'Lung function test or breathing treatment'],
  ['97010', '97799', 'Physical medicine and rehabilitation'],
  ['90000', '99199', 'Medical service'],
];

export function cptCategory(code: string): string | undefined {
  if (!/^\d{5}$/.test(code)) return undefined;
  return CPT_CATEGORIES.find(([lo, hi]) => code >= lo && code <= hi)?.[2];
}

export function describeProcedure(code: string, known: { licensedCpt?: string; hcpcsShort?: string } = {}): string {
  if (/^\d{4}[0-9A-Z]$/.test(code)) return known.licensedCpt ?? cptCategory(code) ?? `Procedure ${code}`;
  return known.hcpcsShort ?? `Service ${code}`;
}
