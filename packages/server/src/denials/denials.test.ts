/**
 * The denial worklist end to end: an 835 posts a claim denial, a line denial and (against a contract) an
 * underpayment; the worklist says each in words with its cause, and each action — write-off, transfer to the
 * patient, corrected claim, appeal letter — moves the ledger by exactly the denied amount, changes the
 * denial's status, leaves a note and an audit row naming the patient. Routes and use cases agree.
 */
import { eraText, type EraCas } from '@medbill/core/test-util';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditKeyForTests, createTenantFixture, login, testDeps, type TenantFixture } from '../../test/fixtures.ts';
import { addClaim, addPayer, type ClaimFixture, type LineSpec } from '../../test/remit-fixtures.ts';
import { openTestStore } from '../../test/test-store.ts';
import type { Actor } from '../actor.ts';
import { hasPoppler, pageText, POPPLER_MISSING_MESSAGE } from '../print/poppler.test-util.ts';
import { withTenant, type Store } from '../db/open-database.ts';
import { buildApp } from '../http/app.ts';
import { postClaimCharges } from '../ledger/post-claim-charges.ts';
import { ledgerTotals } from '../ledger/read-ledger.ts';
import { postRemittance } from '../remittance/post-remittance.ts';
import { savePayerContract } from '../remittance/payer-contracts.ts';
import type { DenialDeps } from './denial-deps.ts';
import { listDenials } from './list-denials.ts';
import { writeOffDenial } from './work-denial.ts';

let store: Store;
let fx: TenantFixture;
let app: Awaited<ReturnType<typeof buildApp>>;
let deps: DenialDeps;
let actor: Actor;
let analyst = '';
let biller = '';
let payerCode = '';
const auditKey = auditKeyForTests();
const claims: Record<'whole' | 'line' | 'under' | 'transfer', ClaimFixture> = {} as never;

const tx = <T>(work: Parameters<typeof withTenant<T>>[2]) => withTenant(store.db, fx.tenantId, work);
const totals = (claimId: number) => tx((t) => ledgerTotals(t, fx.tenantId, { claimId }));
const denialOf = (claimId: number) =>
  tx((t) => t.selectFrom('denial').selectAll().where('claim_id', '=', claimId).orderBy('id').executeTakeFirstOrThrow());
const req = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, cookie: string, payload?: unknown) =>
  app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

async function sentClaim(lines: LineSpec[]): Promise<ClaimFixture> {
  const c = await addClaim(store, fx, { lines });
  await tx((t) => postClaimCharges(t, fx.tenantId, [c.claimId], { userId: null, username: 'test' }));
  return c;
}

beforeAll(async () => {
  store = await openTestStore();
  fx = await createTenantFixture(store, 'denials');
  const base = testDeps(store, { auditKey });
  app = await buildApp(base);
  deps = {
    db: store.db,
    auditKey,
    claims: { today: () => '2026-12-01', now: () => new Date('2026-12-01T12:00:00Z') },
  };
  actor = {
    tenantId: fx.tenantId,
    userId: fx.users.claims_analyst.id,
    username: fx.users.claims_analyst.username,
    sourceIp: null,
  };
  analyst = await login(app, fx.users.claims_analyst.username);
  biller = await login(app, fx.users.biller.username);
  payerCode = (
    await tx((t) => t.selectFrom('payer').select('payer_code').where('id', '=', fx.payerId).executeTakeFirstOrThrow())
  ).payer_code;
  await savePayerContract(deps, actor, {
    payerId: fx.payerId,
    name: '2026 fee schedule',
    effectiveFrom: '2026-01-01',
    rates: [{ procedureCode: '99214', allowedCents: 11000 }],
  });
  claims.whole = await sentClaim([{ code: '99213', charge: 12000 }]);
  claims.line = await sentClaim([
    { code: '99213', charge: 10000 },
    { code: '81002', charge: 2500 },
  ]);
  claims.under = await sentClaim([{ code: '99214', charge: 15000 }]);
  claims.transfer = await sentClaim([{ code: '99213', charge: 9000 }]);
  const svc = (
    c: ClaimFixture,
    n: number,
    code: string,
    charge: number,
    paid: number,
    cas: EraCas[],
    remarks?: string[],
  ) => ({
    code,
    charge,
    paid,
    lineControl: `${c.claimNumber}-${n}`,
    cas,
    ...(remarks ? { remarks } : {}),
  });
  const r = await postRemittance(
    store.db,
    fx.tenantId,
    {
      fileName: 'denials.835',
      text: eraText({
        trace: 'DEN1',
        payerId: payerCode,
        claims: [
          {
            pcn: claims.whole.claimNumber,
            status: '4',
            charge: 12000,
            paid: 0,
            services: [
              svc(claims.whole, 1, '99213', 12000, 0, [{ group: 'CO', reason: '197', amount: 12000 }], ['M62']),
            ],
          },
          {
            pcn: claims.line.claimNumber,
            status: '1',
            charge: 12500,
            paid: 8000,
            services: [
              svc(claims.line, 1, '99213', 10000, 8000, [{ group: 'CO', reason: '45', amount: 2000 }]),
              svc(claims.line, 2, '81002', 2500, 0, [{ group: 'CO', reason: '50', amount: 2500 }], ['N115']),
            ],
          },
          {
            pcn: claims.under.claimNumber,
            status: '1',
            charge: 15000,
            paid: 9000,
            services: [svc(claims.under, 1, '99214', 15000, 9000, [{ group: 'CO', reason: '45', amount: 6000 }])],
          },
          {
            pcn: claims.transfer.claimNumber,
            status: '4',
            charge: 9000,
            paid: 0,
            services: [
              svc(claims.transfer, 1, '99213', 9000, 0, [{ group: 'CO', reason: '96', amount: 9000 }], ['N130']),
            ],
          },
        ],
      }),
    },
    { actor: { userId: null, username: 'test' }, audit: { key: auditKey, sourceIp: null } },
  );
  expect(r).toMatchObject({ status: 'posted', claimsPosted: 4 });
});
afterAll(() => store?.close());

