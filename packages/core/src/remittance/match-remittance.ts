/**
 * Which of our claims an 835 claim (CLP) speaks of, and which of its lines each service (SVC) pays.
 * Claims: our patient control number (CLP01 = CLM01), then the payer's claim number (CLP07). When the
 * payer is not the claim's payer (a crossover, or a secondary that quotes the primary's number) the claim
 * of the same encounter to that payer is taken. Lines: the line item control number we sent (REF*6R),
 * then procedure (as submitted, SVC06, when the payer changed it), modifiers, date and charge, loosening
 * step by step; several SVCs may land on one line (a split line).
 */
import type { ClaimPayment, ServicePayment } from '@medbill/x12/835';
import type { MatchedLine, OurClaim, OurLine, PlanContext } from './remit-types.ts';

export function matchClaim(
  clp: ClaimPayment,
  ctx: Pick<PlanContext, 'byClaimNumber' | 'byPayerClaimNumber' | 'byEncounter' | 'payerId'>,
): { claim: OurClaim; how: 'claim_number' | 'payer_claim_number' } | null {
  let claim = ctx.byClaimNumber.get(clp.patientControlNumber.trim());
  let how: 'claim_number' | 'payer_claim_number' = 'claim_number';
  if (!claim && clp.payerClaimControlNumber) {
    claim = ctx.byPayerClaimNumber.get(clp.payerClaimControlNumber.trim());
    how = 'payer_claim_number';
  }
  if (!claim) return null;
  if (ctx.payerId !== null && claim.payerId !== ctx.payerId) {
    const sibling = (ctx.byEncounter.get(claim.encounterId) ?? []).find(
      (c) => c.payerId === ctx.payerId && c.state !== 'voided',
    );
    if (sibling) claim = sibling;
  }
  return { claim, how };
}

/** CCYYMMDD → YYYY-MM-DD ('' when absent). */
const iso = (d: string | undefined) =>
  d && /^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : '';

export function serviceDateOf(svc: ServicePayment, clp: ClaimPayment): string {
  const d =
    svc.dates.find((x) => x.qualifier === '472') ??
    svc.dates.find((x) => x.qualifier === '150') ??
    clp.dates.find((x) => x.qualifier === '232');
  return iso(d?.date);
}

const sameModifiers = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');

/** The line number a REF*6R names, when it is one we sent for a claim of this encounter: `CLM01-n`. */
function lineFromControlNumber(
  svc: ServicePayment,
  claims: readonly OurClaim[],
  lines: readonly OurLine[],
): OurLine | null {
  const ref = svc.references.find((r) => r.qualifier === '6R')?.value.trim();
  if (!ref) return null;
  const cut = ref.lastIndexOf('-');
  if (cut < 1) return null;
  const prefix = ref.slice(0, cut);
  const n = Number(ref.slice(cut + 1));
  if (!claims.some((c) => c.claimNumber === prefix) || !Number.isInteger(n)) return null;
  return lines.find((l) => l.lineNumber === n) ?? null;
}

export function matchLines(clp: ClaimPayment, claim: OurClaim, siblings: readonly OurClaim[]): MatchedLine[] {
  const used = new Set<number>();
  const claims = siblings.length ? siblings : [claim];
  const out: MatchedLine[] = clp.services.map((svc, svcIndex) => {
    const byRef = lineFromControlNumber(svc, claims, claim.lines);
    if (byRef) {
      used.add(byRef.id);
      return { svcIndex, lineId: byRef.id, how: 'line_control_number' };
    }
    return { svcIndex, lineId: null, how: null };
  });
  // the rest by what the line was: strictest first, unused lines before lines already paid (a split)
  const passes: Array<{ how: MatchedLine['how']; test: (s: ServicePayment, l: OurLine, date: string) => boolean }> = [
    {
      how: 'procedure_date_charge',
      test: (s, l, d) =>
        billedCode(s) === l.code &&
        sameModifiers(billedModifiers(s), l.modifiers) &&
        d === l.date &&
        s.charge === l.chargeCents,
    },
    { how: 'procedure_date', test: (s, l, d) => billedCode(s) === l.code && (d === '' || d === l.date) },
    { how: 'procedure', test: (s, l) => billedCode(s) === l.code },
    { how: 'submitted_procedure', test: (s, l, d) => s.procedure.code === l.code && (d === '' || d === l.date) },
  ];
  for (const allowUsed of [false, true])
    for (const pass of passes)
      for (const m of out) {
        if (m.lineId !== null) continue;
        const svc = clp.services[m.svcIndex];
        const date = serviceDateOf(svc, clp);
        const line = claim.lines.find((l) => (allowUsed || !used.has(l.id)) && pass.test(svc, l, date));
        if (line) {
          used.add(line.id);
          m.lineId = line.id;
          m.how = pass.how;
        }
      }
  return out;
}

/** What we billed as the payer echoes it: SVC06 when the payer changed the code, else SVC01. */
function billedCode(s: ServicePayment): string {
  return (s.submittedProcedure ?? s.procedure).code;
}
function billedModifiers(s: ServicePayment): string[] {
  return (s.submittedProcedure ?? s.procedure).modifiers;
}

/** The first date of service an 835 claim gives (DTM*232, else its first service's date), '' when none. */
export function clpServiceDate(clp: ClaimPayment): string {
  return (
    iso(clp.dates.find((d) => d.qualifier === '232')?.date) ||
    serviceDateOf(clp.services[0] ?? ({ dates: [] } as never), clp)
  );
}

/** Claims a person might mean for an unmatched CLP: same patient name, date of service and charge score highest. */
export function suggestClaims(
  clp: ClaimPayment,
  candidates: readonly OurClaim[],
  limit = 3,
): Array<{ claimId: number; claimNumber: string; score: number; why: string[] }> {
  const last = clp.patient?.lastName.toUpperCase() ?? '';
  const first = clp.patient?.firstName?.toUpperCase() ?? '';
  const from = clpServiceDate(clp);
  const scored = candidates.map((c) => {
    const why: string[] = [];
    let score = 0;
    if (c.patientName && last && c.patientName.last.toUpperCase() === last) {
      score += 3;
      why.push('patient last name');
      if (first && c.patientName.first.toUpperCase() === first) {
        score += 1;
        why.push('first name');
      }
    }
    if (from && c.lines.some((l) => l.date === from)) {
      score += 2;
      why.push('date of service');
    }
    const total = c.lines.reduce((t, l) => t + l.chargeCents, 0);
    if (total === Math.abs(clp.charge)) {
      score += 2;
      why.push('billed amount');
    }
    return { claimId: c.claimId, claimNumber: c.claimNumber, score, why };
  });
  return scored
    .filter((s) => s.score >= 3)
    .sort((a, b) => b.score - a.score || a.claimId - b.claimId)
    .slice(0, limit);
}
