/**
 * The other payers of a claim as 837 loops: 2320 (other subscriber: SBR, claim-level CAS, AMT*D paid,
 * AMT*EAF remaining patient liability, OI), 2330A (the other subscriber), 2330B (the other payer, with its
 * claim number REF*F8) and, per line, 2430 (SVD paid, CAS line adjustments, DTP*573, AMT*EAF) — built
 * from a stored payer adjudication (a posted 835 or a paper EOB).
 */
import type { Adjustment, LineAdjudication, OtherSubscriber } from '@medbill/x12/837';
import type { ClaimToBill, ContextLine, OtherPayer } from '../claim-context.ts';
import { claimFilingCodeFor } from '../payer-kind.ts';
import type { CasAdjustment } from './payer-adjudication.ts';

const RESPONSIBILITY = { 1: 'P', 2: 'S', 3: 'T' } as const;
const up = (s: string | null | undefined) => (s ?? '').toUpperCase();
const d8 = (iso: string) => iso.replace(/-/g, '');

/** CAS segments: one per group, at most six reason/amount triplets each (more go in another CAS of that group). */
export function casSegments(adjs: readonly CasAdjustment[]): Adjustment[] {
  const out: Adjustment[] = [];
  for (const group of ['CO', 'PR', 'OA', 'PI'] as const) {
    const items = adjs
      .filter((a) => a.group === group && a.amountCents !== 0)
      .map((a) => ({ reason: a.reason, amount: a.amountCents, ...(a.quantity ? { quantity: a.quantity } : {}) }));
    for (let i = 0; i < items.length; i += 6) out.push({ group, items: items.slice(i, i + 6) });
  }
  return out;
}

const pr = (adjs: readonly CasAdjustment[]) =>
  adjs.filter((a) => a.group === 'PR').reduce((t, a) => t + a.amountCents, 0);

/** 2320/2330A/2330B for each other payer, in payer order. */
export function otherSubscribers(ctx: ClaimToBill): OtherSubscriber[] {
  return (ctx.otherPayers ?? []).map((o) => otherSubscriber(ctx, o));
}

function otherSubscriber(ctx: ClaimToBill, o: OtherPayer): OtherSubscriber {
  const c = o.coverage;
  const a = o.adjudication;
  const lineLevel = Boolean(a?.lines.length);
  return {
    sbr: {
      responsibility: RESPONSIBILITY[c.coverageOrder],
      relationship: c.relationshipCode,
      ...(c.groupNumber ? { groupNumber: c.groupNumber } : {}),
      claimFilingCode: claimFilingCodeFor(o.payer.claimFilingIndicator, ctx.kind),
    },
    ...(a
      ? {
          ...(a.adjustments.length ? { adjustments: casSegments(a.adjustments) } : {}),
          payerPaid: a.paidCents,
          // X12 RFI 1391/1517: remaining patient liability goes on the lines (2430) when the payer
          // reported lines, on the claim only when it did not — never both
          ...(lineLevel ? {} : { amounts: [{ qualifier: 'EAF', amount: a.patientResponsibilityCents }] }),
        }
      : {}),
    benefitsAssigned: 'Y',
    ...(ctx.kind === 'professional' ? { patientSignatureSource: 'P' } : {}),
    releaseOfInfo: 'Y',
    subscriber: {
      name: {
        entityType: '1',
        lastName: up(c.subscriberLastName),
        firstName: up(c.subscriberFirstName),
        idQualifier: 'MI',
        id: c.memberId,
      },
    },
    payer: {
      name: { entityType: '2', lastName: up(o.payer.name), idQualifier: 'PI', id: o.payer.payerCode },
      ...(a?.payerClaimNumber ? { refs: [{ qualifier: 'F8', value: a.payerClaimNumber }] } : {}),
    },
    // the guide wants the claim-level remittance date only when no 2430 line carries it
    ...(a && !lineLevel ? { payerDates: [{ qualifier: '573', value: d8(a.adjudicationDate) }] } : {}),
  };
}

/** 2430 for one of our lines: what each earlier payer paid and adjusted on it. */
export function lineAdjudications(ctx: ClaimToBill, line: ContextLine): LineAdjudication[] {
  const out: LineAdjudication[] = [];
  for (const o of ctx.otherPayers ?? []) {
    const a = o.adjudication;
    for (const l of a?.lines ?? []) {
      if (l.lineNumber !== line.lineNumber) continue;
      out.push({
        payerId: o.payer.payerCode,
        paid: l.paidCents,
        ...(l.procedureCode
          ? {
              procedure: {
                qualifier: 'HC',
                code: l.procedureCode,
                ...(l.modifiers.length ? { modifiers: l.modifiers } : {}),
              },
            }
          : {}),
        ...(ctx.kind === 'institutional' ? { revenueCode: l.revenueCode ?? line.revenueCode ?? '0510' } : {}),
        paidUnits: l.paidUnits,
        ...(l.adjustments.length ? { adjustments: casSegments(l.adjustments) } : {}),
        dates: [{ qualifier: '573', value: d8(a!.adjudicationDate) }],
        amounts: [{ qualifier: 'EAF', amount: pr(l.adjustments) }],
      });
    }
  }
  return out;
}
