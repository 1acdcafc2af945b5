/**
 * Code suggestions through the API on the official ICD-10-CM files: from an encounter's note and from text, accepted
 * codes becoming the encounter's diagnoses in order, rejected ones kept for measuring, audited, walled by role and
 * tenant.
 */
import type { CodeCatalog } from '@medbill/codes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataTitle, hasData, loadAll } from '../../codes/test/shared-data.ts';
import { codesServiceFrom } from '../src/codes/codes-service.ts';
import { withTenant, type Store } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { createTenantFixture, login, testDeps, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

const NOTE = `CC: follow-up.
HPI: 62 y/o male with T2DM and HTN. Denies chest pain, reports cough for a week. Mother has breast cancer.
Assessment:
1. Type 2 diabetes mellitus with diabetic chronic kidney disease, CKD stage 3a.
2. Hypertension.
3. Acute bronchitis - rule out pneumonia.`;

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let t: TenantFixture;
let other: TenantFixture;
let coder: string;
let analyst: string;
let encounterId: number;

describe.skipIf(!hasData)(dataTitle('code suggestions over the API'), () => {
  beforeAll(async () => {
    store = await openTestStore();
    const catalog: CodeCatalog = (await loadAll({})).catalog;
    app = await buildApp(testDeps(store, { codes: codesServiceFrom(catalog, false) }));
    t = await createTenantFixture(store, 'suggest');
    other = await createTenantFixture(store, 'suggest-b');
    coder = await login(app, t.users.coder.username);
    analyst = await login(app, t.users.claims_analyst.username);
    // An encounter of its own, not billed yet, with the note.
    encounterId = await withTenant(store.db, t.tenantId, async (tx) => {
      const e = await tx
        .insertInto('encounter')
        .values({
          tenant_id: t.tenantId,
          patient_id: t.patientId,
          practice_id: t.practiceId,
          rendering_provider_id: t.providerId,
          place_of_service: '11',
          service_date_from: '2025-11-04',
          service_date_to: '2025-11-04',
          note_text: NOTE,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return e.id;
    });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const call = (cookie: string, method: string, url: string, payload?: unknown) =>
    app.inject({ method: method as 'GET', url, payload: payload as object, headers: { cookie } });

  it("suggests codes from an encounter's note on its date of service, with evidence in the note", async () => {
    const r = await call(coder, 'POST', '/api/coding/suggest', { encounterId });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ encounterId, on: '2025-11-04', release: 'FY2026', note: NOTE, demo: false });
    const codes = body.suggestions.map((s: { code: string }) => s.code);
    expect(codes).toEqual(expect.arrayContaining(['E11.22', 'N18.31', 'I12.9', 'J20.9', 'R05.9', 'Z80.3']));
    expect(codes).not.toContain('R07.9');
    expect(codes.some((c: string) => c.startsWith('J18'))).toBe(false);
    for (const s of body.suggestions)
      for (const span of s.spans) expect(NOTE.slice(span.start, span.end)).toBe(span.text);
    expect(body.notCoded.map((n: { why: string }) => n.why)).toEqual(expect.arrayContaining(['negated', 'uncertain']));
    const audit = await store.db
      .selectFrom('audit_event')
      .select(['action', 'resource_type', 'patient_id'])
      .where('tenant_id', '=', t.tenantId)
      .where('resource_type', '=', 'encounter')
      .where('action', '=', 'read')
      .execute();
    expect(audit).toContainEqual({ action: 'read', resource_type: 'encounter', patient_id: t.patientId });
  });

  it('suggests codes for a note given as text, audited without a patient', async () => {
    const r = await call(coder, 'POST', '/api/coding/suggest', { note: 'Right knee pain. CHF.', on: '2025-10-15' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().suggestions.map((s: { code: string }) => s.code)).toEqual(
      expect.arrayContaining(['M25.561', 'I50.9']),
    );
    const rows = await store.db
      .selectFrom('audit_event')
      .select(['action', 'patient_id', 'details'])
      .where('tenant_id', '=', t.tenantId)
      .where('resource_type', '=', 'note')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'query', patient_id: null });
    expect(JSON.stringify(rows[0].details)).not.toContain('knee');
  });

  it('suggests HCPCS items and drugs beside the diagnoses, each with its evidence in the note', async () => {
    const note = 'Otitis media. Ceftriaxone 1 g IM given in clinic. Dispensed a folding wheeled walker.';
    const r = await call(coder, 'POST', '/api/coding/suggest', { note, on: '2025-11-04' });
    expect(r.statusCode, r.body).toBe(200);
    const procs = r.json().procedures as Array<{ code: string; codeSet: string; units?: number; spans: Span[] }>;
    expect(procs.find((p) => p.code === 'J0696')).toMatchObject({ codeSet: 'hcpcs', units: 4 });
    expect(procs.map((p) => p.code)).toContain('E0143');
    for (const p of procs) for (const span of p.spans) expect(note.slice(span.start, span.end)).toBe(span.text);
  });

  it('puts accepted codes on the encounter in the order accepted and keeps rejected ones for measuring', async () => {
    const decide = (code: string, decision: string) =>
      call(coder, 'POST', `/api/encounters/${encounterId}/suggestion-decisions`, {
        code,
        decision,
        confidence: 0.7,
        rank: 1,
        indexPath: 'Diabetes, diabetic > type 2',
        evidence: 'Type 2 diabetes',
        release: 'FY2026',
      });
    const first = await decide('E11.22', 'accepted');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().diagnoses).toEqual(['E11.22']);
    expect((await decide('N18.31', 'accepted')).json().diagnoses).toEqual(['E11.22', 'N18.31']);
    expect((await decide('R05.9', 'rejected')).json().diagnoses).toEqual(['E11.22', 'N18.31']);
    expect((await decide('E11.22', 'accepted')).json().diagnoses).toEqual(['E11.22', 'N18.31']);
    const enc = await call(coder, 'GET', `/api/encounters/${encounterId}`);
    expect(enc.json().diagnoses.map((d: string) => d.replace('.', ''))).toEqual(['E1122', 'N1831']);
    const again = await call(coder, 'POST', '/api/coding/suggest', { encounterId });
    expect(again.json().decisions.map((d: { code: string; decision: string }) => [d.code, d.decision])).toEqual([
      ['N18.31', 'accepted'],
      ['R05.9', 'rejected'],
      ['E11.22', 'accepted'],
    ]);
    const list = await call(coder, 'GET', '/api/coding/suggestion-decisions');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().totals).toEqual({ accepted: 2, rejected: 1, acceptanceRate: 0.667 });
    expect(list.json().byCode).toContainEqual({ code: 'R05.9', accepted: 0, rejected: 1, acceptanceRate: 0 });
  });

  it('refuses a code not billable on the date of service, another tenant’s encounter, and roles that may not code', async () => {
    const bad = await call(coder, 'POST', `/api/encounters/${encounterId}/suggestion-decisions`, {
      code: 'E11',
      decision: 'accepted',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].location.field).toBe('code');
    const walled = await call(coder, 'POST', `/api/encounters/${other.encounterId}/suggestion-decisions`, {
      code: 'I10',
      decision: 'accepted',
    });
    expect(walled.statusCode).toBe(404);
    expect((await call(coder, 'POST', '/api/coding/suggest', { encounterId: other.encounterId })).statusCode).toBe(404);
    const forbidden = await call(analyst, 'POST', `/api/encounters/${encounterId}/suggestion-decisions`, {
      code: 'I10',
      decision: 'accepted',
    });
    expect(forbidden.statusCode).toBe(403);
    const none = await call(coder, 'POST', '/api/coding/suggest', {});
    expect(none.statusCode).toBe(400);
  });

  it('answers the same note the same way', async () => {
    const a = await call(coder, 'POST', '/api/coding/suggest', { note: NOTE, on: '2025-11-04' });
    const b = await call(coder, 'POST', '/api/coding/suggest', { note: NOTE, on: '2025-11-04' });
    expect(a.json().suggestions).toEqual(b.json().suggestions);
  });
});

interface Span {
  start: number;
  end: number;
  text: string;
}
