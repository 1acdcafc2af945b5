/**
 * medbill era unmatched | match ITEM --claim C | --line N | dismiss-unmatched ITEM, and medbill contracts list |
 * show | set-rate: the unmatched worklist and payer contracts from the command line, through the use cases the API
 * calls — a service line posted to the line of its claim it pays (exact ledger figures), an 835 claim matched to
 * our claim, one dismissed; a contract listed, shown and a code's rate set and changed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore, withTenant } from '@medbill/server';
import { seedUnmatched } from '../../server/test/denial-seed.test-util.ts';
import { auditKeyForTests, createTenantFixture, type TenantFixture } from '../../server/test/fixtures.ts';
import {
  seedClaimDifference,
  seedUnmatchedLine,
  seedUnmatchedServices,
  type UnmatchedClaimSeed,
  type UnmatchedLineSeed,
} from '../../server/test/unmatched-line-seed.test-util.ts';
import { useCliTestEnv } from './cli-test-env.test-util.ts';

const { dataDir, medbill } = useCliTestEnv('medbill-unmatched-cli-', { MEDBILL_ADMIN_PASSWORD: 'unm-cli-admin-pw-1' });
let t: TenantFixture;
let line: UnmatchedLineSeed;
let claimItems: { typo: number; nobody: number; claimId: number };
let claimNumberOfTypo = '';
let contractId = 0;

beforeAll(async () => {
  // the office the CLI creates makes the data folder and its audit key; the fixture office is the one worked
  const made = await medbill(
    'tenant',
    'create',
    '--name',
    'Unmatched Office',
    '--slug',
    'unm-office',
    '--admin',
    'unm.admin',
  );
  expect(made.exitCode, made.stderr).toBe(0);
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    t = await createTenantFixture(store, 'unmcli');
    const key = auditKeyForTests();
    // seedUnmatched reads back the office's items in order: it goes first
    claimItems = await seedUnmatched(store, t, key);
    line = await seedUnmatchedLine(store, t, key);
    await withTenant(store.db, t.tenantId, async (tx) => {
      claimNumberOfTypo = (
        await tx
          .selectFrom('claim')
          .select('claim_number')
          .where('id', '=', claimItems.claimId)
          .executeTakeFirstOrThrow()
      ).claim_number;
      contractId = (
        await tx
          .insertInto('payer_contract')
          .values({
            tenant_id: t.tenantId,
            payer_id: t.payerId,
            name: 'Fee schedule 2026',
            effective_from: '2026-01-01',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      await tx
        .insertInto('payer_contract_rate')
        .values({
          tenant_id: t.tenantId,
          contract_id: contractId,
          procedure_code: '99213',
          modifier: '',
          allowed_cents: 7500,
        })
        .execute();
    });
  } finally {
    await store.close();
  }
});

const T = () => ['--tenant', t.slug];

describe('medbill era unmatched', () => {
  it('lists each item with what the payer sent and the suggested claim or line', async () => {
    const io = await medbill('era', 'unmatched', ...T());
    expect(io.exitCode, io.stderr).toBe(0);
    expect(io.stdout).toMatch(/^3 open items\n/);
    expect(io.stdout).toContain(`#${line.itemId}  line  open           32.00  ERA #${line.remittanceId}`);
    expect(io.stdout).toContain('      SVC 97530-GP 2026-10-05 billed 60.00 paid 32.00 CO-45 20.00 PR-2 8.00\n');
    expect(io.stdout).toContain('      maybe line 2: 97110-GP 2026-10-05 60.00 (modifiers, date of service, charge)\n');
    expect(io.stdout).toContain(`      maybe claim ${claimNumberOfTypo}: `);
    const json = JSON.parse((await medbill('era', 'unmatched', '--kind', 'line', '--json', ...T())).stdout);
    expect(json.total).toBe(1);
    expect(json.items[0]).toMatchObject({ id: line.itemId, amountCents: 3200, claimId: line.claim.claimId });
    expect(json.items[0].lineSuggestions.map((s: { lineNumber: number }) => s.lineNumber)).toEqual([2, 1]);
    expect((await medbill('era', 'unmatched', '--status', 'nope', ...T())).exitCode).toBe(2);
  });

  it('match --line posts the service line to that line of its claim, once; the ledger adds up', async () => {
    expect((await medbill('era', 'match', String(line.itemId), ...T())).exitCode).toBe(2);
    expect((await medbill('era', 'match', String(line.itemId), '--line', '2', '--claim', 'X', ...T())).exitCode).toBe(
      2,
    );
    const io = await medbill('era', 'match', String(line.itemId), '--line', '2', ...T());
    expect(io.exitCode, io.stderr).toBe(0);
    expect(io.stdout).toBe(
      `32.00 of ERA #${line.remittanceId} posted to line 2 (97110) of claim ${line.claim.claimNumber} with CO-45 20.00, PR-2 8.00\n`,
    );
    const again = await medbill('era', 'match', `#${line.itemId}`, '--line', '2', '--json', ...T());
    expect(JSON.parse(again.stdout)).toMatchObject({ alreadyDone: true, lineId: line.lineId, status: 'matched' });
    const other = await medbill('era', 'match', String(line.itemId), '--line', '1', ...T());
    expect(other.exitCode).toBe(1);
    expect(other.stderr).toContain('already posted to line 2');
    const show = JSON.parse((await medbill('claims', 'show', line.claim.claimNumber, '--json', ...T())).stdout);
    expect(show.totals).toMatchObject({
      charges: 21000,
      insurancePayments: 13200,
      patientResponsibility: 2300,
      balance: 2300,
      insuranceBalance: 0,
      patientBalance: 2300,
    });
    expect(show.totals.adjustments.CO).toBe(5500);
  });

  it('match --claim posts an 835 claim to our claim; dismiss-unmatched keeps the reason', async () => {
    const io = await medbill('era', 'match', String(claimItems.typo), '--claim', claimNumberOfTypo, ...T());
    expect(io.exitCode, io.stderr).toBe(0);
    expect(io.stdout).toMatch(new RegExp(`^120\\.00 of ERA #\\d+ posted to claim ${claimNumberOfTypo}: `));
    const d = await medbill(
      'era',
      'dismiss-unmatched',
      String(claimItems.nobody),
      '--reason',
      'not our patient: returned',
      ...T(),
    );
    expect(d.exitCode, d.stderr).toBe(0);
    expect(d.stdout).toMatch(/^dismissed: 12\.34 stays unapplied on ERA #\d+ \(not our patient: returned\)\n$/);
    expect((await medbill('era', 'unmatched', ...T())).stdout).toBe('0 open items\n');
    const done = await medbill('era', 'unmatched', '--status', 'matched', ...T());
    expect(done.stdout).toContain(`      posted to line 2 (97110) of claim ${line.claim.claimNumber} (cli:`);
  });
});

describe('medbill era match --service | --apply', () => {
  let services: UnmatchedClaimSeed;
  let difference: UnmatchedClaimSeed;
  beforeAll(async () => {
    const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
    try {
      services = await seedUnmatchedServices(store, t, auditKeyForTests());
      difference = await seedClaimDifference(store, t, auditKeyForTests());
    } finally {
      await store.close();
    }
  });

  it('lists the services and the claim lines, posts each service to its line and applies a difference to the cent', async () => {
    const list = await medbill('era', 'unmatched', ...T());
    expect(list.stdout).toMatch(/^2 open items\n/);
    expect(list.stdout).toContain('      SVC 2: 97530-GP 2026-10-05 billed 60.00 paid 0.00 CO-50 60.00\n');
    expect(list.stdout).toContain('      line 2: 97110-GP 2026-10-05 charge 60.00, the payer owes 16.00\n');
    expect(list.stdout).toContain(
      `      post with: era match ${services.itemId} --service 1=LINE --service 2=LINE …\n`,
    );
    const io = await medbill('era', 'match', String(services.itemId), '--service', '1=1', '--service', '2=2', ...T());
    expect(io.exitCode, io.stderr).toBe(0);
    expect(io.stdout).toBe(
      `100.00 of ERA #${services.remittanceId} posted to claim ${services.claim.claimNumber} (SVC 1 (99215) to line 1 (99214), SVC 2 (97530-GP) to line 2 (97110)): paid with line denials\n`,
    );
    const bad = await medbill('era', 'match', String(difference.itemId), '--apply', '2=5', '--apply', '1=2.99', ...T());
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('The amounts add up to 7.99 but the difference held is 8.00 (0.01 short)');
    const ok = await medbill('era', 'match', String(difference.itemId), '--apply', '2=8.00', ...T());
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(ok.stdout).toBe(
      `8.00 of ERA #${difference.remittanceId} applied to claim ${difference.claim.claimNumber} (8.00 to line 2 (97110)): paid\n`,
    );
    const show = JSON.parse((await medbill('claims', 'show', difference.claim.claimNumber, '--json', ...T())).stdout);
    expect(show.totals).toMatchObject({
      charges: 21000,
      insurancePayments: 13200,
      balance: 2300,
      insuranceBalance: 800,
    });
    expect((await medbill('era', 'match', String(difference.itemId), '--apply', '2', ...T())).exitCode).toBe(2);
  });
});

describe('medbill contracts', () => {
  it('list, show, and set-rate (new, then changed)', async () => {
    const list = await medbill('contracts', 'list', ...T());
    expect(list.exitCode, list.stderr).toBe(0);
    expect(list.stdout).toMatch(
      new RegExp(`^1 contract\\n#${contractId} +.+Fee schedule 2026 +2026-01-01 – open  1 code\\n$`),
    );
    const set = await medbill('contracts', 'set-rate', String(contractId), '99214', '98.50', ...T());
    expect(set.exitCode, set.stderr).toBe(0);
    expect(set.stdout).toBe(`Contract #${contractId} now allows 98.50 for 99214 (new)\n`);
    const change = await medbill('contracts', 'set-rate', String(contractId), '99213', '80', '--json', ...T());
    expect(JSON.parse(change.stdout)).toEqual({
      contractId,
      procedureCode: '99213',
      modifier: '',
      allowedCents: 8000,
      previousCents: 7500,
    });
    const show = await medbill('contracts', 'show', String(contractId), ...T());
    expect(show.stdout).toMatch(
      new RegExp(
        `^Contract #${contractId} Fee schedule 2026: .+, 2026-01-01 – open\\n {2}99213 {10}80\\.00\\n {2}99214 {10}98\\.50\\n$`,
      ),
    );
    const bad = await medbill('contracts', 'set-rate', String(contractId), '9921', 'ten', ...T());
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('is not a 5-character procedure code');
    const missing = await medbill('contracts', 'show', '999999', ...T());
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('Contract not found');
  });
});
