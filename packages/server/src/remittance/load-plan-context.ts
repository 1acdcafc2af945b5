/**
 * Loads what the 835 planner needs, set-wise (a fixed number of queries however many claims): our claims
 * the file names by claim number or payer claim number, every claim of their encounters, the encounters'
 * lines, and the balances of those lines.
 */
import { adjudicationKey, PostedAdjudications, type OurClaim } from '@medbill/core/remittance';
import { sql } from 'kysely';
import type { Remittance835 } from '@medbill/x12/835';
import type { BalanceBook } from '@medbill/core/ledger';
import type { Tx } from '../db/open-database.ts';
import { timeSlice } from '../jobs/time-slice.ts';
import { lineBalanceBook } from '../ledger/read-ledger.ts';

/** ids per query: a query's rows are turned into objects in one go, so a chunk must stay a few milliseconds of work */
const CHUNK = 1000;

export interface LoadedClaims {
  byClaimNumber: Map<string, OurClaim>;
  byPayerClaimNumber: Map<string, OurClaim>;
  byEncounter: Map<number, OurClaim[]>;
  balances: BalanceBook;
  /** what each payer's adjudications posted on those lines (a reversal may take back only that) */
  posted: PostedAdjudications;
  /** service date (first) of each encounter, for coverage checks */
  serviceDate: Map<number, string>;
}

async function inChunks<T, R>(items: T[], f: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  const slice = timeSlice();
  for (let i = 0; i < items.length; i += CHUNK) {
    for (const r of await f(items.slice(i, i + CHUNK))) out.push(r);
    if (slice.due()) await slice.pause();
  }
  return out;
}

