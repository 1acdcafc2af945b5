/** Everything the 837 implementation guide requires, checked before the claim leaves (005010X222A1/X223A2). */
import { normalizeZip } from '../../validation/identifiers.ts';
import { npiProblem } from '../../validation/npi.ts';
import { isIsoDate } from '../../validation/dates.ts';
import { totalChargeCents, type ClaimToBill } from '../claim-context.ts';
import { edit, type ScrubEdit, type ScrubRuleId } from './scrub-types.ts';

const GUIDE = '837 implementation guide';
const PROCEDURE = /^([0-9]{4}[0-9FTU]|[A-V][0-9]{4})$/;
const MODIFIER = /^[0-9A-Z]{2}$/;

export function checkCompleteness(ctx: ClaimToBill): ScrubEdit[] {
  const out: ScrubEdit[] = [];
  const need = (ok: unknown, ruleId: ScrubRuleId, field: string, message: string) => {
    if (!ok) out.push(edit(ruleId, field, message, GUIDE));
  };
  const npi = (value: string | undefined, field: string, who: string) => {
    const p = value ? npiProblem(value) : 'format';
    if (p)
      out.push(
        edit(
          'npi-invalid',
          field,
          `${who} NPI ${value ?? '(none)'} is not valid (${p === 'format' ? '10 digits starting with 1 or 2' : 'check digit fails'})`,
          GUIDE,
        ),
      );
  };
  npi(ctx.practice.npi, 'practice.npi', 'The billing provider');
  npi(ctx.rendering.npi, 'rendering.npi', 'The rendering provider');
  if (ctx.referring) npi(ctx.referring.npi, 'referring.npi', 'The referring provider');
  need(
    /^\d{9}$/.test(ctx.practice.tin),
    'tin-missing',
    'practice.tin',
    'The billing provider needs a 9-digit tax ID (REF*EI)',
  );
  need(
    /^[0-9A-Z]{9}X$/.test(ctx.practice.taxonomy),
    'taxonomy-missing',
    'practice.taxonomy',
    'The billing provider needs a taxonomy code (PRV03)',
  );
  const zip = normalizeZip(ctx.practice.address.zip);
  need(
    zip.ok && zip.zip.length === 9,
    'billing-zip4',
    'practice.serviceZip',
    'The billing provider address needs a 9-digit ZIP+4 (2010AA N403)',
  );
  need(
    ctx.practice.address.line1 && !/^(p\.?\s*o\.?\s*box|lock\s*box)/i.test(ctx.practice.address.line1),
    'billing-address-pobox',
    'practice.serviceLine1',
    'The billing provider address must be a street address, not a PO box (use the pay-to address for a PO box)',
  );
  need(
    ctx.coverage.memberId?.trim(),
    'member-id-missing',
    'coverage.memberId',
    "The subscriber's member ID is missing",
  );
  need(ctx.payer.payerCode?.trim(), 'payer-id-missing', 'payer.payerCode', 'The payer ID (2010BB NM109) is missing');
  need(
    ctx.coverage.relationshipCode,
    'relationship-missing',
    'coverage.relationshipCode',
    "The patient's relationship to the subscriber is missing",
  );
  need(
    isIsoDate(ctx.patient.birthDate),
    'patient-dob',
    'patient.birthDate',
    "The patient's date of birth is missing or not a date",
  );
  if (isIsoDate(ctx.patient.birthDate) && ctx.patient.birthDate > ctx.serviceDateFrom)
    out.push(
      edit(
        'dob-after-dos',
        'patient.birthDate',
        `The patient's date of birth ${ctx.patient.birthDate} is after the date of service ${ctx.serviceDateFrom}: one of them is mistyped`,
        GUIDE,
      ),
    );
  need(
    ctx.patient.sex === 'F' || ctx.patient.sex === 'M' || ctx.patient.sex === 'U',
    'patient-sex',
    'patient.sex',
    "The patient's sex is missing",
  );
  need(
    ctx.patient.address.line1 && ctx.patient.address.city && ctx.patient.address.zip,
    'patient-address',
    'patient.line1',
    "The patient's address is incomplete",
  );
  need(
    /^\d{2}$/.test(ctx.placeOfService),
    'pos-invalid',
    'encounter.placeOfService',
    'The place of service must be a 2-digit CMS code',
  );
  need(ctx.diagnoses.length > 0, 'dx-none', 'diagnoses', 'The claim has no diagnosis');
  need(ctx.diagnoses.length <= 12, 'dx-too-many', 'diagnoses', 'A claim holds at most 12 diagnoses; split it');
  need(ctx.lines.length > 0, 'lines-none', 'lines', 'The claim has no service lines');
  need(
    ctx.lines.length <= (ctx.kind === 'professional' ? 50 : 999),
    'lines-too-many',
    'lines',
    'A professional claim holds at most 50 lines; split it',
  );
  if (ctx.kind === 'institutional')
    need(
      /^0?\d{3}$/.test(ctx.institutional?.typeOfBill ?? ''),
      'type-of-bill',
      'encounter.institutional.typeOfBill',
      'An institutional claim needs a type of bill (e.g. 0131)',
    );
  ctx.lines.forEach((l, i) => {
    out.push(...checkLine(ctx, l, i));
  });
  need(totalChargeCents(ctx) > 0, 'total-zero', 'lines', 'The total charge is zero');
  return out;
}

