/** A patient with one visit whose whole charge the payer moved to the patient (PR 1), for account tests. */
import { chargePosting, transferEntries, type LineRef } from '@medbill/core/ledger';
import { withTenant, type Store } from '../src/db/open-database.ts';
import { appendPostings } from '../src/ledger/index.ts';
import type { TenantFixture } from './fixtures.ts';

export async function patientWithBalance(
  store: Store,
  t: TenantFixture,
  name: string,
  cents: number,
  since: string,
): Promise<{ patientId: number; claimId: number; lineId: number }> {
  return withTenant(store.db, t.tenantId, async (tx) => {
    const p = await tx
      .insertInto('patient')
      .values({
        tenant_id: t.tenantId,
        account_number: `${name}-${t.tenantId}`,
        first_name: name,
        last_name: 'Owes',
        birth_date: '1970-01-01',
        sex: 'M',
        line1: '9 Pine St',
        city: 'Austin',
        state: 'TX',
        zip: '78701',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const e = await tx
      .insertInto('encounter')
      .values({
        tenant_id: t.tenantId,
        patient_id: p.id,
        practice_id: t.practiceId,
        rendering_provider_id: t.providerId,
        place_of_service: '11',
        service_date_from: since,
        service_date_to: since,
        note_text: '',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const l = await tx
      .insertInto('service_line')
      .values({
        tenant_id: t.tenantId,
        encounter_id: e.id,
        line_number: 1,
        procedure_code: '99214',
        units: 1,
        charge_cents: cents,
        diagnosis_pointers: [1],
        service_date: since,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const c = await tx
      .insertInto('claim')
      .values({
        tenant_id: t.tenantId,
        claim_number: `${name}C${t.tenantId}`,
        encounter_id: e.id,
        coverage_id: t.coverageId,
        payer_id: t.payerId,
        kind: 'professional',
        total_charge_cents: cents,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const line: LineRef = { serviceLineId: l.id, claimId: c.id, patientId: p.id, practiceId: t.practiceId };
    const payer = { kind: 'payer' as const, payerId: t.payerId };
    await appendPostings(
      tx,
      t.tenantId,
      [
        chargePosting(line, payer, cents, since, 'sent'),
        {
          kind: 'claim_payment',
          effectiveDate: since,
          memo: '835',
          claimId: c.id,
          patientId: p.id,
          entries: transferEntries(line, payer, { kind: 'patient' }, cents, { group: 'PR', reason: '1' }),
        },
      ],
      { userId: null, username: 'test' },
    );
    return { patientId: p.id, claimId: c.id, lineId: l.id };
  });
}
