/**
 * The unmatched worklist: money posted 835s paid for claims (or lines) that matched none of ours, held as
 * unapplied, across all ERAs — each with the claim as the payer described it (CLP01/07, patient, date, amount)
 * and the claims of ours a person might mean (patient, date of service, billed amount, as they are now).
 * Reading it is audited (it names patients).
 */
import type { UnmatchedLineSuggestion, UnmatchedList, UnmatchedSuggestion } from '@medbill/api';
import { procedureParts, suggestLines, type LineDetail, type OurLine } from '@medbill/core/remittance';
import type { Actor } from '../actor.ts';
import { recordClaimsAudit } from '../claims/claims-audit.ts';
import { withTenant, type Tx } from '../db/open-database.ts';
import type { Deps } from '../deps.ts';
import { heldAs, type HeldAs } from './held-claim.ts';

export interface UnmatchedFilter {
  status?: 'open' | 'matched' | 'dismissed';
  kind?: 'claim' | 'line';
  remittanceId?: number;
  limit?: number;
  offset?: number;
}

/** a suggestion as stored by posting (core suggestClaims) */
type StoredSuggestion = { claimId: number; claimNumber: string; score: number; why: string[] };

type Detail = { patientName?: string; serviceDate?: string; lines?: LineDetail[]; claimAdjustments?: unknown[] };

/** The SVC (posting-view line) a `service` item holds: the one it names, or the claim's only service. */
function heldService(held: HeldAs, svcIndex: number | null, d: Detail): LineDetail | null {
  if (held !== 'service') return null;
  const lines = d.lines ?? [];
  return (svcIndex !== null ? lines.find((l) => l.svcIndex === svcIndex) : lines[0]) ?? null;
}

/** The lines of our claim an SVC may pay, best first, as the worklist shows them. */
function lineSuggestionsFor(svc: LineDetail, lines: OurLine[]): UnmatchedLineSuggestion[] {
  return suggestLines(
    {
      procedure: procedureParts(svc.procedure),
      submittedProcedure: svc.submittedProcedure ? procedureParts(svc.submittedProcedure) : undefined,
      date: svc.serviceDate ?? '',
      chargeCents: svc.billedCents,
    },
    lines,
  ).map((s) => {
    const l = lines.find((x) => x.id === s.lineId)!;
    return { ...s, procedure: [l.code, ...l.modifiers].join('-'), serviceDate: l.date, chargeCents: l.chargeCents };
  });
}

const serviceOf = (svc: LineDetail) => ({
  svcIndex: svc.svcIndex,
  procedure: svc.procedure,
  submittedProcedure: svc.submittedProcedure ?? null,
  serviceDate: svc.serviceDate ?? null,
  billedCents: svc.billedCents,
  paidCents: svc.paidCents,
  adjustments: svc.adjustments.map((a) => ({ group: a.group, reason: a.reason, amountCents: a.amountCents })),
});

/** What the claim's payer still owes on each of these lines (ledger), by line id. */
async function payerBalances(tx: Tx, tenantId: number, claimIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (!claimIds.length) return out;
  const rows = await tx
    .selectFrom('ledger_entry as e')
    .innerJoin('claim as c', (j) => j.onRef('c.tenant_id', '=', 'e.tenant_id').onRef('c.id', '=', 'e.claim_id'))
    .select(['e.service_line_id', (eb) => eb.fn.sum<string>('e.amount_cents').as('s')])
    .where('e.tenant_id', '=', tenantId)
    .where('e.claim_id', 'in', claimIds)
    .where('e.account', '=', 'ar')
    .where('e.responsibility', '=', 'payer')
    .whereRef('e.payer_id', '=', 'c.payer_id')
    .groupBy('e.service_line_id')
    .execute();
  for (const r of rows) if (r.service_line_id !== null) out.set(r.service_line_id, Number(r.s));
  return out;
}

