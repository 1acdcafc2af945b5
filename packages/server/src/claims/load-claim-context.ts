/** Loads everything one claim needs from the database into the core's ClaimToBill (load, then map). */
import { SENT_STATES, type ClaimToBill, type ContextInstitutional, type ContextProvider } from '@medbill/core';
import type { Tx } from '../db/open-database.ts';
import { notFound } from '../app-error.ts';
import { loadOtherPayers } from './load-other-payers.ts';

export async function loadClaimContext(tx: Tx, tenantId: number, claimId: number): Promise<ClaimToBill> {
  const [ctx] = await loadClaimContexts(tx, tenantId, [claimId], { priorLines: true });
  if (!ctx) throw notFound('Claim');
  return ctx;
}

const provider = (p: any, prefix: string): ContextProvider => ({
  npi: p[`${prefix}npi`],
  firstName: p[`${prefix}first_name`],
  lastName: p[`${prefix}last_name`],
  credential: p[`${prefix}credential`],
  taxonomy: p[`${prefix}taxonomy`],
});
const addr = (o: any, prefix = '') => ({
  line1: o[`${prefix}line1`],
  line2: o[`${prefix}line2`],
  city: o[`${prefix}city`],
  state: o[`${prefix}state`],
  zip: o[`${prefix}zip`],
});

/**
 * Loads many claims with a fixed number of set-wise queries (claims with their parties, diagnoses,
 * lines, and — for scrubbing — what the same patients already had billed), in the order of `claimIds`.
 */
