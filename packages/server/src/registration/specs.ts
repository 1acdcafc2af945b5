/** The six registration records and how each is listed, searched, audited and expanded. */
import {
  coverageList,
  coverageRecord,
  guarantorList,
  guarantorRecord,
  patientDetail,
  patientList,
  patientRecord,
  payerList,
  payerRecord,
  practiceList,
  practiceRecord,
  providerList,
  providerRecord,
} from '@medbill/api';
import { sql } from 'kysely';
import type { Tx } from '../db/open-database.ts';
import { z } from 'zod';
import { toCamel } from '../db/case.ts';
import {
  coverageCreate,
  coveragePatch,
  guarantorCreate,
  patientCreate,
  payerCreate,
  practiceCreate,
  providerCreate,
} from './entities.ts';
import { type EntitySpec, escapeLike } from './entity-spec.ts';
import { id } from './fields.ts';
import { patientSearchFilter } from './patient-search.ts';
import { checkCoverageForPayer } from './coverage-rules.ts';

export const practiceSpec: EntitySpec = {
  record: practiceRecord,
  list: practiceList,
  table: 'practice',
  path: '/api/practices',
  label: 'Practice',
  tag: 'registration',
  phi: false,
  dataCategory: 'practice',
  read: 'practice:read',
  write: 'practice:write',
  create: practiceCreate,
  patch: practiceCreate.partial(),
  filters: { q: z.string().trim().max(100).optional() },
  applyFilters: (q, f) => (f.q ? q.where(sql`lower(legal_name)`, 'like', `%${escapeLike(f.q.toLowerCase())}%`) : q),
  orderBy: ['legal_name'],
};

export const providerSpec: EntitySpec = {
  record: providerRecord,
  list: providerList,
  table: 'provider',
  path: '/api/providers',
  label: 'Provider',
  tag: 'registration',
  phi: false,
  dataCategory: 'provider',
  read: 'practice:read',
  write: 'practice:write',
  create: providerCreate,
  patch: providerCreate.partial(),
  filters: { practiceId: id.optional() },
  applyFilters: (q, f) => (f.practiceId ? q.where('practice_id', '=', f.practiceId) : q),
  orderBy: ['last_name', 'first_name'],
};

export const payerSpec: EntitySpec = {
  record: payerRecord,
  list: payerList,
  table: 'payer',
  path: '/api/payers',
  label: 'Payer',
  tag: 'registration',
  phi: false,
  dataCategory: 'payer',
  read: 'payer:read',
  write: 'payer:write',
  create: payerCreate,
  patch: payerCreate.partial(),
  filters: { q: z.string().trim().max(100).optional() },
  applyFilters: (q, f) =>
    f.q
      ? q.where((eb: any) =>
          eb.or([eb(sql`lower(name)`, 'like', `%${escapeLike(f.q.toLowerCase())}%`), eb('payer_code', '=', f.q)]),
        )
      : q,
  orderBy: ['name'],
};

export const guarantorSpec: EntitySpec = {
  record: guarantorRecord,
  list: guarantorList,
  table: 'guarantor',
  path: '/api/guarantors',
  label: 'Guarantor',
  tag: 'patients',
  phi: true,
  dataCategory: 'demographics',
  read: 'patient:read',
  write: 'patient:write',
  create: guarantorCreate,
  patch: guarantorCreate.partial(),
  filters: { q: z.string().trim().max(100).optional() },
  applyFilters: (q, f) => (f.q ? q.where(sql`lower(last_name)`, 'like', `${escapeLike(f.q.toLowerCase())}%`) : q),
  orderBy: ['last_name', 'first_name'],
  patientsOf: guarantorPatients,
};

export const coverageSpec: EntitySpec = {
  record: coverageRecord,
  list: coverageList,
  table: 'coverage',
  path: '/api/coverages',
  label: 'Coverage',
  tag: 'patients',
  phi: true,
  dataCategory: 'insurance',
  read: 'patient:read',
  write: 'patient:write',
  create: coverageCreate,
  patch: coveragePatch,
  filters: { patientId: id.optional() },
  applyFilters: (q, f) => (f.patientId ? q.where('patient_id', '=', f.patientId) : q),
  orderBy: ['patient_id', 'coverage_order'],
  patientsOf: async (_tx, _tenantId, rows) => new Map(rows.map((r) => [r.id, [r.patient_id as number]])),
  check: checkCoverageForPayer,
};

export const patientSpec: EntitySpec = {
  record: patientRecord,
  list: patientList,
  detail: patientDetail,
  table: 'patient',
  path: '/api/patients',
  label: 'Patient',
  tag: 'patients',
  phi: true,
  dataCategory: 'demographics',
  read: 'patient:read',
  write: 'patient:write',
  create: patientCreate,
  patch: patientCreate.partial(),
  filters: {
    q: z.string().trim().max(100).optional(),
    birthDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
      .optional(),
    accountNumber: z.string().trim().max(20).optional(),
  },
  applyFilters: patientSearchFilter,
  orderBy: ['last_name', 'first_name', 'birth_date'],
  patientsOf: async (_tx, _tenantId, rows) => new Map(rows.map((r) => [r.id, [r.id]])),
  beforeCreate: assignAccountNumber,
  expand: patientRelations,
};

/** The patients a guarantor answers for (a parent for several children, say). */
async function guarantorPatients(
  tx: Tx,
  tenantId: number,
  rows: Array<{ id: number }>,
): Promise<Map<number, number[]>> {
  const links = await tx
    .selectFrom('patient')
    .select(['id', 'guarantor_id'])
    .where('tenant_id', '=', tenantId)
    .where(
      'guarantor_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('id')
    .execute();
  const out = new Map<number, number[]>(rows.map((r) => [r.id, []]));
  for (const l of links) out.get(l.guarantor_id!)?.push(l.id);
  return out;
}

/** New patients get the next account number A000123 from the patient id unless one is given. */
async function assignAccountNumber(tx: Tx, _tenantId: number, values: Record<string, unknown>) {
  if (values.account_number) return values;
  const { rows } = await sql<{
    id: number;
  }>`SELECT nextval(pg_get_serial_sequence('patient', 'id'))::bigint AS id`.execute(tx);
  const nextId = rows[0].id;
  return { ...values, id: nextId, account_number: `A${String(nextId).padStart(6, '0')}` };
}

async function patientRelations(tx: Tx, tenantId: number, row: Record<string, unknown>) {
  const coverages = await tx
    .selectFrom('coverage as c')
    .innerJoin('payer as p', (j) => j.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.id', '=', 'c.payer_id'))
    .selectAll('c')
    .select(['p.name as payer_name', 'p.payer_code as payer_code'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.patient_id', '=', row.id as number)
    .orderBy('c.coverage_order')
    .orderBy('c.effective_date', 'desc')
    .execute();
  const guarantor = row.guarantor_id
    ? await tx
        .selectFrom('guarantor')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', row.guarantor_id as number)
        .executeTakeFirst()
    : undefined;
  return { coverages: coverages.map(toCamel), guarantor: guarantor ? toCamel(guarantor) : null };
}

export const REGISTRATION_SPECS = [practiceSpec, providerSpec, payerSpec, guarantorSpec, patientSpec, coverageSpec];
