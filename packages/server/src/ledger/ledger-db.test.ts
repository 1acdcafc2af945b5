import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chargePosting,
  insurancePaymentEntries,
  adjustmentEntries,
  transferEntries,
  type LineRef,
  type PostingInput,
} from '@medbill/core/ledger';
import { CAST_LINES, LedgerPlayer, ledgerOpArb } from '@medbill/core/test-util';
import { withTenant, type Store } from '../db/open-database.ts';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures.ts';
import { addClaim, addPatient, addPayer } from '../../test/remit-fixtures.ts';
import { openTestStore } from '../../test/test-store.ts';
import { appendPosting, appendPostings } from './append-postings.ts';
import { ledgerEntries, ledgerTotals } from './read-ledger.ts';
import { postClaimCharges } from './post-claim-charges.ts';
import { reversePosting } from './reverse-posting.ts';

const actor = { userId: null, username: 'test' };
let store: Store;
let fx: TenantFixture;

beforeAll(async () => {
  store = await openTestStore();
  fx = await createTenantFixture(store, 'ledger');
});
afterAll(() => store?.close());

const tx = <T>(work: Parameters<typeof withTenant<T>>[2]) => withTenant(store.db, fx.tenantId, work);

describe('ledger on the database', () => {
  it('posts a paid claim with exact figures and reads them back as sums', async () => {
    const c = await addClaim(store, fx, { lines: [{ code: '99213', charge: 15000 }] });
    const line: LineRef = {
      serviceLineId: c.lines[0].id,
      claimId: c.claimId,
      patientId: c.patientId,
      practiceId: c.practiceId,
    };
    const payer = { kind: 'payer', payerId: c.payerId } as const;
    await tx((t) =>
      appendPostings(
        t,
        fx.tenantId,
        [
          chargePosting(line, payer, 15000, '2026-11-02', 'sent'),
          {
            kind: 'claim_payment',
            effectiveDate: '2026-11-20',
            memo: '835',
            claimId: c.claimId,
            entries: [
              ...insurancePaymentEntries(line, c.payerId, 9600),
              ...adjustmentEntries(line, payer, 'CO', '45', 2400),
              ...transferEntries(line, payer, { kind: 'patient' }, 3000, { group: 'PR', reason: '2' }),
            ],
          },
        ],
        actor,
      ),
    );
    const t = await tx((t) => ledgerTotals(t, fx.tenantId, { claimId: c.claimId }));
    expect(t).toMatchObject({
      charges: 15000,
      insurancePayments: 9600,
      patientResponsibility: 3000,
      balance: 3000,
      insuranceBalance: 0,
      patientBalance: 3000,
    });
    expect(t.adjustments.CO).toBe(2400);
    const entries = await tx((t) => ledgerEntries(t, fx.tenantId, { claimId: c.claimId }));
    expect(entries.map((e) => [e.account, e.kind, e.amount])).toEqual([
      ['ar', 'charge', 15000],
      ['gross_charges', 'charge', -15000],
      ['ar', 'insurance_payment', -9600],
      ['cash', 'insurance_payment', 9600],
      ['ar', 'adjustment', -2400],
      ['adjustments', 'adjustment', 2400],
      ['ar', 'transfer', -3000],
      ['ar', 'transfer', 3000],
    ]);
  });

  it('refuses an unbalanced posting at commit, even written past the application', async () => {
    const c = await addClaim(store, fx, { lines: [{ code: '99213', charge: 100 }] });
    const err = await tx(async (t) => {
      await sql`INSERT INTO ledger_posting (tenant_id, id, kind, effective_date) VALUES (${fx.tenantId}, 900001, 'charge', '2026-11-02')`.execute(
        t,
      );
      await sql`INSERT INTO ledger_entry (tenant_id, posting_id, account, kind, amount_cents, service_line_id, claim_id, patient_id, practice_id, payer_id, responsibility)
        VALUES (${fx.tenantId}, 900001, 'ar', 'charge', 100, ${c.lines[0].id}, ${c.claimId}, ${c.patientId}, ${c.practiceId}, ${c.payerId}, 'payer')`.execute(
        t,
      );
    }).catch((e: Error) => e);
    expect(String(err)).toMatch(/ledger posting 900001 \(charge\) is unbalanced: 1 entries add up to 100 cents/);
    const none = await tx((t) => t.selectFrom('ledger_posting').select('id').where('id', '=', 900001).execute());
    expect(none).toEqual([]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of financial rows, for the application and the owner', async () => {
    const c = await addClaim(store, fx, { lines: [{ code: '99213', charge: 500 }] });
    const line: LineRef = {
      serviceLineId: c.lines[0].id,
      claimId: c.claimId,
      patientId: c.patientId,
      practiceId: c.practiceId,
    };
    const id = await tx((t) =>
      appendPosting(
        t,
        fx.tenantId,
        chargePosting(line, { kind: 'payer', payerId: c.payerId }, 500, '2026-11-02', 'x'),
        actor,
      ),
    );
    for (const stmt of [
      sql`UPDATE ledger_entry SET amount_cents = 1 WHERE posting_id = ${id}`,
      sql`DELETE FROM ledger_entry WHERE posting_id = ${id}`,
      sql`UPDATE ledger_posting SET memo = 'x' WHERE id = ${id}`,
      sql`DELETE FROM ledger_posting WHERE id = ${id}`,
    ]) {
      await expect(tx((t) => stmt.execute(t))).rejects.toThrow(/permission denied/);
      await expect(store.db.transaction().execute((t) => stmt.execute(t))).rejects.toThrow(/append-only/);
    }
    await expect(store.db.transaction().execute((t) => sql`TRUNCATE ledger_entry`.execute(t))).rejects.toThrow(
      /append-only/,
    );
    // and a committed posting takes no more entries
    const late = tx((t) =>
      sql`INSERT INTO ledger_entry (tenant_id, posting_id, account, kind, amount_cents) VALUES (${fx.tenantId}, ${id}, 'cash', 'unapplied', 5), (${fx.tenantId}, ${id}, 'unapplied', 'unapplied', -5)`.execute(
        t,
      ),
    );
    await expect(late).rejects.toThrow(/is closed/);
  });

  it('reverses a posting once', async () => {
    const c = await addClaim(store, fx, { lines: [{ code: '99213', charge: 700 }] });
    const line: LineRef = {
      serviceLineId: c.lines[0].id,
      claimId: c.claimId,
      patientId: c.patientId,
      practiceId: c.practiceId,
    };
    const id = await tx((t) =>
      appendPosting(
        t,
        fx.tenantId,
        chargePosting(line, { kind: 'payer', payerId: c.payerId }, 700, '2026-11-02', 'x'),
        actor,
      ),
    );
    const why = { actor, effectiveDate: '2026-11-03', reason: 'entered in error' };
    await tx((t) => reversePosting(t, fx.tenantId, id, why));
    await expect(tx((t) => reversePosting(t, fx.tenantId, id, why))).rejects.toThrow(/already reversed/);
    expect((await tx((t) => ledgerTotals(t, fx.tenantId, { claimId: c.claimId }))).balance).toBe(0);
  });

  it('charges enter when a claim is sent, follow a changed charge, and leave with a removed line', async () => {
    const c = await addClaim(store, fx, {
      lines: [
        { code: '99213', charge: 15000 },
        { code: '36415', charge: 1500 },
      ],
      state: 'batched',
    });
    const first = await tx((t) => postClaimCharges(t, fx.tenantId, [c.claimId], actor));
    expect(first).toEqual({ postings: 2, chargedCents: 16500 });
    expect(await tx((t) => postClaimCharges(t, fx.tenantId, [c.claimId], actor))).toEqual({
      postings: 0,
      chargedCents: 0,
    });
    await tx(async (t) => {
      await t.updateTable('service_line').set({ charge_cents: 14000 }).where('id', '=', c.lines[0].id).execute();
      await t.deleteFrom('service_line').where('id', '=', c.lines[1].id).execute();
    });
    expect(await tx((t) => postClaimCharges(t, fx.tenantId, [c.claimId], actor))).toEqual({
      postings: 2,
      chargedCents: -2500,
    });
    const t = await tx((t) => ledgerTotals(t, fx.tenantId, { claimId: c.claimId }));
    expect(t).toMatchObject({ charges: 14000, balance: 14000, byPayer: { [c.payerId]: 14000 } });
  });
});

describe('ledger property on the database (D6, smaller run)', () => {
  it('random histories appended one transaction at a time keep SQL sums equal to the running balances', async () => {
    const payer2 = await addPayer(store, fx, 'Second Payer', 'SECOND');
    const practice2 = await tx(async (t) => {
      const p = await t
        .insertInto('practice')
        .values({
          tenant_id: fx.tenantId,
          legal_name: 'Second Clinic',
          npi: '1234567893',
          tin: '741111112',
          taxonomy: '207Q00000X',
          service_line1: '1 Main St',
          service_city: 'Austin',
          service_state: 'TX',
          service_zip: '78701',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return p.id;
    });
    const pats: number[] = [];
    for (const last of ['One', 'Two', 'Three'])
      pats.push((await addPatient(store, fx, { last, coverages: [] })).patientId);
    // the cast's claims 1..4 with the cast's lines (claim 1: two lines, claim 4: two lines)
    const claims = [
      await addClaim(store, fx, {
        patientId: pats[0],
        lines: [
          { code: 'A', charge: 1 },
          { code: 'B', charge: 1 },
        ],
      }),
      await addClaim(store, fx, { patientId: pats[1], lines: [{ code: 'C', charge: 1 }] }),
      await addClaim(store, fx, { patientId: pats[1], lines: [{ code: 'D', charge: 1 }] }),
      await addClaim(store, fx, {
        patientId: pats[2],
        lines: [
          { code: 'E', charge: 1 },
          { code: 'F', charge: 1 },
        ],
      }),
    ];
    const realLines = claims.flatMap((c) => c.lines.map((l) => l.id));
    const payers = new Map([
      [1, fx.payerId],
      [2, payer2],
    ]);
    const real = (l: LineRef): LineRef => ({
      serviceLineId: realLines[l.serviceLineId - 1],
      claimId: claims[l.claimId - 1].claimId,
      patientId: pats[l.patientId - 1],
      practiceId: l.practiceId === 1 ? fx.practiceId : practice2,
    });
    const toReal = (p: PostingInput): PostingInput => ({
      ...p,
      reversesPostingId: p.reversesPostingId,
      entries: p.entries.map((e) => ({
        ...e,
        ...(e.line ? { line: real(e.line) } : {}),
        ...(e.party?.kind === 'payer' ? { party: { kind: 'payer', payerId: payers.get(e.party.payerId)! } } : {}),
        ...(e.payerId ? { payerId: payers.get(e.payerId)! } : {}),
      })),
    });
    const player = new LedgerPlayer();
    // ids in the player are the database's ids (reversals name them)
    await fc.assert(
      fc.asyncProperty(fc.array(ledgerOpArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const op of ops) {
          const prepared = player.prepare(op);
          if (!prepared) continue;
          const id = await tx((t) => appendPosting(t, fx.tenantId, toReal(prepared.posting), actor));
          player.commit(prepared, id);
        }
        const scopes = [
          ...CAST_LINES.map((l) => ({ f: { serviceLineIds: [real(l).serviceLineId] }, cast: (x: LineRef) => x === l })),
          ...[1, 2, 3, 4].map((c) => ({
            f: { claimId: claims[c - 1].claimId },
            cast: (x: LineRef) => x.claimId === c,
          })),
          ...[1, 2, 3].map((p) => ({ f: { patientId: pats[p - 1] }, cast: (x: LineRef) => x.patientId === p })),
          { f: { practiceId: practice2 }, cast: (x: LineRef) => x.practiceId === 2 },
          { f: { serviceLineIds: realLines }, cast: () => true },
        ];
        for (const s of scopes) {
          const t = await tx((t) => ledgerTotals(t, fx.tenantId, s.f));
          expect(t.balance).toBe(player.running.sum(s.cast));
        }
        const whole = await tx((t) => ledgerTotals(t, fx.tenantId, { serviceLineIds: realLines }));
        for (const [cast, id] of payers) {
          let running = 0;
          for (const l of CAST_LINES) running += player.running.get(l.serviceLineId, cast);
          expect(whole.byPayer[id] ?? 0).toBe(running);
        }
        const all = await tx((t) =>
          sql<{ s: string }>`SELECT coalesce(sum(amount_cents), 0) AS s FROM ledger_entry`.execute(t),
        );
        expect(Number(all.rows[0].s)).toBe(0);
      }),
      { numRuns: 30, seed: 1102, endOnFailure: true },
    );
  });
});
