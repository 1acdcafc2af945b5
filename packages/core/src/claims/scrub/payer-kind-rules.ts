/**
 * Rules that depend on who pays: member-ID formats and subscriber rules per payer kind (Medicare MBI,
 * Medicaid patient as subscriber, Medicare secondary payer type), replacement and void claims, and the
 * coordination of benefits a secondary or tertiary claim needs.
 */
import type { ClaimToBill } from '../claim-context.ts';
import { coverageProblems, payerKindOf } from '../payer-kind.ts';
import { edit, type ScrubEdit } from './scrub-types.ts';

const GUIDE = '837 implementation guide';
const ORDER = ['', 'primary', 'secondary', 'tertiary'];

export function checkPayerKind(ctx: ClaimToBill): ScrubEdit[] {
  const kind = payerKindOf(ctx.payer.claimFilingIndicator);
  const out: ScrubEdit[] = coverageProblems(kind, {
    memberId: ctx.coverage.memberId ?? '',
    relationshipCode: ctx.coverage.relationshipCode,
    coverageOrder: ctx.coverage.coverageOrder,
    mspType: ctx.coverage.mspType,
  })
    .filter((p) => ctx.coverage.memberId?.trim() || p.code !== 'member-id-format')
    .map((p) =>
      edit(p.code, `coverage.${p.location.field}`, p.message, `${ctx.payer.name} (${kind.replace('_', ' ')})`),
    );
  for (const [i, o] of (ctx.otherPayers ?? []).entries()) {
    const k = payerKindOf(o.payer.claimFilingIndicator);
    const id = coverageProblems(k, {
      memberId: o.coverage.memberId,
      relationshipCode: o.coverage.relationshipCode,
      coverageOrder: o.coverage.coverageOrder,
    }).find((p) => p.code === 'member-id-format');
    if (id) out.push(edit('member-id-format', `otherPayers[${i}].memberId`, id.message, `${o.payer.name} (${k})`));
  }
  return out;
}

/** A replacement (7) or void (8) must name the claim it replaces by the payer's claim number (REF*F8). */
export function checkFrequency(ctx: ClaimToBill): ScrubEdit[] {
  if (ctx.frequencyCode === '1' || ctx.originalPayerClaimNumber?.trim()) return [];
  return [
    edit(
      'original-claim-number-missing',
      'claim.originalPayerClaimNumber',
      `A ${ctx.frequencyCode === '7' ? 'replacement' : 'void'} claim needs the payer's claim number (ICN/DCN) of the claim it ${ctx.frequencyCode === '7' ? 'replaces' : 'voids'} (REF*F8): take it from the 277CA or the 835`,
      GUIDE,
    ),
  ];
}

/**
 * A claim to a later payer reports what each earlier payer decided (2320/2430): it cannot go before the
 * earlier payer's EOB or 835 is in, and never after that payer crossed the claim over itself.
 */
export function checkCoordination(ctx: ClaimToBill): ScrubEdit[] {
  const out: ScrubEdit[] = [];
  const earlier = (ctx.otherPayers ?? []).filter((o) => o.coverage.coverageOrder < ctx.coverage.coverageOrder);
  for (let order = 1; order < ctx.coverage.coverageOrder; order++) {
    const o = earlier.find((x) => x.coverage.coverageOrder === order);
    if (!o) {
      out.push(
        edit(
          'cob-earlier-payer-missing',
          'coverage.coverageOrder',
          `This claim goes to the ${ORDER[ctx.coverage.coverageOrder]} payer, but the patient has no ${ORDER[order]} coverage on the date of service: make this coverage ${ORDER[order]} or add the missing one`,
          'Coordination of benefits',
        ),
      );
      continue;
    }
    if (!o.adjudication) {
      out.push(
        edit(
          'cob-adjudication-missing',
          'otherPayers',
          `${o.payer.name} (${ORDER[order]}) has not adjudicated this visit yet: enter its EOB or post its 835 before billing ${ctx.payer.name}`,
          'Coordination of benefits',
        ),
      );
      continue;
    }
    if (o.adjudication.crossover)
      out.push(
        edit(
          'cob-crossover',
          'otherPayers',
          `${o.payer.name} crossed this claim over${o.adjudication.crossoverPayerName ? ` to ${o.adjudication.crossoverPayerName}` : ''} itself: sending it again would be a duplicate (CARC 18). Void this claim`,
          'Coordination of benefits',
        ),
      );
  }
  return out;
}
