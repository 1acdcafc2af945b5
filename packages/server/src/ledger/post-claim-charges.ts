/**
 * Charges enter the ledger when a claim is sent (its 837 is built): what was billed is what is owed.
 * Sending is also where the ledger catches up with re-coding: a line whose charge changed since it was
 * last billed gets a correction for the difference, and a charged line that re-coding removed (a
 * rejected claim fixed and sent again) has its balance reversed. A secondary claim bills lines already
 * charged, so it adds nothing.
 */
import { chargeEntries, payerParty, type EntryInput, type PostingInput } from '@medbill/core/ledger';
import { sql } from 'kysely';
import type { Tx } from '../db/open-database.ts';
import { appendPostings, type LedgerActor } from './append-postings.ts';
import { safeSum } from './read-ledger.ts';

interface ClaimLines {
  claimId: number;
  claimNumber: string;
  payerId: number;
  patientId: number;
  practiceId: number;
  encounterId: number;
  lines: Array<{ id: number; chargeCents: number; serviceDate: string }>;
}

async function loadClaims(tx: Tx, tenantId: number, claimIds: number[]): Promise<ClaimLines[]> {
  const rows = await tx
    .selectFrom('claim as c')
    .innerJoin('encounter as e', (j) => j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'))
    .leftJoin('service_line as l', (j) =>
      j.onRef('l.tenant_id', '=', 'e.tenant_id').onRef('l.encounter_id', '=', 'e.id'),
    )
    .select([
      'c.id as claim_id',
      'c.claim_number',
      'c.payer_id',
      'e.patient_id',
      'e.practice_id',
      'e.id as encounter_id',
      'l.id as line_id',
      'l.charge_cents',
      'l.service_date',
    ])
    .where('c.tenant_id', '=', tenantId)
    .where('c.id', 'in', claimIds)
    .orderBy('c.id')
    .orderBy('l.line_number')
    .execute();
  const out = new Map<number, ClaimLines>();
  for (const r of rows) {
    let c = out.get(r.claim_id);
    if (!c)
      out.set(
        r.claim_id,
        (c = {
          claimId: r.claim_id,
          claimNumber: r.claim_number,
          payerId: r.payer_id,
          patientId: r.patient_id,
          practiceId: r.practice_id,
          encounterId: r.encounter_id,
          lines: [],
        }),
      );
    if (r.line_id !== null)
      c.lines.push({ id: r.line_id, chargeCents: r.charge_cents ?? 0, serviceDate: r.service_date ?? '' });
  }
  return [...out.values()];
}

/** What the ledger has charged so far per line of these encounters, and each line's balance per party. */
async function chargedSoFar(tx: Tx, tenantId: number, encounterIds: number[]) {
  const rows = await sql<{
    service_line_id: number;
    encounter_id: number;
    claim_id: number;
    responsibility: 'payer' | 'patient';
    payer_id: number | null;
    charged: string;
    balance: string;
  }>`
    SELECT e.service_line_id, c.encounter_id, min(e.claim_id) AS claim_id, e.responsibility, e.payer_id,
           sum(e.amount_cents) FILTER (WHERE e.kind = 'charge') AS charged, sum(e.amount_cents) AS balance
      FROM ledger_entry e JOIN claim c ON c.tenant_id = e.tenant_id AND c.id = e.claim_id
     WHERE e.tenant_id = ${tenantId} AND e.account = 'ar' AND c.encounter_id IN (${sql.join(encounterIds)})
     GROUP BY e.service_line_id, c.encounter_id, e.responsibility, e.payer_id`.execute(tx);
  return rows.rows.map((r) => ({ ...r, charged: safeSum(r.charged), balance: safeSum(r.balance) }));
}

export async function postClaimCharges(
  tx: Tx,
  tenantId: number,
  claimIds: number[],
  actor: LedgerActor,
): Promise<{ postings: number; chargedCents: number }> {
  if (!claimIds.length) return { postings: 0, chargedCents: 0 };
  const claims = await loadClaims(tx, tenantId, claimIds);
  const encounterIds = [...new Set(claims.map((c) => c.encounterId))];
  const sofar = encounterIds.length ? await chargedSoFar(tx, tenantId, encounterIds) : [];
  const postings: PostingInput[] = [];
  let chargedCents = 0;
  const seenLines = new Set<number>();
  for (const c of claims) {
    const party = payerParty(c.payerId);
    for (const l of c.lines) {
      if (seenLines.has(l.id)) continue;
      seenLines.add(l.id);
      const charged = sofar.filter((s) => s.service_line_id === l.id).reduce((t, s) => t + s.charged, 0);
      const delta = l.chargeCents - charged;
      if (delta === 0) continue;
      const ref = { serviceLineId: l.id, claimId: c.claimId, patientId: c.patientId, practiceId: c.practiceId };
      postings.push({
        kind: charged === 0 ? 'charge' : 'charge_correction',
        effectiveDate: l.serviceDate,
        memo:
          charged === 0
            ? `claim ${c.claimNumber} sent`
            : `claim ${c.claimNumber} sent with a changed charge (${charged} → ${l.chargeCents} cents)`,
        claimId: c.claimId,
        patientId: c.patientId,
        entries: chargeEntries(ref, party, delta),
      });
      chargedCents += delta;
    }
    // lines charged before and since removed by re-coding: their balance goes
    const current = new Set(c.lines.map((l) => l.id));
    const gone = sofar.filter(
      (s) =>
        s.encounter_id === c.encounterId &&
        s.balance !== 0 &&
        !current.has(s.service_line_id) &&
        !seenLines.has(-s.service_line_id),
    );
    const entries: EntryInput[] = [];
    for (const s of gone) {
      seenLines.add(-s.service_line_id);
      const ref = {
        serviceLineId: s.service_line_id,
        claimId: s.claim_id,
        patientId: c.patientId,
        practiceId: c.practiceId,
      };
      const p = s.responsibility === 'payer' && s.payer_id ? payerParty(s.payer_id) : ({ kind: 'patient' } as const);
      entries.push(...chargeEntries(ref, p, -s.balance));
      chargedCents -= s.balance;
    }
    if (entries.length)
      postings.push({
        kind: 'charge_correction',
        effectiveDate: c.lines[0]?.serviceDate ?? new Date().toISOString().slice(0, 10),
        memo: `claim ${c.claimNumber} sent without lines billed before (re-coded)`,
        claimId: c.claimId,
        patientId: c.patientId,
        entries,
      });
  }
  await appendPostings(tx, tenantId, postings, actor);
  return { postings: postings.length, chargedCents };
}
