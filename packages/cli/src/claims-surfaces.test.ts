/**
 * One use case, one function: each claims use case is called directly, through its HTTP route and through its
 * CLI command, on the same database, and the three agree — the same answer (the CLI's --json prints what the
 * API answers) and the same audit row (action, resource, data category, outcome, patient, details), differing
 * only in who acted. Work that consumes claims (batch, submit, poll) runs once per surface on its own claim.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  buildApp,
  buildClaimBatches,
  claimSummary,
  createPayerSimResponder,
  defaultClaimServices,
  demoPayerContracts,
  FolderAdapter,
  getClaim,
  listClaims,
  loadCodesService,
  loadConfig,
  openConfiguredStore,
  pollClearinghouse,
  printClaim,
  scrubOpenClaims,
  submitBatches,
  withTenant,
  type Actor,
  type ClaimsDeps,
  type Db,
  type Store,
  type Tx,
} from '@medbill/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenantFixture, login, testDeps, type TenantFixture } from '../../server/test/fixtures.ts';
import { useCliTestEnv } from './cli-test-env.test-util.ts';

const { dataDir, medbill } = useCliTestEnv('medbill-surfaces-', { MEDBILL_ADMIN_PASSWORD: 'surfaces-admin-pw' });

type Row = Record<string, unknown> & { details: Record<string, unknown> };
let t: TenantFixture;
let clearinghouseId: number;
/** one ready claim per surface, for the use cases that consume claims */
const spare: Record<Surface, number> = { direct: 0, http: 0, cli: 0 };
type Surface = 'direct' | 'http' | 'cli';

/** the audit chain's head after the last thing this file did (nothing else writes to the fixture tenant) */
let lastSeq = 0;

interface Session {
  /** the use case called as a function, as a person at the API would be (no address) */
  direct<T>(fn: (deps: ClaimsDeps, actor: Actor) => Promise<T>): Promise<{ result: T; rows: Row[] }>;
  /** the route, through Fastify's inject, as the biller */
  http(method: 'GET' | 'POST', url: string, body?: unknown): Promise<{ result: any; rows: Row[] }>;
  /** the rows written since the last call (a CLI command run meanwhile) */
  since(): Promise<Row[]>;
  db: Db;
  store: Store;
}

/**
 * Opens the CLI's database and audit key once (one process at a time on PGlite) with the HTTP app on it, for
 * direct calls and requests; each call answers with the audit rows it wrote.
 */
