/**
 * More of the cast for ledger and remittance tests: payers, patients with coverages, and claims with
 * service lines in any state, inserted directly (one tenant per test file, from createTenantFixture).
 */
import crypto from 'node:crypto';
import { withTenant, type Store } from '../src/db/open-database.ts';
import type { TenantFixture } from './fixtures.ts';

export interface LineSpec {
  code: string;
  charge: number;
  modifiers?: string[];
  units?: number;
  date?: string;
}

export interface ClaimFixture {
  claimId: number;
  claimNumber: string;
  encounterId: number;
  patientId: number;
  payerId: number;
  coverageId: number;
  practiceId: number;
  lines: Array<{ id: number; code: string; charge: number; modifiers: string[]; date: string }>;
}

export async function addPayer(store: Store, fx: TenantFixture, name: string, code: string): Promise<number> {
  return withTenant(store.db, fx.tenantId, async (tx) => {
    const p = await tx
      .insertInto('payer')
      .values({ tenant_id: fx.tenantId, name, payer_code: code, claim_filing_indicator: 'CI', timely_filing_days: 90 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return p.id;
  });
}

export async function addPatient(
  store: Store,
  fx: TenantFixture,
  opts: { last: string; first?: string; coverages: Array<{ payerId: number; order: number; memberId?: string }> },
): Promise<{ patientId: number; coverageIds: number[] }> {
  return withTenant(store.db, fx.tenantId, async (tx) => {
    const patient = await tx
      .insertInto('patient')
      .values({
        tenant_id: fx.tenantId,
        account_number: `A${crypto.randomBytes(4).toString('hex')}`,
        first_name: opts.first ?? 'Robin',
        last_name: opts.last,
        birth_date: '1970-05-05',
        sex: 'M',
        line1: '9 Pine St',
        city: 'Austin',
        state: 'TX',
        zip: '78701',
        guarantor_id: fx.guarantorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const coverageIds: number[] = [];
    for (const c of opts.coverages) {
      const cov = await tx
        .insertInto('coverage')
        .values({
          tenant_id: fx.tenantId,
          patient_id: patient.id,
          payer_id: c.payerId,
          coverage_order: c.order,
          member_id: c.memberId ?? `M${patient.id}X${c.order}`,
          relationship_code: '18',
          subscriber_first_name: opts.first ?? 'Robin',
          subscriber_last_name: opts.last,
          effective_date: '2025-01-01',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      coverageIds.push(cov.id);
    }
    return { patientId: patient.id, coverageIds };
  });
}

let claimSeq = 0;

/** An encounter with its lines and one claim on it (state and claim number as asked). */
export async function addClaim(
  store: Store,
  fx: TenantFixture,
  opts: {
    patientId?: number;
    coverageId?: number;
    payerId?: number;
    lines: LineSpec[];
    state?: string;
    claimNumber?: string;
    date?: string;
    encounterId?: number;
    payerClaimNumber?: string;
  },
): Promise<ClaimFixture> {
  const date = opts.date ?? '2026-11-02';
  return withTenant(store.db, fx.tenantId, async (tx) => {
    let encounterId = opts.encounterId;
    const patientId = opts.patientId ?? fx.patientId;
    const lines: ClaimFixture['lines'] = [];
    if (!encounterId) {
      const enc = await tx
        .insertInto('encounter')
        .values({
          tenant_id: fx.tenantId,
          patient_id: patientId,
          practice_id: fx.practiceId,
          rendering_provider_id: fx.providerId,
          place_of_service: '11',
          service_date_from: date,
          service_date_to: date,
          status: 'billed',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      encounterId = enc.id;
      await tx
        .insertInto('encounter_diagnosis')
        .values({ tenant_id: fx.tenantId, encounter_id: encounterId, position: 1, code: 'E119' })
        .execute();
      for (const [i, l] of opts.lines.entries()) {
        const row = await tx
          .insertInto('service_line')
          .values({
            tenant_id: fx.tenantId,
            encounter_id: encounterId,
            line_number: i + 1,
            procedure_code: l.code,
            modifiers: l.modifiers ?? [],
            units: l.units ?? 1,
            charge_cents: l.charge,
            diagnosis_pointers: [1],
            service_date: l.date ?? date,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        lines.push({ id: row.id, code: l.code, charge: l.charge, modifiers: l.modifiers ?? [], date: l.date ?? date });
      }
    } else {
      const rows = await tx
        .selectFrom('service_line')
        .selectAll()
        .where('tenant_id', '=', fx.tenantId)
        .where('encounter_id', '=', encounterId)
        .orderBy('line_number')
        .execute();
      for (const r of rows)
        lines.push({
          id: r.id,
          code: r.procedure_code,
          charge: r.charge_cents,
          modifiers: r.modifiers,
          date: r.service_date,
        });
    }
    const claimNumber = opts.claimNumber ?? `R${fx.tenantId}N${++claimSeq}${crypto.randomBytes(2).toString('hex')}`;
    const claim = await tx
      .insertInto('claim')
      .values({
        tenant_id: fx.tenantId,
        claim_number: claimNumber,
        encounter_id: encounterId,
        coverage_id: opts.coverageId ?? fx.coverageId,
        payer_id: opts.payerId ?? fx.payerId,
        kind: 'professional',
        total_charge_cents: lines.reduce((t, l) => t + l.charge, 0),
        state: opts.state ?? 'acknowledged',
        payer_claim_number: opts.payerClaimNumber ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      claimId: claim.id,
      claimNumber,
      encounterId,
      patientId,
      payerId: opts.payerId ?? fx.payerId,
      coverageId: opts.coverageId ?? fx.coverageId,
      practiceId: fx.practiceId,
      lines,
    };
  });
}
