/**
 * Issue 8 item 4: an 835 posted from the posting worker. On PostgreSQL the worker runs the job on a connection of its
 * own — no statement, parameter (the 835 itself) or row passes through the server's thread, where node-postgres
 * building a 50 MB statement and parsing large results held /api/health — and the audit heads it commits still reach
 * the server's anchor file. On PGlite the server's thread runs the worker's statements in the transaction it holds.
 */
import { eraText } from '@medbill/core/test-util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditAnchorOf } from '../audit/audit-anchor.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import { asOwner, type Store } from '../db/open-database.ts';
import { postRemittance } from '../remittance/post-remittance.ts';
import { auditKeyForTests, createTenantFixture, testDeps, type TenantFixture } from '../../test/fixtures.ts';
import { addSentClaimsInBulk, bulkEraText } from '../../test/remit-fixtures.ts';
import { onPostgres, openTestStore } from '../../test/test-store.ts';
import { BIG_TEXT_CHARS } from '../db/big-text.ts';
import { longTextServedForWorker, statementsServedForWorker } from './post-in-worker.ts';
import { matchUnmatched } from '../remittance/match-unmatched.ts';
import { releaseRemittance } from '../remittance/release-remittance.ts';
import { seedUnmatched } from '../../test/denial-seed.test-util.ts';
import { sql } from 'kysely';

let store: Store;
let fx: TenantFixture;
let text: string;
/** one audit key for the file's tests: the chain they write together verifies with it */
const auditKey = auditKeyForTests();

beforeAll(async () => {
  store = await openTestStore();
  fx = await createTenantFixture(store, 'worker-conn');
  text = bulkEraText(await addSentClaimsInBulk(store, fx, 40, 'W'), 'WORKER1', eraText);
}, 120_000);
afterAll(async () => {
  await store?.close();
});

