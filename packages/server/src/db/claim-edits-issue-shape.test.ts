import type { ScrubEdit } from '@medbill/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures.ts';
import { openTestStore } from '../../test/test-store.ts';
import { listMigrations } from './migrate.ts';
import { type Store, withTenant } from './open-database.ts';

/** Claim edits as the scrubber wrote them before the one issue shape (migration 0025 rewrites them). */
const OLD_EDITS = [
  {
    ruleId: 'dx-not-billable',
    severity: 'error',
    message: 'E11 is a category heading, not a billable code',
    source: 'ICD-10-CM FY2026 order file',
    field: 'diagnoses[0]',
    code: 'E11',
  },
  {
    ruleId: 'member-id-missing',
    severity: 'error',
    message: 'The member ID is missing',
    source: '837 implementation guide',
    field: 'coverage.memberId',
  },
  {
    ruleId: 'acme-no-gt',
    severity: 'warning',
    message: 'Line 1: Acme does not take GT',
    source: 'Payer rule acme-no-gt',
    field: 'lines[0].modifiers',
    code: '99213',
  },
];

describe('migration 0025: stored claim edits in the one issue shape', () => {
  let store: Store;
  let t: TenantFixture;
  const script = listMigrations().find((m) => m.name === 'claim_edits_issue_shape')!.script;
  const setEdits = (edits: unknown[]) =>
    withTenant(store.db, t.tenantId, (tx) =>
      tx
        .updateTable('claim')
        .set({ edits: JSON.stringify(edits) })
        .where('id', '=', t.claimId)
        .execute(),
    );
  const storedEdits = () =>
    withTenant(store.db, t.tenantId, (tx) =>
      tx.selectFrom('claim').select('edits').where('id', '=', t.claimId).executeTakeFirstOrThrow(),
    ).then((r) => r.edits as unknown[]);

  beforeAll(async () => {
    store = await openTestStore();
    t = await createTenantFixture(store, 'issue-shape');
  });
  afterAll(() => store?.close());

  it('rewrites each old edit, in order, keeping its words; payer rules become payer:<id>', async () => {
    await setEdits(OLD_EDITS);
    await store.runScript(script);
    expect(await storedEdits()).toEqual([
      {
        code: 'dx-not-billable',
        severity: 'error',
        message: 'E11 is a category heading, not a billable code',
        ruleId: 'dx-not-billable',
        source: 'ICD-10-CM FY2026 order file',
        location: { field: 'diagnoses[0]', code: 'E11' },
      },
      {
        code: 'member-id-missing',
        severity: 'error',
        message: 'The member ID is missing',
        ruleId: 'member-id-missing',
        source: '837 implementation guide',
        location: { field: 'coverage.memberId' },
      },
      {
        code: 'payer-rule',
        severity: 'warning',
        message: 'Line 1: Acme does not take GT',
        ruleId: 'payer:acme-no-gt',
        source: 'Payer rule acme-no-gt',
        location: { field: 'lines[0].modifiers', code: '99213' },
      },
    ] satisfies ScrubEdit[]);
  });

  it('leaves edits already in the new shape, and empty lists, as they are (running it twice changes nothing)', async () => {
    const migrated = await storedEdits();
    await store.runScript(script);
    expect(await storedEdits()).toEqual(migrated);
    // a list holding both shapes: only the old edit is rewritten
    await setEdits([migrated[1], OLD_EDITS[0]]);
    await store.runScript(script);
    expect(await storedEdits()).toEqual([migrated[1], migrated[0]]);
    await setEdits([]);
    await store.runScript(script);
    expect(await storedEdits()).toEqual([]);
  });
});
