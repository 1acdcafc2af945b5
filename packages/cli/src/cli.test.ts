/** The medbill command as a function: help, usage errors, migrate, demo, audit verify (and tamper), the data-folder lock. */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore } from '@medbill/server';
import { onPostgres } from '../../server/test/test-store.ts';
import { parseX12File } from '@medbill/x12';
import { validateFile } from '@medbill/x12';
import { allClaims, type ClaimFile837 } from '@medbill/x12/837';
import { useCliTestEnv } from './cli-test-env.test-util.ts';

const { dataDir, medbill } = useCliTestEnv('medbill-cli-', { MEDBILL_DEMO_PASSWORD: 'cli-demo-password' });

describe('medbill CLI', () => {
  it('--help on the program and each command exits 0', async () => {
    for (const args of [
      ['--help'],
      ['serve', '--help'],
      ['migrate', '--help'],
      ['demo', '--help'],
      ['audit', 'verify', '--help'],
    ]) {
      const io = await medbill(...args);
      expect(io.exitCode, args.join(' ')).toBe(0);
      expect(io.stdout).toMatch(/Usage: medbill/);
    }
  });

  it('an unknown command or option is a usage error (exit 2)', async () => {
    expect((await medbill('frobnicate')).exitCode).toBe(2);
    expect((await medbill('migrate', '--bogus')).exitCode).toBe(2);
  });

  it('migrate --json reports the schema version; a second run applies nothing', { timeout: 180_000 }, async () => {
    const first = JSON.parse((await medbill('migrate', '--json')).stdout);
    expect(first.schemaVersion).toBeGreaterThanOrEqual(1);
    const second = JSON.parse((await medbill('migrate', '--json')).stdout);
    expect(second).toMatchObject({ applied: [], schemaVersion: first.schemaVersion });
  });

  it('demo creates the demo tenant once', async () => {
    const io = await medbill('demo', '--json');
    expect(io.exitCode).toBe(0);
    const demo = JSON.parse(io.stdout);
    expect(demo).toMatchObject({ practices: 3, providers: 6, payers: 5, patients: 200, users: 5 });
    // the whole cycle ran: claims stop at every state of the life of a claim
    for (const state of ['draft', 'ready', 'batched', 'submitted', 'accepted', 'acknowledged', 'paid', 'denied'])
      expect(demo.claims[state], state).toBeGreaterThan(0);
    // a new user sees the follow-up worklist working: claims sent ~45 days back wait past their payer's days,
    // one already asked about with a 276 and answered by the payer's 277
    const followUp = await medbill('claims', 'follow-up', '--json', '--tenant', 'demo');
    expect(followUp.exitCode, followUp.stderr).toBe(0);
    const worklist = JSON.parse(followUp.stdout);
    expect(worklist.items.length).toBeGreaterThanOrEqual(3);
    for (const item of worklist.items) expect(item.daysWaiting).toBeGreaterThan(item.followupDays);
    const answered = worklist.items.filter(
      (i: { lastInquiry: { status: string; category: string | null } | null }) => i.lastInquiry?.status === 'answered',
    );
    expect(answered).toHaveLength(1);
    expect(answered[0].lastInquiry.category).toMatch(/^[A-Z]\d$/);
    expect(JSON.parse((await medbill('demo', '--json')).stdout)).toEqual({ skipped: 'database not empty' });
  }, 240_000); // the whole cycle three times (the accounts story five months back, visits, then the claims its 835s call for) on 2 shared cores

  it("on the demo with no server, eligibility check gets the simulated payer's 271 and a poll picks up its answers", async () => {
    const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
    let patientId: number;
    let clearinghouseId: number;
    try {
      const today = new Date().toISOString().slice(0, 10);
      const c = await store.db
        .selectFrom('coverage as c')
        .innerJoin('tenant as t', 't.id', 'c.tenant_id')
        .select('c.patient_id')
        .where('t.slug', '=', 'demo')
        .where('c.coverage_order', '=', 1)
        .where('c.effective_date', '<=', today)
        .where((eb) => eb.or([eb('c.end_date', 'is', null), eb('c.end_date', '>=', today)]))
        .orderBy('c.patient_id')
        .executeTakeFirstOrThrow();
      patientId = c.patient_id;
      const ch = await store.db
        .selectFrom('clearinghouse as ch')
        .innerJoin('tenant as t', 't.id', 'ch.tenant_id')
        .select('ch.id')
        .where('t.slug', '=', 'demo')
        .where(sql<boolean>`(ch.config->>'payerSimulator')::boolean IS TRUE`)
        .executeTakeFirstOrThrow();
      clearinghouseId = ch.id;
    } finally {
      await store.close();
    }
    const io = await medbill('eligibility', 'check', String(patientId), '--tenant', 'demo', '--json', '--wait', '30');
    expect(io.exitCode, io.stderr).toBe(0);
    const view = JSON.parse(io.stdout);
    expect(view.status).toBe('answered');
    expect(view.benefits.sentences.length).toBeGreaterThan(0);
    const poll = await medbill(
      'claims',
      'poll',
      '--clearinghouse',
      String(clearinghouseId),
      '--tenant',
      'demo',
      '--json',
    );
    expect(poll.exitCode, poll.stderr).toBe(0);
    expect(JSON.parse(poll.stdout)).toHaveProperty('files');
  }, 120_000);

  it('every 837 the demo sent passes our guide validation and re-reads to the claims that were built', async () => {
    const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
    try {
      const files = await store.db
        .selectFrom('edi_file as f')
        .innerJoin('batch as b', (j) => j.onRef('b.tenant_id', '=', 'f.tenant_id').onRef('b.file_id', '=', 'f.id'))
        .select(['f.kind', 'f.file_name', 'f.content', 'b.claim_count', 'b.total_charge_cents', 'b.id'])
        .execute();
      expect(files.map((f) => f.kind)).toEqual(expect.arrayContaining(['837P', '837I']));
      for (const f of files) {
        const v = validateFile(f.content, { file: f.file_name });
        expect(
          v.issues.filter((i) => i.severity === 'error'),
          f.file_name,
        ).toEqual([]);
        const parsed = parseX12File(f.content, { file: f.file_name });
        const claims = parsed.transactions.flatMap((t) => allClaims(t.value as ClaimFile837));
        const sent = await store.db
          .selectFrom('claim')
          .select(['claim_number', 'total_charge_cents'])
          .where('batch_id', '=', f.id)
          .orderBy('claim_number')
          .execute();
        expect(claims.map((c) => [c.id, c.totalCharge]).sort(), f.file_name).toEqual(
          sent.map((c) => [c.claim_number, c.total_charge_cents]).sort(),
        );
      }
    } finally {
      await store.close();
    }
  });

  it("the demo's 837s carry each kind of claim a payer must accept, read back segment by segment", async () => {
    const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
    try {
      const files = await store.db
        .selectFrom('edi_file')
        .select(['kind', 'file_name', 'content'])
        .where('kind', 'in', ['837P', '837I'])
        .execute();
      const sent = files.flatMap((f) =>
        parseX12File(f.content, { file: f.file_name }).transactions.flatMap((t) =>
          (t.value as ClaimFile837).billingProviders.flatMap((bp) =>
            bp.subscribers.flatMap((sub) => [
              ...sub.claims.map((claim) => ({ kind: f.kind, sub, dependent: false, claim })),
              ...sub.patients.flatMap((p) => p.claims.map((claim) => ({ kind: f.kind, sub, dependent: true, claim }))),
            ]),
          ),
        ),
      );
      // a Medicaid child is the subscriber under their own ID (SBR02 18, no 2000C), Medicaid filing code MC
      const medicaidChild = sent.find(
        (s) =>
          s.sub.sbr.claimFilingCode === 'MC' && Number(s.sub.subscriber.demographics?.birthDate?.slice(0, 4)) >= 2010,
      );
      expect(medicaidChild, 'a Medicaid child').toBeDefined();
      expect(sent.filter((s) => s.sub.sbr.claimFilingCode === 'MC' && s.dependent)).toEqual([]);
      expect(medicaidChild!.sub.sbr.relationship).toBe('18');
      // a Medicare inpatient stay: 837I, bill type 111, Part A (SBR09 MA), POA on each diagnosis, a PCS procedure
      const stay = sent.find((s) => s.kind === '837I' && s.claim.facilityCode === '11');
      expect(stay, 'an inpatient stay').toBeDefined();
      expect(stay!.sub.sbr.claimFilingCode).toBe('MA');
      const hi = stay!.claim.healthInfo;
      expect(
        hi.filter((h) => h.qualifier === 'ABK' || h.qualifier === 'ABF').every((h) => /^[YNUW]$/.test(h.poa ?? '')),
      ).toBe(true);
      expect(hi.find((h) => h.qualifier === 'ABJ')?.code).toBe('R0602');
      expect(hi.find((h) => h.qualifier === 'BBR')).toMatchObject({ code: '0BJ08ZZ', dateFormat: 'D8' });
      expect(stay!.claim.providers?.map((p) => p.entityCode)).toEqual(expect.arrayContaining(['71', '72']));
      // a drug line with its NDC (2410 LIN*N4, 11 digits)
      const drug = sent.flatMap((s) => s.claim.lines).find((l) => l.drug);
      expect(drug?.drug).toMatchObject({ qualifier: 'N4', ndc: expect.stringMatching(/^\d{11}$/) });
      // a secondary claim after the primary's 835: 2320 with the primary's payment and adjustments
      const secondary = sent.find((s) => s.sub.sbr.responsibility === 'S' && s.claim.otherSubscribers?.length);
      expect(secondary, 'a secondary claim').toBeDefined();
      const primary = secondary!.claim.otherSubscribers![0]!;
      expect(primary.sbr.responsibility).toBe('P');
      expect(primary.payerPaid).toBeGreaterThanOrEqual(0);
      // a corrected (frequency 7) and a void (8) claim, each naming the payer's claim number (REF*F8)
      for (const frequency of ['7', '8']) {
        const c = sent.find((s) => s.claim.frequency === frequency);
        expect(c, `frequency ${frequency}`).toBeDefined();
        expect(c!.claim.originalReference).toMatch(/\S/);
      }
    } finally {
      await store.close();
    }
  });

  it('audit verify passes on the untouched log and reports a row changed directly in the database (exit 1)', async () => {
    const ok = await medbill('audit', 'verify');
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toMatch(/^OK: \d+ entries/);
    const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
    await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(store.db);
    await sql`UPDATE audit_event SET details = '{"patients": 1}'::jsonb WHERE seq = 1`.execute(store.db);
    await sql`ALTER TABLE audit_event ENABLE TRIGGER USER`.execute(store.db);
    await store.close();
    const bad = await medbill('audit', 'verify', '--json');
    expect(bad.exitCode).toBe(1);
    const result = JSON.parse(bad.stdout);
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ seq: 1, kind: 'entry_altered' });
  });

  it('tenant create makes a second tenant whose admin sees none of the demo tenant', async () => {
    process.env.MEDBILL_ADMIN_PASSWORD = 'second-tenant-admin-pw';
    const io = await medbill(
      'tenant',
      'create',
      '--name',
      'Second Office',
      '--slug',
      'second-office',
      '--admin',
      'second.admin',
      '--json',
    );
    delete process.env.MEDBILL_ADMIN_PASSWORD;
    expect(io.exitCode, io.stderr).toBe(0);
    expect(JSON.parse(io.stdout)).toMatchObject({ slug: 'second-office', admin: 'second.admin' });
    process.env.MEDBILL_ADMIN_PASSWORD = 'Password123!';
    const weak = await medbill('tenant', 'create', '--name', 'Weak', '--slug', 'weak-office', '--admin', 'weak.admin');
    delete process.env.MEDBILL_ADMIN_PASSWORD;
    expect(weak.exitCode).toBe(1);
    expect(weak.stderr).toMatch(/too easy to guess/);
    expect(
      (await medbill('tenant', 'create', '--name', 'Again', '--slug', 'second-office', '--admin', 'x.y')).exitCode,
    ).toBe(1);
    expect((await medbill('tenant', 'create', '--name', 'Bad', '--slug', 'Bad Slug', '--admin', 'x.y')).exitCode).toBe(
      2,
    );
    const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
    try {
      // a new office requires two-step log-in (issue 8 item 9); this test looks at the data walls, so it turns it off
      const made = await store.db
        .updateTable('tenant')
        .set({ mfa_required: false })
        .where('slug', '=', 'second-office')
        .returning('mfa_required')
        .execute();
      expect(made).toHaveLength(1);
      const { buildApp } = await import('@medbill/server');
      const { testDeps, login } = await import('../../server/test/fixtures.ts');
      const app = await buildApp(testDeps(store));
      const cookie = await login(app, 'second-office/second.admin', 'second-tenant-admin-pw');
      const patients = await app.inject({ method: 'GET', url: '/api/patients?limit=500', headers: { cookie } });
      expect(patients.json().total).toBe(0);
      await app.close();
    } finally {
      await store.close();
    }
  });

  it.skipIf(onPostgres)('refuses clearly while another process holds the embedded database', async () => {
    const holder = await openStore({ dataDir, purpose: 'medbill server' });
    try {
      const io = await medbill('migrate');
      expect(io.exitCode).toBe(1);
      expect(io.stderr).toMatch(/in use by process \d+ \(medbill server.*stop the server/s);
    } finally {
      await holder.close();
    }
  });

  it('audit verify names a tenant whose whole chain was deleted, and a tenant with no chain (exit 1)', async () => {
    process.env.MEDBILL_ADMIN_PASSWORD = 'third-tenant-admin-pw';
    const made = await medbill(
      'tenant',
      'create',
      '--name',
      'Third',
      '--slug',
      'third-office',
      '--admin',
      'third.admin',
      '--json',
    );
    delete process.env.MEDBILL_ADMIN_PASSWORD;
    expect(made.exitCode, made.stderr).toBe(0);
    const { tenantId } = JSON.parse(made.stdout);
    expect((await medbill('audit', 'verify', '--tenant', String(tenantId))).exitCode).toBe(0);
    const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
    let chainless: number;
    try {
      await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(store.db);
      await sql`DELETE FROM audit_event WHERE tenant_id = ${tenantId}`.execute(store.db);
      await sql`DELETE FROM audit_chain_head WHERE tenant_id = ${tenantId}`.execute(store.db);
      await sql`ALTER TABLE audit_event ENABLE TRIGGER USER`.execute(store.db);
      chainless = (
        await store.db
          .insertInto('tenant')
          .values({ name: 'Made outside medbill', slug: 'outside' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    } finally {
      await store.close();
    }
    const deleted = await medbill('audit', 'verify', '--tenant', String(tenantId));
    expect(deleted.exitCode).toBe(1);
    expect(deleted.stdout).toMatch(new RegExp(`tenant ${tenantId} entry 1: chain_deleted: The whole audit chain`));
    const none = await medbill('audit', 'verify', '--tenant', String(chainless), '--json');
    expect(none.exitCode).toBe(1);
    expect(JSON.parse(none.stdout).problems).toEqual([
      expect.objectContaining({ tenantId: chainless, kind: 'no_chain' }),
    ]);
  });

  it('user reset-mfa lets a locked-out user back in: seed and codes gone, sessions ended, audited (issue 8 item 9)', async () => {
    const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
    let tenantId: number;
    let userId: number;
    try {
      const u = await store.db
        .selectFrom('app_user as u')
        .innerJoin('tenant as t', 't.id', 'u.tenant_id')
        .select(['u.id', 'u.tenant_id'])
        .where('t.slug', '=', 'demo')
        .where('u.username', '=', 'biller')
        .executeTakeFirstOrThrow();
      tenantId = u.tenant_id;
      userId = u.id;
      await store.db
        .insertInto('user_mfa')
        .values({ tenant_id: tenantId, user_id: userId, secret_enc: 'sealed-seed', enabled_at: new Date() })
        .execute();
    } finally {
      await store.close();
    }
    expect((await medbill('user', 'reset-mfa', '--tenant', 'demo', '--user', 'nobody-here')).exitCode).toBe(1);
    const io = await medbill('user', 'reset-mfa', '--tenant', 'demo', '--user', 'biller', '--json');
    expect(io.exitCode, io.stderr).toBe(0);
    expect(JSON.parse(io.stdout)).toEqual({ id: userId, mfaEnabled: false });
    const after = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
    try {
      const mfa = await after.db.selectFrom('user_mfa').select('user_id').where('user_id', '=', userId).execute();
      expect(mfa).toEqual([]);
      const row = await after.db
        .selectFrom('audit_event')
        .select(['action', 'username', 'resource_id'])
        .where('tenant_id', '=', tenantId)
        .where('action', '=', 'mfa_reset')
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ resource_id: String(userId), username: expect.stringMatching(/^cli:/) });
    } finally {
      await after.close();
    }
  });
});
