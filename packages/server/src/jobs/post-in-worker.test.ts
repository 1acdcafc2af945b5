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
import { createTenantFixture, testDeps, type TenantFixture } from '../../test/fixtures.ts';
import { addSentClaimsInBulk, bulkEraText } from '../../test/remit-fixtures.ts';
import { onPostgres, openTestStore } from '../../test/test-store.ts';
import { statementsServedForWorker } from './post-in-worker.ts';

let store: Store;
let fx: TenantFixture;
let text: string;

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
    const key = testDeps(store).auditKey;
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
});
