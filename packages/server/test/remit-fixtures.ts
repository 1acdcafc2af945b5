/**
 * More of the cast for ledger and remittance tests: payers, patients with coverages, and claims with
 * service lines in any state, inserted directly (one tenant per test file, from createTenantFixture).
 */
import crypto from 'node:crypto';
import type { ClaimState } from '@medbill/core';
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
    state?: ClaimState;
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
        state: opts.state ?? 'accepted',
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

/**
 * Many sent claims at once (set-wise SQL), each with two lines (99214 190.00, 36415 25.00) and its charges
 * in the ledger: for the kill test and the posting benchmark. Claim numbers are `${prefix}${i}`.
 */
export async function addSentClaimsInBulk(
  store: Store,
  fx: TenantFixture,
  count: number,
  prefix: string,
): Promise<Array<{ claimId: number; claimNumber: string }>> {
  const { sql } = await import('kysely');
  const { postClaimCharges } = await import('../src/ledger/post-claim-charges.ts');
  return withTenant(store.db, fx.tenantId, async (tx) => {
    const t = fx.tenantId;
    await sql`CREATE TEMP TABLE bulk_enc ON COMMIT DROP AS
      SELECT g AS n, nextval(pg_get_serial_sequence('encounter', 'id'))::bigint AS id FROM generate_series(1, ${count}::int) g`.execute(
      tx,
    );
    await sql`INSERT INTO encounter (tenant_id, id, patient_id, practice_id, rendering_provider_id, place_of_service,
        service_date_from, service_date_to, status)
      SELECT ${t}::bigint, id, ${fx.patientId}::bigint, ${fx.practiceId}::bigint, ${fx.providerId}::bigint, '11', '2026-11-02'::date, '2026-11-02'::date, 'billed' FROM bulk_enc`.execute(
      tx,
    );
    await sql`INSERT INTO encounter_diagnosis (tenant_id, encounter_id, position, code) SELECT ${t}::bigint, id, 1, 'E119' FROM bulk_enc`.execute(
      tx,
    );
    await sql`INSERT INTO service_line (tenant_id, encounter_id, line_number, procedure_code, units, charge_cents, diagnosis_pointers, service_date)
      SELECT ${t}::bigint, id, 1, '99214', 1, 19000, '{1}'::smallint[], '2026-11-02'::date FROM bulk_enc
      UNION ALL SELECT ${t}::bigint, id, 2, '36415', 1, 2500, '{1}'::smallint[], '2026-11-02'::date FROM bulk_enc`.execute(
      tx,
    );
    const claims = await sql<{ id: number; claim_number: string }>`
      INSERT INTO claim (tenant_id, claim_number, encounter_id, coverage_id, payer_id, kind, total_charge_cents, state)
      SELECT ${t}::bigint, ${prefix}::text || n, id, ${fx.coverageId}::bigint, ${fx.payerId}::bigint, 'professional', 21500, 'accepted' FROM bulk_enc
      RETURNING id, claim_number`.execute(tx);
    const ids = claims.rows.map((r) => Number(r.id));
    for (let i = 0; i < ids.length; i += 2000)
      await postClaimCharges(tx, t, ids.slice(i, i + 2000), { userId: null, username: 'fixture' });
    return claims.rows.map((r) => ({ claimId: Number(r.id), claimNumber: r.claim_number }));
  });
}

/** An 835 paying claims made by addSentClaimsInBulk: each line allowed at 60%, 20% coinsurance, the rest contractual. */
export function bulkEraText(
  claims: ReadonlyArray<{ claimNumber: string }>,
  trace: string,
  eraText: (spec: import('@medbill/core/test-util').EraSpec) => string,
): string {
  const line = (charge: number) => {
    const allowed = Math.round(charge * 0.6);
    const coins = Math.round(allowed * 0.2);
    return { allowed, coins, paid: allowed - coins, co: charge - allowed };
  };
  const a = line(19000);
  const b = line(2500);
  return eraText({
    trace,
    claims: claims.map((c) => ({
      pcn: c.claimNumber,
      status: '1',
      charge: 21500,
      paid: a.paid + b.paid,
      pr: a.coins + b.coins,
      services: [
        {
          code: '99214',
          charge: 19000,
          paid: a.paid,
          lineControl: `${c.claimNumber}-1`,
          allowed: a.allowed,
          cas: [
            { group: 'CO', reason: '45', amount: a.co },
            { group: 'PR', reason: '2', amount: a.coins },
          ],
        },
        {
          code: '36415',
          charge: 2500,
          paid: b.paid,
          lineControl: `${c.claimNumber}-2`,
          allowed: b.allowed,
          cas: [
            { group: 'CO', reason: '45', amount: b.co },
            { group: 'PR', reason: '2', amount: b.coins },
          ],
        },
      ],
    })),
  });
}
