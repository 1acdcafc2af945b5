/** Open denials for one tenant's fixture patient, posted from an 835 (one claim each), for the route walks. */
import { eraText } from '@medbill/core/test-util';
import { withTenant, type Store } from '../src/db/open-database.ts';
import { postClaimCharges } from '../src/ledger/post-claim-charges.ts';
import { postRemittance } from '../src/remittance/post-remittance.ts';
import type { TenantFixture } from './fixtures.ts';
import { addClaim, addPatient, type ClaimFixture } from './remit-fixtures.ts';

/** `n` claims of the fixture patient, each denied whole (CO-16, MA130) by one 835; the denial ids in claim order. */
export async function seedDenials(
  store: Store,
  t: TenantFixture,
  n: number,
  auditKey: Buffer,
  trace = `DS${t.tenantId}`,
): Promise<number[]> {
  const made: ClaimFixture[] = [];
  for (let i = 0; i < n; i++) made.push(await addClaim(store, t, { lines: [{ code: '99213', charge: 10000 + i }] }));
  const payerCode = await withTenant(store.db, t.tenantId, async (tx) => {
    await postClaimCharges(
      tx,
      t.tenantId,
      made.map((c) => c.claimId),
      { userId: null, username: 'seed' },
    );
    return (await tx.selectFrom('payer').select('payer_code').where('id', '=', t.payerId).executeTakeFirstOrThrow())
      .payer_code;
  });
  const text = eraText({
    trace,
    payerId: payerCode,
    claims: made.map((c, i) => ({
      pcn: c.claimNumber,
      status: '4',
      charge: 10000 + i,
      paid: 0,
      services: [
        {
          code: '99213',
          charge: 10000 + i,
          paid: 0,
          lineControl: `${c.claimNumber}-1`,
          cas: [{ group: 'CO', reason: '16', amount: 10000 + i }],
          remarks: ['MA130'],
        },
      ],
    })),
  });
  const r = await postRemittance(
    store.db,
    t.tenantId,
    { fileName: `${trace}.835`, text },
    { actor: { userId: null, username: 'seed' }, audit: { key: auditKey, sourceIp: null } },
  );
  if (r.status !== 'posted') throw new Error(`seedDenials: ${r.message}`);
  const rows = await withTenant(store.db, t.tenantId, (tx) =>
    tx
      .selectFrom('denial')
      .select(['id', 'claim_id'])
      .where(
        'claim_id',
        'in',
        made.map((c) => c.claimId),
      )
      .execute(),
  );
  return made.map((c) => rows.find((d) => d.claim_id === c.claimId)!.id);
}

/** The remittance an 835 with this trace made (seedDenials uses `DS<tenant id>`). */
export async function remittanceByTrace(store: Store, t: TenantFixture, trace = `DS${t.tenantId}`): Promise<number> {
  const r = await withTenant(store.db, t.tenantId, (tx) =>
    tx.selectFrom('remittance').select('id').where('trace_number', '=', trace).executeTakeFirstOrThrow(),
  );
  return r.id;
}

/**
 * A claim of the fixture patient with its charge posted, and an 835 paying it in full (`balanced`) or one
 * whose BPR does not add up (held when posted).
 */
export async function eraForNewClaim(store: Store, t: TenantFixture, trace: string, balanced = true): Promise<string> {
  const c = await addClaim(store, t, { lines: [{ code: '99212', charge: 7000 }] });
  const payerCode = await withTenant(store.db, t.tenantId, async (tx) => {
    await postClaimCharges(tx, t.tenantId, [c.claimId], { userId: null, username: 'seed' });
    return (await tx.selectFrom('payer').select('payer_code').where('id', '=', t.payerId).executeTakeFirstOrThrow())
      .payer_code;
  });
  return eraText({
    trace,
    payerId: payerCode,
    ...(balanced ? {} : { total: 100 }),
    claims: [
      {
        pcn: c.claimNumber,
        status: '1',
        charge: 7000,
        paid: 7000,
        services: [{ code: '99212', charge: 7000, paid: 7000, lineControl: `${c.claimNumber}-1`, cas: [] }],
      },
    ],
  });
}

/** A held remittance (its BPR does not add up) for the fixture patient: its id. */
export async function seedHeldEra(
  store: Store,
  t: TenantFixture,
  auditKey: Buffer,
  trace = `HE${t.tenantId}`,
): Promise<number> {
  const text = await eraForNewClaim(store, t, trace, false);
  const r = await postRemittance(
    store.db,
    t.tenantId,
    { fileName: `${trace}.835`, text },
    { actor: { userId: null, username: 'seed' }, audit: { key: auditKey, sourceIp: null } },
  );
  if (r.status !== 'held') throw new Error(`seedHeldEra: ${r.message}`);
  return remittanceByTrace(store, t, trace);
}

