/**
 * UB-04 revenue code categories in the NUBC layout (4 digits: a leading 0, a 2-digit category, a
 * subcategory digit) and what each needs on an outpatient bill: a HCPCS code (Medicare OPPS and most
 * payers price these lines by HCPCS), none (accommodation), or either. Accommodation (room and board,
 * intensive care, nursery, leave of absence) belongs on inpatient bills only.
 */
export type HcpcsNeed = 'required' | 'never' | 'optional';

interface Category {
  name: string;
  /** on outpatient bill types */
  hcpcs: HcpcsNeed;
  inpatientOnly?: boolean;
}

const R = 'required' as const;
const O = 'optional' as const;
const N = 'never' as const;

/** Keyed by the 3-digit category (e.g. '045' emergency room). */
const CATEGORIES: Record<string, Category> = {
  '010': { name: 'all-inclusive rate', hcpcs: N, inpatientOnly: true },
  '011': { name: 'room and board, private', hcpcs: N, inpatientOnly: true },
  '012': { name: 'room and board, semi-private two beds', hcpcs: N, inpatientOnly: true },
  '013': { name: 'room and board, three and four beds', hcpcs: N, inpatientOnly: true },
  '014': { name: 'room and board, deluxe private', hcpcs: N, inpatientOnly: true },
  '015': { name: 'room and board, ward', hcpcs: N, inpatientOnly: true },
  '016': { name: 'room and board, other', hcpcs: N, inpatientOnly: true },
  '017': { name: 'nursery', hcpcs: N, inpatientOnly: true },
  '018': { name: 'leave of absence', hcpcs: N, inpatientOnly: true },
  '019': { name: 'subacute care', hcpcs: N, inpatientOnly: true },
  '020': { name: 'intensive care unit', hcpcs: N, inpatientOnly: true },
  '021': { name: 'coronary care unit', hcpcs: N, inpatientOnly: true },
  '022': { name: 'special charges', hcpcs: O },
  '023': { name: 'incremental nursing care', hcpcs: N, inpatientOnly: true },
  '024': { name: 'all-inclusive ancillary', hcpcs: O },
  '025': { name: 'pharmacy', hcpcs: O },
  '026': { name: 'IV therapy', hcpcs: R },
  '027': { name: 'medical/surgical supplies and devices', hcpcs: O },
  '028': { name: 'oncology', hcpcs: R },
  '029': { name: 'durable medical equipment', hcpcs: R },
  '030': { name: 'laboratory', hcpcs: R },
  '031': { name: 'laboratory pathology', hcpcs: R },
  '032': { name: 'radiology, diagnostic', hcpcs: R },
  '033': { name: 'radiology, therapeutic', hcpcs: R },
  '034': { name: 'nuclear medicine', hcpcs: R },
  '035': { name: 'CT scan', hcpcs: R },
  '036': { name: 'operating room services', hcpcs: R },
  '037': { name: 'anesthesia', hcpcs: O },
  '038': { name: 'blood and blood components', hcpcs: R },
  '039': { name: 'blood storage and processing', hcpcs: R },
  '040': { name: 'other imaging services', hcpcs: R },
  '041': { name: 'respiratory services', hcpcs: R },
  '042': { name: 'physical therapy', hcpcs: R },
  '043': { name: 'occupational therapy', hcpcs: R },
  '044': { name: 'speech-language pathology', hcpcs: R },
  '045': { name: 'emergency room', hcpcs: R },
  '046': { name: 'pulmonary function', hcpcs: R },
  '047': { name: 'audiology', hcpcs: R },
  '048': { name: 'cardiology', hcpcs: R },
  '049': { name: 'ambulatory surgical care', hcpcs: R },
  '050': { name: 'outpatient services', hcpcs: R },
  '051': { name: 'clinic', hcpcs: R },
  '052': { name: 'free-standing clinic', hcpcs: R },
  '053': { name: 'osteopathic services', hcpcs: R },
  '054': { name: 'ambulance', hcpcs: R },
  '055': { name: 'skilled nursing', hcpcs: O },
  '056': { name: 'home health, medical social services', hcpcs: O },
  '057': { name: 'home health aide', hcpcs: O },
  '058': { name: 'home health, other visits', hcpcs: O },
  '059': { name: 'home health, units of service', hcpcs: O },
  '060': { name: 'home health, oxygen', hcpcs: O },
  '061': { name: 'magnetic resonance technology', hcpcs: R },
  '062': { name: 'medical/surgical supplies, extension of 027', hcpcs: O },
  '063': { name: 'pharmacy, extension of 025', hcpcs: O },
  '064': { name: 'home IV therapy', hcpcs: O },
  '065': { name: 'hospice services', hcpcs: O },
  '066': { name: 'respite care', hcpcs: O },
  '067': { name: 'outpatient special residence charges', hcpcs: O },
  '068': { name: 'trauma response', hcpcs: O },
  '069': { name: 'pre-hospice/palliative care', hcpcs: O },
  '070': { name: 'cast room', hcpcs: R },
  '071': { name: 'recovery room', hcpcs: O },
  '072': { name: 'labor room/delivery', hcpcs: O },
  '073': { name: 'EKG/ECG', hcpcs: R },
  '074': { name: 'EEG', hcpcs: R },
  '075': { name: 'gastrointestinal services', hcpcs: R },
  '076': { name: 'specialty services (treatment/observation room)', hcpcs: R },
  '077': { name: 'preventive care services', hcpcs: R },
  '078': { name: 'telemedicine', hcpcs: R },
  '079': { name: 'extra-corporeal shock wave therapy', hcpcs: R },
  '080': { name: 'inpatient renal dialysis', hcpcs: N, inpatientOnly: true },
  '081': { name: 'acquisition of body components', hcpcs: O },
  '082': { name: 'hemodialysis, outpatient or home', hcpcs: R },
  '083': { name: 'peritoneal dialysis, outpatient or home', hcpcs: R },
  '084': { name: 'CAPD, outpatient or home', hcpcs: R },
  '085': { name: 'CCPD, outpatient or home', hcpcs: R },
  '086': { name: 'magnetoencephalography', hcpcs: R },
  '087': { name: 'cell/gene therapy', hcpcs: R },
  '088': { name: 'miscellaneous dialysis', hcpcs: O },
  '090': { name: 'behavioral health treatments/services', hcpcs: R },
  '091': { name: 'behavioral health treatments, extension of 090', hcpcs: R },
  '092': { name: 'other diagnostic services', hcpcs: R },
  '093': { name: 'medical rehabilitation day program', hcpcs: R },
  '094': { name: 'other therapeutic services', hcpcs: R },
  '095': { name: 'other therapeutic services, extension of 094', hcpcs: R },
  '096': { name: 'professional fees', hcpcs: R },
  '097': { name: 'professional fees, extension of 096', hcpcs: R },
  '098': { name: 'professional fees, extension of 097', hcpcs: R },
  '099': { name: 'patient convenience items', hcpcs: O },
  '100': { name: 'behavioral health accommodations', hcpcs: N, inpatientOnly: true },
  '210': { name: 'alternative therapy services', hcpcs: O },
  '310': { name: 'adult care', hcpcs: O },
};

/** Revenue codes a category lists by subcategory alone: 0001 is the total line, not a service. */
export function revenueCategory(code: string): (Category & { category: string }) | null {
  if (!/^\d{4}$/.test(code) || code === '0001') return null;
  const category = code.slice(0, 3);
  const c = CATEGORIES[category];
  return c ? { ...c, category } : null;
}

/** Drugs requiring detailed coding (0636): always a HCPCS, whatever the category says. */
export function revenueNeedsHcpcs(code: string): HcpcsNeed {
  if (code === '0636') return 'required';
  return revenueCategory(code)?.hcpcs ?? 'optional';
}
