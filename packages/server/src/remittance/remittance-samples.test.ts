/**
 * Every 835 in ../shared/data/x12-samples posts or is held with a clear reason (never a crash, never a
 * half post), and a person can release a held file (posted with its difference visible) or dismiss it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eraText } from '@medbill/core/test-util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testData } from '../../../../test-data.ts';
import { withTenant, type Store } from '../db/open-database.ts';
import { auditKeyForTests, createTenantFixture, type TenantFixture } from '../../test/fixtures.ts';
import { addClaim } from '../../test/remit-fixtures.ts';
import { openTestStore } from '../../test/test-store.ts';
import { ledgerTotals } from '../ledger/read-ledger.ts';
import { postClaimCharges } from '../ledger/post-claim-charges.ts';
import { postRemittance } from './post-remittance.ts';
import { releaseRemittance } from './release-remittance.ts';

const samples = testData('x12-samples');
const SAMPLES = samples.path;
const files = samples.present
  ? [...fs.readdirSync(path.join(SAMPLES, '835')).map((f) => `835/${f}`), 'invalid/badx12__error_validation.edi']
  : [];

let store: Store;
let fx: TenantFixture;
const actor = { userId: null, username: 'test' };
const audit = { key: auditKeyForTests(), sourceIp: null };

beforeAll(async () => {
  store = await openTestStore();
  fx = await createTenantFixture(store, 'samples');
});
afterAll(() => store?.close());

const tx = <T>(work: Parameters<typeof withTenant<T>>[2]) => withTenant(store.db, fx.tenantId, work);

async function cashOf(remittanceId: number): Promise<number> {
  const r = await tx((t) =>
    sql<{ s: string }>`SELECT coalesce(sum(e.amount_cents), 0) AS s FROM ledger_entry e JOIN ledger_posting p
      ON p.tenant_id = e.tenant_id AND p.id = e.posting_id WHERE p.remittance_id = ${remittanceId} AND e.account = 'cash'`.execute(
      t,
    ),
  );
  return Number(r.rows[0].s);
}

describe('the sample 835s', () => {
  it.skipIf(!files.length)(
    samples.title('each posts (cash = BPR02) or is held with a reason that names what and where'),
    async () => {
      const seen = { posted: 0, held: 0, duplicate: 0 };
      for (const f of files) {
        const text = fs.readFileSync(path.join(SAMPLES, f), 'utf8');
        const r = await postRemittance(store.db, fx.tenantId, { fileName: path.basename(f), text }, { actor, audit });
        // the guide's examples reuse one trace number for one payer: a repeat is reported, not posted again
        expect(['posted', 'held', 'duplicate'], `${f}: ${r.message}`).toContain(r.status);
        if (r.status === 'duplicate') expect(r.message).toMatch(/^already posted: TRN02 \S+ from .+ was posted on/);
        seen[r.status]++;
        if (r.status === 'held') {
          expect(r.holdReasons.length, f).toBeGreaterThan(0);
          for (const h of r.holdReasons) expect(h.message.length, f).toBeGreaterThan(10);
          expect(r.message).toMatch(/^held for review, nothing posted: /);
          const posted = await tx((t) =>
            t.selectFrom('ledger_posting').select('id').where('edi_file_id', '=', r.fileId).execute(),
          );
          expect(posted, f).toEqual([]);
        } else
          for (const x of r.remittances.filter((x) => x.status === 'posted'))
            expect(await cashOf(x.remittanceId!), f).toBe(x.paymentCents);
      }
      // 9 post, 6 are held (SE counts, unreadable amounts, unbalanced claims, an impossible date), 6 repeat a trace
      expect(seen).toEqual({ posted: 9, held: 6, duplicate: 6 });
    },
  );
});

describe('held files', () => {
  it('a person releases one (the difference stays visible) or dismisses another; a reason is required', async () => {
    const c = await addClaim(store, fx, { lines: [{ code: '99213', charge: 10000 }] });
    await tx((t) => postClaimCharges(t, fx.tenantId, [c.claimId], actor));
    const spec = {
      trace: 'REL1',
      total: 9000,
      claims: [
        {
          pcn: c.claimNumber,
          status: '1',
          charge: 10000,
          paid: 8000,
          services: [
            {
              code: '99213',
              charge: 10000,
              paid: 8000,
              lineControl: `${c.claimNumber}-1`,
              cas: [{ group: 'CO', reason: '45', amount: 2000 }],
            },
          ],
        },
      ],
    };
    const held = await postRemittance(
      store.db,
      fx.tenantId,
      { fileName: 'rel.835', text: eraText(spec) },
      { actor, audit },
    );
    expect(held.status).toBe('held');
    const id = held.remittances[0].remittanceId!;
    await expect(
      releaseRemittance(store.db, fx.tenantId, id, { action: 'post', reason: '', actor, audit }),
    ).rejects.toThrow(/Say why/);
    const r = await releaseRemittance(store.db, fx.tenantId, id, {
      action: 'post',
      reason: 'payer confirmed the 10.00 is a refund of an old overpayment',
      actor,
      audit,
    });
    expect(r.status).toBe('posted');
    expect(await cashOf(id)).toBe(9000);
    expect(await tx((t) => ledgerTotals(t, fx.tenantId, { claimId: c.claimId }))).toMatchObject({
      insurancePayments: 8000,
      balance: 0,
    });
    const diff = await tx((t) =>
      t
        .selectFrom('ledger_entry')
        .select(['amount_cents', 'reason_code'])
        .where('account', '=', 'provider_balance')
        .where('reason_code', '=', 'DIFF')
        .execute(),
    );
    expect(diff).toEqual([{ amount_cents: -1000, reason_code: 'DIFF' }]);
    const row = await tx((t) => t.selectFrom('remittance').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    expect(row).toMatchObject({
      status: 'posted',
      released_by: 'test',
      release_reason: 'payer confirmed the 10.00 is a refund of an old overpayment',
    });
    await expect(
      releaseRemittance(store.db, fx.tenantId, id, { action: 'post', reason: 'again please', actor, audit }),
    ).rejects.toThrow(/is posted, not held/);

    const other = await postRemittance(
      store.db,
      fx.tenantId,
      { fileName: 'bad.835', text: eraText({ ...spec, trace: 'REL2', wrongSeCount: true }) },
      { actor, audit },
    );
    const d = await releaseRemittance(store.db, fx.tenantId, other.remittances[0].remittanceId!, {
      action: 'dismiss',
      reason: 'the payer is sending a corrected file',
      actor,
      audit,
    });
    expect(d.message).toMatch(/dismissed: nothing posted/);
  });
});
