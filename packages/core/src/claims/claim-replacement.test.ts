/** The one rule the server enforces and the web follows: which claims can be replaced, when coding may change. */
import { describe, expect, it } from 'vitest';
import { canReplace, codingLockedBy, type ClaimOfEncounter } from './claim-replacement.ts';

const claim = (
  id: number,
  state: ClaimOfEncounter['state'],
  more: Partial<ClaimOfEncounter> = {},
): ClaimOfEncounter => ({
  id,
  state,
  frequencyCode: '1',
  replacesClaimId: null,
  ...more,
});

describe('corrected and void claims: the shared rule', () => {
  it('a claim the payer holds with its claim number can be replaced; a draft, a rejected claim or a void cannot', () => {
    for (const state of [
      'accepted',
      'acknowledged',
      'paid',
      'partially_paid',
      'denied',
      'paid_with_line_denials',
    ] as const)
      expect(canReplace({ state, frequencyCode: '1', payerClaimNumber: 'P1' }), state).toBe(true);
    expect(canReplace({ state: 'paid', frequencyCode: '1', payerClaimNumber: null })).toBe(false);
    for (const state of ['draft', 'ready', 'batched', 'submitted', 'rejected', 'voided'] as const)
      expect(canReplace({ state, frequencyCode: '1', payerClaimNumber: 'P1' }), state).toBe(false);
    expect(canReplace({ state: 'accepted', frequencyCode: '8', payerClaimNumber: 'P1' })).toBe(false);
  });

  it('coding may change while every claim is editable (a rejected one included) or voided', () => {
    expect(codingLockedBy([claim(1, 'draft'), claim(2, 'rejected'), claim(3, 'voided')])).toBeNull();
    expect(codingLockedBy([claim(1, 'submitted')])?.id).toBe(1);
  });

  it('a sent claim unlocks the coding only while its corrected claim (7) is being prepared, not for a void (8)', () => {
    const sent = claim(1, 'paid');
    expect(codingLockedBy([sent, claim(2, 'draft', { frequencyCode: '7', replacesClaimId: 1 })])).toBeNull();
    expect(codingLockedBy([sent, claim(2, 'rejected', { frequencyCode: '7', replacesClaimId: 1 })])).toBeNull();
    expect(codingLockedBy([sent, claim(2, 'submitted', { frequencyCode: '7', replacesClaimId: 1 })])?.id).toBe(1);
    expect(codingLockedBy([sent, claim(2, 'draft', { frequencyCode: '8', replacesClaimId: 1 })])?.id).toBe(1);
  });
});