describe('posting from the posting worker', () => {
  it('on PostgreSQL runs on the worker’s own connection; the file is stored, posted once and its audit head anchored', async () => {
    const key = auditKey;
    const before = statementsServedForWorker();
    const post = () =>
      postRemittance(
        store.db,
        fx.tenantId,
        { fileName: 'worker-conn.835', text },
        { actor: { userId: null, username: 'worker-test' }, audit: { key, sourceIp: null }, inWorker: true },
      );
    const r = await post();
    expect(r.status, r.message).toBe('posted');
    expect(r.claimsPosted).toBe(40);
    const served = statementsServedForWorker() - before;
    if (onPostgres) expect(served).toBe(0);
    else expect(served).toBeGreaterThan(0);
    // stored as received
    const stored = await asOwner(store.db, (tx) =>
      tx.selectFrom('edi_file').select('content').where('id', '=', r.fileId!).executeTakeFirstOrThrow(),
    );
    expect(stored.content === text).toBe(true);
    // the same file again, from the worker: already posted, nothing applied twice
    const again = await post();
    expect(again.status).toBe('duplicate');
    // the heads the worker committed are in the server's anchor file, and the chain verifies against it
    const head = await asOwner(store.db, (tx) =>
      tx
        .selectFrom('audit_chain_head')
        .select(['seq', 'hash'])
        .where('tenant_id', '=', fx.tenantId)
        .executeTakeFirstOrThrow(),
    );
    const anchored = auditAnchorOf(store.db)!.read(key).heads.get(fx.tenantId);
    expect(anchored).toMatchObject({ seq: Number(head.seq), hash: head.hash });
    expect(await verifyAudit(store.db, key, { tenantId: fx.tenantId })).toMatchObject({ ok: true });
  }, 120_000);

  it('releases a held file and posts a matched unmatched claim from the worker: all of it once, as in place', async () => {
    const deps = testDeps(store, { auditKey });
    const audit = { key: auditKey, sourceIp: null };
    const actor = { userId: null, username: 'worker-test' };
    // held: BPR02 a dollar more than the claims pay
    const heldText = bulkEraText(await addSentClaimsInBulk(store, fx, 30, 'H'), 'WORKERHELD', eraText).replace(
      /BPR\*([A-Z])\*([\d.]+)\*/,
      (_m, h: string, a: string) => `BPR*${h}*${(Number(a) + 1).toFixed(2)}*`,
    );
    const held = await postRemittance(
      store.db,
      fx.tenantId,
      { fileName: 'held.835', text: heldText },
      { actor, audit },
    );
    expect(held.status, held.message).toBe('held');
    const eraId = held.remittances[0]!.remittanceId!;
    const before = statementsServedForWorker();
    const release = () =>
      releaseRemittance(store.db, fx.tenantId, eraId, {
        action: 'post',
        reason: 'the payer confirmed the total by phone',
        actor,
        audit,
        inWorker: true,
      });
    const [r1, r2] = await Promise.allSettled([release(), release()]);
    const served = statementsServedForWorker() - before;
    if (onPostgres) expect(served).toBe(0);
    else expect(served).toBeGreaterThan(0);
    const ok = [r1, r2].filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    expect((ok[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof release>>>).value).toMatchObject({
      status: 'posted',
      claimsPosted: 30,
    });
    // the other was told the ERA is posted now, with its code kept across the threads (a 409, not a 500)
    const refused = [r1, r2].find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'conflict', message: `ERA #${eraId} is posted, not held` });
    const cash = await asOwner(store.db, async (tx) => {
      const r = await sql<{ s: string }>`SELECT coalesce(sum(e.amount_cents), 0) AS s FROM ledger_entry e
        JOIN ledger_posting p ON p.tenant_id = e.tenant_id AND p.id = e.posting_id
        WHERE p.remittance_id = ${eraId} AND e.account = 'cash'`.execute(tx);
      return Number(r.rows[0]!.s);
    });
    // the ledger took exactly what the payer sent (BPR02), the dollar as a visible difference
    const bpr = Number(/BPR\*[A-Z]\*([\d.]+)\*/.exec(heldText)![1]) * 100;
    expect(cash).toBe(Math.round(bpr));

    // an 835 claim we could not match, matched by three people at once from the worker: posted once
    const u = await seedUnmatched(store, fx, deps.auditKey, { trace: 'WORKERUNM' });
    const served2 = statementsServedForWorker();
    const matches = await Promise.all(
      [1, 2, 3].map(() =>
        matchUnmatched(
          deps,
          { tenantId: fx.tenantId, userId: null, username: 'worker-test', sourceIp: null },
          { unmatchedId: u.typo, claimId: u.claimId },
          { inWorker: true },
        ),
      ),
    );
    if (onPostgres) expect(statementsServedForWorker() - served2).toBe(0);
    else expect(statementsServedForWorker() - served2).toBeGreaterThan(0);
    expect(matches.filter((m) => !m.alreadyDone)).toHaveLength(1);
    expect(matches.every((m) => m.status === 'matched' && m.claimId === u.claimId)).toBe(true);
    const applied = await asOwner(store.db, (tx) =>
      tx
        .selectFrom('ledger_posting')
        .select('id')
        .where('tenant_id', '=', fx.tenantId)
        .where('kind', '=', 'apply_unapplied')
        .where('claim_id', '=', u.claimId)
        .execute(),
    );
    expect(applied).toHaveLength(1);
    const v = await verifyAudit(store.db, deps.auditKey, { tenantId: fx.tenantId });
    expect(v, JSON.stringify(v).slice(0, 2000)).toMatchObject({ ok: true });
  }, 240_000);

  it('a big held file released from the worker reaches it without its text being a string on the server thread', async () => {
    // PGlite in a data folder runs on its own thread, as the server runs it; PostgreSQL: the worker connects itself
    const big = onPostgres ? store : await openTestStore({ onDisk: true });
    try {
      const bfx = onPostgres ? fx : await createTenantFixture(big, 'worker-big-text');
      const audit = { key: auditKey, sourceIp: null };
      const actor = { userId: null, username: 'worker-test' };
      const heldText = bulkEraText(await addSentClaimsInBulk(big, bfx, 250, 'B'), 'WORKERBIG', eraText).replace(
        /BPR\*([A-Z])\*([\d.]+)\*/,
        (_m, h: string, a: string) => `BPR*${h}*${(Number(a) + 1).toFixed(2)}*`,
      );
      expect(heldText.length).toBeGreaterThan(BIG_TEXT_CHARS);
      const held = await postRemittance(
        big.db,
        bfx.tenantId,
        { fileName: 'big.835', text: heldText },
        { actor, audit },
      );
      expect(held.status, held.message).toBe('held');
      const [statements, text] = [statementsServedForWorker(), longTextServedForWorker()];
      const r = await releaseRemittance(big.db, bfx.tenantId, held.remittances[0]!.remittanceId!, {
        action: 'post',
        reason: 'the payer confirmed the total by phone',
        actor,
        audit,
        inWorker: true,
      });
      expect(r).toMatchObject({ status: 'posted', claimsPosted: 250 });
      // on PGlite the worker's statements ran here, and the file it read back came through as bytes, moved
      if (!onPostgres) expect(statementsServedForWorker() - statements).toBeGreaterThan(0);
      expect(longTextServedForWorker() - text).toBe(0);
    } finally {
      if (big !== store) await big.close();
    }
  }, 300_000);
});
