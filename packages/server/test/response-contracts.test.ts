/**
 * Every route's answer is described by a schema of @medbill/api (issue 10 item 2), walked over the route table:
 * - each response schema is one the contract package exports, so the web's types (inferred from the same export)
 *   and the server's answer cannot part;
 * - no response schema has an open part (`z.unknown()`, `z.any()`, a loose or passthrough object, a record of
 *   unknown values): the strict serialiser (response-serializer.ts) fails any answer holding what its schema does
 *   not describe, but an open part describes everything, so what is under it would go out unchecked.
 */
import * as contract from '@medbill/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Store } from '../src/db/open-database.ts';
import { processFile } from '../src/claims/inbound/intake.ts';
import { withTenant } from '../src/db/open-database.ts';
import { buildApp } from '../src/http/app.ts';
import { seedHeldEra, seedUnmatched } from './denial-seed.test-util.ts';
import { createTenantFixture, login, testDeps, type TenantFixture } from './fixtures.ts';
import { openTestStore } from './test-store.ts';

interface ZodDef {
  type: string;
  shape?: Record<string, { _zod: { def: ZodDef } }>;
  catchall?: { _zod: { def: ZodDef } };
  element?: { _zod: { def: ZodDef } };
  options?: Array<{ _zod: { def: ZodDef } }>;
  valueType?: { _zod: { def: ZodDef } };
  innerType?: { _zod: { def: ZodDef } };
  in?: { _zod: { def: ZodDef } };
  out?: { _zod: { def: ZodDef } };
  left?: { _zod: { def: ZodDef } };
  right?: { _zod: { def: ZodDef } };
  items?: Array<{ _zod: { def: ZodDef } }>;
  rest?: { _zod: { def: ZodDef } } | null;
  getter?: () => { _zod: { def: ZodDef } };
}

/** The paths (a.b[].c) where a schema describes anything at all, walking through lazy and recursive parts once. */
export function openParts(schema: unknown, at = '', seen = new Set<unknown>()): string[] {
  const def = (schema as { _zod?: { def: ZodDef } })._zod?.def;
  if (!def || seen.has(schema)) return [];
  seen.add(schema);
  const walk = (s: unknown, path: string) => openParts(s, path, seen);
  switch (def.type) {
    case 'unknown':
    case 'any':
    case 'custom':
      return [at || '(the answer)'];
    case 'object': {
      const loose = def.catchall && def.catchall._zod.def.type !== 'never' ? [`${at || '(the answer)'}.*`] : [];
      return [...loose, ...Object.entries(def.shape ?? {}).flatMap(([k, v]) => walk(v, at ? `${at}.${k}` : k))];
    }
    case 'array':
      return walk(def.element, `${at}[]`);
    case 'record':
      return walk(def.valueType, `${at}.*`);
    case 'tuple':
      return [
        ...(def.items ?? []).map((s, i) => walk(s, `${at}[${i}]`)).flat(),
        ...(def.rest ? walk(def.rest, `${at}[]`) : []),
      ];
    case 'union':
      return (def.options ?? []).flatMap((o) => walk(o, at));
    case 'intersection':
      return [...walk(def.left, at), ...walk(def.right, at)];
    case 'pipe':
      return [...walk(def.in, at), ...walk(def.out, at)];
    case 'lazy':
      return walk(def.getter?.(), at);
    default:
      return def.innerType ? walk(def.innerType, at) : [];
  }
}

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let t: TenantFixture;
let admin: string;
let auditKey: Buffer;