function checkLine(ctx: ClaimToBill, l: ClaimToBill['lines'][number], i: number): ScrubEdit[] {
  const out: ScrubEdit[] = [];
  const f = (name: string) => `lines[${i}].${name}`;
  const n = i + 1;
  // an institutional line may go with its revenue code alone (room and board); the revenue-code edit says when not
  if (!(ctx.kind === 'institutional' && l.procedureCode === '') && !PROCEDURE.test(l.procedureCode))
    out.push(
      edit(
        'procedure-format',
        f('procedureCode'),
        `Line ${n}: "${l.procedureCode}" is not a CPT or HCPCS code`,
        GUIDE,
        'error',
        l.procedureCode,
      ),
    );
  for (const m of l.modifiers)
    if (!MODIFIER.test(m))
      out.push(
        edit('modifier-format', f('modifiers'), `Line ${n}: modifier "${m}" must be 2 letters or digits`, GUIDE),
      );
  if (new Set(l.modifiers).size !== l.modifiers.length)
    out.push(edit('modifier-repeated', f('modifiers'), `Line ${n}: a modifier is listed twice`, GUIDE));
  if (!(l.units > 0)) out.push(edit('units-zero', f('units'), `Line ${n}: units must be at least 1`, GUIDE));
  if (!(l.chargeCents > 0)) out.push(edit('charge-zero', f('chargeCents'), `Line ${n}: the charge is zero`, GUIDE));
  if (ctx.kind === 'professional') {
    if (l.diagnosisPointers.length === 0)
      out.push(edit('pointer-missing', f('diagnosisPointers'), `Line ${n}: point to at least one diagnosis`, GUIDE));
    for (const p of l.diagnosisPointers) {
      if (p < 1 || p > ctx.diagnoses.length)
        out.push(
          edit(
            'pointer-range',
            f('diagnosisPointers'),
            `Line ${n}: pointer ${p} has no diagnosis (the claim has ${ctx.diagnoses.length})`,
            GUIDE,
          ),
        );
    }
  } else if (!/^\d{4}$/.test(l.revenueCode ?? ''))
    out.push(
      edit('revenue-code', f('revenueCode'), `Line ${n}: an institutional line needs a 4-digit revenue code`, GUIDE),
    );
  if (l.drug) out.push(...checkDrug(l.drug, i));
  if (l.serviceDate < ctx.serviceDateFrom || l.serviceDate > ctx.serviceDateTo)
    out.push(
      edit(
        'line-date-range',
        f('serviceDate'),
        `Line ${n}: the service date ${l.serviceDate} is outside the encounter's dates`,
        GUIDE,
      ),
    );
  return out;
}

const NDC_UNITS = new Set(['F2', 'GR', 'ME', 'ML', 'UN']);

/** 2410: the NDC in the 11-digit 5-4-2 form (no dashes), a quantity above zero and a CTP unit. */
function checkDrug(d: NonNullable<ClaimToBill['lines'][number]['drug']>, i: number): ScrubEdit[] {
  const out: ScrubEdit[] = [];
  const n = i + 1;
  if (!/^\d{11}$/.test(d.ndc))
    out.push(
      edit(
        'ndc-format',
        `lines[${i}].ndc`,
        /^\d{4,5}-\d{3,4}-\d{1,2}$/.test(d.ndc)
          ? `Line ${n}: NDC ${d.ndc} must be sent in the 11-digit 5-4-2 form without dashes: pad the short part with a leading zero (e.g. 0002-7597-01 → 00002759701)`
          : `Line ${n}: ${d.ndc} is not an NDC (11 digits, 5-4-2)`,
        GUIDE,
      ),
    );
  if (!(d.quantity > 0))
    out.push(edit('ndc-quantity', `lines[${i}].ndcQuantity`, `Line ${n}: the drug quantity must be above 0`, GUIDE));
  if (!NDC_UNITS.has(d.unit))
    out.push(edit('ndc-unit', `lines[${i}].ndcUnit`, `Line ${n}: the drug unit must be F2, GR, ME, ML or UN`, GUIDE));
  return out;
}
