import { describe, expect, it } from 'vitest';
import { validateFile } from '../../guides/validate.ts';
import { formatIssue } from '../../syntax/issues.ts';
import type { Segment } from '../../syntax/types.ts';
import { build270, build271 } from '../270-271/build-eligibility.ts';
import { inquiry, response } from '../270-271/eligibility-fixtures.test-util.ts';
import { build276, buildClaimStatus } from '../276-277/build-claim-status.ts';
import { statusRequest } from '../276-277/status-fixtures.test-util.ts';
import { acknowledgment } from '../277ca/ack-fixtures.test-util.ts';
import { build837 } from './build-837.ts';
import { institutionalFile, professionalFile } from './claim-fixtures.test-util.ts';
import { transactionText } from '../common/samples.test-util.ts';

/** Cross-check with the implementation-guide engine (guides/, pyx12 maps): what we build is guide-clean. */
function status277() {
  const tx = statusRequest();
  tx.kind = '277';
  tx.header = { ...tx.header, purpose: '08', transactionType: 'DG' };
  const subscriber = tx.roots[0]!.children[0]!.children[0]!.children[0]!;
  delete subscriber.entity.demographics;
  const claim = subscriber.claims![0]!;
  claim.trace.type = '2';
  claim.amounts = undefined;
  claim.statuses = [
    { status: { category: 'F1', code: '65' }, date: '20260305', chargeAmount: 25000, paidAmount: 18000 },
  ];
  Object.assign(claim.lines![0]!, {
    paid: 12000,
    statuses: [{ status: { category: 'F1', code: '65' }, date: '20260305' }],
    dates: [{ qualifier: '472', value: '20260110' }],
  });
  return buildClaimStatus(tx);
}

const built: Array<[string, Segment[], string]> = [
  ['837P', build837(professionalFile()), 'HC'],
  ['837I', build837(institutionalFile()), 'HC'],
  ['270', build270(inquiry()), 'HS'],
  ['271', build271(response()), 'HB'],
  ['276', build276(statusRequest()), 'HR'],
  ['277', status277(), 'HN'],
  ['277CA', buildClaimStatus(acknowledgment()), 'HN'],
];

describe('built fixtures pass the implementation-guide validator', () => {
  for (const [guide, segs, gs] of built) {
    it(guide, () => {
      const result = validateFile(transactionText(segs, gs));
      expect(result.transactions.map((t) => t.guide)).toEqual([guide]);
      expect(result.issues.filter((i) => i.severity === 'error').map(formatIssue)).toEqual([]);
    });
  }
});
