import { describe, expect, it } from 'vitest';
import { EXTERNAL_CODES } from '@medbill/x12';
import { frontEndEdit, REJECTIONS, type Rejection } from './claim-edits.ts';
import type { PayerContract } from './contract.ts';
import { claim, context, line, plainContract } from './fixtures.test-util.ts';
import { seededRng } from './rng.ts';
import type { ReceivedClaim } from './types.ts';

function edit(
  ctx: ReceivedClaim,
  contract: PayerContract | undefined = plainContract(),
  seen = new Set<string>(),
  rejectRate = 0,
): Rejection | null {
  return frontEndEdit(ctx, contract, { today: '20260115', seenInFile: seen, rejectRate, rng: seededRng(3) });
}

const ok = () => claim('OK', [line('99213', 15000)]);

describe('frontEndEdit (277CA rejections)', () => {
  it('accepts a clean claim', () => {
    expect(edit(context(ok()))).toBeNull();
  });

  it('rejects each reason on the claim that triggers it', () => {
    expect(
      frontEndEdit(context(ok()), undefined, {
        today: '20260115',
        seenInFile: new Set(),
        rejectRate: 0,
        rng: seededRng(3),
      }),
    ).toBe(REJECTIONS.unknownPayer);
    expect(edit(context(ok()), plainContract(), new Set(['OK']))).toBe(REJECTIONS.duplicateInFile);
    expect(edit(context({ ...ok(), totalCharge: 1 }))).toBe(REJECTIONS.outOfBalance);
    expect(edit(context(ok(), '12-34'))).toBe(REJECTIONS.memberIdFormat);
    expect(
      edit(
        context(ok(), 'W000000000'),
        plainContract({ members: [{ memberId: 'W123456789', coverageStart: '20200101' }] }),
      ),
    ).toBe(REJECTIONS.subscriberNotFound);
    expect(
      edit(context(ok()), plainContract({ members: [{ memberId: 'W123456789', coverageStart: '20200101' }] })),
    ).toBeNull();
    expect(edit(context({ ...ok(), healthInfo: [] }))).toBe(REJECTIONS.principalDiagnosis);
    expect(
      edit(
        context({
          ...ok(),
          healthInfo: [
            { qualifier: 'ABK', code: 'J069' },
            { qualifier: 'ABF', code: '250.00' },
          ],
        }),
      ),
    ).toBe(REJECTIONS.diagnosis);
    expect(edit(context(claim('F', [line('99213', 15000, '20260116')])))).toBe(REJECTIONS.futureServiceDate);
    expect(edit(context(claim('F', [line('99213', 15000, '20260115')])))).toBeNull();
    expect(edit(context(claim('D', [line('99213', 15000, '20260231')])))).toBe(REJECTIONS.serviceDate);
    expect(edit(context(claim('R', [line('99243', 15000)], { providers: [] })))).toBe(REJECTIONS.referringMissing);
    const withReferral = claim('R', [line('99243', 15000)], {
      providers: [
        { entityCode: 'DN', name: { entityType: '1', lastName: 'OKAFOR', idQualifier: 'XX', id: '1581234568' } },
      ],
    });
    expect(edit(context(withReferral))).toBeNull();
  });

  it('rejects a share of clean claims at random when asked, with a realistic reason', () => {
    const r = edit(context(ok()), plainContract(), new Set(), 1);
    expect([REJECTIONS.memberIdFormat, REJECTIONS.subscriberNotFound, REJECTIONS.billingNpi]).toContain(r);
  });

  it('uses claim status category and status codes from the 277CA code lists', () => {
    const cats = new Set(EXTERNAL_CODES.claim_status_cat);
    const codes = new Set(EXTERNAL_CODES.claim_status);
    for (const r of Object.values(REJECTIONS)) {
      expect(cats.has(r.category), r.category).toBe(true);
      expect(codes.has(r.code), r.code).toBe(true);
    }
  });
});
