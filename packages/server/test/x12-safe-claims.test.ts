/**
 * Issue 8 item 7 and the member-ID checks per payer kind: X12 separators are refused at entry with a field
 * error; data stored before (or written straight into the database) is caught by the scrubber, and a claim
 * that still cannot be written is kept out of "batch all ready" without stopping the others. Coverages are
 * checked against their payer's kind when entered or changed (Medicare MBI, Medicaid patient as subscriber).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBatchesReport } from '../src/claims/build-batches.ts';
import { createClaimForEncounter } from '../src/claims/create-claims.ts';
import { createEncounter } from '../src/coding/create-encounter.ts';
import { scrubClaims } from '../src/claims/scrub-claims.ts';
import { withTenant, type Store, type Tx } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { createTenantFixture, login, testDeps, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

const ACTOR = { userId: null, username: 'tester' };
let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let t: TenantFixture;
let admin: string;
const tx = <T>(f: (tx: Tx) => Promise<T>) => withTenant(store.db, t.tenantId, f);
const call = (method: string, url: string, payload?: unknown) =>
  app.inject({ method: method as 'GET', url, payload: payload as object, headers: { cookie: admin } });

beforeAll(async () => {
  store = await openTestStore();
  app = await buildApp(testDeps(store));
  t = await createTenantFixture(store, 'xsafe');
  admin = await login(app, t.users.admin.username);
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

const batchFile = (fileId: number) =>
  tx((x) =>
    x
      .selectFrom('edi_file')
      .select('content')
      .where('tenant_id', '=', t.tenantId)
      .where('id', '=', fileId)
      .executeTakeFirstOrThrow(),
  ).then((r) => r.content);

const patient = {
  firstName: 'Sean',
  lastName: 'Obrien',
  birthDate: '1980-01-02',
  sex: 'M',
  line1: '1 Elm St',
  city: 'Austin',
  state: 'TX',
  zip: '78701',
};

describe('X12 separators at entry', () => {
  it.each([
    ['lastName', 'O*BRIEN'],
    ['firstName', 'SEAN~'],
    ['line1', '5 Main St: Suite 2'],
    ['city', 'AUSTIN^TX'],
  ])('a patient whose %s holds a separator is refused, naming the field', async (field, value) => {
    const res = await call('POST', '/api/patients', { ...patient, [field]: value });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([
      expect.objectContaining({
        code: 'x12-delimiter',
        location: { field },
        message: expect.stringContaining('claim files use them as separators'),
      }),
    ]);
  });
  it('a clean patient is accepted', async () => {
    expect((await call('POST', '/api/patients', patient)).statusCode).toBe(201);
  });
});

describe('stored data with separators', () => {
  let good: number;
  let bad: number;
  let clearinghouseId: number;
  beforeAll(async () => {
    await tx(async (x) => {
      clearinghouseId = (
        await x
          .insertInto('clearinghouse')
          .values({
            tenant_id: t.tenantId,
            name: 'Fresh',
            transport: 'folder',
            submitter_id: 'SUB9',
            submitter_name: 'Us',
            receiver_id: 'RCV9',
            receiver_name: 'Them',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      await x.updateTable('practice').set({ service_zip: '787011234' }).where('tenant_id', '=', t.tenantId).execute();
      await x
        .insertInto('fee_schedule_item')
        .values({
          tenant_id: t.tenantId,
          fee_schedule_id: t.feeScheduleId,
          procedure_code: '99213',
          charge_cents: 15000,
        })
        .execute();
      const other = await x
        .insertInto('patient')
        .values({
          tenant_id: t.tenantId,
          account_number: 'XS2',
          first_name: 'Ana',
          last_name: 'Bad',
          birth_date: '1970-01-01',
          sex: 'F',
          line1: '2 Oak',
          city: 'Austin',
          state: 'TX',
          zip: '78701',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await x
        .insertInto('coverage')
        .values({
          tenant_id: t.tenantId,
          patient_id: other.id,
          payer_id: t.payerId,
          coverage_order: 1,
          member_id: 'MEM999',
          relationship_code: '18',
          subscriber_first_name: 'Ana',
          subscriber_last_name: 'Bad',
          effective_date: '2025-01-01',
        })
        .execute();
      const ids: number[] = [];
      for (const patientId of [t.patientId, other.id]) {
        const enc = await createEncounter(x, t.tenantId, {
          patientId,
          practiceId: t.practiceId,
          renderingProviderId: t.providerId,
          placeOfService: '11',
          serviceDateFrom: '2026-11-03',
          diagnoses: ['E119'],
          lines: [{ procedureCode: '99213', units: 1, diagnosisPointers: [1] }],
        });
        ids.push(await createClaimForEncounter(x, t.tenantId, enc, ACTOR));
      }
      [good, bad] = ids;
      const scrubbed = await scrubClaims(
        x,
        t.tenantId,
        ids,
        { today: () => '2026-11-23', payerRules: () => [] },
        ACTOR,
      );
      expect(scrubbed.flatMap((s) => s.edits.filter((e) => e.severity === 'error'))).toEqual([]);
      // a name changed straight in the database after the scrub (or stored before the entry check existed)
      await x
        .updateTable('patient')
        .set({ last_name: 'BAD*NAME' })
        .where('tenant_id', '=', t.tenantId)
        .where('id', '=', other.id)
        .execute();
    });
  });

  it('"batch all ready" builds the good claim and keeps the bad one out, back in draft with the field to fix', async () => {
    const report = await tx((x) =>
      buildBatchesReport(x, t.tenantId, {
        clearinghouseId,
        now: new Date('2026-11-23T12:00:00Z'),
        actor: ACTOR,
      }),
    );
    expect(report.batches.flatMap((b) => b.claimIds)).toContain(good);
    expect(report.batches.flatMap((b) => b.claimIds)).not.toContain(bad);
    expect(report.held).toEqual([
      expect.objectContaining({
        claimId: bad,
        edits: [
          expect.objectContaining({
            ruleId: 'x12-delimiter',
            location: expect.objectContaining({ field: 'patient.lastName' }),
          }),
        ],
      }),
    ]);
    const row = await tx((x) =>
      x
        .selectFrom('claim')
        .select(['state', 'edits'])
        .where('tenant_id', '=', t.tenantId)
        .where('id', '=', bad)
        .executeTakeFirstOrThrow(),
    );
    expect(row.state).toBe('draft');
    expect(JSON.stringify(row.edits)).toContain('patient.lastName');
    // no phone on the clearinghouse: 1000A PER carries the billing practice's
    expect(await batchFile(report.batches[0].fileId)).toContain('PER*IC*EDI DESK*TE*5125550142~');
  });

  it('the scrubber flags it as an edit naming the field, so it never becomes ready', async () => {
    const [out] = await tx((x) =>
      scrubClaims(x, t.tenantId, [bad], { today: () => '2026-11-23', payerRules: () => [] }, ACTOR),
    );
    expect(out.state).toBe('draft');
    expect(out.edits).toEqual([
      expect.objectContaining({
        ruleId: 'x12-delimiter',
        location: expect.objectContaining({ field: 'patient.lastName' }),
      }),
    ]);
  });

  it("without a phone on the clearinghouse or the practice the claim is held naming it; the clearinghouse's phone goes in 1000A PER", async () => {
    await tx(async (x) => {
      await x
        .updateTable('patient')
        .set({ last_name: 'Bad' })
        .where('tenant_id', '=', t.tenantId)
        .where('id', '=', bad)
        .execute();
      await x.updateTable('practice').set({ phone: null }).where('tenant_id', '=', t.tenantId).execute();
    });
    const build = () =>
      tx(async (x) => {
        await scrubClaims(x, t.tenantId, [bad], { today: () => '2026-11-23', payerRules: () => [] }, ACTOR);
        return buildBatchesReport(x, t.tenantId, {
          clearinghouseId,
          now: new Date('2026-11-23T12:00:00Z'),
          actor: ACTOR,
        });
      });
    const held = await build();
    expect(held.batches).toEqual([]);
    expect(held.held).toEqual([
      expect.objectContaining({
        claimId: bad,
        edits: [
          expect.objectContaining({
            ruleId: 'submitter-phone-missing',
            location: expect.objectContaining({ field: 'practice.phone' }),
          }),
        ],
      }),
    ]);
    await tx((x) =>
      x
        .updateTable('clearinghouse')
        .set({ config: JSON.stringify({ phone: '5125550177' }) })
        .where('tenant_id', '=', t.tenantId)
        .where('id', '=', clearinghouseId)
        .execute(),
    );
    const built = await build();
    expect(built.batches.flatMap((b) => b.claimIds)).toEqual([bad]);
    expect(await batchFile(built.batches[0].fileId)).toContain('PER*IC*EDI DESK*TE*5125550177~');
  });
});

describe('coverages checked by payer kind at entry', () => {
  let medicare: number;
  let medicaid: number;
  beforeAll(async () => {
    const mk = async (name: string, payerCode: string, claimFilingIndicator: string) =>
      (await call('POST', '/api/payers', { name, payerCode, claimFilingIndicator, timelyFilingDays: 365 })).json()
        .id as number;
    medicare = await mk('Medicare B', 'MCRX', 'MB');
    medicaid = await mk('State Medicaid', 'MCDX', 'MC');
  });
  const coverage = (payerId: number, more: Record<string, unknown>) => ({
    patientId: t.patientId,
    payerId,
    coverageOrder: 2,
    relationshipCode: '18',
    subscriberFirstName: 'Quinn',
    subscriberLastName: 'Samplexsafe',
    effectiveDate: '2025-01-01',
    ...more,
  });

  it('a Medicare member ID that is not an MBI is refused on memberId; an MBI is taken', async () => {
    const bad = await call('POST', '/api/coverages', coverage(medicare, { memberId: '123456789A', mspType: '12' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues).toEqual([
      {
        code: 'invalid-format',
        severity: 'error',
        ruleId: 'member-id-format',
        location: { field: 'memberId' },
        message: expect.stringContaining('retired HICN'),
      },
    ]);
    const ok = await call('POST', '/api/coverages', coverage(medicare, { memberId: '1EG4TE5MK73', mspType: '12' }));
    expect(ok.statusCode, ok.body).toBe(201);
    const change = await call('PATCH', `/api/coverages/${ok.json().id}`, { memberId: '1EG4TE5MK7S' });
    expect(change.statusCode).toBe(400);
    expect(change.json().issues[0].location.field).toBe('memberId');
  });

  it('Medicare paying second needs the secondary payer type', async () => {
    const res = await call('POST', '/api/coverages', coverage(medicare, { memberId: '2EG4TE5MK73' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({
      code: 'invalid',
      ruleId: 'msp-type-missing',
      location: { field: 'mspType' },
    });
  });

  it('a Medicaid patient is the subscriber under their own ID, never a dependent', async () => {
    const res = await call(
      'POST',
      '/api/coverages',
      coverage(medicaid, { memberId: '512345678', coverageOrder: 3, relationshipCode: '19' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([
      expect.objectContaining({ ruleId: 'medicaid-subscriber-self', location: { field: 'relationshipCode' } }),
    ]);
    const ok = await call('POST', '/api/coverages', coverage(medicaid, { memberId: '512345678', coverageOrder: 3 }));
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
