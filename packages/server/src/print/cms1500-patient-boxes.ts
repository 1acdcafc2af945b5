/** CMS-1500 carrier block and items 1–13: payer, insured, patient, other insurance, signatures. */
import type { ClaimInFile } from '@medbill/x12';
import type { Cms1500Box } from './cms1500-layout.ts';
import { cityLine, mdy, personName, phoneOf, printAddress, printable } from './print-format.ts';

type Boxes = Partial<Record<Cms1500Box, string>>;

/**
 * Item 1 from the claim filing indicator (SBR09). Our crosswalk: Medicare Part A/B and Medicare
 * risk HMO → Medicare; MC → Medicaid; CH → TRICARE; VA → CHAMPVA; OF (other federal) → FECA black
 * lung; commercial, Blue Cross, HMO, PPO, POS, EPO, indemnity, FEP → group health plan; the rest → other.
 */
export function insuranceTypeBox(filing: string | undefined): Cms1500Box {
  switch (filing) {
    case 'MA':
    case 'MB':
    case '16':
      return '1.medicare';
    case 'MC':
      return '1.medicaid';
    case 'CH':
      return '1.tricare';
    case 'VA':
      return '1.champva';
    case 'OF':
      return '1.feca';
    case 'CI':
    case 'BL':
    case 'HM':
    case '12':
    case '13':
    case '14':
    case '15':
    case 'FI':
      return '1.group';
    default:
      return '1.other';
  }
}

const RELATIONSHIP: Record<string, Cms1500Box> = { '18': '6.self', '01': '6.spouse', '19': '6.child' };

export function cms1500Patient(ctx: ClaimInFile): Boxes {
  const boxes = { ...carrier(ctx), ...insuredAndPatient(ctx), ...otherInsurance(ctx), ...signatures(ctx) };
  return medicarePrimary(ctx) ? medicareBoxRules(boxes) : boxes;
}

/** Medicare is the payer and pays first (no insurance primary to Medicare). */
function medicarePrimary(ctx: ClaimInFile): boolean {
  return (
    insuranceTypeBox(ctx.subscriber.sbr.claimFilingCode) === '1.medicare' && ctx.subscriber.sbr.responsibility === 'P'
  );
}

/**
 * Medicare's box rules (Claims Processing Manual ch. 26, items 4, 7, 11, 11a–d): with no insurance primary
 * to Medicare, item 11 says NONE and items 4, 7 and 11a–c stay blank; 11d is not used by Medicare.
 */
function medicareBoxRules(boxes: Boxes): Boxes {
  const out: Boxes = {};
  for (const [key, value] of Object.entries(boxes) as Array<[Cms1500Box, string]>)
    if (!/^(4|7\.|11a\.|11b|11c|11d\.)/.test(key)) out[key] = value;
  out['11'] = 'NONE';
  return out;
}

function carrier(ctx: ClaimInFile): Boxes {
  const a = printAddress(ctx.subscriber.payer);
  return { 'carrier.name': personName(ctx.subscriber.payer), 'carrier.street': a.street, 'carrier.city': cityLine(a) };
}

function sexBox(gender: string | undefined, male: Cms1500Box, female: Cms1500Box): Boxes {
  if (gender === 'M') return { [male]: 'X' };
  if (gender === 'F') return { [female]: 'X' };
  return {};
}

function phoneBoxes(phone: string, area: Cms1500Box, number: Cms1500Box): Boxes {
  if (phone.length !== 10) return phone ? { [number]: phone } : {};
  return { [area]: phone.slice(0, 3), [number]: phone.slice(3) };
}

/** Items 1–7. */
function insuredAndPatient(ctx: ClaimInFile): Boxes {
  const insured = ctx.subscriber.subscriber;
  const patient = ctx.patient;
  const pa = printAddress(patient);
  const ia = printAddress(insured);
  return {
    [insuranceTypeBox(ctx.subscriber.sbr.claimFilingCode)]: 'X',
    '1a': printable(insured.name.id),
    '2': personName(patient),
    '3.dob': mdy(patient.demographics?.birthDate, 'long'),
    ...sexBox(patient.demographics?.gender, '3.male', '3.female'),
    '4': personName(insured),
    '5.street': pa.street,
    '5.city': pa.city,
    '5.state': pa.state,
    '5.zip': pa.zip,
    ...phoneBoxes(phoneOf(patient), '5.areaCode', '5.phone'),
    [RELATIONSHIP[ctx.relationship] ?? '6.other']: 'X',
    '7.street': ia.street,
    '7.city': ia.city,
    '7.state': ia.state,
    '7.zip': ia.zip,
    ...phoneBoxes(phoneOf(insured), '7.areaCode', '7.phone'),
    '11': printable(ctx.subscriber.sbr.groupNumber),
    '11a.dob': mdy(insured.demographics?.birthDate, 'long'),
    ...sexBox(insured.demographics?.gender, '11a.male', '11a.female'),
    '11c': printable(ctx.subscriber.sbr.groupName ?? ctx.subscriber.payer.name.lastName),
  };
}

/** Items 9, 9a, 9d and 11d from the first other subscriber (2320/2330) — the other payer on a secondary claim. */
function otherInsurance(ctx: ClaimInFile): Boxes {
  const other = ctx.claim.otherSubscribers?.[0];
  if (!other) return { '11d.no': 'X' };
  return {
    '9': personName(other.subscriber),
    '9a': printable(other.subscriber.name.id ?? other.sbr.groupNumber),
    '9d': printable(other.sbr.groupName ?? other.payer.name.lastName),
    '11d.yes': 'X',
  };
}

/** Items 12 and 13: release of information and assignment of benefits on file. */
function signatures(ctx: ClaimInFile): Boxes {
  const c = ctx.claim;
  const b: Boxes = {};
  if (c.releaseOfInfo === 'Y' || c.patientSignatureSource === 'P') b['12'] = 'SIGNATURE ON FILE';
  if (c.benefitsAssigned === 'Y') b['13'] = 'SIGNATURE ON FILE';
  return b;
}