describe('the denial worklist', () => {
  it('lists each denial and the underpayment in words, with cause, deadline and totals by cause', async () => {
    const list = await listDenials(deps, actor);
    expect(list.total).toBe(4);
    const by = (claimId: number) => list.items.find((d) => d.claimId === claimId)!;
    expect(by(claims.whole.claimId)).toMatchObject({
      kind: 'denied',
      group: 'CO',
      reason: '197',
      reasonText: 'No authorization on file',
      cause: 'authorization',
      causeLabel: 'Authorization',
      amountCents: 12000,
      remarks: [{ code: 'M62', text: 'Treatment authorization code missing or invalid' }],
      deniedOn: '2026-11-20',
      ageDays: 11,
      status: 'open',
    });
    expect(by(claims.line.claimId)).toMatchObject({
      procedure: '81002',
      reasonText: 'Not medically necessary',
      cause: 'medical_necessity',
      amountCents: 2500,
      remarks: [{ code: 'N115', text: 'Decided under a Local Coverage Determination (LCD)' }],
    });
    expect(by(claims.under.claimId)).toMatchObject({
      kind: 'underpaid',
      causeLabel: 'Underpaid',
      amountCents: 2000,
      expectedCents: 11000,
      reasonText: 'Paid below the contract: allowed 90.00 of the contracted 110.00',
    });
    expect(by(claims.whole.claimId).appealDeadline).not.toBeNull();
    expect(list.byCause.reduce((t, c) => t + c.amountCents, 0)).toBe(12000 + 2500 + 2000 + 9000);
    expect(list.items.map((d) => d.priority)).toEqual([...list.items.map((d) => d.priority)].sort((a, b) => b - a));
  });

  it('the route answers what the use case answers; a biller reads but may not write off', async () => {
    const direct = await listDenials(deps, actor, { kind: 'denied' });
    const res = await req('GET', '/api/denials?kind=denied', analyst);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((d: { id: number }) => d.id)).toEqual(direct.items.map((d) => d.id));
    expect((await req('GET', '/api/denials?status=open,nonsense', analyst)).statusCode).toBe(400);
    const id = (await denialOf(claims.whole.claimId)).id;
    expect((await req('GET', '/api/denials', biller)).statusCode).toBe(200);
    const refused = await req('POST', `/api/denials/${id}/write-off`, biller, { reason: 'small balance' });
    expect(refused.statusCode).toBe(403);
    expect((await req('POST', `/api/denials/${id}/write-off`, analyst, { reason: '' })).json()).toMatchObject({
      error: 'validation',
      issues: [{ location: { field: 'reason' } }],
    });
  });

  it('assigns, sets a follow-up date and keeps notes', async () => {
    const id = (await denialOf(claims.line.claimId)).id;
    const a = await req('PATCH', `/api/denials/${id}`, analyst, {
      assignedUserId: fx.users.claims_analyst.id,
      followUpOn: '2026-12-15',
    });
    expect(a.statusCode).toBe(200);
    expect(
      (await req('POST', `/api/denials/${id}/notes`, analyst, { note: 'called the payer, LCD L1234' })).statusCode,
    ).toBe(200);
    const d = (await req('GET', `/api/denials/${id}`, analyst)).json();
    expect(d).toMatchObject({ assignedUserId: fx.users.claims_analyst.id, followUpOn: '2026-12-15', notes: 1 });
    expect(d.history[0]).toMatchObject({
      note: 'called the payer, LCD L1234',
      username: fx.users.claims_analyst.username,
    });
    expect((await req('PATCH', `/api/denials/${id}`, analyst, { assignedUserId: 999999 })).statusCode).toBe(400);
  });

  it('a write-off takes exactly what the payer still owed on the denied line, once', async () => {
    const c = claims.line;
    const before = await totals(c.claimId);
    expect(before).toMatchObject({ balance: 2500, insuranceBalance: 2500 });
    const id = (await denialOf(c.claimId)).id;
    const res = await req('POST', `/api/denials/${id}/write-off`, analyst, { reason: 'LCD does not cover it; no ABN' });
    expect(res.json()).toMatchObject({ status: 'written_off', amountCents: 2500 });
    expect(await totals(c.claimId)).toMatchObject({ balance: 0, insuranceBalance: 0, writeOffs: 2500 });
    const again = await writeOffDenial(deps, actor, { denialId: id, reason: 'again' }).catch((e) => e);
    expect(again).toMatchObject({ code: 'conflict', message: 'This denial is already written off' });
    const audit = await store.db
      .selectFrom('audit_event')
      .selectAll()
      .where('tenant_id', '=', fx.tenantId)
      .where('resource_type', '=', 'denial')
      .where('resource_id', '=', String(id))
      .where('action', '=', 'update')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ patient_id: fx.patientId, username: fx.users.claims_analyst.username });
    expect(audit.details).toMatchObject({ action: 'write_off', amountCents: 2500 });
  });

  it('a transfer moves the non-covered amount from the payer to the patient', async () => {
    const c = claims.transfer;
    const id = (await denialOf(c.claimId)).id;
    const res = await req('POST', `/api/denials/${id}/transfer-to-patient`, analyst, { reason: 'signed ABN on file' });
    expect(res.json()).toMatchObject({ status: 'transferred', amountCents: 9000 });
    expect(await totals(c.claimId)).toMatchObject({ balance: 9000, insuranceBalance: 0, patientBalance: 9000 });
  });

  it('an appeal prints the letter from the template and marks the denial and the claim appealed', async () => {
    const c = claims.whole;
    const id = (await denialOf(c.claimId)).id;
    const bad = await req('PUT', '/api/appeal-template', analyst, {
      body: 'Dear {{payerName}}, see {{claimNumbr}} please',
    });
    expect(bad.json()).toMatchObject({ error: 'validation', message: 'body: unknown placeholder {{claimNumbr}}' });
    const tpl = (await req('GET', '/api/appeal-template', analyst)).json();
    expect(tpl.body).toContain('{{denialReason}}');
    const saved = await req('PUT', '/api/appeal-template', analyst, {
      body: `APPEAL FOR {{claimNumber}}\n${tpl.body}`,
    });
    expect(saved.statusCode).toBe(200);
    const res = await req('POST', `/api/denials/${id}/appeal`, analyst, {
      argument: 'The authorization was obtained on 2026-10-30, number AUTH778; the payer did not match it.',
      attachments: ['Authorization AUTH778', 'Office note 2026-11-02'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = await PDFDocument.load(res.rawPayload);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
    if (hasPoppler()) {
      const text = pageText(res.rawPayload, 1).replace(/\s+/g, ' ');
      expect(text).toContain(`APPEAL FOR ${c.claimNumber}`);
      expect(text).toContain('CO-197 No authorization on file (Authorization)');
      expect(text).toContain('M62 Treatment authorization code missing or invalid');
      expect(text).toContain('1. Authorization AUTH778 2. Office note 2026-11-02');
      expect(text).toContain('the payer did not match it.');
    } else console.warn(POPPLER_MISSING_MESSAGE);
    const d = (await req('GET', `/api/denials/${id}`, analyst)).json();
    expect(d.status).toBe('appealed');
    expect(d.history.at(-1).note).toMatch(
      /^appeal letter printed with Authorization AUTH778, Office note 2026-11-02: /,
    );
    const claim = await tx((t) =>
      t.selectFrom('claim').select('state').where('id', '=', c.claimId).executeTakeFirstOrThrow(),
    );
    expect(claim.state).toBe('appealed');
    // appealed denials stay on the worklist until the payer answers
    expect((await listDenials(deps, actor)).items.some((x) => x.id === id)).toBe(true);
  });

  it('a corrected claim (frequency 7) is made for the underpaid claim from the worklist', async () => {
    const c = claims.under;
    const id = (await denialOf(c.claimId)).id;
    const res = await req('POST', `/api/denials/${id}/replacement-claim`, analyst, {
      kind: 'correct',
      reason: 'wrong modifier',
    });
    expect(res.statusCode).toBe(200);
    const out = res.json();
    expect(out).toMatchObject({ status: 'corrected' });
    const made = await tx((t) =>
      t.selectFrom('claim').selectAll().where('id', '=', out.claimId).executeTakeFirstOrThrow(),
    );
    expect(made).toMatchObject({ replaces_claim_id: c.claimId, frequency_code: '7', claim_number: out.claimNumber });
    expect((await listDenials(deps, actor)).items.some((x) => x.id === id)).toBe(false);
  });

  it('contracts: listed per payer; a rate twice is refused naming it', async () => {
    const list = (await req('GET', `/api/payers/${fx.payerId}/contracts`, analyst)).json();
    expect(list.items).toMatchObject([{ name: '2026 fee schedule', effectiveFrom: '2026-01-01', rates: 1 }]);
    const dup = await req('POST', `/api/payers/${fx.payerId}/contracts`, await login(app, fx.users.admin.username), {
      name: 'dup',
      effectiveFrom: '2027-01-01',
      rates: [
        { procedureCode: '99213', allowedCents: 1 },
        { procedureCode: '99213', allowedCents: 2 },
      ],
    });
    expect(dup.json()).toMatchObject({ error: 'validation', message: 'rates[1]: 99213 is listed twice' });
  });

  it("contracts: added with modifiers and dates, each one's rates read back; another payer's contract is not found", async () => {
    const admin = await login(app, fx.users.admin.username);
    const add = await req('POST', `/api/payers/${fx.payerId}/contracts`, admin, {
      name: '2027 fee schedule',
      effectiveFrom: '2027-01-01',
      effectiveTo: '2027-12-31',
      rates: [
        { procedureCode: '99214', allowedCents: 12000 },
        { procedureCode: '99214', modifier: '25', allowedCents: 12600 },
      ],
    });
    expect(add.statusCode, add.body).toBe(200);
    const { contractId, rates } = add.json();
    expect(rates).toBe(2);
    // the analyst reads contracts but does not change them
    const refused = await req('POST', `/api/payers/${fx.payerId}/contracts`, analyst, {
      name: 'x',
      effectiveFrom: '2027-01-01',
      rates: [{ procedureCode: '99213', allowedCents: 1 }],
    });
    expect(refused.statusCode).toBe(403);
    const one = await req('GET', `/api/payers/${fx.payerId}/contracts/${contractId}`, analyst);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({
      id: contractId,
      name: '2027 fee schedule',
      effectiveFrom: '2027-01-01',
      effectiveTo: '2027-12-31',
      rates: 2,
      items: [
        { procedureCode: '99214', modifier: '', allowedCents: 12000 },
        { procedureCode: '99214', modifier: '25', allowedCents: 12600 },
      ],
    });
    const list = (await req('GET', `/api/payers/${fx.payerId}/contracts`, analyst)).json();
    expect(list.items.map((c: { name: string }) => c.name)).toEqual(['2027 fee schedule', '2026 fee schedule']);
    const otherPayer = await addPayer(store, fx, 'Other Plan', 'OTH77');
    const wrong = await req('GET', `/api/payers/${otherPayer}/contracts/${contractId}`, analyst);
    expect(wrong.statusCode).toBe(404);
  });

  it('the appeal template lists its placeholders and previews unsaved text with an example, naming unknown ones', async () => {
    const tpl = (await req('GET', '/api/appeal-template', analyst)).json();
    expect(tpl.placeholders).toEqual(expect.arrayContaining(['claimNumber', 'denialReason', 'argument', 'signedBy']));
    const res = await req('POST', '/api/appeal-template/preview', analyst, {
      body: 'To {{payerName}}: claim {{claimNumber}} denied for {{denialReason}}. {{oops}}',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      text: 'To Example Health Plan: claim C000123 denied for CO-16 Claim/service lacks information or has submission/billing error(s). {{oops}}',
      unknownPlaceholders: ['oops'],
    });
    // previewing saves nothing
    expect((await req('GET', '/api/appeal-template', analyst)).json().body).toBe(tpl.body);
    expect((await req('POST', '/api/appeal-template/preview', biller, { body: tpl.body })).statusCode).toBe(403);
  });
});