beforeAll(async () => {
  store = await openTestStore();
  const deps = testDeps(store);
  auditKey = deps.auditKey;
  app = await buildApp(deps);
  t = await createTenantFixture(store, 'rsc');
  admin = await login(app, t.users.admin.login);
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const exported = new Set<unknown>(Object.values(contract));
/** A file answer (`pdfFile(…)`, `csvFile(…)`) documents its body by media type; others are the schema itself. */
const schemasOf = (declared: unknown): unknown[] =>
  declared && typeof declared === 'object' && 'content' in declared
    ? Object.values((declared as { content: Record<string, { schema: unknown }> }).content).map((c) => c.schema)
    : [declared];
const answers = () =>
  app.routeTable.flatMap((r) =>
    Object.entries(r.response ?? {}).flatMap(([status, declared]) =>
      schemasOf(declared).map((schema) => ({ route: `${r.method} ${r.url}`, status, schema })),
    ),
  );

describe('response contracts over the route table', () => {
  it('the walk finds the answers and their open parts', () => {
    expect(answers().length).toBeGreaterThanOrEqual(app.routeTable.length);
    expect(openParts(z.object({ a: z.string(), b: z.array(z.object({ c: z.unknown() })) }))).toEqual(['b[].c']);
    expect(openParts(z.object({ d: z.record(z.string(), z.any()) }).passthrough())).toEqual(['(the answer).*', 'd.*']);
    expect(openParts(z.looseObject({ e: z.number().nullable().optional() }))).toEqual(['(the answer).*']);
    expect(openParts(z.object({ f: z.record(z.string(), z.json()), g: z.strictObject({ h: z.date() }) }))).toEqual([]);
    expect(openParts(contract.encounterDetail)).toEqual([]);
  });

  it('every answer is described by a schema @medbill/api exports', () => {
    const outside = [
      ...new Set(
        answers()
          .filter((a) => !exported.has(a.schema))
          .map((a) => `${a.route} (${a.status})`),
      ),
    ];
    expect(outside, 'export the schema from @medbill/api and answer through it').toEqual([]);
  });

  it("every route declares its refusals (4xx) as @medbill/api's error body", () => {
    const without = app.routeTable.filter((r) => r.response?.['4XX'] !== contract.errorBody);
    expect(without.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('no answer has a part that describes anything', () => {
    const open = answers().flatMap((a) => openParts(a.schema).map((p) => `${a.route} (${a.status}): ${p}`));
    expect(open, 'describe these fields in the @medbill/api schema').toEqual([]);
  });
});

/** A refusal's body is the error body, its issues the one issue shape, each located at the field a person fixes. */
describe('error answers carry the one issue shape', () => {
  const post = (url: string, payload: unknown) =>
    app.inject({ method: 'POST', url, headers: { cookie: admin }, payload: payload as object });

  it("a form's missing and mistyped fields: typed codes, sentences in words, the field as the location", async () => {
    const res = await post('/api/patients', { firstName: 'Ann', birthDate: 7, sex: 'F' });
    expect(res.statusCode).toBe(400);
    const body = contract.errorBody.parse(res.json());
    expect(body.issues).toEqual(
      expect.arrayContaining([
        { code: 'required', severity: 'error', message: 'Last name is required', location: { field: 'lastName' } },
        expect.objectContaining({ code: 'invalid-type', location: { field: 'birthDate' } }),
      ]),
    );
    for (const i of body.issues ?? []) expect(contract.API_ISSUE_CODES).toContain(i.code);
  });

  it('a refusal of our own (a NUL character) and one of the database (a taken value) are issues too', async () => {
    const nul = await post('/api/patients', { firstName: 'A\u0000n' });
    expect(nul.statusCode).toBe(400);
    expect(contract.errorBody.parse(nul.json()).issues).toEqual([
      {
        code: 'nul-character',
        severity: 'error',
        message: 'First name contains a NUL character',
        location: { field: 'firstName' },
      },
    ]);
    const agency = { code: 'RSC1', name: 'Recovery One', feeBasisPoints: 2500 };
    expect((await post('/api/collection-agencies', agency)).statusCode).toBe(201);
    const dup = await post('/api/collection-agencies', { ...agency, name: 'Recovery Two' });
    expect(dup.statusCode).toBe(409);
    expect(contract.errorBody.parse(dup.json()).issues).toEqual([
      { code: 'duplicate', severity: 'error', message: 'Code is already in use', location: { field: 'code' } },
    ]);
  });
});

/** Answers through the parts that were open (z.unknown) until described: the strict serialiser checks each one. */
describe('answers the contract now describes in full', () => {
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie: admin } });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    return res.json();
  };

  it('an institutional encounter answers its UB-04 details as they were entered (NUBC codes, dates, amounts)', async () => {
    const institutional = {
      typeOfBill: '0111',
      admissionDate: '2026-11-02',
      admissionHour: '14',
      admissionType: '1',
      admissionSource: '7',
      patientStatus: '01',
      admittingDiagnosis: 'R0602',
      procedures: [{ code: '0BJ08ZZ', date: '2026-11-03' }],
      occurrences: [{ code: '11', date: '2026-11-01' }],
      occurrenceSpans: [{ code: '74', from: '2026-11-02', to: '2026-11-03' }],
      values: [{ code: '80', amountCents: 300 }],
      conditions: ['17'],
      operatingProviderId: t.providerId,
    };
    const made = await app.inject({
      method: 'POST',
      url: '/api/encounters',
      headers: { cookie: admin },
      payload: {
        patientId: t.patientId,
        practiceId: t.practiceId,
        renderingProviderId: t.providerId,
        kind: 'institutional',
        placeOfService: '21',
        serviceDateFrom: '2026-11-02',
        serviceDateTo: '2026-11-05',
        institutional: { ...institutional, admittingDiagnosis: 'r06.02' },
        diagnoses: ['J189'],
        lines: [
          {
            procedureCode: '',
            revenueCode: '0120',
            units: 3,
            chargeCents: 540000,
            chargeOverrideReason: 'room and board from the chargemaster',
            diagnosisPointers: [1],
          },
        ],
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    expect((await get(`/api/encounters/${made.json().id}`)).institutional).toEqual(institutional);
  });

  it("a held 835's file answers why it was held, in the one issue shape", async () => {
    const held = await seedHeldEra(store, t, auditKey);
    const era = await get(`/api/remittances/${held}`);
    const file = await get(`/api/edi-files/${era.fileId}`);
    expect(file.issues.length).toBeGreaterThan(0);
    for (const i of file.issues)
      expect(i).toEqual({
        code: expect.any(String),
        severity: 'error',
        message: expect.any(String),
        location: { file: file.fileName },
      });
    // its BPR does not add up: the file keeps the specific code, never a generic one
    expect(file.issues.map((i: { code: string }) => i.code)).toContain('unbalanced-bpr');
    for (const i of file.issues) expect(contract.RECEIVED_FILE_ISSUE_CODES).toContain(i.code);
    expect(file.issues.map((i: { code: string }) => i.code)).not.toContain('unclassified');
    expect(file.issues.map((i: { message: string }) => i.message)).toEqual(
      era.holdReasons.map((r: { message: string }) => r.message),
    );
  });

  it('a received file intake cannot apply keeps its problem with its code', async () => {
    const isa =
      'ISA*00*          *00*          *ZZ*PAYER          *ZZ*RSC            *251201*1200*^*00501*000000901*0*P*:~';
    const text = `${isa}GS*PO*PAYER*RSC*20251201*1200*901*X*005010~ST*850*0001~SE*2*0001~GE*1*901~IEA*1*000000901~`;
    const actor = { tenantId: t.tenantId, userId: null, username: 'seed', sourceIp: null };
    const result = await withTenant(store.db, t.tenantId, (tx) =>
      processFile(tx, auditKey, actor, { fileName: 'PO901.x12', text }, { clearinghouseId: t.clearinghouseId }),
    );
    expect(result.problems).toHaveLength(1);
    const row = await store.db
      .selectFrom('edi_file')
      .select('id')
      .where('tenant_id', '=', t.tenantId)
      .where('file_name', '=', 'PO901.x12')
      .executeTakeFirstOrThrow();
    const file = await get(`/api/edi-files/${row.id}`);
    expect(file.issues).toEqual([
      {
        code: 'unsupported-kind',
        severity: 'error',
        message: result.problems[0],
        location: { file: 'PO901.x12' },
      },
    ]);
  });

  it("an ERA's unmatched claim answers the claims of ours it may be, with the score and why", async () => {
    const seeded = await seedUnmatched(store, t, auditKey);
    const eras = await get('/api/remittances');
    const withUnmatched = await Promise.all(
      eras.items
        .filter((r: { unmatched: number }) => r.unmatched > 0)
        .map((r: { id: number }) => get(`/api/remittances/${r.id}`)),
    );
    const typo = withUnmatched.flatMap((r) => r.unmatched).find((u: { id: number }) => u.id === seeded.typo);
    expect(typo.suggestions[0]).toEqual({
      claimId: seeded.claimId,
      claimNumber: expect.any(String),
      score: expect.any(Number),
      why: expect.arrayContaining(['patient last name']),
    });
  });

  it('the audit log answers each row with its details; the session answers its permissions', async () => {
    const log = await get('/api/audit?limit=50');
    expect(log.items.some((r: { details: object }) => Object.keys(r.details).length > 0)).toBe(true);
    expect((await get('/api/auth/me')).permissions).toContain('audit:read');
  });
});
