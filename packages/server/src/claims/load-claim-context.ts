/** Loads everything one claim needs from the database into the core's ClaimContext (load, then map). */
import type { ClaimContext, ContextProvider } from '@medbill/core';
import type { Tx } from '../db/open-database.ts';
import { notFound } from '../http/errors.ts';

const PRIOR_STATES = ['batched', 'submitted', 'accepted', 'acknowledged', 'adjudicated', 'closed', 'appealed'];

export async function loadClaimContext(tx: Tx, tenantId: number, claimId: number): Promise<ClaimContext> {
  const claim = await tx.selectFrom('claim').selectAll().where('tenant_id', '=', tenantId).where('id', '=', claimId).executeTakeFirst();
  if (!claim) throw notFound('Claim');
  const t = (table: 'encounter' | 'patient' | 'practice' | 'coverage' | 'payer' | 'provider', id: number) =>
    tx.selectFrom(table).selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirstOrThrow() as Promise<any>;
  const enc = await t('encounter', claim.encounter_id);
  const [patient, practice, coverage, payer, rendering] = await Promise.all([
    t('patient', enc.patient_id), t('practice', enc.practice_id), t('coverage', claim.coverage_id), t('payer', claim.payer_id), t('provider', enc.rendering_provider_id),
  ]);
  const referring = enc.referring_provider_id ? await t('provider', enc.referring_provider_id) : null;
  const diagnoses = await tx.selectFrom('encounter_diagnosis').select('code').where('tenant_id', '=', tenantId).where('encounter_id', '=', enc.id).orderBy('position').execute();
  const lines = await tx.selectFrom('service_line').selectAll().where('tenant_id', '=', tenantId).where('encounter_id', '=', enc.id).orderBy('line_number').execute();
  const prior = await tx
    .selectFrom('claim as c')
    .innerJoin('encounter as e', (j) => j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'))
    .innerJoin('service_line as l', (j) => j.onRef('l.tenant_id', '=', 'e.tenant_id').onRef('l.encounter_id', '=', 'e.id'))
    .innerJoin('provider as p', (j) => j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.rendering_provider_id'))
    .select(['c.claim_number', 'l.service_date', 'l.procedure_code', 'l.modifiers', 'p.npi'])
    .where('c.tenant_id', '=', tenantId)
    .where('e.patient_id', '=', patient.id)
    .where('c.id', '<>', claim.id)
    .where('c.encounter_id', '<>', enc.id)
    .where('c.state', 'in', PRIOR_STATES)
    .execute();
  const provider = (p: any): ContextProvider => ({ npi: p.npi, firstName: p.first_name, lastName: p.last_name, credential: p.credential, taxonomy: p.taxonomy });
  const addr = (o: any, prefix = '') => ({ line1: o[`${prefix}line1`], line2: o[`${prefix}line2`], city: o[`${prefix}city`], state: o[`${prefix}state`], zip: o[`${prefix}zip`] });
  return {
    claimNumber: claim.claim_number,
    kind: claim.kind as ClaimContext['kind'],
    frequencyCode: claim.frequency_code as ClaimContext['frequencyCode'],
    originalPayerClaimNumber: claim.original_payer_claim_number,
    practice: { legalName: practice.legal_name, npi: practice.npi, tin: practice.tin, taxonomy: practice.taxonomy, phone: practice.phone, address: addr(practice, 'service_'), payTo: practice.pay_to_line1 ? addr(practice, 'pay_to_') : null },
    rendering: provider(rendering),
    referring: referring ? provider(referring) : null,
    patient: { id: patient.id, accountNumber: patient.account_number, firstName: patient.first_name, middleName: patient.middle_name, lastName: patient.last_name, birthDate: patient.birth_date, sex: patient.sex, address: addr(patient) },
    coverage: {
      id: coverage.id, coverageOrder: coverage.coverage_order, memberId: coverage.member_id, groupNumber: coverage.group_number, relationshipCode: coverage.relationship_code,
      subscriberFirstName: coverage.subscriber_first_name, subscriberLastName: coverage.subscriber_last_name, subscriberBirthDate: coverage.subscriber_birth_date, subscriberSex: coverage.subscriber_sex,
      effectiveDate: coverage.effective_date, endDate: coverage.end_date,
    },
    payer: { id: payer.id, name: payer.name, payerCode: payer.payer_code, claimFilingIndicator: payer.claim_filing_indicator, timelyFilingDays: payer.timely_filing_days, address: payer.line1 ? addr(payer) : null },
    placeOfService: enc.place_of_service,
    serviceDateFrom: enc.service_date_from,
    serviceDateTo: enc.service_date_to,
    priorAuthorization: enc.prior_authorization,
    diagnoses: diagnoses.map((d) => d.code),
    lines: lines.map((l) => ({ lineNumber: l.line_number, procedureCode: l.procedure_code, modifiers: l.modifiers, units: l.units, chargeCents: l.charge_cents, diagnosisPointers: l.diagnosis_pointers, serviceDate: l.service_date, revenueCode: l.revenue_code })),
    institutional: enc.institutional ?? null,
    priorLines: prior.map((p) => ({ claimNumber: p.claim_number, serviceDate: p.service_date, procedureCode: p.procedure_code, modifiers: p.modifiers, renderingNpi: p.npi })),
  };
}