/** How `seedUnmatched` shapes its 835 where a test needs more than the defaults. */
export interface UnmatchedSeedOptions {
  trace?: string;
  /** the patient's last name; by default one of the tenant's own (Quimby<id>), apart from other tests' patients */
  last?: string;
  /** the two 835 claims' numbers (CLP01): the miskeyed one and the one for nobody */
  numbers?: { typo: string; nobody: string };
  /** the miskeyed claim as paid: the payer's claim number (CLP07), the patient's share (PR-2), its line's remarks */
  payerClaimNumber?: string;
  patientShare?: number;
  remarks?: string[];
  /** a second claim of the same patient on this day (charged too): suggested as well, lower */
  decoyDate?: string;
}

/**
 * An 835 with two claims we cannot match by number: one the payer keyed wrong (a patient of its own, whose claim is the
 * suggestion), one for nobody we know. Their unmatched-worklist ids, in that order, with the claims and the ERA.
 */
export async function seedUnmatched(
  store: Store,
  t: TenantFixture,
  auditKey: Buffer,
  opts: UnmatchedSeedOptions = {},
): Promise<{
  typo: number;
  nobody: number;
  claimId: number;
  patientId: number;
  claim: ClaimFixture;
  decoy: ClaimFixture | null;
  remittanceId: number;
  payerCode: string;
}> {
  const first = 'Harriet';
  const last = opts.last ?? `Quimby${t.tenantId}`;
  const share = opts.patientShare ?? 0;
  const p = await addPatient(store, t, { last, first, coverages: [{ payerId: t.payerId, order: 1 }] });
  const c = await addClaim(store, t, {
    patientId: p.patientId,
    coverageId: p.coverageIds[0],
    lines: [{ code: '99214', charge: 15000 }],
    date: '2026-10-05',
  });
  const decoy = opts.decoyDate
    ? await addClaim(store, t, {
        patientId: p.patientId,
        coverageId: p.coverageIds[0],
        lines: [{ code: '99213', charge: 9000 }],
        date: opts.decoyDate,
      })
    : null;
  const payerCode = await withTenant(store.db, t.tenantId, async (tx) => {
    // a family of its own: the fixture guarantor's accounts stay as the other tests expect them
    const own = await tx
      .insertInto('guarantor')
      .values({
        tenant_id: t.tenantId,
        first_name: first,
        last_name: last,
        line1: '5 Elm St',
        city: 'Austin',
        state: 'TX',
        zip: '78701',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('patient')
      .set({ guarantor_id: own.id })
      .where('tenant_id', '=', t.tenantId)
      .where('id', '=', p.patientId)
      .execute();
    const charged = decoy ? [c.claimId, decoy.claimId] : [c.claimId];
    await postClaimCharges(tx, t.tenantId, charged, { userId: null, username: 'seed' });
    const payer = await tx
      .selectFrom('payer')
      .select('payer_code')
      .where('tenant_id', '=', t.tenantId)
      .where('id', '=', t.payerId)
      .executeTakeFirstOrThrow();
    return payer.payer_code;
  });
  const trace = opts.trace ?? `UN${t.tenantId}`;
  const text = eraText({
    trace,
    payerId: payerCode,
    claims: [
      {
        pcn: opts.numbers?.typo ?? `X-TYPO-${t.tenantId}`,
        ...(opts.payerClaimNumber ? { icn: opts.payerClaimNumber } : {}),
        status: '1',
        charge: 15000,
        paid: 12000 - share,
        ...(share ? { pr: share } : {}),
        patient: { last: last.toUpperCase(), first: first.toUpperCase() },
        services: [
          {
            code: '99214',
            charge: 15000,
            paid: 12000 - share,
            date: '20261005',
            cas: [
              { group: 'CO', reason: '45', amount: 3000 },
              ...(share ? [{ group: 'PR', reason: '2', amount: share }] : []),
            ],
            ...(opts.remarks ? { remarks: opts.remarks } : {}),
          },
        ],
      },
      {
        pcn: opts.numbers?.nobody ?? `NOBODY-${t.tenantId}`,
        status: '1',
        charge: 5000,
        paid: 1234,
        patient: { last: 'NOBODY', first: 'ANN' },
        services: [
          {
            code: '97110',
            charge: 5000,
            paid: 1234,
            date: '20261006',
            cas: [{ group: 'CO', reason: '45', amount: 3766 }],
          },
        ],
      },
    ],
  });
  const r = await postRemittance(
    store.db,
    t.tenantId,
    { fileName: `${trace}.835`, text },
    { actor: { userId: null, username: 'seed' }, audit: { key: auditKey, sourceIp: null } },
  );
  const remittanceId = r.remittances[0]?.remittanceId;
  if (r.status === 'held' || !remittanceId) throw new Error(`seedUnmatched: ${r.message}`);
  const rows = await withTenant(store.db, t.tenantId, (tx) =>
    tx
      .selectFrom('remittance_unmatched')
      .select(['id', 'clp_index'])
      .where('tenant_id', '=', t.tenantId)
      .where('remittance_id', '=', remittanceId)
      .orderBy('clp_index')
      .execute(),
  );
  if (rows.length < 2) throw new Error(`seedUnmatched: ${rows.length} unmatched rows`);
  return {
    typo: rows[0].id,
    nobody: rows[1].id,
    claimId: c.claimId,
    patientId: p.patientId,
    claim: c,
    decoy,
    remittanceId,
    payerCode,
  };
}
