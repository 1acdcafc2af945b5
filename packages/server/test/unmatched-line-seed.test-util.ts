/**
 * An 835 that pays a claim of ours by its number, one of whose two service lines (SVC) matches none of the
 * claim's lines (the payer sent another code): the line item on the unmatched worklist, with the claim's lines.
 */
import { eraText, type EraSpec } from '@medbill/core/test-util';
import { withTenant, type Store } from '../src/db/open-database.ts';
import { postClaimCharges } from '../src/ledger/post-claim-charges.ts';
import { postRemittance } from '../src/remittance/post-remittance.ts';
import { releaseRemittance } from '../src/remittance/release-remittance.ts';
import type { TenantFixture } from './fixtures.ts';
import { addClaim, type ClaimFixture } from './remit-fixtures.ts';

export interface UnmatchedLineSeed {
  /** the unmatched-worklist item of the SVC no line matched */
  itemId: number;
  claim: ClaimFixture;
  /** the claim's 97110-GP line, the one the SVC pays */
  lineId: number;
  remittanceId: number;
}

/**
 * Claim: 99214 $150 and 97110-GP $60 on 2026-10-05. ERA: SVC 99214 $150 paid $100 (CO-45 $35, PR-2 $15), and
 * SVC 97530-GP $60 paid $32 (CO-45 $20, PR-2 $8) — a code we did not bill: $32 held as unapplied.
 */