function claimQuery(tx: Tx, tenantId: number) {
  return tx
    .selectFrom('claim as c')
    .innerJoin('encounter as e', (j) => j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'))
    .innerJoin('coverage as v', (j) => j.onRef('v.tenant_id', '=', 'c.tenant_id').onRef('v.id', '=', 'c.coverage_id'))
    .innerJoin('patient as p', (j) => j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.patient_id'))
    .select([
      'c.id',
      'c.claim_number',
      'c.payer_id',
      'c.payer_claim_number',
      'c.encounter_id',
      'c.state',
      'e.patient_id',
      'e.practice_id',
      'e.service_date_from',
      'v.coverage_order',
      'p.last_name',
      'p.first_name',
    ])
    .where('c.tenant_id', '=', tenantId);
}

export async function loadClaimsFor(tx: Tx, tenantId: number, remits: readonly Remittance835[]): Promise<LoadedClaims> {
  const clps = remits.flatMap((r) => r.headers.flatMap((h) => h.claims));
  const numbers = [...new Set(clps.map((c) => c.patientControlNumber.trim()).filter(Boolean))];
  const icns = [...new Set(clps.map((c) => c.payerClaimControlNumber.trim()).filter(Boolean))];
  const named = [
    ...(await inChunks(numbers, (ch) => claimQuery(tx, tenantId).where('c.claim_number', 'in', ch).execute())),
    ...(await inChunks(icns, (ch) => claimQuery(tx, tenantId).where('c.payer_claim_number', 'in', ch).execute())),
  ];
  const encounterIds = [...new Set(named.map((c) => c.encounter_id))];
  const all = await inChunks(encounterIds, (ch) =>
    claimQuery(tx, tenantId).where('c.encounter_id', 'in', ch).execute(),
  );
  const lines = await inChunks(encounterIds, (ch) =>
    tx
      .selectFrom('service_line')
      .select([
        'id',
        'encounter_id',
        'line_number',
        'procedure_code',
        'modifiers',
        'units',
        'charge_cents',
        'service_date',
      ])
      .where('tenant_id', '=', tenantId)
      .where('encounter_id', 'in', ch)
      .orderBy('line_number')
      .execute(),
  );
  const linesByEncounter = new Map<number, OurClaim['lines']>();
  for (const l of lines) {
    const list = linesByEncounter.get(l.encounter_id) ?? [];
    list.push({
      id: l.id,
      lineNumber: l.line_number,
      code: l.procedure_code,
      modifiers: l.modifiers,
      units: l.units,
      chargeCents: l.charge_cents,
      date: l.service_date,
    });
    linesByEncounter.set(l.encounter_id, list);
  }
  const out: LoadedClaims = {
    byClaimNumber: new Map(),
    byPayerClaimNumber: new Map(),
    byEncounter: new Map(),
    balances: await lineBalanceBook(
      tx,
      tenantId,
      lines.map((l) => l.id),
    ),
    posted: await postedAdjudications(
      tx,
      tenantId,
      lines.map((l) => l.id),
    ),
    serviceDate: new Map(),
  };
  const seen = new Set<number>();
  for (const r of all) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const c: OurClaim = {
      claimId: r.id,
      claimNumber: r.claim_number,
      payerId: r.payer_id,
      payerClaimNumber: r.payer_claim_number,
      encounterId: r.encounter_id,
      patientId: r.patient_id,
      practiceId: r.practice_id,
      coverageOrder: r.coverage_order,
      state: r.state,
      patientName: { last: r.last_name, first: r.first_name },
      lines: linesByEncounter.get(r.encounter_id) ?? [],
    };
    out.byClaimNumber.set(c.claimNumber, c);
    if (c.payerClaimNumber && c.state !== 'voided') out.byPayerClaimNumber.set(c.payerClaimNumber, c);
    out.byEncounter.set(c.encounterId, [...(out.byEncounter.get(c.encounterId) ?? []), c]);
    out.serviceDate.set(c.encounterId, r.service_date_from);
  }
  return out;
}

/**
 * The payers' adjudications posted on the lines: payments, CAS adjustments, and the PR each payer moved on from its
 * own claim's posting (not a PR moved onto a secondary's claim by the primary).
 */
async function postedAdjudications(tx: Tx, tenantId: number, lineIds: number[]): Promise<PostedAdjudications> {
  const book = new PostedAdjudications();
  const rows = await inChunks(lineIds, (ch) =>
    tx
      .selectFrom('ledger_entry as e')
      .innerJoin('ledger_posting as p', (j) =>
        j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.posting_id'),
      )
      .select(['e.service_line_id', 'e.payer_id', 'e.kind', 'e.adjustment_group', 'e.reason_code'])
      .select(sql<string>`sum(e.amount_cents)`.as('amount'))
      .where('e.tenant_id', '=', tenantId)
      .where('e.account', '=', 'ar')
      .where('e.responsibility', '=', 'payer')
      .where('e.service_line_id', 'in', ch)
      .where((eb) =>
        eb.or([
          eb('e.kind', 'in', ['insurance_payment', 'adjustment']),
          eb.and([
            eb('e.kind', '=', 'transfer'),
            eb('e.adjustment_group', 'is not', null),
            eb('e.claim_id', '=', eb.ref('p.claim_id')),
          ]),
        ]),
      )
      .groupBy(['e.service_line_id', 'e.payer_id', 'e.kind', 'e.adjustment_group', 'e.reason_code'])
      .execute(),
  );
  for (const r of rows) {
    const key = adjudicationKey({ kind: r.kind, group: r.adjustment_group, reason: r.reason_code });
    if (key && r.service_line_id && r.payer_id) book.add(r.service_line_id, r.payer_id, key, -Number(r.amount));
  }
  return book;
}

/** Our payer for a remittance: REF*2U or N1*PR04 as a payer code we know, else the payer's name. */
export async function resolvePayer(tx: Tx, tenantId: number, r: Remittance835): Promise<number | null> {
  const codes = [r.payer?.refs?.find((x) => x.qualifier === '2U')?.value, r.payer?.name.id]
    .map((x) => (x ?? '').trim())
    .filter(Boolean);
  if (codes.length) {
    const byCode = await tx
      .selectFrom('payer')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('payer_code', 'in', codes)
      .executeTakeFirst();
    if (byCode) return byCode.id;
  }
  const name = (r.payer?.name.lastName ?? '').trim();
  if (!name) return null;
  const byName = await tx
    .selectFrom('payer')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb(eb.fn('upper', ['name']), '=', name.toUpperCase()))
    .execute();
  return byName.length === 1 ? byName[0].id : null;
}
