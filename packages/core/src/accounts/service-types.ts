/**
 * Service type codes (X12 code list 1365, EQ01/EB03) in the words a front desk uses with a patient.
 * Only the codes offices meet day to day; any other code is shown as "service type <code>".
 */
const SERVICE_TYPES: Record<string, string> = {
  '1': 'medical care',
  '2': 'surgery',
  '3': 'consultations',
  '4': 'diagnostic X-ray',
  '5': 'diagnostic lab',
  '6': 'radiation therapy',
  '7': 'anesthesia',
  '12': 'durable medical equipment purchase',
  '18': 'durable medical equipment rental',
  '30': 'the health plan overall',
  '33': 'chiropractic',
  '35': 'dental care',
  '42': 'home health care',
  '45': 'hospice',
  '47': 'hospital',
  '48': 'hospital stays (inpatient)',
  '50': 'hospital outpatient care',
  '51': 'hospital emergency (accident)',
  '52': 'hospital emergency (medical)',
  '53': 'hospital ambulatory surgery',
  '62': 'MRI and CT scans',
  '73': 'diagnostic medical tests',
  '76': 'dialysis',
  '78': 'chemotherapy',
  '80': 'immunizations',
  '81': 'routine physical',
  '82': 'family planning',
  '86': 'emergency services',
  '88': 'pharmacy',
  '93': 'podiatry',
  '98': 'office visits',
  A4: 'psychiatric care',
  A6: 'psychotherapy',
  A7: 'psychiatric inpatient care',
  A8: 'psychiatric outpatient care',
  AD: 'occupational therapy',
  AE: 'physical medicine',
  AF: 'speech therapy',
  AG: 'skilled nursing care',
  AL: 'vision (optometry)',
  BG: 'cardiac rehabilitation',
  BH: 'pediatric care',
  BZ: 'office visits when sick',
  MH: 'mental health',
  PT: 'physical therapy',
  UC: 'urgent care',
};

export function serviceTypeLabel(code: string): string {
  return SERVICE_TYPES[code] ?? `service type ${code}`;
}

/** EB06 time periods in words. */
const PERIODS: Record<string, string> = {
  '6': 'per hour',
  '7': 'per day',
  '13': 'for 24 hours',
  '21': 'per year',
  '22': 'per service year',
  '23': 'per calendar year',
  '24': 'so far this year',
  '25': 'per contract',
  '26': 'per episode',
  '27': 'per visit',
  '28': 'per outlier',
  '29': 'remaining',
  '30': 'exceeded',
  '31': 'not exceeded',
  '32': 'lifetime',
  '33': 'lifetime remaining',
  '34': 'per month',
  '35': 'per week',
  '36': 'per admission',
};

export function timePeriodLabel(code: string | undefined): string {
  return code ? (PERIODS[code] ?? '') : '';
}

/** AAA03 reject reasons of a 271 (X12 code list 901) as a front desk would say them, with what to do. */
const REJECT_REASONS: Record<string, string> = {
  '04': 'The payer says we are not authorized to ask about this member.',
  '15': 'The request was missing information the payer needs.',
  '33': 'The payer could not read our request; check the member details and try again.',
  '35': 'The payer has no coverage for this member on that date.',
  '41': 'The payer says we are not authorized to ask.',
  '42': 'The payer cannot answer right now; try again later.',
  '43': 'The payer does not know the provider we asked for (check the NPI).',
  '45': 'The payer does not know the provider we asked for (check the NPI).',
  '47': 'The payer needs the provider’s state or address.',
  '48': 'The payer does not accept the referring provider we sent.',
  '50': 'The payer does not know this provider.',
  '51': 'The provider is not on file with the payer.',
  '52': 'The date of service is too far in the past for this payer to answer.',
  '56': 'The date we asked about is not valid.',
  '57': 'The date of service is in the future beyond what the payer answers.',
  '58': 'The date of birth does not match the payer’s records.',
  '60': 'The date of birth is after the date of service.',
  '62': 'The date of service is not within the payer’s window.',
  '63': 'The date of service is in the future.',
  '64': 'The patient’s name or birth date does not match the payer’s records.',
  '65': 'The patient’s name does not match the payer’s records.',
  '66': 'The patient’s gender does not match the payer’s records.',
  '67': 'The payer found no patient with these details.',
  '68': 'The payer found more than one patient with these details; add the member ID.',
  '71': 'The patient’s birth date does not match the payer’s records.',
  '72': 'The member ID is not valid for this payer; check the insurance card.',
  '73': 'The subscriber’s name does not match the payer’s records.',
  '75': 'The payer cannot find this subscriber; check the member ID and name on the card.',
  '76': 'The payer found the member twice; call the payer.',
  '78': 'The subscriber or member is not in this group; check the group number.',
  '79': 'The payer does not accept eligibility questions from this sender.',
  '80': 'The payer has no response on file for this request.',
  '97': 'The patient’s birth date does not match the payer’s records.',
  T4: 'The payer needs the patient’s name.',
};

export function rejectReasonText(code: string): string {
  return REJECT_REASONS[code] ?? `The payer could not answer (reason ${code}).`;
}

const FOLLOW_UP: Record<string, string> = {
  C: 'Correct the details and ask again.',
  N: 'Asking again will not help.',
  P: 'Ask again later.',
  R: 'Ask again.',
  S: 'Do not ask again.',
  W: 'Wait; the payer will answer later.',
  X: 'Wait and ask again.',
  Y: 'Call the payer.',
};

export function followUpText(code: string | undefined): string {
  return code ? (FOLLOW_UP[code] ?? '') : '';
}
