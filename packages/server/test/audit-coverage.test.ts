/**
 * SECURITY.md C1/C2, walked over the route table: every route is classed as touching patient data or
 * not (an unclassed route fails this test); each patient-data route leaves an audit row with UTC
 * time, user, tenant, action, data category, address, outcome and the patient(s) concerned. A
 * guarantor's rows name every patient it answers for. When the audit write fails, no patient data is
 * served and no change is kept.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditAction } from '../src/audit/record-audit.ts';
import { withTenant, type Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { createTenantFixture, login, testDeps, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';
import { seedAccounts, type AccountSeed } from './accounts-seed.test-util.ts';
import { eraForNewClaim, remittanceByTrace, seedDenials, seedHeldEra, seedUnmatched } from './denial-seed.test-util.ts';
import {
  seedClaimDifference,
  seedUnmatchedLine,
  seedUnmatchedServices,
  type UnmatchedClaimSeed,
} from './unmatched-line-seed.test-util.ts';

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let t: TenantFixture;
let admin: string;
let siblingId: number;
let spareCoverageId: number;
let eligibilityCheckId: number;
let seed: AccountSeed;
/** a claim the payer holds (paid, with its claim number): what a replacement or void is made of */
let paidClaimId: number;
/** open denials of the fixture patient: read and noted, written off, transferred, replaced, appealed */
let denials: number[];
let remittanceId: number;
let heldEraId: number;
let newEra: string;
/** unmatched-worklist items: a claim number the payer keyed wrong (suggested: the fixture's), one for nobody */
let unmatched: { typo: number; nobody: number; claimId: number; patientId: number };
/** an 835 service line of a claim of the same patient that matched none of its lines, and the line it pays */
let unmatchedLine: { itemId: number; lineId: number };
/** the same patient's claim whose services matched none of its lines, and one whose lines leave a difference */
let unmatchedServices: UnmatchedClaimSeed;
let claimDifference: UnmatchedClaimSeed;