export async function loadClaimContexts(
  tx: Tx,
  tenantId: number,
  claimIds: number[],
  opts: { priorLines: boolean },
): Promise<ClaimToBill[]> {
  if (!claimIds.length) return [];
  const j = (a: string, b: string) => (jb: any) => jb.onRef(`${a}.tenant_id`, '=', `${b}.tenant_id`);
  const rows = await tx
    .selectFrom('claim as c')
    .innerJoin('encounter as e', (jb) => j('e', 'c')(jb).onRef('e.id', '=', 'c.encounter_id'))
    .innerJoin('patient as pt', (jb) => j('pt', 'e')(jb).onRef('pt.id', '=', 'e.patient_id'))
    .innerJoin('practice as pr', (jb) => j('pr', 'e')(jb).onRef('pr.id', '=', 'e.practice_id'))
    .innerJoin('coverage as cv', (jb) => j('cv', 'c')(jb).onRef('cv.id', '=', 'c.coverage_id'))
    .innerJoin('payer as py', (jb) => j('py', 'c')(jb).onRef('py.id', '=', 'c.payer_id'))
    .innerJoin('provider as rp', (jb) => j('rp', 'e')(jb).onRef('rp.id', '=', 'e.rendering_provider_id'))
    .leftJoin('provider as rf', (jb) => j('rf', 'e')(jb).onRef('rf.id', '=', 'e.referring_provider_id'))
    .select([
      'c.id as claim_id',
      'c.claim_number',
      'c.kind',
      'c.frequency_code',
      'c.original_payer_claim_number',
      'c.replaces_claim_id',
      'e.id as encounter_id',
      'e.place_of_service',
      'e.service_date_from',
      'e.service_date_to',
      'e.prior_authorization',
      'e.institutional',
      'pt.id as patient_id',
      'pt.account_number',
      'pt.first_name as pt_first_name',
      'pt.middle_name as pt_middle_name',
      'pt.last_name as pt_last_name',
      'pt.birth_date as pt_birth_date',
      'pt.sex as pt_sex',
      'pt.line1 as pt_line1',
      'pt.line2 as pt_line2',
      'pt.city as pt_city',
      'pt.state as pt_state',
      'pt.zip as pt_zip',
      'pr.legal_name',
      'pr.npi as pr_npi',
      'pr.tin',
      'pr.taxonomy as pr_taxonomy',
      'pr.phone as pr_phone',
      'pr.service_line1',
      'pr.service_line2',
      'pr.service_city',
      'pr.service_state',
      'pr.service_zip',
      'pr.pay_to_line1',
      'pr.pay_to_line2',
      'pr.pay_to_city',
      'pr.pay_to_state',
      'pr.pay_to_zip',
      'pr.facility_taxonomy',
      'pr.clia_number',
      'cv.id as coverage_id',
      'cv.coverage_order',
      'cv.member_id',
      'cv.group_number',
      'cv.relationship_code',
      'cv.subscriber_first_name',
      'cv.subscriber_last_name',
      'cv.subscriber_birth_date',
      'cv.subscriber_sex',
      'cv.effective_date',
      'cv.end_date',
      'cv.msp_type',
      'py.id as payer_id',
      'py.name as py_name',
      'py.payer_code',
      'py.claim_filing_indicator',
      'py.timely_filing_days',
      'py.line1 as py_line1',
      'py.line2 as py_line2',
      'py.city as py_city',
      'py.state as py_state',
      'py.zip as py_zip',
      'rp.npi as rp_npi',
      'rp.first_name as rp_first_name',
      'rp.last_name as rp_last_name',
      'rp.credential as rp_credential',
      'rp.taxonomy as rp_taxonomy',
      'rf.npi as rf_npi',
      'rf.first_name as rf_first_name',
      'rf.last_name as rf_last_name',
      'rf.credential as rf_credential',
      'rf.taxonomy as rf_taxonomy',
    ])
    .where('c.tenant_id', '=', tenantId)
    .where('c.id', 'in', claimIds)
    .execute();
  const encounterIds = [...new Set(rows.map((r) => r.encounter_id))];
  const dx = encounterIds.length
    ? await tx
        .selectFrom('encounter_diagnosis')
        .select(['encounter_id', 'code', 'poa'])
        .where('tenant_id', '=', tenantId)
        .where('encounter_id', 'in', encounterIds)
        .orderBy('encounter_id')
        .orderBy('position')
        .execute()
    : [];
  const lines = encounterIds.length
    ? await tx
        .selectFrom('service_line')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('encounter_id', 'in', encounterIds)
        .orderBy('encounter_id')
        .orderBy('line_number')
        .execute()
    : [];
  const others = await loadOtherPayers(
    tx,
    tenantId,
    rows.map((r) => ({
      claimId: r.claim_id,
      encounterId: r.encounter_id,
      patientId: r.patient_id,
      coverageId: r.coverage_id,
      coverageOrder: r.coverage_order,
      serviceDateFrom: r.service_date_from,
    })),
  );
  const surgeons = await institutionalProviders(tx, tenantId, rows);
  const replacedIds = rows.flatMap((r) => (r.replaces_claim_id ? [r.replaces_claim_id] : []));
  const replaced = new Map(
    replacedIds.length
      ? (
          await tx
            .selectFrom('claim')
            .select(['id', 'claim_number'])
            .where('tenant_id', '=', tenantId)
            .where('id', 'in', replacedIds)
            .execute()
        ).map((c) => [c.id, c.claim_number])
      : [],
  );
  const prior = opts.priorLines ? await priorLinesOf(tx, tenantId, [...new Set(rows.map((r) => r.patient_id))]) : [];
  const group = <T extends { encounter_id: number }>(list: T[]) =>
    list.reduce((m, x) => m.set(x.encounter_id, [...(m.get(x.encounter_id) ?? []), x]), new Map<number, T[]>());
  const dxBy = group(dx);
  const linesBy = group(lines);
  const byId = new Map(
    rows.map((r: any) => {
      const ctx: ClaimToBill = {
        claimNumber: r.claim_number,
        kind: r.kind,
        frequencyCode: r.frequency_code,
        originalPayerClaimNumber: r.original_payer_claim_number,
        replacesClaimNumber: r.replaces_claim_id ? (replaced.get(r.replaces_claim_id) ?? null) : null,
        practice: {
          legalName: r.legal_name,
          npi: r.pr_npi,
          tin: r.tin,
          taxonomy: r.pr_taxonomy,
          phone: r.pr_phone,
          address: addr(r, 'service_'),
          payTo: r.pay_to_line1 ? addr(r, 'pay_to_') : null,
          facilityTaxonomy: r.facility_taxonomy,
          cliaNumber: r.clia_number,
        },
        rendering: provider(r, 'rp_'),
        referring: r.rf_npi ? provider(r, 'rf_') : null,
        patient: {
          id: r.patient_id,
          accountNumber: r.account_number,
          firstName: r.pt_first_name,
          middleName: r.pt_middle_name,
          lastName: r.pt_last_name,
          birthDate: r.pt_birth_date,
          sex: r.pt_sex,
          address: addr(r, 'pt_'),
        },
        coverage: {
          id: r.coverage_id,
          coverageOrder: r.coverage_order,
          memberId: r.member_id,
          groupNumber: r.group_number,
          relationshipCode: r.relationship_code,
          subscriberFirstName: r.subscriber_first_name,
          subscriberLastName: r.subscriber_last_name,
          subscriberBirthDate: r.subscriber_birth_date,
          subscriberSex: r.subscriber_sex,
          effectiveDate: r.effective_date,
          endDate: r.end_date,
          mspType: r.msp_type,
        },
        payer: {
          id: r.payer_id,
          name: r.py_name,
          payerCode: r.payer_code,
          claimFilingIndicator: r.claim_filing_indicator,
          timelyFilingDays: r.timely_filing_days,
          address: r.py_line1 ? addr(r, 'py_') : null,
        },
        placeOfService: r.place_of_service,
        serviceDateFrom: r.service_date_from,
        serviceDateTo: r.service_date_to,
        priorAuthorization: r.prior_authorization,
        diagnoses: (dxBy.get(r.encounter_id) ?? []).map((d) => d.code),
        diagnosisPoa: (dxBy.get(r.encounter_id) ?? []).map((d) => d.poa),
        lines: (linesBy.get(r.encounter_id) ?? []).map((l) => ({
          lineNumber: l.line_number,
          procedureCode: l.procedure_code,
          modifiers: l.modifiers,
          units: l.units,
          chargeCents: l.charge_cents,
          diagnosisPointers: l.diagnosis_pointers,
          serviceDate: l.service_date,
          revenueCode: l.revenue_code,
          drug: l.ndc ? { ndc: l.ndc, quantity: Number(l.ndc_quantity ?? 1), unit: l.ndc_unit ?? 'UN' } : null,
        })),
        institutional: (r.institutional as ContextInstitutional | null) ?? null,
        operating: surgeons.get(`${r.encounter_id}|operating`) ?? null,
        otherOperating: surgeons.get(`${r.encounter_id}|other`) ?? null,
        otherPayers: others.get(r.claim_id) ?? [],
        priorLines: prior
          .filter((p) => p.patientId === r.patient_id && p.encounterId !== r.encounter_id)
          .map((p) => ({
            claimNumber: p.claimNumber,
            serviceDate: p.serviceDate,
            procedureCode: p.procedureCode,
            modifiers: p.modifiers,
            renderingNpi: p.renderingNpi,
          })),
      };
      return [r.claim_id as number, ctx];
    }),
  );
  return claimIds.map((id) => {
    const ctx = byId.get(id);
    if (!ctx) throw notFound(`Claim ${id}`);
    return ctx;
  });
}