async function session<T>(work: (s: Session) => Promise<T>): Promise<T> {
  const { store, auditKey } = await openConfiguredStore(loadConfig(), 'surfaces test', { auditKey: 'require' });
  const base = testDeps(store);
  // the code sets in the database (none imported: the demo list, as the CLI loads them)
  const coding = (await loadCodesService(store.db)).check;
  const deps: ClaimsDeps = { db: store.db, auditKey, claims: defaultClaimServices(dataDir, { coding }) };
  const app = await buildApp({ ...base, ...deps });
  try {
    const cookie = t ? await login(app, t.users.biller.username) : '';
    const rowsSince = async (seq: number) => {
      const rows = (await store.db
        .selectFrom('audit_event')
        .selectAll()
        .where('tenant_id', '=', t.tenantId)
        .where('seq', '>', seq)
        .orderBy('seq')
        .execute()) as unknown as Row[];
      lastSeq = Math.max(seq, ...rows.map((r) => Number(r.seq)));
      return rows.filter((r) => r.action !== 'login'); // the session's own log-in
    };
    const before = lastSeq;
    return await work({
      db: store.db,
      store,
      since: () => rowsSince(before),
      async direct(fn) {
        const actor: Actor = { tenantId: t.tenantId, userId: t.users.biller.id, username: 'direct', sourceIp: null };
        const result = JSON.parse(JSON.stringify(await fn(deps, actor)));
        return { result, rows: await rowsSince(lastSeq) };
      },
      async http(method, url, body) {
        const res = await app.inject({ method, url, payload: body as object, headers: { cookie } });
        expect(res.statusCode, `${method} ${url}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
        const json = res.headers['content-type']?.toString().startsWith('application/json');
        return { result: json ? res.json() : res.rawPayload, rows: await rowsSince(lastSeq) };
      },
    });
  } finally {
    await app.close();
    await store.close();
  }
}

/** The command, as the OS user; the rows are read after it ran. */
async function cli(...args: string[]) {
  const io = await medbill(...args, '--tenant', t.slug);
  expect(io.exitCode, `${args.join(' ')}: ${io.stderr}`).toBe(0);
  const rows = await session((s) => s.since());
  return { result: args.includes('--json') ? JSON.parse(io.stdout) : io.stdout, rows };
}

/** An audit row without who wrote it, when, or the chain's hashes. */
function what(r: Row, opts: { ids?: boolean } = {}) {
  const { to: _to, ...details } = r.details;
  return {
    action: r.action,
    resourceType: r.resource_type,
    resource: opts.ids === false ? r.resource_id !== null : r.resource_id,
    patientId: r.patient_id,
    dataCategory: r.data_category,
    outcome: r.outcome,
    details: opts.ids === false ? keyPaths(details) : details,
  };
}
/** the shape of details without its values (for work on different claims) */
function keyPaths(v: unknown, at = ''): string[] {
  if (Array.isArray(v)) return v.length ? keyPaths(v[0], `${at}[]`) : [`${at}[]`];
  if (v && typeof v === 'object')
    return Object.entries(v)
      .flatMap(([k, x]) => keyPaths(x, at ? `${at}.${k}` : k))
      .sort();
  return [at];
}

function agree(runs: Record<Surface, { rows: Row[] }>, opts: { ids?: boolean } = {}) {
  const [a, b, c] = [runs.direct, runs.http, runs.cli].map((r) => r.rows.map((row) => what(row, opts)));
  expect(b, 'HTTP writes the audit rows the use case writes').toEqual(a);
  expect(c, 'the CLI writes the audit rows the use case writes').toEqual(a);
  expect(runs.http.rows.every((r) => r.username === t.users.biller.username && r.source_ip === '127.0.0.1')).toBe(true);
  expect(runs.cli.rows.every((r) => String(r.username).startsWith('cli:') && r.source_ip === null)).toBe(true);
}

async function addReadyClaim(tx: Tx, n: number): Promise<number> {
  const enc = await tx
    .insertInto('encounter')
    .values({
      tenant_id: t.tenantId,
      patient_id: t.patientId,
      practice_id: t.practiceId,
      rendering_provider_id: t.providerId,
      place_of_service: '11',
      service_date_from: `2026-11-1${n}`,
      service_date_to: `2026-11-1${n}`,
      status: 'billed',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('encounter_diagnosis')
    .values({ tenant_id: t.tenantId, encounter_id: enc.id, position: 1, code: 'I10' })
    .execute();
  await tx
    .insertInto('service_line')
    .values({
      tenant_id: t.tenantId,
      encounter_id: enc.id,
      line_number: 1,
      procedure_code: '99213',
      units: 1,
      charge_cents: 12000 + n,
      diagnosis_pointers: [1],
      service_date: `2026-11-1${n}`,
    })
    .execute();
  const claim = await tx
    .insertInto('claim')
    .values({
      tenant_id: t.tenantId,
      claim_number: `S${t.tenantId}C${n}`,
      encounter_id: enc.id,
      coverage_id: t.coverageId,
      payer_id: t.payerId,
      kind: 'professional',
      state: 'ready',
      total_charge_cents: 12000 + n,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return claim.id;
}

beforeAll(async () => {
  // tenant create makes the audit key (claims commands require one); the fixture is a second tenant
  expect(
    (await medbill('tenant', 'create', '--name', 'Surfaces', '--slug', 'surfaces', '--admin', 'surf.admin')).exitCode,
  ).toBe(0);
  await session(async ({ db, store }) => {
    t = await createTenantFixture(store, 'surf');
    await withTenant(db, t.tenantId, async (tx) => {
      await tx
        .updateTable('payer')
        .set({ payer_code: 'DEMOACME', name: 'Acme Health PPO' })
        .where('tenant_id', '=', t.tenantId)
        .execute();
      await tx.updateTable('practice').set({ service_zip: '787012345' }).where('tenant_id', '=', t.tenantId).execute();
      await tx.updateTable('coverage').set({ group_number: 'G1000' }).where('tenant_id', '=', t.tenantId).execute();
      clearinghouseId = t.clearinghouseId;
      // the fixture's batch (not a real 837) counts as sent already
      await tx.updateTable('batch').set({ state: 'submitted' }).where('tenant_id', '=', t.tenantId).execute();
      // ... and took the first control numbers
      for (const kind of ['interchange', 'group'])
        await tx
          .insertInto('control_number')
          .values({ tenant_id: t.tenantId, clearinghouse_id: t.clearinghouseId, kind, last_value: 1 })
          .execute();
      spare.direct = await addReadyClaim(tx, 1);
      spare.http = await addReadyClaim(tx, 2);
      spare.cli = await addReadyClaim(tx, 3);
    });
  });
  // the fixture claim, scrubbed once, is steady: every later scrub gives the same answer
  await session((s) => s.direct((deps, actor) => scrubOpenClaims(deps, actor, { claimIds: [t.claimId] })));
}, 300_000);

describe('the claims use cases: directly, over HTTP and from the CLI', () => {
  it('list claims', async () => {
    const runs = {
      ...(await session(async (s) => ({
        direct: await s.direct((d, a) => listClaims(d, a, { state: 'ready', limit: 100, offset: 0 })),
        http: await s.http('GET', '/api/claims?state=ready&limit=100'),
      }))),
      cli: await cli('claims', 'status', '--state', 'ready', '--limit', '100', '--json'),
    };
    expect(runs.direct.result.items.map((c) => c.id).sort()).toEqual(
      [t.claimId, spare.direct, spare.http, spare.cli].sort(),
    );
    expect(runs.http.result).toEqual(runs.direct.result);
    expect(runs.cli.result.claims).toEqual(runs.direct.result.items);
    expect(runs.cli.result.total).toBe(runs.direct.result.total);
    agree(runs);
    expect(runs.direct.rows.map((r) => [r.action, r.resource_type, r.patient_id])).toEqual([
      ['query', 'claim', t.patientId],
    ]);
  });

  it('claim summary (counts name no one: no audit row)', async () => {
    const runs = {
      ...(await session(async (s) => ({
        direct: await s.direct((d, a) => claimSummary(d, a)),
        http: await s.http('GET', '/api/claims/summary'),
      }))),
      cli: await cli('claims', 'status', '--json'),
    };
    expect(runs.http.result).toEqual(runs.direct.result);
    expect(runs.cli.result.counts).toEqual(runs.direct.result.counts);
    expect(runs.direct.result.counts.ready).toBe(4);
    expect(runs.direct.rows).toEqual([]);
    expect(runs.http.rows).toEqual([]);
  });

  it('get one claim', async () => {
    const runs = {
      ...(await session(async (s) => ({
        direct: await s.direct((d, a) => getClaim(d, a, { claimId: t.claimId })),
        http: await s.http('GET', `/api/claims/${t.claimId}`),
      }))),
      cli: await cli('claims', 'show', `T${t.tenantId}C1`, '--json'),
    };
    expect(runs.http.result).toEqual(runs.direct.result);
    // the CLI's `claims show` is the claim's ledger view (remittance stage): the same claim, read and audited
    expect(runs.cli.result.claim.claimNumber).toBe(runs.direct.result.claimNumber);
    expect(runs.cli.rows.map((r) => [r.action, r.resource_type, r.patient_id])).toEqual(
      runs.direct.rows.map((r) => [r.action, r.resource_type, r.patient_id]),
    );
    expect(runs.http.rows.map((r) => what(r, {}))).toEqual(runs.direct.rows.map((r) => what(r, {})));
  });

  it('print a claim', async () => {
    const file = path.join(dataDir, 'surfaces.pdf');
    const runs = {
      ...(await session(async (s) => ({
        direct: await s.direct(async (d, a) => {
          const p = await printClaim(d, a, { claimId: t.claimId, mode: 'full' });
          return { form: p.form, claimNumber: p.claimNumber, size: p.pdf.length };
        }),
        http: await s.http('GET', `/api/claims/${t.claimId}/pdf`),
      }))),
      cli: await cli('claims', 'pdf', String(t.claimId), '-o', file),
    };
    const bytes = [Buffer.from(runs.http.result as Buffer), fs.readFileSync(file)];
    for (const b of bytes) {
      expect(b.subarray(0, 5).toString()).toBe('%PDF-');
      expect(b.length).toBe(runs.direct.result.size);
    }
    agree(runs);
    expect(runs.cli.rows[0].details).toMatchObject({ form: 'CMS-1500', to: file });
  });

  it('scrub claims (given ones)', async () => {
    const runs = {
      ...(await session(async (s) => ({
        direct: await s.direct((d, a) => scrubOpenClaims(d, a, { claimIds: [t.claimId] })),
        http: await s.http('POST', '/api/claims/scrub', { claimIds: [t.claimId] }),
      }))),
      cli: await cli('claims', 'scrub', `T${t.tenantId}C1`, '--json'),
    };
    expect(runs.direct.result.outcomes).toEqual([expect.objectContaining({ claimId: t.claimId, state: 'ready' })]);
    expect(runs.http.result).toEqual(runs.direct.result);
    expect(runs.cli.result).toEqual(runs.direct.result);
    agree(runs);
  });

  it('batch, submit and poll: each surface on its own claim', { timeout: 300_000 }, async () => {
    const build = {
      ...(await session(async (s) => ({
        direct: await s.direct((d, a) => buildClaimBatches(d, a, { clearinghouseId, claimIds: [spare.direct] })),
        http: await s.http('POST', '/api/batches', { clearinghouseId, claimIds: [spare.http] }),
      }))),
      cli: await cli('claims', 'batch', '--clearinghouse', String(clearinghouseId), String(spare.cli), '--json'),
    };
    for (const s of ['direct', 'http', 'cli'] as const) {
      expect(build[s].result.batches.map((b: { claimIds: number[] }) => b.claimIds)).toEqual([[spare[s]]]);
      expect(build[s].rows.map((r) => r.resource_id)).toEqual([String(build[s].result.batches[0].batchId)]);
    }
    agree(build, { ids: false });

    // the tenant's own clearinghouse folder (issue 8 item 2): <data>/clearinghouse/<tenant>/clearinghouse-<id>
    const exchange = path.join(dataDir, 'clearinghouse', String(t.tenantId), `clearinghouse-${clearinghouseId}`);
    const payer = new FolderAdapter({
      outboundDir: path.join(exchange, 'inbound'),
      inboundDir: path.join(exchange, 'outbound'),
      processedDir: path.join(exchange, 'payer-processed'),
    });
    const respond = createPayerSimResponder({ contracts: demoPayerContracts(), seed: 'surfaces', rejectRate: 0 });
    const answer = async () => {
      for (const f of await payer.listInbound()) {
        for (const r of await respond(f.name, Buffer.from(await payer.download(f)).toString('utf8')))
          await payer.upload(r.name, Buffer.from(r.text));
        await payer.markProcessed(f);
      }
    };
    const submit = {} as Record<Surface, Awaited<ReturnType<typeof cli>>>;
    const poll = {} as Record<Surface, Awaited<ReturnType<typeof cli>>>;
    for (const s of ['direct', 'http', 'cli'] as const) {
      const batchId = build[s].result.batches[0].batchId;
      submit[s] =
        s === 'cli'
          ? await cli('claims', 'submit', '--clearinghouse', String(clearinghouseId), '--json')
          : await session((x) =>
              s === 'direct'
                ? x.direct((d, a) => submitBatches(d, a, { clearinghouseId, batchIds: [batchId] }))
                : x.http('POST', `/api/clearinghouses/${clearinghouseId}/submit`, { batchIds: [batchId] }),
            );
      expect(
        submit[s].result.sent.map((x: { batchId: number }) => x.batchId),
        s,
      ).toEqual([batchId]);
      await answer();
      poll[s] =
        s === 'cli'
          ? await cli('claims', 'poll', '--clearinghouse', String(clearinghouseId), '--json')
          : await session((x) =>
              s === 'direct'
                ? x.direct((d, a) => pollClearinghouse(d, a, { clearinghouseId }))
                : x.http('POST', `/api/clearinghouses/${clearinghouseId}/poll`, {}),
            );
      expect(
        poll[s].result.files.map((f: { kind: string; claimsMoved: number; problems: string[] }) => [
          f.kind,
          f.claimsMoved,
          f.problems,
        ]),
        s,
      ).toEqual([
        ['999', 1, []],
        ['277CA', 1, []],
        ['835', 1, []],
      ]);
    }
    await payer.close();
    agree(submit, { ids: false });
    agree(poll, { ids: false });
    expect(submit.direct.rows.map((r) => [r.action, r.resource_type])).toEqual([
      ['export', 'batch'],
      ['update', 'batch'],
      ['export', 'batch'],
    ]);
  });
});
