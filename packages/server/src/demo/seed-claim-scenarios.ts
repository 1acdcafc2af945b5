/**
 * The demo's claims that are not simple primary office visits, so a new user meets each kind issue 9 names:
 * a Medicare inpatient stay at the hospital (837I, type of bill 0111, POA on every diagnosis, an ICD-10-PCS
 * procedure, admitting diagnosis, attending and operating physicians), and after the cycle's 835s a
 * corrected (frequency 7) and a void (8) claim of paid claims. Medicaid children as subscribers, drug lines
 * with NDCs and secondary claims made from posted 835s come with the ordinary visits and the cycle.
 */
import type { Tx } from '../db/open-database.ts';
import { SYSTEM_ACTOR } from '../claims/claim-events.ts';
import { createClaimForEncounter } from '../claims/create-claims.ts';
import { createEncounter, replaceCoding } from '../coding/create-encounter.ts';
import { loadEncounterCodes } from '../coding/encounter-codes.ts';
import { createReplacementClaim } from '../claims/replace-claim.ts';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysBefore = (now: Date, days: number) => iso(new Date(now.getTime() - days * 86_400_000));

/** A four-night stay for pneumonia with a bronchoscopy, billed by the hospital to Medicare Part A. */
export async function seedHospitalStay(tx: Tx, tenantId: number, now: Date): Promise<number | null> {
  const hospital = await tx
    .selectFrom('practice')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('facility_taxonomy', 'like', '28%')
    .orderBy('id')
    .executeTakeFirst();
  if (!hospital) return null;
  const doctors = await tx
    .selectFrom('provider')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('practice_id', '=', hospital.id)
    .orderBy('id')
    .execute();
  const patient = await tx
    .selectFrom('coverage as c')
    .innerJoin('payer as y', (j) => j.onRef('y.tenant_id', '=', 'c.tenant_id').onRef('y.id', '=', 'c.payer_id'))
    .select('c.patient_id')
    .where('c.tenant_id', '=', tenantId)
    .where('c.coverage_order', '=', 1)
    .where('y.claim_filing_indicator', 'in', ['MA', 'MB'])
    .orderBy('c.patient_id', 'desc')
    .executeTakeFirst();
  if (!patient || doctors.length < 2) return null;
  const [admitted, bronchoscopy, discharged] = [daysBefore(now, 24), daysBefore(now, 23), daysBefore(now, 20)];
  const reason = 'inpatient revenue line: charge from the hospital chargemaster';
  const encounterId = await createEncounter(tx, tenantId, {
    patientId: patient.patient_id,
    practiceId: hospital.id,
    renderingProviderId: doctors[0]!.id, // attending
    kind: 'institutional',
    placeOfService: '21',
    serviceDateFrom: admitted,
    serviceDateTo: discharged,
    noteText:
      'Admitted from the emergency department with fever, productive cough and shortness of breath; chest film shows a right lower lobe infiltrate. Known heart failure and type 2 diabetes; hyperglycemia developed on day 2. Bronchoscopy on day 2. Discharged home on day 5.',
    institutional: {
      typeOfBill: '0111',
      admissionDate: admitted,
      admissionHour: '14',
      admissionType: '1',
      admissionSource: '7',
      patientStatus: '01',
      dischargeHour: '11',
      admittingDiagnosis: 'R0602',
      procedures: [{ code: '0BJ08ZZ', date: bronchoscopy }],
      operatingProviderId: doctors[1]!.id,
    },
    diagnoses: ['J189', 'I509', 'E1165'],
    diagnosisPoa: ['Y', 'Y', 'N'],
    lines: [
      { procedureCode: '', revenueCode: '0120', units: 4, chargeCents: 720000, chargeOverrideReason: reason },
      { procedureCode: '', revenueCode: '0250', units: 1, chargeCents: 48500, chargeOverrideReason: reason },
      { procedureCode: '', revenueCode: '0324', units: 1, chargeCents: 26000, chargeOverrideReason: reason },
      { procedureCode: '', revenueCode: '0450', units: 1, chargeCents: 95000, chargeOverrideReason: reason },
    ].map((l) => ({ ...l, diagnosisPointers: [1], serviceDate: admitted })),
  });
  return createClaimForEncounter(tx, tenantId, encounterId, SYSTEM_ACTOR);
}

/**
 * After the cycle: a paid office visit of the cycle's claims (`among`) is corrected (a line pointed at fewer of its diagnoses than it should;
 * the replacement points at each) and another paid one is voided. Returns the new claims, drafts to scrub and send.
 */
export async function seedCorrections(tx: Tx, tenantId: number, among: number[]): Promise<number[]> {
  const paid = await tx
    .selectFrom('claim as c')
    .innerJoin('coverage as cv', (j) =>
      j.onRef('cv.tenant_id', '=', 'c.tenant_id').onRef('cv.id', '=', 'c.coverage_id'),
    )
    .select(['c.id', 'c.encounter_id'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.state', '=', 'paid')
    .where('c.kind', '=', 'professional')
    .where('c.frequency_code', '=', '1')
    .where('c.payer_claim_number', 'is not', null)
    .where('cv.coverage_order', '=', 1)
    .where('c.id', 'in', among.length ? among : [-1])
    .orderBy('c.id')
    .execute();
  const made: number[] = [];
  let corrected: number | null = null;
  for (const claim of paid) {
    const coding = await codingOf(tx, tenantId, claim.encounter_id);
    const all = coding.diagnoses.slice(0, 4).map((_, i) => i + 1);
    const at = coding.lines.findIndex((l) => l.diagnosisPointers.length < all.length);
    if (at < 0) continue;
    const replacement = await createReplacementClaim(
      tx,
      tenantId,
      claim.id,
      '7',
      SYSTEM_ACTOR,
      `line ${at + 1} points at diagnoses ${all.join(', ')}, not ${coding.lines[at]!.diagnosisPointers.join(', ')} only`,
    );
    await replaceCoding(
      tx,
      tenantId,
      claim.encounter_id,
      { ...coding, lines: coding.lines.map((l, i) => (i === at ? { ...l, diagnosisPointers: all } : l)) },
      SYSTEM_ACTOR,
    );
    made.push(replacement.claimId);
    corrected = claim.id;
    break;
  }
  const toVoid = paid.findLast((c) => c.id !== corrected);
  if (toVoid) {
    const voided = await createReplacementClaim(
      tx,
      tenantId,
      toVoid.id,
      '8',
      SYSTEM_ACTOR,
      'billed under the wrong patient; the visit is billed again on the right account',
      'write_off',
    );
    made.push(voided.claimId);
  }
  return made;
}

/** The encounter's coding as a replacement claim takes it back (as its page shows it, each line's charge kept). */
async function codingOf(tx: Tx, tenantId: number, encounterId: number) {
  const { diagnoses, diagnosisPoa, lines } = await loadEncounterCodes(tx, tenantId, encounterId);
  return {
    diagnoses,
    diagnosisPoa,
    lines: lines.map((l) => ({
      procedureCode: l.procedureCode,
      modifiers: l.modifiers,
      units: Number(l.units),
      chargeCents: Number(l.chargeCents),
      chargeOverrideReason: l.chargeOverrideReason ?? 'as billed on the original claim',
      diagnosisPointers: l.diagnosisPointers,
      serviceDate: l.serviceDate,
      revenueCode: l.revenueCode,
      ndc: l.ndc,
      ndcQuantity: l.ndcQuantity === null ? null : Number(l.ndcQuantity),
      ndcUnit: l.ndcUnit,
    })),
  };
}