/** The lines of each claim an unmatched service line is on, as billed now. */
async function linesOfClaims(tx: Tx, tenantId: number, claimIds: number[]) {
  const out = new Map<number, OurLine[]>();
  if (!claimIds.length) return out;
  const rows = await tx
    .selectFrom('claim as c')
    .innerJoin('service_line as l', (j) =>
      j.onRef('l.tenant_id', '=', 'c.tenant_id').onRef('l.encounter_id', '=', 'c.encounter_id'),
    )
    .select(['c.id as claim_id', 'l.id', 'l.line_number', 'l.procedure_code', 'l.modifiers', 'l.units'])
    .select(['l.charge_cents', 'l.service_date'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.id', 'in', claimIds)
    .orderBy('l.line_number')
    .execute();
  for (const r of rows)
    out.set(r.claim_id, [
      ...(out.get(r.claim_id) ?? []),
      {
        id: r.id,
        lineNumber: r.line_number,
        code: r.procedure_code,
        modifiers: r.modifiers,
        units: r.units,
        chargeCents: r.charge_cents,
        date: r.service_date,
      },
    ]);
  return out;
}

/** What each suggested claim is now: patient, first date of service, billed amount, state, payer. */
async function describeClaims(tx: Tx, tenantId: number, ids: number[]) {
  const out = new Map<
    number,
    { patientName: string; serviceDate: string; chargeCents: number; state: string; payerName: string }
  >();
  if (!ids.length) return out;
  const rows = await tx
    .selectFrom('claim as c')
    .innerJoin('encounter as e', (j) => j.onRef('e.tenant_id', '=', 'c.tenant_id').onRef('e.id', '=', 'c.encounter_id'))
    .innerJoin('patient as p', (j) => j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.patient_id'))
    .innerJoin('payer as y', (j) => j.onRef('y.tenant_id', '=', 'c.tenant_id').onRef('y.id', '=', 'c.payer_id'))
    .select([
      'c.id',
      'c.state',
      'c.total_charge_cents',
      'e.service_date_from',
      'p.last_name',
      'p.first_name',
      'y.name as payer_name',
    ])
    .where('c.tenant_id', '=', tenantId)
    .where('c.id', 'in', ids)
    .execute();
  for (const r of rows)
    out.set(r.id, {
      patientName: `${r.last_name}, ${r.first_name}`,
      serviceDate: r.service_date_from,
      chargeCents: r.total_charge_cents,
      state: r.state,
      payerName: r.payer_name,
    });
  return out;
}

export async function listUnmatched(
  deps: Pick<Deps, 'db' | 'auditKey'>,
  actor: Actor,
  f: UnmatchedFilter = {},
): Promise<UnmatchedList> {
  const limit = f.limit ?? 50;
  const offset = f.offset ?? 0;
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    let q = tx
      .selectFrom('remittance_unmatched as u')
      .innerJoin('remittance as r', (j) =>
        j.onRef('r.tenant_id', '=', 'u.tenant_id').onRef('r.id', '=', 'u.remittance_id'),
      )
      .innerJoin('remittance_claim as rc', (j) =>
        j
          .onRef('rc.tenant_id', '=', 'u.tenant_id')
          .onRef('rc.remittance_id', '=', 'u.remittance_id')
          .onRef('rc.clp_index', '=', 'u.clp_index'),
      )
      .leftJoin('claim as c', (j) => j.onRef('c.tenant_id', '=', 'u.tenant_id').onRef('c.id', '=', 'u.claim_id'))
      .where('u.tenant_id', '=', actor.tenantId)
      .where('u.status', '=', f.status ?? 'open');
    if (f.kind) q = q.where('u.kind', '=', f.kind);
    if (f.remittanceId) q = q.where('u.remittance_id', '=', f.remittanceId);
    const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await q
      .select([
        'u.id',
        'u.kind',
        'u.held_as',
        'u.status',
        'u.amount_cents',
        'u.description',
        'u.remittance_id',
        'u.clp_index',
        'u.svc_index',
        'u.claim_id',
        'u.suggestions',
        'u.resolved_by',
        'u.resolved_at',
        'u.resolution',
        'r.trace_number',
        'r.payer_name',
        'r.payment_date',
        'rc.patient_control_number',
        'rc.payer_claim_number',
        'rc.status_code',
        'rc.charge_cents',
        'rc.detail',
        'c.claim_number',
      ])
      .orderBy('u.remittance_id', 'desc')
      .orderBy('u.id')
      .limit(limit)
      .offset(offset)
      .execute();
    const stored = new Map(rows.map((r) => [r.id, (r.suggestions ?? []) as StoredSuggestion[]]));
    const suggested = [...new Set([...stored.values()].flat().map((s) => s.claimId))];
    const now = await describeClaims(tx, actor.tenantId, suggested);
    const lineItems = rows.filter((r) => r.kind === 'line' && r.claim_id !== null);
    const lineClaims = [...new Set(lineItems.map((r) => r.claim_id!))];
    const claimLines = await linesOfClaims(tx, actor.tenantId, lineClaims);
    const balances = await payerBalances(tx, actor.tenantId, lineClaims);
    const named = [...suggested, ...rows.map((r) => r.claim_id).filter((x): x is number => x !== null)];
    await recordClaimsAudit(
      tx,
      deps.auditKey,
      actor,
      {
        action: 'read',
        resourceType: 'remittance_unmatched',
        resourceId: null,
        dataCategory: 'claim',
        details: { status: f.status ?? 'open', items: rows.length },
      },
      named,
    );
    return {
      items: rows.map((r) => {
        const d = (r.detail ?? {}) as Detail;
        const suggestions: UnmatchedSuggestion[] = (stored.get(r.id) ?? []).map((s) => {
          const c = now.get(s.claimId);
          return {
            claimId: s.claimId,
            claimNumber: s.claimNumber,
            score: s.score,
            why: s.why,
            patientName: c?.patientName ?? null,
            serviceDate: c?.serviceDate ?? null,
            chargeCents: c?.chargeCents ?? null,
            state: c?.state ?? null,
            payerName: c?.payerName ?? null,
          };
        });
        const held = heldAs(r, d);
        const svc = heldService(held, r.svc_index, d);
        const lines = r.claim_id === null ? [] : (claimLines.get(r.claim_id) ?? []);
        return {
          id: r.id,
          kind: r.kind,
          heldAs: held,
          status: r.status as 'open' | 'matched' | 'dismissed',
          amountCents: r.amount_cents,
          description: r.description,
          remittanceId: r.remittance_id,
          traceNumber: r.trace_number,
          payerName: r.payer_name,
          paymentDate: r.payment_date,
          clpIndex: r.clp_index,
          patientControlNumber: r.patient_control_number,
          payerClaimNumber: r.payer_claim_number,
          statusCode: r.status_code,
          chargeCents: r.charge_cents,
          patientName: d.patientName ?? null,
          serviceDate: d.serviceDate ?? null,
          claimId: r.claim_id,
          claimNumber: r.claim_number,
          suggestions,
          service: svc ? serviceOf(svc) : null,
          lineSuggestions: svc ? lineSuggestionsFor(svc, lines) : [],
          services:
            held === 'services'
              ? (d.lines ?? []).map((l) => ({ ...serviceOf(l), lineSuggestions: lineSuggestionsFor(l, lines) }))
              : [],
          claimLines:
            held === 'difference'
              ? lines.map((l) => ({
                  lineId: l.id,
                  lineNumber: l.lineNumber,
                  procedure: [l.code, ...l.modifiers].join('-'),
                  serviceDate: l.date,
                  chargeCents: l.chargeCents,
                  payerBalanceCents: balances.get(l.id) ?? 0,
                }))
              : [],
          resolvedBy: r.resolved_by,
          resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
          resolution: r.resolution,
        };
      }),
      total: Number(count?.n ?? 0),
      limit,
      offset,
    };
  });
}