/** Lines already billed (claims sent or beyond) for these patients: what the duplicate check compares against. */
async function priorLinesOf(tx: Tx, tenantId: number, patientIds: number[]) {
  if (!patientIds.length) return [];
  const rows = await tx
    .selectFrom('claim as c')
    .innerJoin('encounter as e', (jb) =>
      jb.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'),
    )
    .innerJoin('service_line as l', (jb) =>
      jb.onRef('l.tenant_id', '=', 'e.tenant_id').onRef('l.encounter_id', '=', 'e.id'),
    )
    .innerJoin('provider as p', (jb) =>
      jb.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.rendering_provider_id'),
    )
    .select([
      'c.claim_number',
      'e.id as encounter_id',
      'e.patient_id',
      'l.service_date',
      'l.procedure_code',
      'l.modifiers',
      'p.npi',
    ])
    .where('c.tenant_id', '=', tenantId)
    .where('e.patient_id', 'in', patientIds)
    .where('c.state', 'in', SENT_STATES)
    .execute();
  return rows.map((r) => ({
    claimNumber: r.claim_number,
    encounterId: r.encounter_id,
    patientId: r.patient_id,
    serviceDate: r.service_date,
    procedureCode: r.procedure_code,
    modifiers: r.modifiers,
    renderingNpi: r.npi,
  }));
}

/** 837I operating and other operating physicians named by id in the encounter's institutional details. */
async function institutionalProviders(tx: Tx, tenantId: number, rows: any[]): Promise<Map<string, ContextProvider>> {
  const wanted: Array<[string, number]> = [];
  for (const r of rows) {
    const inst = r.institutional as Record<string, unknown> | null;
    if (typeof inst?.operatingProviderId === 'number')
      wanted.push([`${r.encounter_id}|operating`, inst.operatingProviderId]);
    if (typeof inst?.otherOperatingProviderId === 'number')
      wanted.push([`${r.encounter_id}|other`, inst.otherOperatingProviderId]);
  }
  if (!wanted.length) return new Map();
  const found = await tx
    .selectFrom('provider')
    .select(['id', 'npi', 'first_name', 'last_name', 'credential', 'taxonomy'])
    .where('tenant_id', '=', tenantId)
    .where(
      'id',
      'in',
      wanted.map(([, id]) => id),
    )
    .execute();
  const byId = new Map(found.map((p) => [p.id, provider(p, '')]));
  return new Map(wanted.filter(([, id]) => byId.has(id)).map(([key, id]) => [key, byId.get(id)!]));
}