export async function seedUnmatchedLine(
  store: Store,
  t: TenantFixture,
  auditKey: Buffer,
  /** noPatientShare: the payer's PR-2 goes to CO-45 instead, so the patient owes nothing (no statement, no account) */
  opts: { patientId?: number; coverageId?: number; trace?: string; noPatientShare?: boolean } = {},
): Promise<UnmatchedLineSeed> {
  const claim = await addClaim(store, t, {
    ...(opts.patientId ? { patientId: opts.patientId } : {}),
    ...(opts.coverageId ? { coverageId: opts.coverageId } : {}),
    lines: [
      { code: '99214', charge: 15000 },
      { code: '97110', modifiers: ['GP'], charge: 6000 },
    ],
    date: '2026-10-05',
  });
  const payerCode = await withTenant(store.db, t.tenantId, async (tx) => {
    await postClaimCharges(tx, t.tenantId, [claim.claimId], { userId: null, username: 'seed' });
    const p = await tx
      .selectFrom('payer')
      .select('payer_code')
      .where('tenant_id', '=', t.tenantId)
      .where('id', '=', claim.payerId)
      .executeTakeFirstOrThrow();
    return p.payer_code;
  });
  const trace = opts.trace ?? `UL${t.tenantId}C${claim.claimId}`;
  const share = (co: number, pr: number) =>
    opts.noPatientShare
      ? [{ group: 'CO', reason: '45', amount: co + pr }]
      : [
          { group: 'CO', reason: '45', amount: co },
          { group: 'PR', reason: '2', amount: pr },
        ];
  const text = eraText({
    trace,
    payerId: payerCode,
    claims: [
      {
        pcn: claim.claimNumber,
        status: '1',
        charge: 21000,
        paid: 13200,
        pr: opts.noPatientShare ? 0 : 2300,
        services: [
          {
            code: '99214',
            charge: 15000,
            paid: 10000,
            date: '20261005',
            cas: share(3500, 1500),
          },
          {
            code: '97530',
            modifiers: ['GP'],
            charge: 6000,
            paid: 3200,
            date: '20261005',
            cas: share(2000, 800),
            remarks: ['N130'],
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
  if (r.status !== 'posted') throw new Error(`seedUnmatchedLine: ${r.message}`);
  const remittanceId = r.remittances[0]!.remittanceId!;
  const item = await withTenant(store.db, t.tenantId, (tx) =>
    tx
      .selectFrom('remittance_unmatched')
      .select('id')
      .where('tenant_id', '=', t.tenantId)
      .where('remittance_id', '=', remittanceId)
      .where('kind', '=', 'line')
      .executeTakeFirstOrThrow(),
  );
  return { itemId: item.id, claim, lineId: claim.lines[1]!.id, remittanceId };
}

export interface UnmatchedClaimSeed {
  itemId: number;
  claim: ClaimFixture;
  remittanceId: number;
}

type SeedOpts = { patientId?: number; trace?: string; noPatientShare?: boolean };

/** A claim 99214 $150 + 97110-GP $60 on 2026-10-05, sent, its charges posted; its payer's code. */
async function sentClaim(store: Store, t: TenantFixture, opts: SeedOpts) {
  const claim = await addClaim(store, t, {
    ...(opts.patientId ? { patientId: opts.patientId } : {}),
    lines: [
      { code: '99214', charge: 15000 },
      { code: '97110', modifiers: ['GP'], charge: 6000 },
    ],
    date: '2026-10-05',
  });
  const payerCode = await withTenant(store.db, t.tenantId, async (tx) => {
    await postClaimCharges(tx, t.tenantId, [claim.claimId], { userId: null, username: 'seed' });
    return (
      await tx
        .selectFrom('payer')
        .select('payer_code')
        .where('tenant_id', '=', t.tenantId)
        .where('id', '=', claim.payerId)
        .executeTakeFirstOrThrow()
    ).payer_code;
  });
  return { claim, payerCode };
}

/** Posts an 835 (a held one released with a reason); the ERA and its one open line item. */
async function postForItem(store: Store, t: TenantFixture, auditKey: Buffer, spec: EraSpec, release: boolean) {
  const opts = { actor: { userId: null, username: 'seed' }, audit: { key: auditKey, sourceIp: null } };
  let r = await postRemittance(store.db, t.tenantId, { fileName: `${spec.trace}.835`, text: eraText(spec) }, opts);
  if (release && r.status === 'held')
    r = await releaseRemittance(store.db, t.tenantId, r.remittances[0]!.remittanceId!, {
      ...opts,
      action: 'post',
      reason: 'payer confirmed the amounts by phone',
    });
  if (r.status !== 'posted') throw new Error(`seed ${spec.trace}: ${r.message}`);
  const remittanceId = r.remittances[0]!.remittanceId!;
  const items = await withTenant(store.db, t.tenantId, (tx) =>
    tx
      .selectFrom('remittance_unmatched')
      .select('id')
      .where('tenant_id', '=', t.tenantId)
      .where('remittance_id', '=', remittanceId)
      .where('kind', '=', 'line')
      .execute(),
  );
  if (items.length !== 1) throw new Error(`seed ${spec.trace}: ${items.length} line items`);
  return { remittanceId, itemId: items[0]!.id };
}

/**
 * Services none of which matched a line: SVC 99215 (we billed 99214) $150 paid $100 (CO-45 $35, PR-2 $15) and SVC
 * 97530-GP (we billed 97110-GP) $60 denied CO-50 — $100 held as unapplied, one item for both. With `oneMatched` the
 * first SVC is billed as we sent it, so only the denied 97530-GP is an item (a single service line, $0).
 */
export async function seedUnmatchedServices(
  store: Store,
  t: TenantFixture,
  auditKey: Buffer,
  opts: SeedOpts & { oneMatched?: boolean } = {},
): Promise<UnmatchedClaimSeed> {
  const { claim, payerCode } = await sentClaim(store, t, opts);
  const trace = opts.trace ?? `US${t.tenantId}C${claim.claimId}`;
  const spec: EraSpec = {
    trace,
    payerId: payerCode,
    claims: [
      {
        pcn: claim.claimNumber,
        status: '1',
        charge: 21000,
        paid: 10000,
        pr: opts.noPatientShare ? 0 : 1500,
        services: [
          {
            code: opts.oneMatched ? '99214' : '99215',
            charge: 15000,
            paid: 10000,
            date: '20261005',
            cas: opts.noPatientShare
              ? [{ group: 'CO', reason: '45', amount: 5000 }]
              : [
                  { group: 'CO', reason: '45', amount: 3500 },
                  { group: 'PR', reason: '2', amount: 1500 },
                ],
          },
          {
            code: '97530',
            modifiers: ['GP'],
            charge: 6000,
            paid: 0,
            date: '20261005',
            cas: [{ group: 'CO', reason: '50', amount: 6000 }],
          },
        ],
      },
    ],
  };
  return { claim, ...(await postForItem(store, t, auditKey, spec, false)) };
}

/**
 * A held 835 released: SVC 99214 $150 paid $100 (CO-45 $35, PR-2 $15), SVC 97110-GP $60 paid $24 (CO-45 $20), CLP04
 * $132 — $8 of the claim's payment its lines do not carry, held as unapplied, one item.
 */
export async function seedClaimDifference(
  store: Store,
  t: TenantFixture,
  auditKey: Buffer,
  opts: SeedOpts = {},
): Promise<UnmatchedClaimSeed> {
  const { claim, payerCode } = await sentClaim(store, t, opts);
  const trace = opts.trace ?? `UD${t.tenantId}C${claim.claimId}`;
  const spec: EraSpec = {
    trace,
    payerId: payerCode,
    claims: [
      {
        pcn: claim.claimNumber,
        status: '1',
        charge: 21000,
        paid: 13200,
        pr: opts.noPatientShare ? 0 : 1500,
        services: [
          {
            code: '99214',
            charge: 15000,
            paid: 10000,
            date: '20261005',
            cas: opts.noPatientShare
              ? [{ group: 'CO', reason: '45', amount: 5000 }]
              : [
                  { group: 'CO', reason: '45', amount: 3500 },
                  { group: 'PR', reason: '2', amount: 1500 },
                ],
          },
          {
            code: '97110',
            modifiers: ['GP'],
            charge: 6000,
            paid: 2400,
            date: '20261005',
            cas: [{ group: 'CO', reason: '45', amount: 2000 }],
          },
        ],
      },
    ],
  };
  return { claim, ...(await postForItem(store, t, auditKey, spec, true)) };
}
