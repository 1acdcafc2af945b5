/** Coverage active on the date of service; timely filing by the payer's limit; no future dates. */
import type { ClaimToBill } from '../claim-context.ts';
import { edit, type ScrubEdit } from './scrub-types.ts';

const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

export function checkCoverageAndTiming(ctx: ClaimToBill, today: string): ScrubEdit[] {
  const out: ScrubEdit[] = [];
  const c = ctx.coverage;
  if (ctx.serviceDateFrom < c.effectiveDate || (c.endDate && ctx.serviceDateTo > c.endDate)) {
    out.push(
      edit(
        'coverage-inactive',
        'coverage.effectiveDate',
        `The coverage with ${ctx.payer.name} runs ${c.effectiveDate} to ${c.endDate ?? 'open'}, which does not cover the date of service ${ctx.serviceDateFrom}: check eligibility or bill another payer`,
        'Coverage on file',
      ),
    );
  }
  if (ctx.serviceDateTo > today)
    out.push(
      edit(
        'dos-future',
        'encounter.serviceDateTo',
        `The date of service ${ctx.serviceDateTo} is in the future`,
        '837 implementation guide',
      ),
    );
  const age = days(ctx.serviceDateFrom, today);
  const limit = ctx.payer.timelyFilingDays;
  if (age > limit) {
    out.push(
      edit(
        'timely-filing',
        'encounter.serviceDateFrom',
        `The date of service is ${age} days ago; ${ctx.payer.name} accepts claims for ${limit} days. It will deny for timely filing (CARC 29) unless you have proof of earlier filing`,
        `Payer timely-filing limit (${limit} days)`,
      ),
    );
  } else if (limit - age <= 14) {
    out.push(
      edit(
        'timely-filing-soon',
        'encounter.serviceDateFrom',
        `Only ${limit - age} day(s) left to file with ${ctx.payer.name}`,
        `Payer timely-filing limit (${limit} days)`,
        'warning',
      ),
    );
  }
  return out;
}

/** Same patient, rendering provider, date and code already billed on another claim: a duplicate unless a repeat modifier says otherwise. */
const REPEAT_MODIFIERS = new Set(['76', '77', '91', '59', 'XE', 'XS', 'XP', 'XU']);

export function checkDuplicates(ctx: ClaimToBill): ScrubEdit[] {
  const out: ScrubEdit[] = [];
  if (ctx.frequencyCode !== '1') return out; // replacements and voids refer to the claim they replace
  ctx.lines.forEach((l, i) => {
    if (l.modifiers.some((m) => REPEAT_MODIFIERS.has(m))) return;
    // 20610-RT and 20610-LT on one day are two services, not a duplicate: the modifiers are compared too
    const mods = [...l.modifiers].sort().join(' ');
    const prior = ctx.priorLines?.find(
      (p) =>
        p.serviceDate === l.serviceDate &&
        p.procedureCode === l.procedureCode &&
        [...p.modifiers].sort().join(' ') === mods &&
        p.renderingNpi === ctx.rendering.npi &&
        p.claimNumber !== ctx.claimNumber &&
        p.claimNumber !== ctx.replacesClaimNumber,
    );
    if (prior) {
      out.push(
        edit(
          'duplicate-claim',
          `lines[${i}].procedureCode`,
          `Line ${i + 1}: ${l.procedureCode} on ${l.serviceDate} by this provider was already billed on claim ${prior.claimNumber}. Send a replacement (frequency 7) instead, or add 76/77/91 if it was really repeated`,
          'Duplicate check (CARC 18)',
          'error',
          l.procedureCode,
        ),
      );
    }
  });
  return out;
}
