/** Account records of every kind for one tenant, for the route walks (ids to read, a placement ready to place). */
import { adjustmentEntries, chargePosting, transferEntries } from '@medbill/core/ledger';
import { withTenant, type Store } from '../src/db/open-database.ts';
import { appendPostings } from '../src/ledger/index.ts';
import type { TenantFixture } from './fixtures.ts';

export interface AccountSeed {
  agencyId: number;
  familyAccountId: number;
  statementId: number;
  refundId: number;
  placementId: number;
  /** a patient whose account is past the collection rules and the final notice: ready to place */
  readyPatientId: number;
  /** a self-pay Good Faith Estimate for the fixture patient */
  estimateId: number;
  /** the statement run holding statementId */
  runId: number;
}

const content = {
  statementNumber: '',
  statementDate: '2026-10-01',
  dueDate: '2026-10-22',
  accountNumber: 'A1',
  practice: { name: 'Clinic', line1: '1 Main St', city: 'Austin', state: 'TX', zip: '78701', phone: null },
  guarantor: { name: 'Gina Guard', line1: '2 Oak St', line2: null, city: 'Austin', state: 'TX', zip: '78701' },
  items: [],
  payments: [],
  aging: { current: 0, days31to60: 0, days61to90: 0, days91to120: 0, over120: 0 },
  balanceCents: 0,
  amountDueCents: 0,
  heldCents: 0,
  message: 'test',
  plan: null,
};

export async function seedAccounts(
  store: Store,
  t: TenantFixture,
  opts: { smallBalanceCents?: number } = {},
): Promise<AccountSeed> {
  return withTenant(store.db, t.tenantId, async (tx) => {
    const tid = t.tenantId;
    const agency = await tx
      .insertInto('collection_agency')
      .values({ tenant_id: tid, name: `Agency ${tid}`, code: `AG${tid}`, fee_basis_points: 2500 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const family = await tx
      .insertInto('patient_account')
      .values({ tenant_id: tid, guarantor_id: t.guarantorId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const run = await tx
      .insertInto('statement_run')
      .values({ tenant_id: tid, as_of: '2026-10-01', started_by: 'seed', started_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const statement = await tx
      .insertInto('statement')
      .values({
        tenant_id: tid,
        run_id: run.id,
        account_id: family.id,
        statement_date: '2026-10-01',
        due_date: '2026-10-22',
        amount_due_cents: 0,
        balance_cents: 0,
        dunning_level: 'first_notice',
        content: JSON.stringify(content),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const refund = await tx
      .insertInto('refund_request')
      .values({
        tenant_id: tid,
        patient_id: t.patientId,
        amount_cents: 100,
        reason: 'seed',
        requested_by: 'someone.else',
        requested_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const placement = await tx
      .insertInto('collection_placement')
      .values({
        tenant_id: tid,
        account_id: family.id,
        agency_id: agency.id,
        placed_at: '2026-10-01',
        placed_balance_cents: 100,
        placed_by: 'seed',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const line = await tx
      .selectFrom('service_line')
      .select('id')
      .where('tenant_id', '=', tid)
      .where('encounter_id', '=', t.encounterId)
      .executeTakeFirstOrThrow();
    const ref = { serviceLineId: line.id, claimId: t.claimId, patientId: t.patientId, practiceId: t.practiceId };
    const payer = { kind: 'payer' as const, payerId: t.payerId };
    const small = opts.smallBalanceCents ?? 300;
    // a patient past every collection rule: old balance, three statements, final notice a month ago
    const ready = await tx
      .insertInto('patient')
      .values({
        tenant_id: tid,
        account_number: `R${tid}`,
        first_name: 'Ready',
        last_name: 'Toplace',
        birth_date: '1970-01-01',
        sex: 'F',
        line1: '5 Bay St',
        city: 'Austin',
        state: 'TX',
        zip: '78701',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const enc = await tx
      .insertInto('encounter')
      .values({
        tenant_id: tid,
        patient_id: ready.id,
        practice_id: t.practiceId,
        rendering_provider_id: t.providerId,
        place_of_service: '11',
        service_date_from: '2025-01-10',
        service_date_to: '2025-01-10',
        note_text: '',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rl = await tx
      .insertInto('service_line')
      .values({
        tenant_id: tid,
        encounter_id: enc.id,
        line_number: 1,
        procedure_code: '99214',
        units: 1,
        charge_cents: 9000,
        diagnosis_pointers: [1],
        service_date: '2025-01-10',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rc = await tx
      .insertInto('claim')
      .values({
        tenant_id: tid,
        claim_number: `R${tid}C`,
        encounter_id: enc.id,
        coverage_id: t.coverageId,
        payer_id: t.payerId,
        kind: 'professional',
        total_charge_cents: 9000,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const readyRef = { serviceLineId: rl.id, claimId: rc.id, patientId: ready.id, practiceId: t.practiceId };
    await appendPostings(
      tx,
      tid,
      [
        chargePosting(ref, payer, 15000, '2026-11-02', 'seed'),
        {
          kind: 'claim_payment',
          effectiveDate: '2026-11-20',
          memo: 'seed',
          claimId: t.claimId,
          patientId: t.patientId,
          entries: [
            ...adjustmentEntries(ref, payer, 'CO', '45', 15000 - small),
            ...transferEntries(ref, payer, { kind: 'patient' }, small),
          ],
        },
        chargePosting(readyRef, payer, 9000, '2025-01-10', 'seed'),
        {
          kind: 'transfer',
          effectiveDate: '2025-02-01',
          memo: 'seed',
          claimId: rc.id,
          patientId: ready.id,
          entries: transferEntries(readyRef, payer, { kind: 'patient' }, 9000),
        },
      ],
      { userId: null, username: 'seed' },
    );
    const readyAccount = await tx
      .insertInto('patient_account')
      .values({ tenant_id: tid, patient_id: ready.id, final_notice_date: '2025-06-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const d of ['2025-03-01', '2025-04-01', '2025-05-01'])
      await tx
        .insertInto('statement')
        .values({
          tenant_id: tid,
          run_id: run.id,
          account_id: readyAccount.id,
          statement_date: d,
          due_date: d,
          amount_due_cents: 9000,
          balance_cents: 9000,
          dunning_level: 'reminder',
          content: JSON.stringify(content),
        })
        .execute();
    // a fee for 99213, so an estimate can be figured
    await tx
      .insertInto('fee_schedule_item')
      .values({ tenant_id: tid, fee_schedule_id: t.feeScheduleId, procedure_code: '99213', charge_cents: 15000 })
      .execute();
    const estimate = await tx
      .insertInto('patient_estimate')
      .values({
        tenant_id: tid,
        patient_id: t.patientId,
        practice_id: t.practiceId,
        service_date: '2026-12-01',
        good_faith: true,
        estimate: JSON.stringify({
          lines: [],
          chargeCents: 0,
          allowedCents: 0,
          insurancePaysCents: 0,
          patientOwesCents: 0,
          notes: [],
        }),
        charge_cents: 0,
        patient_owes_cents: 0,
        created_by: 'seed',
        created_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      estimateId: estimate.id,
      runId: run.id,
      agencyId: agency.id,
      familyAccountId: family.id,
      statementId: statement.id,
      refundId: refund.id,
      placementId: placement.id,
      readyPatientId: ready.id,
    };
  });
}
