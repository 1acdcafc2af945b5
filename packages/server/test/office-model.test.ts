/**
 * The code suggester learns from each office's own coded encounters (issue 13), over the API on the demo code set:
 * which encounters count, one audit row for the rebuild, who may rebuild, and one tenant's model never used for
 * another's suggestions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { createTenantFixture, insertCodedEncounters, login, testDeps, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let a: TenantFixture;
let b: TenantFixture;
const cookies: Record<string, string> = {};

const codedEncounters = (t: TenantFixture, notes: Parameters<typeof insertCodedEncounters>[2]) =>
  insertCodedEncounters(store, t, notes);

/** Office A calls a patient's "sugars" type 2 diabetes; office B calls them prediabetes. */
const sugars = (code: string) => [
  { text: 'Sugars running high this month. Low back pain after lifting.', codes: [code, 'M5450'] },
  { text: 'Follow-up for sugars. Feels well.', codes: [code], status: 'billed' as const },
  { text: 'Sugars improved on diet. Cough for a week.', codes: [code, 'R059'] },
  { text: 'Her sugars are stable.', codes: [code] },
  { text: 'Sugars checked at home, diet discussed.', codes: [code] },
  { text: 'Cough and fever since Monday.', codes: ['R059', 'R509'] },
];
const NEW_NOTE = 'Seen today. She says her sugars are up again.';

describe('office model: suggestions learn from the office’s own coded notes', () => {
  beforeAll(async () => {
    store = await openTestStore();
    app = await buildApp(testDeps(store));
    a = await createTenantFixture(store, 'learn-a');
    b = await createTenantFixture(store, 'learn-b');
    await codedEncounters(a, [
      ...sugars('E119'),
      // still being coded, or without a note: not learnt from
      { text: 'Sugars fine. Knee pain.', codes: ['M25569'], status: 'to_code' },
      { text: '   ', codes: ['I10'] },
    ]);
    await codedEncounters(b, sugars('R7303'));
    for (const [k, t, role] of [
      ['aCoder', a, 'coder'],
      ['aAdmin', a, 'admin'],
      ['aBiller', a, 'biller'],
      ['aRep', a, 'account_rep'],
      ['bCoder', b, 'coder'],
    ] as const)
      cookies[k] = await login(app, t.users[role].login);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({
      method,
      url,
      payload: payload ?? (method === 'POST' ? {} : undefined),
      headers: { cookie: cookies[cookie] },
    });
  const suggest = async (cookie: string) => {
    const r = await call(cookie, 'POST', '/api/coding/suggest', { note: NEW_NOTE, on: '2026-03-02' });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as {
      suggestions: Array<{ code: string; spans: Array<{ start: number; end: number; text: string }>; reason: any }>;
      office: { notes: number; builtAt: string } | null;
    };
  };

  it('before learning: says so, and suggests as shipped', async () => {
    const s = await call('aCoder', 'GET', '/api/coding/office-model');
    expect(s.statusCode, s.body).toBe(200);
    // the fixture's own coded visit, six of A's notes; not the one still to code nor the blank one
    expect(s.json()).toMatchObject({ learned: false, notes: 0, builtAt: null, available: 7 });
    const r = await suggest('aCoder');
    expect(r.office).toBeNull();
    expect(r.suggestions.map((x) => x.code)).not.toContain('E11.9');
  });

  it('only coders and admins may rebuild; others may see the status', async () => {
    for (const who of ['aBiller', 'aRep']) {
      const r = await call(who, 'POST', '/api/coding/office-model');
      expect(r.statusCode, `${who}: ${r.body}`).toBe(403);
      expect((await call(who, 'GET', '/api/coding/office-model')).statusCode).toBe(200);
    }
    expect(await store.db.selectFrom('office_model').selectAll().execute()).toEqual([]);
  });

  it('a coder rebuilds: one audit row names the encounters and patients read, and suggestions use the model', async () => {
    const before = await store.db.selectFrom('audit_event').select('seq').where('tenant_id', '=', a.tenantId).execute();
    const r = await call('aCoder', 'POST', '/api/coding/office-model');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ learned: true, notes: 7, patients: 1, builtBy: a.users.coder.username });
    expect(r.json().codes).toBeGreaterThanOrEqual(4);
    const rows = await store.db
      .selectFrom('audit_event')
      .select(['action', 'resource_type', 'patient_id', 'details', 'username'])
      .where('tenant_id', '=', a.tenantId)
      .where('seq', '>', Math.max(0, ...before.map((x) => Number(x.seq))))
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'read',
      resource_type: 'encounter',
      patient_id: a.patientId,
      username: a.users.coder.username,
      details: { encounters: 7, patients: 1, patientIds: [a.patientId], statuses: ['coded', 'billed'] },
    });
    const s = await suggest('aCoder');
    expect(s.office).toMatchObject({ notes: 7, builtAt: r.json().builtAt });
    const e119 = s.suggestions.find((x) => x.code === 'E11.9');
    expect(e119?.spans.map((x) => NEW_NOTE.slice(x.start, x.end))).toEqual(['sugars']);
    expect(e119?.reason.checks).toContain('this office coded "sugar" as E11.9 in 5 of 5 notes');
    // the suggest route's own audit is unchanged: one query row for a note given as text
    const status = (await call('aBiller', 'GET', '/api/coding/office-model')).json();
    expect(status).toMatchObject({ learned: true, notes: 7, available: 7 });
  });

  it("never uses one tenant's model for another's suggestions", async () => {
    const before = await suggest('bCoder');
    expect(before.office).toBeNull();
    expect(before.suggestions.map((x) => x.code)).not.toContain('E11.9');
    expect((await call('bCoder', 'GET', '/api/coding/office-model')).json()).toMatchObject({ learned: false });
    // B learns its own habit: the same words are prediabetes there, and still diabetes at A
    expect((await call('bCoder', 'POST', '/api/coding/office-model')).statusCode).toBe(200);
    const bCodes = (await suggest('bCoder')).suggestions.map((x) => x.code);
    expect(bCodes).toContain('R73.03');
    expect(bCodes).not.toContain('E11.9');
    const aCodes = (await suggest('aCoder')).suggestions.map((x) => x.code);
    expect(aCodes).toContain('E11.9');
    expect(aCodes).not.toContain('R73.03');
  });

  it('a rebuild replaces the model the next suggestion uses', async () => {
    await codedEncounters(a, [
      { text: 'Sugars high again. New cough.', codes: ['E119', 'R059'] },
      { text: 'Sugars fine today.', codes: ['E119'] },
    ]);
    expect((await call('aAdmin', 'GET', '/api/coding/office-model')).json()).toMatchObject({ notes: 7, available: 9 });
    const r = await call('aAdmin', 'POST', '/api/coding/office-model');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ notes: 9, builtBy: a.users.admin.username });
    const s = await suggest('aCoder');
    expect(s.office?.notes).toBe(9);
    expect(s.suggestions.find((x) => x.code === 'E11.9')?.reason.checks).toContain(
      'this office coded "sugar" as E11.9 in 7 of 7 notes',
    );
    expect(await store.db.selectFrom('office_model').select('tenant_id').execute()).toHaveLength(2);
  });

  it('shows the rebuild as a job', async () => {
    const jobs = (await call('aAdmin', 'GET', '/api/jobs')).json().items as Array<{ kind: string; state: string }>;
    expect(jobs.filter((j) => j.kind === 'office_model').map((j) => j.state)).toEqual(['done', 'done']);
  });
});
