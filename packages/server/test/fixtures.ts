/**
 * A tenant with one user per role and a full set of registration records, made directly in the
 * database: the cast every server test works with.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDemoCatalog } from '@medbill/codes';
import { defaultClaimServices } from '../src/claims/claim-services.ts';
import { codesServiceFrom } from '../src/codes/codes-service.ts';
import { makeNpi } from '@medbill/core';
import { hashPassword } from '../src/auth/password.ts';
import { ROLES, type Role } from '../src/auth/permissions.ts';
import { listMigrations } from '../src/db/migrate.ts';
import { withTenant, type Store } from '../src/db/open-database.ts';

export const TEST_PASSWORD = 'correct-horse-battery';
let hash: Promise<string> | null = null;

export interface TenantFixture {
  tenantId: number;
  slug: string;
  /** `login` is what a log-in types: `slug/username` (user names are unique per tenant only) */
  users: Record<Role, { id: number; username: string; login: string }>;
  practiceId: number;
  providerId: number;
  payerId: number;
  guarantorId: number;
  patientId: number;
  coverageId: number;
  encounterId: number;
  claimId: number;
  clearinghouseId: number;
  batchId: number;
  ediFileId: number;
  feeScheduleId: number;
}

/** Coded encounters of a tenant's fixture patient, one a day from `firstDay`: each note with its diagnoses, in its state. */
export async function insertCodedEncounters(
  store: Store,
  t: TenantFixture,
  notes: ReadonlyArray<{ text: string; codes: readonly string[]; status?: 'to_code' | 'coded' | 'billed' }>,
  firstDay = '2026-02-01',
): Promise<void> {
  const day0 = Date.parse(`${firstDay}T00:00:00Z`);
  await withTenant(store.db, t.tenantId, async (tx) => {
    for (const [i, n] of notes.entries()) {
      const day = new Date(day0 + i * 86_400_000).toISOString().slice(0, 10);
      const e = await tx
        .insertInto('encounter')
        .values({
          tenant_id: t.tenantId,
          patient_id: t.patientId,
          practice_id: t.practiceId,
          rendering_provider_id: t.providerId,
          place_of_service: '11',
          service_date_from: day,
          service_date_to: day,
          note_text: n.text,
          status: n.status ?? 'coded',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [p, code] of n.codes.entries())
        await tx
          .insertInto('encounter_diagnosis')
          .values({ tenant_id: t.tenantId, encounter_id: e.id, position: p + 1, code })
          .execute();
    }
  });
}

export async function createTenantFixture(store: Store, label: string): Promise<TenantFixture> {
  hash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = await hash;
  const slug = `${label}-${crypto.randomBytes(3).toString('hex')}`;
  const tenant = await store.db
    .insertInto('tenant')
    .values({ name: `Tenant ${label}`, slug })
    .returning('id')
    .executeTakeFirstOrThrow();
  const tenantId = tenant.id;
  return withTenant(store.db, tenantId, async (tx) => {
    const users = {} as TenantFixture['users'];
    for (const role of ROLES) {
      const username = `${role}.${slug}`;
      const u = await tx
        .insertInto('app_user')
        .values({
          tenant_id: tenantId,
          username,
          display_name: `${role} of ${label}`,
          role,
          password_hash: passwordHash,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      users[role] = { id: u.id, username, login: `${slug}/${username}` };
      FIXTURE_TENANTS.set(username.toLowerCase(), slug);
    }
    const base = String(100000000 + Math.floor(Math.random() * 89999999));
    const practice = await tx
      .insertInto('practice')
      .values({
        tenant_id: tenantId,
        legal_name: `${label} Clinic`,
        npi: makeNpi(base.slice(0, 9)),
        tin: '741111111',
        taxonomy: '207Q00000X',
        phone: '5125550142',
        service_line1: '1 Main St',
        service_city: 'Austin',
        service_state: 'TX',
        service_zip: '78701',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const provider = await tx
      .insertInto('provider')
      .values({
        tenant_id: tenantId,
        practice_id: practice.id,
        npi: makeNpi(`1${base.slice(1, 9)}`),
        first_name: 'Pat',
        last_name: `Doctor${label}`,
        taxonomy: '207Q00000X',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const payer = await tx
      .insertInto('payer')
      .values({
        tenant_id: tenantId,
        name: `${label} Health`,
        payer_code: `P${label.toUpperCase().replace(/[^A-Z0-9]/g, '')}`,
        claim_filing_indicator: 'CI',
        timely_filing_days: 90,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const guarantor = await tx
      .insertInto('guarantor')
      .values({
        tenant_id: tenantId,
        first_name: 'Gina',
        last_name: `Guard${label}`,
        line1: '2 Oak St',
        city: 'Austin',
        state: 'TX',
        zip: '78701',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const patient = await tx
      .insertInto('patient')
      .values({
        tenant_id: tenantId,
        account_number: `T${tenantId}P1`,
        first_name: 'Quinn',
        last_name: `Sample${label}`,
        birth_date: '1980-02-29',
        sex: 'F',
        phone: '5125550111',
        line1: '3 Elm St',
        city: 'Austin',
        state: 'TX',
        zip: '78701',
        guarantor_id: guarantor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const coverage = await tx
      .insertInto('coverage')
      .values({
        tenant_id: tenantId,
        patient_id: patient.id,
        payer_id: payer.id,
        coverage_order: 1,
        member_id: 'MEM12345',
        relationship_code: '18',
        subscriber_first_name: 'Quinn',
        subscriber_last_name: `Sample${label}`,
        effective_date: '2025-01-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const encounter = await tx
      .insertInto('encounter')
      .values({
        tenant_id: tenantId,
        patient_id: patient.id,
        practice_id: practice.id,
        rendering_provider_id: provider.id,
        place_of_service: '11',
        service_date_from: '2026-11-02',
        service_date_to: '2026-11-02',
        note_text: `Visit of Sample${label}`,
        status: 'coded',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('encounter_diagnosis')
      .values({ tenant_id: tenantId, encounter_id: encounter.id, position: 1, code: 'E119' })
      .execute();
    await tx
      .insertInto('service_line')
      .values({
        tenant_id: tenantId,
        encounter_id: encounter.id,
        line_number: 1,
        procedure_code: '99213',
        units: 1,
        charge_cents: 15000,
        diagnosis_pointers: [1],
        service_date: '2026-11-02',
      })
      .execute();
    const clearinghouse = await tx
      .insertInto('clearinghouse')
      .values({
        tenant_id: tenantId,
        name: `${label} Clearinghouse`,
        transport: 'folder',
        submitter_id: 'SUB1',
        submitter_name: `${label} Billing`,
        receiver_id: 'RCV1',
        receiver_name: 'Receiver',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const file = await tx
      .insertInto('edi_file')
      .values({
        tenant_id: tenantId,
        direction: 'outbound',
        kind: '837P',
        file_name: `${label}.x12`,
        sha256: crypto
          .createHash('sha256')
          .update(label + tenantId)
          .digest('hex'),
        size_bytes: 3,
        content: `ISA ${label}`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const batch = await tx
      .insertInto('batch')
      .values({
        tenant_id: tenantId,
        clearinghouse_id: clearinghouse.id,
        payer_id: payer.id,
        kind: 'professional',
        interchange_control_number: 1,
        group_control_number: 1,
        claim_count: 1,
        total_charge_cents: 15000,
        file_id: file.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const feeSchedule = await tx
      .insertInto('fee_schedule')
      .values({ tenant_id: tenantId, practice_id: practice.id, name: `${label} fees`, effective_from: '2025-01-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const claim = await tx
      .insertInto('claim')
      .values({
        tenant_id: tenantId,
        claim_number: `T${tenantId}C1`,
        encounter_id: encounter.id,
        coverage_id: coverage.id,
        payer_id: payer.id,
        kind: 'professional',
        total_charge_cents: 15000,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      tenantId,
      slug,
      users,
      practiceId: practice.id,
      providerId: provider.id,
      payerId: payer.id,
      guarantorId: guarantor.id,
      patientId: patient.id,
      coverageId: coverage.id,
      encounterId: encounter.id,
      claimId: claim.id,
      clearinghouseId: clearinghouse.id,
      batchId: batch.id,
      ediFileId: file.id,
      feeScheduleId: feeSchedule.id,
    };
  });
}

type Injectable = {
  inject: (opts: any) => Promise<{
    statusCode: number;
    headers: Record<string, any>;
    body: string;
    json: () => any;
    cookies: Array<{ name: string; value: string }>;
  }>;
};

/** fixture user name → its tenant's slug, so `login(app, t.users.biller.username)` names the right office */
const FIXTURE_TENANTS = new Map<string, string>();

/** What a log-in types for a user name: `slug/username` for a fixture user, else the name as given. */
export function loginName(username: string): string {
  const slug = username.includes('/') ? undefined : FIXTURE_TENANTS.get(username.toLowerCase());
  return slug ? `${slug}/${username}` : username;
}

/** Logs in through the API and returns a cookie header for later requests. */
export async function login(app: Injectable, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: loginName(username), password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((k) => k.name === 'medbill_session');
  return `medbill_session=${c!.value}`;
}

export const auditKeyForTests = () => crypto.randomBytes(32);

/** Everything buildApp needs for tests, with claims services writing under a temp folder. */
export function testDeps(
  store: Store,
  extra: Partial<Parameters<typeof import('../src/http/app.ts').buildApp>[0]> = {},
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medbill-test-'));
  const codes = codesServiceFrom(createDemoCatalog(), true);
  return {
    store,
    db: store.db,
    auditKey: auditKeyForTests(),
    schemaVersion: listMigrations().at(-1)!.version,
    codes,
    claims: defaultClaimServices(dir, { coding: codes.check }),
    // no payer answers in these tests: an eligibility check sends and returns
    eligibilityWaitMs: 0,
    strictResponses: true,
    ...extra,
  };
}
