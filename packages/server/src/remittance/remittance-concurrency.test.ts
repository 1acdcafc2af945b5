/**
 * SECURITY.md D4 (PostgreSQL): the same ERA posted at the same moment by 2, then 8, connections (each its
 * own pool, as separate processes would be), 100 trials: exactly one posting per trial, the others told
 * "already posted", and the ledger holds the payment once.
 */
import { eraText } from '@medbill/core/test-util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate.ts';
import { openStore, withTenant, type Store } from '../db/open-database.ts';
import { auditKeyForTests, createTenantFixture, type TenantFixture } from '../../test/fixtures.ts';
import { addClaim } from '../../test/remit-fixtures.ts';
import { createTestDatabase, onPostgres } from '../../test/test-store.ts';
import { ledgerTotals } from '../ledger/read-ledger.ts';
import { postClaimCharges } from '../ledger/post-claim-charges.ts';
import { postRemittance } from './post-remittance.ts';

const WORKERS = 8;
let stores: Store[] = [];
let drop: () => Promise<void> = async () => {};
let fx: TenantFixture;
const actor = { userId: null, username: 'test' };
const audit = { key: auditKeyForTests(), sourceIp: null };

beforeAll(async () => {
  if (!onPostgres) return;
  const db = await createTestDatabase(process.env.DATABASE_URL!);
  drop = db.drop;
  for (let i = 0; i < WORKERS; i++) stores.push(await openStore({ databaseUrl: db.url }));
  await migrate(stores[0]);
  fx = await createTenantFixture(stores[0], 'race');
});
afterAll(async () => {
  for (const s of stores) await s.close();
  stores = [];
  await drop();
});

describe.runIf(onPostgres)('concurrent posting of one ERA (D4)', () => {
  it('100 trials (50 with 2 posters, 50 with 8): one posting each, the rest "already posted"', async () => {
    for (let trial = 0; trial < 100; trial++) {
      const posters = trial < 50 ? 2 : WORKERS;
      const c = await addClaim(stores[0], fx, { lines: [{ code: '99213', charge: 10000 }] });
      await withTenant(stores[0].db, fx.tenantId, (t) => postClaimCharges(t, fx.tenantId, [c.claimId], actor));
      const text = eraText({
        trace: `RACE${trial}`,
        claims: [
          {
            pcn: c.claimNumber,
            status: '1',
            charge: 10000,
            paid: 7500,
            services: [
              {
                code: '99213',
                charge: 10000,
                paid: 7500,
                lineControl: `${c.claimNumber}-1`,
                cas: [{ group: 'CO', reason: '45', amount: 2500 }],
              },
            ],
          },
        ],
      });
      const results = await Promise.all(
        stores.slice(0, posters).map((s, i) =>
          // half re-enveloped: the race is on the trace and the content, not only the bytes
          postRemittance(
            s.db,
            fx.tenantId,
            { fileName: `race-${trial}-${i}.835`, text: i % 2 ? text.replaceAll('000000101', '000000202') : text },
            { actor, audit },
          ),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses, `trial ${trial}`).toEqual(['posted', ...Array(posters - 1).fill('duplicate')].sort());
      for (const r of results.filter((x) => x.status === 'duplicate')) expect(r.message).toMatch(/already posted/);
      const t = await withTenant(stores[0].db, fx.tenantId, (tx) =>
        ledgerTotals(tx, fx.tenantId, { claimId: c.claimId }),
      );
      expect(t, `trial ${trial}`).toMatchObject({ insurancePayments: 7500, balance: 0 });
    }
  }, 600_000);
});
