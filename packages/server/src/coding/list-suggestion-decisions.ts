/**
 * listSuggestionDecisions: the coders' accepted and rejected suggestions over a period, with the acceptance rate
 * per code, for measuring the suggestion engine on real work. Audited as a query naming the patients concerned.
 */
import type { SuggestionDecisionListResponse, SuggestionDecisionsQuery } from '@medbill/api';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTenant } from '../db/open-database.ts';
import { type CodingDeps, withDot } from './coding-deps.ts';

type Summary = SuggestionDecisionListResponse['byCode'][number];

export async function listSuggestionDecisions(
  deps: Pick<CodingDeps, 'db' | 'auditKey'>,
  actor: Actor,
  input: SuggestionDecisionsQuery,
): Promise<SuggestionDecisionListResponse> {
  return withTenant(deps.db, actor.tenantId, async (tx) => {
    let q = tx
      .selectFrom('code_suggestion_decision as d')
      .innerJoin('encounter as e', (j) =>
        j.onRef('e.tenant_id', '=', 'd.tenant_id').onRef('e.id', '=', 'd.encounter_id'),
      )
      .select([
        'd.id',
        'd.encounter_id',
        'd.code',
        'd.decision',
        'd.confidence',
        'd.rank',
        'd.index_path',
        'd.evidence',
        'd.release_id',
        'd.reason',
        'd.username',
        'd.decided_at',
        'e.patient_id',
      ])
      .where('d.tenant_id', '=', actor.tenantId);
    if (input.from) q = q.where('d.decided_at', '>=', new Date(`${input.from}T00:00:00Z`));
    if (input.to) q = q.where('d.decided_at', '<', new Date(Date.parse(`${input.to}T00:00:00Z`) + 86_400_000));
    if (input.decision) q = q.where('d.decision', '=', input.decision);
    const rows = await q
      .orderBy('d.decided_at', 'desc')
      .orderBy('d.id', 'desc')
      .limit(input.limit ?? 500)
      .execute();
    const byCode = new Map<string, Summary>();
    for (const r of rows) {
      const s = byCode.get(r.code) ?? { code: withDot(r.code), accepted: 0, rejected: 0, acceptanceRate: 0 };
      s[r.decision]++;
      byCode.set(r.code, s);
    }
    for (const s of byCode.values()) s.acceptanceRate = round(s.accepted / (s.accepted + s.rejected));
    const accepted = rows.filter((r) => r.decision === 'accepted').length;
    await recordAudit(tx, deps.auditKey, actor, {
      action: 'query',
      resourceType: 'code_suggestion_decision',
      dataCategory: 'encounter',
      details: { rows: rows.length, patientIds: [...new Set(rows.map((r) => r.patient_id))] },
    });
    return {
      items: rows.map((r) => ({
        id: r.id,
        encounterId: r.encounter_id,
        code: withDot(r.code),
        decision: r.decision,
        confidence: r.confidence === null ? null : round(r.confidence),
        rank: r.rank,
        indexPath: r.index_path,
        evidence: r.evidence,
        release: r.release_id,
        reason: r.reason,
        username: r.username,
        decidedAt: new Date(r.decided_at).toISOString(),
      })),
      totals: {
        accepted,
        rejected: rows.length - accepted,
        acceptanceRate: rows.length ? round(accepted / rows.length) : null,
      },
      byCode: [...byCode.values()].sort(
        (a, b) => b.accepted + b.rejected - (a.accepted + a.rejected) || a.code.localeCompare(b.code),
      ),
    };
  });
}

const round = (x: number) => Math.round(x * 1000) / 1000;
