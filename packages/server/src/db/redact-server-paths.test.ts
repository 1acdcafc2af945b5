import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures.ts';
import { openTestStore } from '../../test/test-store.ts';
import { listMigrations } from './migrate.ts';
import { type Store, withTenant } from './open-database.ts';

/** Reasons as the code worded them before d247aa2 (server paths in them), and what 0030 makes of each. */
const CASES: [before: string, after: string][] = [
  [
    'sent to folder /srv/medbill/data/clearinghouse/3/acme-folder/outbound as MB000123.837',
    'sent to folder acme-folder as MB000123.837',
  ],
  ['sent to folder /tmp/x/outbound as B1.837', 'sent to folder x as B1.837'],
  [
    'folder /srv/m/clearinghouse/3/acme/inbound: cannot read /srv/m/clearinghouse/3/acme/inbound/r1.835: EACCES',
    'folder acme: cannot read r1.835: EACCES',
  ],
  ['upload failed ("/var/lib/medbill/pgdata/base") EIO', 'upload failed ("base") EIO'],
  // words without a server path stay as they are
  ['277CA: rejected, form 02/12 at https://example.org/a/b', '277CA: rejected, form 02/12 at https://example.org/a/b'],
  ['sent to folder acme as MB1.837', 'sent to folder acme as MB1.837'],
];

describe('migration 0030: no server path in stored claim events or held-file reasons', () => {
  let store: Store;
  let t: TenantFixture;
  const script = listMigrations().find((m) => m.name === 'redact_server_paths')!.script;

  beforeAll(async () => {
    store = await openTestStore();
    t = await createTenantFixture(store, 'redact-paths');
  });
  afterAll(() => store?.close());

  it('rewrites each old reason the way the code words it now, and a second run changes nothing', async () => {
    const ids = await withTenant(store.db, t.tenantId, async (tx) => {
      const events = await tx
        .insertInto('claim_event')
        .values(
          CASES.map(([reason]) => ({
            tenant_id: t.tenantId,
            claim_id: t.claimId,
            from_state: 'batched' as const,
            to_state: 'submitted' as const,
            reason,
            cause: 'submit' as const,
          })),
        )
        .returning('id')
        .execute();
      const held = await tx
        .insertInto('inbound_quarantine')
        .values(
          CASES.map(([reason], i) => ({
            tenant_id: t.tenantId,
            file_name: `f${i}.835`,
            sha256: String(i).padStart(64, '0'),
            size_bytes: 1,
            content: new Uint8Array([1]),
            reason,
            reason_code: 'unreadable',
          })),
        )
        .returning('id')
        .execute();
      return { events: events.map((e) => e.id), held: held.map((h) => h.id) };
    });
    const read = () =>
      withTenant(store.db, t.tenantId, async (tx) => ({
        events: (
          await tx
            .selectFrom('claim_event')
            .select(['id', 'reason'])
            .where('id', 'in', ids.events)
            .orderBy('id')
            .execute()
        ).map((r) => r.reason),
        held: (
          await tx
            .selectFrom('inbound_quarantine')
            .select(['id', 'reason'])
            .where('id', 'in', ids.held)
            .orderBy('id')
            .execute()
        ).map((r) => r.reason),
      }));
    const want = CASES.map(([, after]) => after);
    await store.runScript(script);
    expect(await read()).toEqual({ events: want, held: want });
    await store.runScript(script);
    expect(await read()).toEqual({ events: want, held: want });
  });
});