beforeAll(async () => {
  store = await openTestStore();
  const deps = testDeps(store);
  app = await buildApp(deps);
  t = await createTenantFixture(store, 'aud');
  denials = await seedDenials(store, t, 5, deps.auditKey);
  remittanceId = await remittanceByTrace(store, t);
  heldEraId = await seedHeldEra(store, t, deps.auditKey);
  newEra = await eraForNewClaim(store, t, 'AUDNEW1');
  unmatched = await seedUnmatched(store, t, deps.auditKey);
  unmatchedLine = await seedUnmatchedLine(store, t, deps.auditKey, {
    patientId: unmatched.patientId,
    noPatientShare: true,
  });
  unmatchedServices = await seedUnmatchedServices(store, t, deps.auditKey, {
    patientId: unmatched.patientId,
    noPatientShare: true,
  });
  claimDifference = await seedClaimDifference(store, t, deps.auditKey, {
    patientId: unmatched.patientId,
    noPatientShare: true,
  });
  await withTenant(store.db, t.tenantId, async (tx) => {
    // a second child of the same guarantor: guarantor rows concern both
    siblingId = (
      await tx
        .insertInto('patient')
        .values({
          tenant_id: t.tenantId,
          account_number: `T${t.tenantId}P2`,
          first_name: 'Robin',
          last_name: 'Siblingaud',
          birth_date: '2012-05-01',
          sex: 'M',
          line1: '3 Elm St',
          city: 'Austin',
          state: 'TX',
          zip: '78701',
          guarantor_id: t.guarantorId,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    spareCoverageId = (
      await tx
        .insertInto('coverage')
        .values({
          tenant_id: t.tenantId,
          patient_id: t.patientId,
          payer_id: t.payerId,
          coverage_order: 2,
          member_id: 'SPARE999',
          relationship_code: '18',
          subscriber_first_name: 'Quinn',
          subscriber_last_name: 'Sampleaud',
          effective_date: '2025-01-01',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    // on an encounter of its own: a paid claim keeps its encounter's coding as it is
    const paidEncounter = await tx
      .insertInto('encounter')
      .values({
        tenant_id: t.tenantId,
        patient_id: t.patientId,
        practice_id: t.practiceId,
        rendering_provider_id: t.providerId,
        place_of_service: '11',
        service_date_from: '2026-10-05',
        service_date_to: '2026-10-05',
        note_text: '',
        status: 'billed',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    paidClaimId = (
      await tx
        .insertInto('claim')
        .values({
          tenant_id: t.tenantId,
          claim_number: `T${t.tenantId}PAID`,
          encounter_id: paidEncounter.id,
          coverage_id: t.coverageId,
          payer_id: t.payerId,
          state: 'paid',
          payer_claim_number: '2631000555001',
          kind: 'professional',
          original_payer_claim_number: null,
          rejection_reason: null,
          scrubbed_at: null,
          batch_id: null,
          total_charge_cents: 15000,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  eligibilityCheckId = (
    await store.db
      .insertInto('eligibility_check')
      .values({
        tenant_id: t.tenantId,
        patient_id: t.patientId,
        coverage_id: t.coverageId,
        payer_id: t.payerId,
        practice_id: t.practiceId,
        clearinghouse_id: t.clearinghouseId,
        service_date: '2026-11-23',
        trace_number: 'EL-AUD-1',
        requested_by: 'aud',
        requested_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  seed = await seedAccounts(store, t);
  admin = await login(app, t.users.admin.username);
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

type Patients = 'fixture' | 'family' | 'none' | 'created' | 'ready' | 'unmatched';
interface PhiCase {
  url: () => string;
  body?: () => unknown;
  action: AuditAction;
  resourceType: string;
  /** which patient ids the audit rows carry */
  patients: Patients;
  /** the route answers with patient data (C2: must not be served without its audit row) */
  serves?: boolean;
}

const coding = {
  diagnoses: ['I10'],
  lines: [
    {
      procedureCode: '99213',
      units: 1,
      chargeCents: 15000,
      chargeOverrideReason: 'audit test',
      diagnosisPointers: [1],
    },
  ],
};

/** Every route that reads or changes patient data, with a call that exercises it. */
const PHI: Record<string, PhiCase> = {
  'GET /api/patients': {
    url: () => `/api/patients?q=Sampleaud`,
    action: 'query',
    resourceType: 'patient',
    patients: 'fixture',
    serves: true,
  },
  'POST /api/patients': {
    url: () => '/api/patients',
    body: () => ({
      firstName: 'New',
      lastName: 'Patientaud',
      birthDate: '1990-01-01',
      sex: 'F',
      line1: '1 A St',
      city: 'Austin',
      state: 'TX',
      zip: '78701',
    }),
    action: 'create',
    resourceType: 'patient',
    patients: 'created',
  },
  'GET /api/patients/:id': {
    url: () => `/api/patients/${t.patientId}`,
    action: 'read',
    resourceType: 'patient',
    patients: 'fixture',
    serves: true,
  },
  'PATCH /api/patients/:id': {
    url: () => `/api/patients/${t.patientId}`,
    body: () => ({ phone: `512555${String(Date.now()).slice(-4)}` }),
    action: 'update',
    resourceType: 'patient',
    patients: 'fixture',
    serves: true,
  },
  'GET /api/guarantors': {
    url: () => '/api/guarantors?q=Guardaud',
    action: 'query',
    resourceType: 'guarantor',
    patients: 'none',
    serves: true,
  },
  'POST /api/guarantors': {
    url: () => '/api/guarantors',
    body: () => ({ firstName: 'G', lastName: 'Newguard', line1: '1 A St', city: 'Austin', state: 'TX', zip: '78701' }),
    action: 'create',
    resourceType: 'guarantor',
    patients: 'none',
  },
  'GET /api/guarantors/:id': {
    url: () => `/api/guarantors/${t.guarantorId}`,
    action: 'read',
    resourceType: 'guarantor',
    patients: 'family',
    serves: true,
  },
  'PATCH /api/guarantors/:id': {
    url: () => `/api/guarantors/${t.guarantorId}`,
    body: () => ({ phone: `512556${String(Date.now()).slice(-4)}` }),
    action: 'update',
    resourceType: 'guarantor',
    patients: 'family',
    serves: true,
  },
  'GET /api/coverages': {
    url: () => `/api/coverages?patientId=${t.patientId}`,
    action: 'query',
    resourceType: 'coverage',
    patients: 'fixture',
    serves: true,
  },
  'POST /api/coverages': {
    url: () => '/api/coverages',
    body: () => ({
      patientId: t.patientId,
      payerId: t.payerId,
      coverageOrder: 3,
      memberId: 'NEW12345',
      relationshipCode: '18',
      subscriberFirstName: 'Q',
      subscriberLastName: 'S',
      effectiveDate: '2025-01-01',
    }),
    action: 'create',
    resourceType: 'coverage',
    patients: 'fixture',
  },
  'GET /api/coverages/:id': {
    url: () => `/api/coverages/${t.coverageId}`,
    action: 'read',
    resourceType: 'coverage',
    patients: 'fixture',
    serves: true,
  },
  'PATCH /api/coverages/:id': {
    url: () => `/api/coverages/${t.coverageId}`,
    body: () => ({ groupNumber: `G${String(Date.now()).slice(-5)}` }),
    action: 'update',
    resourceType: 'coverage',
    patients: 'fixture',
    serves: true,
  },
  'POST /api/coverages/:id/end': {
    url: () => `/api/coverages/${t.coverageId}/end`,
    body: () => ({ endDate: '2027-12-31' }),
    action: 'update',
    resourceType: 'coverage',
    patients: 'fixture',
    serves: true,
  },
  'DELETE /api/coverages/:id': {
    url: () => `/api/coverages/${spareCoverageId}`,
    action: 'delete',
    resourceType: 'coverage',
    patients: 'fixture',
  },
  'POST /api/encounters': {
    url: () => '/api/encounters',
    body: () => ({
      patientId: t.patientId,
      practiceId: t.practiceId,
      renderingProviderId: t.providerId,
      placeOfService: '11',
      serviceDateFrom: '2026-11-03',
      ...coding,
    }),
    action: 'create',
    resourceType: 'encounter',
    patients: 'fixture',
  },
  'GET /api/encounters': {
    url: () => `/api/encounters?patientId=${t.patientId}`,
    action: 'query',
    resourceType: 'encounter',
    // the list names the patients it returned (issue 8 item 11)
    patients: 'fixture',
    serves: true,
  },
  'GET /api/encounters/:id': {
    url: () => `/api/encounters/${t.encounterId}`,
    action: 'read',
    resourceType: 'encounter',
    patients: 'fixture',
    serves: true,
  },
  'PUT /api/encounters/:id/coding': {
    url: () => `/api/encounters/${t.encounterId}/coding`,
    body: () => coding,
    action: 'update',
    resourceType: 'encounter',
    patients: 'fixture',
  },
  'POST /api/encounters/:id/claims': {
    url: () => `/api/encounters/${t.encounterId}/claims`,
    body: () => ({}),
    action: 'create',
    resourceType: 'claim',
    patients: 'fixture',
  },
  'GET /api/claims': {
    url: () => `/api/claims?patientId=${t.patientId}`,
    action: 'query',
    resourceType: 'claim',
    patients: 'fixture', // a list names the patients it returns (the row's patient when there is one)
    serves: true,
  },
  'GET /api/claims/:id': {
    url: () => `/api/claims/${t.claimId}`,
    action: 'read',
    resourceType: 'claim',
    patients: 'fixture',
    serves: true,
  },
  'GET /api/claims/:id/pdf': {
    url: () => `/api/claims/${t.claimId}/pdf`,
    action: 'print',
    resourceType: 'claim',
    patients: 'fixture',
    serves: true,
  },
  'POST /api/claims/scrub': {
    url: () => '/api/claims/scrub',
    body: () => ({ claimIds: [t.claimId] }),
    action: 'update',
    resourceType: 'claim',
    patients: 'fixture',
  },
  'POST /api/claims/:id/replacement': {
    url: () => `/api/claims/${paidClaimId}/replacement`,
    body: () => ({ kind: 'void', reason: 'billed in error', disposition: 'rebill' }),
    action: 'create',
    resourceType: 'claim',
    patients: 'fixture',
  },
  'GET /api/claims/follow-up': {
    url: () => '/api/claims/follow-up',
    action: 'query',
    resourceType: 'claim',
    patients: 'none', // no claim of the fixture waits on its payer: the list is empty
    serves: true,
  },
  'POST /api/claims/status-inquiries': {
    url: () => '/api/claims/status-inquiries',
    body: () => ({ claimIds: [t.claimId], waitSeconds: 0 }),
    action: 'export',
    resourceType: 'claim_status_inquiry',
    patients: 'fixture',
  },
  'GET /api/claims/:id/status-inquiries': {
    url: () => `/api/claims/${t.claimId}/status-inquiries`,
    action: 'read',
    resourceType: 'claim_status_inquiry',
    patients: 'fixture',
    serves: true,
  },
  'GET /api/batches/:id': {
    url: () => `/api/batches/${t.batchId}`,
    action: 'read',
    resourceType: 'batch',
    patients: 'none',
    serves: true,
  }, // the fixture batch holds no claim
  'POST /api/batches': {
    url: () => '/api/batches',
    body: () => ({ clearinghouseId: t.clearinghouseId, claimIds: [t.claimId] }),
    action: 'create',
    resourceType: 'batch',
    patients: 'none',
  }, // the fixture claim is not ready, so no batch is made
  'POST /api/clearinghouses/:id/submit': {
    url: () => `/api/clearinghouses/${t.clearinghouseId}/submit`,
    body: () => ({ batchIds: [t.batchId] }),
    action: 'export',
    resourceType: 'batch',
    patients: 'none',
  },
  'POST /api/clearinghouses/:id/poll': {
    url: () => `/api/clearinghouses/${t.clearinghouseId}/poll`,
    body: () => ({}),
    action: 'create',
    resourceType: 'edi_file',
    patients: 'none',
  },
  'GET /api/edi-files/:id': {
    url: () => `/api/edi-files/${t.ediFileId}`,
    action: 'read',
    resourceType: 'edi_file',
    // this fixture's file holds no claim, so its read names no patient; audit-probes.test.ts checks that a
    // file with claims names its patients (issue 8 item 11)
    patients: 'none',
    serves: true,
  },
  // the audit log holds what changed in patients' records
  'GET /api/audit': {
    url: () => `/api/audit?patientId=${t.patientId}`,
    action: 'query',
    resourceType: 'audit_log',
    patients: 'fixture',
    serves: true,
  },
  'GET /api/audit/export': {
    url: () => `/api/audit/export?patientId=${t.patientId}`,
    action: 'export',
    resourceType: 'audit_log',
    patients: 'fixture',
    serves: true,
  },
  'POST /api/patients/:id/eligibility-checks': {
    url: () => `/api/patients/${t.patientId}/eligibility-checks`,
    body: () => ({ serviceDate: '2026-11-23' }),
    action: 'export',
    resourceType: 'eligibility_check',
    patients: 'fixture',
    serves: true,
  },
  'GET /api/patients/:id/eligibility-checks': {
    url: () => `/api/patients/${t.patientId}/eligibility-checks`,
    action: 'query',
    resourceType: 'eligibility_check',
    patients: 'fixture',
    serves: true,
  },
  'GET /api/eligibility-checks/:id': {
    url: () => `/api/eligibility-checks/${eligibilityCheckId}`,
    action: 'read',
    resourceType: 'eligibility_check',
    patients: 'fixture',
    serves: true,
  },
  'POST /api/coding/suggest': {
    url: () => '/api/coding/suggest',
    body: () => ({ encounterId: t.encounterId }),
    action: 'read',
    resourceType: 'encounter',
    patients: 'fixture',
    serves: true,
  },
  'POST /api/encounters/:id/suggestion-decisions': {
    url: () => `/api/encounters/${t.encounterId}/suggestion-decisions`,
    body: () => ({ code: 'I10', decision: 'rejected' }),
    action: 'update',
    resourceType: 'encounter',
    patients: 'fixture',
    serves: true,
  },
  'GET /api/coding/suggestion-decisions': {
    url: () => '/api/coding/suggestion-decisions',
    action: 'query',
    resourceType: 'code_suggestion_decision',
    patients: 'none',
    serves: true,
  },
  // learning from the office's coded notes reads every one: one row naming the encounters and patients it read
  'POST /api/coding/office-model': {
    url: () => '/api/coding/office-model',
    action: 'read',
    resourceType: 'encounter',
    patients: 'fixture',
  },
  'POST /api/patients/:id/contacts': {
    url: () => `/api/patients/${t.patientId}/contacts`,
    body: () => ({ channel: 'call', direction: 'outbound', outcome: 'left_message' }),
    action: 'create',
    resourceType: 'contact_log',
    patients: 'fixture',
    serves: true,
  },
  'GET /api/patients/:id/contacts': {
    url: () => `/api/patients/${t.patientId}/contacts`,
    action: 'query',
    resourceType: 'contact_log',
    patients: 'fixture',
    serves: true,
  },
  'GET /api/patients/:id/account': {
    url: () => `/api/patients/${t.patientId}/account`,
    action: 'read',
    resourceType: 'patient_account',
    patients: 'family',
    serves: true,
  },
  'POST /api/patients/:id/payment-plans': {
    url: () => `/api/patients/${t.patientId}/payment-plans`,
    body: () => ({ installments: 1, firstDueDate: '2030-01-01' }),
    action: 'create',
    resourceType: 'payment_plan',
    patients: 'family',
  },
  'POST /api/patients/:id/small-balance-write-off': {
    url: () => `/api/patients/${t.patientId}/small-balance-write-off`,
    body: () => ({}),
    action: 'create',
    resourceType: 'write_off',
    patients: 'family',
  },
  'POST /api/patients/:id/payments': {
    url: () => `/api/patients/${t.patientId}/payments`,
    body: () => ({ amountCents: 1000, method: 'cash' }),
    action: 'create',
    resourceType: 'patient_payment',
    patients: 'fixture',
    serves: true,
  },
  'POST /api/patients/:id/refund-requests': {
    url: () => `/api/patients/${t.patientId}/refund-requests`,
    body: () => ({ amountCents: 100, reason: 'overpaid' }),
    action: 'create',
    resourceType: 'refund_request',
    patients: 'fixture',
    serves: true,
  },
  'POST /api/refund-requests/:id/decision': {
    url: () => `/api/refund-requests/${seed.refundId}/decision`,
    body: () => ({ approve: false }),
    action: 'update',
    resourceType: 'refund_request',
    patients: 'fixture',
  },
  'POST /api/patients/:id/estimates': {
    url: () => `/api/patients/${t.patientId}/estimates`,
    body: () => ({ lines: [{ code: '99213' }], selfPay: true }),
    action: 'create',
    resourceType: 'patient_estimate',
    patients: 'fixture',
    serves: true,
  },
  'GET /api/patients/:id/estimates': {
    url: () => `/api/patients/${t.patientId}/estimates`,
    action: 'query',
    resourceType: 'patient_estimate',
    patients: 'fixture',
    serves: true,
  },
  'GET /api/estimates/:id': {
    url: () => `/api/estimates/${seed.estimateId}`,
    action: 'read',
    resourceType: 'patient_estimate',
    patients: 'fixture',
    serves: true,
  },
  'GET /api/estimates/:id/good-faith-estimate.pdf': {
    url: () => `/api/estimates/${seed.estimateId}/good-faith-estimate.pdf`,
    action: 'export',
    resourceType: 'patient_estimate',
    patients: 'fixture',
    serves: true,
  },
  'POST /api/statement-runs': {
    url: () => '/api/statement-runs',
    body: () => ({ asOf: '2026-11-23' }),
    action: 'print',
    resourceType: 'statement_run',
    patients: 'ready',
    // answers the run's counts and progress, no patient data; each batch's statements are stored in the
    // transaction that writes their audit row, so a failed audit keeps none of them
  },
  'GET /api/statement-runs/:id': {
    url: () => `/api/statement-runs/${seed.runId}`,
    action: 'read',
    resourceType: 'statement_run',
    patients: 'none',
    serves: true,
  },
  'GET /api/statement-runs/:id/print-vendor.csv': {
    url: () => `/api/statement-runs/${seed.runId}/print-vendor.csv`,
    action: 'export',
    resourceType: 'statement_run',
    patients: 'none',
    serves: true,
  },
  'GET /api/accounts/worklist': {
    url: () => '/api/accounts/worklist',
    action: 'query',
    resourceType: 'account_worklist',
    patients: 'none',
    serves: true,
  },
  'GET /api/statements/:id/pdf': {
    url: () => `/api/statements/${seed.statementId}/pdf`,
    action: 'print',
    resourceType: 'statement',
    patients: 'family',
    serves: true,
  },
  'GET /api/denials': {
    url: () => '/api/denials',
    action: 'query',
    resourceType: 'denial',
    patients: 'fixture',
    serves: true,
  },
  'GET /api/denials/:id': {
    url: () => `/api/denials/${denials[0]}`,
    action: 'read',
    resourceType: 'denial',
    patients: 'fixture',
    serves: true,
  },
  'PATCH /api/denials/:id': {
    url: () => `/api/denials/${denials[0]}`,
    body: () => ({ followUpOn: '2030-01-02' }),
    action: 'update',
    resourceType: 'denial',
    patients: 'fixture',
  },
  'POST /api/denials/:id/notes': {
    url: () => `/api/denials/${denials[0]}/notes`,
    body: () => ({ note: 'called the payer' }),
    action: 'update',
    resourceType: 'denial',
    patients: 'fixture',
  },
  'POST /api/denials/:id/write-off': {
    url: () => `/api/denials/${denials[1]}/write-off`,
    body: () => ({ reason: 'past the appeal limit' }),
    action: 'update',
    resourceType: 'denial',
    patients: 'fixture',
  },
  'POST /api/denials/:id/transfer-to-patient': {
    url: () => `/api/denials/${denials[2]}/transfer-to-patient`,
    body: () => ({ reason: 'signed waiver' }),
    action: 'update',
    resourceType: 'denial',
    patients: 'fixture',
  },
  'POST /api/denials/:id/replacement-claim': {
    url: () => `/api/denials/${denials[3]}/replacement-claim`,
    body: () => ({ kind: 'correct', reason: 'missing referral' }),
    action: 'update',
    resourceType: 'denial',
    patients: 'fixture',
  },
  'POST /api/denials/:id/appeal': {
    url: () => `/api/denials/${denials[4]}/appeal`,
    body: () => ({ argument: 'The referral was on file before the visit.' }),
    action: 'update',
    resourceType: 'denial',
    patients: 'fixture',
    serves: true,
  },
  'GET /api/remittances/:id': {
    url: () => `/api/remittances/${remittanceId}`,
    action: 'read',
    resourceType: 'remittance',
    patients: 'fixture',
    serves: true,
  },
  'POST /api/remittances': {
    url: () => '/api/remittances',
    body: () => ({ fileName: 'upload.835', text: newEra }),
    action: 'create',
    resourceType: 'edi_file',
    patients: 'fixture',
    serves: true,
  },
  'POST /api/remittances/:id/release': {
    url: () => `/api/remittances/${heldEraId}/release`,
    body: () => ({ action: 'post', reason: 'the payer confirmed the total by phone' }),
    action: 'update',
    resourceType: 'remittance',
    patients: 'fixture',
  },
  'GET /api/claims/:id/ledger': {
    url: () => `/api/claims/${t.claimId}/ledger`,
    action: 'read',
    resourceType: 'claim',
    patients: 'fixture',
    serves: true,
  },
  'GET /api/unmatched': {
    url: () => '/api/unmatched',
    action: 'read',
    resourceType: 'remittance_unmatched',
    patients: 'unmatched', // the patient of the suggested claim
    serves: true,
  },
  'POST /api/unmatched/:id/match': {
    url: () => `/api/unmatched/${unmatched.typo}/match`,
    body: () => ({ claimId: unmatched.claimId }),
    action: 'update',
    resourceType: 'remittance_unmatched',
    patients: 'unmatched',
    serves: true,
  },
  'POST /api/unmatched/:id/post-to-line': {
    url: () => `/api/unmatched/${unmatchedLine.itemId}/post-to-line`,
    body: () => ({ lineId: unmatchedLine.lineId }),
    action: 'update',
    resourceType: 'remittance_unmatched',
    patients: 'unmatched',
    serves: true,
  },
  'POST /api/unmatched/:id/post-services': {
    url: () => `/api/unmatched/${unmatchedServices.itemId}/post-services`,
    body: () => ({
      lines: [
        { svcIndex: 0, lineNumber: 1 },
        { svcIndex: 1, lineNumber: 2 },
      ],
    }),
    action: 'update',
    resourceType: 'remittance_unmatched',
    patients: 'unmatched',
    serves: true,
  },
  'POST /api/unmatched/:id/apply-difference': {
    url: () => `/api/unmatched/${claimDifference.itemId}/apply-difference`,
    body: () => ({ lines: [{ lineNumber: 2, amountCents: 800 }] }),
    action: 'update',
    resourceType: 'remittance_unmatched',
    patients: 'unmatched',
    serves: true,
  },
  'POST /api/unmatched/:id/dismiss': {
    url: () => `/api/unmatched/${unmatched.nobody}/dismiss`,
    body: () => ({ reason: 'not our patient: returned to the payer' }),
    action: 'update',
    resourceType: 'remittance_unmatched',
    patients: 'none', // the 835 names a patient we do not have
  },
  'GET /api/collections/worklist': {
    url: () => '/api/collections/worklist',
    action: 'query',
    resourceType: 'collections_worklist',
    patients: 'none',
    serves: true,
  },
  'POST /api/patients/:id/final-notice': {
    url: () => `/api/patients/${t.patientId}/final-notice`,
    body: () => ({}),
    action: 'update',
    resourceType: 'patient_account',
    patients: 'family',
  },
  'POST /api/collection-placements': {
    url: () => '/api/collection-placements',
    body: () => ({ agencyId: seed.agencyId, patientIds: [seed.readyPatientId] }),
    action: 'export',
    resourceType: 'collection_placement',
    patients: 'ready',
  },
  'POST /api/collection-placements/:id/recall': {
    url: () => `/api/collection-placements/${seed.placementId}/recall`,
    body: () => ({ reason: 'dispute' }),
    action: 'update',
    resourceType: 'collection_placement',
    patients: 'family',
  },
  'POST /api/collection-agencies/:id/reports': {
    url: () => `/api/collection-agencies/${seed.agencyId}/reports`,
    body: () => ({
      fileName: 'empty.csv',
      csv: 'record_type,placement_id,account_number,date,paid_amount,fee_amount,status,note',
    }),
    action: 'create',
    resourceType: 'agency_report',
    patients: 'none',
  },
  'POST /api/audit/verify': {
    url: () => '/api/audit/verify',
    body: () => ({}),
    action: 'verify',
    resourceType: 'audit_log',
    patients: 'none',
  },
};

/** Routes that touch no patient's data, each with the reason (reviewed; a new route must be put in one list). */
const NOT_PHI: Record<string, string> = {
  'GET /api/health': 'status only',
  'POST /api/auth/login': 'session; audited as login / login_failed',
  'POST /api/auth/logout': 'session; audited as logout',
  'GET /api/auth/me': 'the caller themself',
  'GET /api/auth/notice': 'no patient data: whether the demo office keeps two-step log-in off',
  'POST /api/auth/mfa/verify': 'second log-in step; audited as mfa_success / mfa_failure / mfa_recovery_used',
  'POST /api/auth/mfa/setup': 'second log-in step (enrolment when the tenant requires MFA); audited as mfa_enrol',
  'POST /api/auth/mfa/setup/confirm': 'second log-in step; audited as mfa_confirm',
  'GET /api/account/mfa': 'the caller themself',
  'POST /api/account/mfa/enrol': 'the caller themself; audited as mfa_enrol',
  'POST /api/account/mfa/confirm': 'the caller themself; audited as mfa_confirm',
  'POST /api/account/mfa/disable': 'the caller themself; audited as mfa_disable',
  'POST /api/account/mfa/recovery-codes': 'the caller themself; audited as mfa_recovery_codes',
  'POST /api/users/:id/mfa/reset': 'staff accounts; audited as mfa_reset',
  'PATCH /api/tenant/security': 'tenant setting; audited as update of the tenant',
  'GET /api/users': 'staff accounts',
  'POST /api/users': 'staff accounts; audited as privilege_change',
  'PATCH /api/users/:id': 'staff accounts; audited as privilege_change',
  'GET /api/practices': 'practice registration',
  'POST /api/practices': 'practice registration',
  'GET /api/practices/:id': 'practice registration',
  'PATCH /api/practices/:id': 'practice registration',
  'GET /api/providers': 'clinicians',
  'POST /api/providers': 'clinicians',
  'GET /api/providers/:id': 'clinicians',
  'PATCH /api/providers/:id': 'clinicians',
  'GET /api/payers': 'insurers',
  'GET /api/remittances': 'ERA headers: payer, trace, amounts and counts; no patient',
  'GET /api/payers/:id/contracts': "a payer's allowed amounts per code",
  'POST /api/payers/:id/contracts': "a payer's allowed amounts per code; audited as create",
  'GET /api/appeal-template': 'the letter template, no patient',
  'POST /api/appeal-template/preview': 'the template filled with a made-up example, no patient, nothing stored',
  'GET /api/payers/:id/contracts/:contractId': "a payer's allowed amounts per code",
  'PUT /api/payers/:id/contracts/:contractId/rates': "a payer's allowed amount for one code; audited as update",
  'GET /api/deposits': 'bank deposits and 835 headers, no patient; audited as query',
  'POST /api/deposits': 'a bank deposit, no patient; audited as create',
  'GET /api/deposits/reconciliation': 'bank deposits and 835 headers, no patient; audited as query',
  'POST /api/deposits/reconcile': 'bank deposits and 835 headers, no patient; audited as update',
  'PUT /api/appeal-template': 'the letter template, no patient; audited as update',
  'POST /api/payers': 'insurers',
  'GET /api/payers/:id': 'insurers',
  'PATCH /api/payers/:id': 'insurers',
  'GET /api/claims/summary': 'counts by state',
  'GET /api/clearinghouses': 'connection settings',
  'POST /api/clearinghouses': 'connection settings',
  'PUT /api/clearinghouses/:id/secret': 'connection secret (never sent back); audited as update of the clearinghouse',
  'GET /api/batches': 'batch totals by payer, no claim or patient',
  'GET /api/fee-schedules': 'prices',
  'GET /api/fee-schedules/:id': 'prices',
  'POST /api/fee-schedules': 'prices',
  'PUT /api/fee-schedules/:id/items': 'prices',
  'GET /api/codes/search': 'code sets',
  'POST /api/codes/check': 'code edits for an unnamed age and sex',
  'GET /api/codes/releases': 'code sets',
  'GET /api/codes/lookup': 'code sets',
  'GET /api/codes/diff': 'code sets',
  'GET /api/tenant': 'the office name',
  'GET /api/jobs': "progress of the office's own long work: file names and counts",
  'GET /api/coding/office-model':
    'whether suggestions are adapted to the office: counts of notes, codes and phrases learnt, when and by whom',
  'GET /api/inbound-quarantine': 'held files: names, sizes and reasons, never their content (audited as a read)',
  'POST /api/inbound-quarantine/:id/release':
    "takes a held file in; the file's own audit rows (intake) name the claims and patients it moved",
  'POST /api/inbound-quarantine/:id/discard': 'marks a held file discarded (audited); nothing read out of it',
  'GET /api/statement-runs': 'run dates, counts and progress, no patient',
  'GET /api/collection-agencies': 'agencies and the totals placed with each',
  'POST /api/collection-agencies': 'an agency the office signs with, no patient; audited as create',
};

const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
const call = (method: string, url: string, body?: unknown) =>
  app.inject({
    method: method as 'GET',
    url,
    payload: (body ?? (method === 'GET' ? undefined : {})) as object,
    headers: { cookie: admin },
  });
const headSeq = async () =>
  Number(
    (await store.db.selectFrom('audit_chain_head').select('seq').where('tenant_id', '=', t.tenantId).executeTakeFirst())
      ?.seq ?? 0,
  );

describe('audit coverage over the route table (C1)', () => {
  it('every route is classed as patient data or not', () => {
    const unclassed = app.routeTable.map(key).filter((k) => !(k in PHI) && !(k in NOT_PHI));
    expect(unclassed, 'class each new route in this test').toEqual([]);
    const gone = [...Object.keys(PHI), ...Object.keys(NOT_PHI)].filter(
      (k) => !app.routeTable.some((r) => key(r) === k),
    );
    expect(gone, 'routes listed here that no longer exist').toEqual([]);
  });

  it.each(Object.entries(PHI))(
    '%s leaves an audit row with who, when, what, which patient, from where and the outcome',
    async (route, c) => {
      const [method] = route.split(' ');
      const started = Date.now();
      const before = await headSeq();
      const res = await call(method, c.url(), c.body?.());
      expect(res.statusCode, `${route}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
      const rows = await store.db
        .selectFrom('audit_event')
        .selectAll()
        .where('tenant_id', '=', t.tenantId)
        .where('seq', '>', before)
        .where('action', '=', c.action)
        .where('resource_type', '=', c.resourceType)
        .orderBy('seq')
        .execute();
      expect(rows.length, route).toBeGreaterThanOrEqual(1);
      for (const row of rows) {
        expect(row).toMatchObject({
          tenant_id: t.tenantId,
          user_id: t.users.admin.id,
          username: t.users.admin.username,
          source_ip: '127.0.0.1',
          outcome: 'success',
        });
        const at = new Date(row.occurred_at).getTime();
        expect(at).toBeGreaterThanOrEqual(started - 1000);
        expect(at).toBeLessThanOrEqual(Date.now() + 1000);
        if (c.resourceType !== 'audit_log') expect(row.data_category, route).toBeTruthy();
      }
      const patients = rows.map((r) => r.patient_id);
      if (c.patients === 'fixture') expect(patients, route).toEqual([t.patientId]);
      if (c.patients === 'created') expect(patients, route).toEqual([res.json().id]);
      if (c.patients === 'ready') expect(patients, route).toEqual([seed.readyPatientId]);
      if (c.patients === 'unmatched') expect(patients, route).toEqual([unmatched.patientId]);
      if (c.patients === 'none')
        expect(
          patients.every((p) => p === null),
          route,
        ).toBe(true);
      if (c.patients === 'family') {
        expect([...patients].sort(), route).toEqual([t.patientId, siblingId].sort());
        for (const r of rows)
          expect((r.details as { patientIds: number[] }).patientIds.sort()).toEqual([t.patientId, siblingId].sort());
      }
    },
  );

  it("a guarantor search names the patients of the guarantors it found; a patient's report finds guarantor reads", async () => {
    const before = await headSeq();
    await call('GET', '/api/guarantors?q=Guardaud');
    const [row] = await store.db
      .selectFrom('audit_event')
      .selectAll()
      .where('tenant_id', '=', t.tenantId)
      .where('seq', '>', before)
      .execute();
    expect(row.details).toMatchObject({
      resultIds: [t.guarantorId],
      patientIds: [t.patientId, siblingId].sort((a, b) => a - b),
    });
    const report = (await call('GET', `/api/audit?patientId=${siblingId}&resourceType=guarantor&limit=1000`)).json();
    expect(report.items.map((i: { action: string }) => i.action)).toEqual(expect.arrayContaining(['read', 'update']));
  });

  it('a guarantor with no patient yet is audited without one, and linking it is audited on the patient', async () => {
    const g = (
      await call('POST', '/api/guarantors', {
        firstName: 'Lone',
        lastName: 'Guard',
        line1: '1 A St',
        city: 'Austin',
        state: 'TX',
        zip: '78701',
      })
    ).json();
    const before = await headSeq();
    await call('GET', `/api/guarantors/${g.id}`);
    await call('PATCH', `/api/patients/${siblingId}`, { guarantorId: g.id });
    await call('GET', `/api/guarantors/${g.id}`);
    const rows = await store.db
      .selectFrom('audit_event')
      .selectAll()
      .where('tenant_id', '=', t.tenantId)
      .where('seq', '>', before)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => [r.action, r.resource_type, r.patient_id])).toEqual([
      ['read', 'guarantor', null],
      ['update', 'patient', siblingId],
      ['read', 'guarantor', siblingId],
    ]);
    expect(rows[1].details).toMatchObject({ changes: { guarantor_id: { from: t.guarantorId, to: g.id } } });
  });
});

describe('audit write failure (C2)', () => {
  const canaries = () => ['Sampleaud', 'Siblingaud', 'Guardaud', `T${t.tenantId}P1`, 'MEM12345', 'Quinn'];

  async function withAuditFault(work: () => Promise<void>) {
    // a real fault in the database: every audit insert for this tenant fails
    await sql
      .raw(
        `CREATE FUNCTION audit_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected audit fault'; END $$`,
      )
      .execute(store.db);
    await sql
      .raw(
        `CREATE TRIGGER audit_fault BEFORE INSERT ON audit_event FOR EACH ROW WHEN (NEW.tenant_id = ${t.tenantId}) EXECUTE FUNCTION audit_fault()`,
      )
      .execute(store.db);
    try {
      await work();
    } finally {
      await sql.raw('DROP TRIGGER audit_fault ON audit_event').execute(store.db);
      await sql.raw('DROP FUNCTION audit_fault()').execute(store.db);
    }
  }

  it('no route serves patient data when its audit row cannot be written, and no change is kept', async () => {
    const before = await store.db
      .selectFrom('patient')
      .select(['phone'])
      .where('tenant_id', '=', t.tenantId)
      .where('id', '=', t.patientId)
      .executeTakeFirstOrThrow();
    const served = Object.entries(PHI).filter(([, c]) => c.serves);
    expect(served.length).toBeGreaterThan(10);
    await withAuditFault(async () => {
      for (const [route, c] of served) {
        const [method] = route.split(' ');
        const res = await call(
          method,
          c.url(),
          route === 'PATCH /api/patients/:id' ? { phone: '5125550000' } : c.body?.(),
        );
        expect(res.statusCode, route).toBe(500);
        for (const canary of canaries()) expect(res.body, `${route} leaked ${canary}`).not.toContain(canary);
      }
    });
    const after = await store.db
      .selectFrom('patient')
      .select(['phone'])
      .where('tenant_id', '=', t.tenantId)
      .where('id', '=', t.patientId)
      .executeTakeFirstOrThrow();
    expect(after.phone).toBe(before.phone);
    expect((await call('GET', `/api/patients/${t.patientId}`)).statusCode).toBe(200);
  });
});
