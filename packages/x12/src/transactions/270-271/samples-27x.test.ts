import { describe, expect } from 'vitest';
import { sampleSuite } from '../common/sample-suite.test-util.ts';
import { build270, build271 } from './build-eligibility.ts';
import type { EligibilityTransaction } from './eligibility-model.ts';
import { read270, read271 } from './read-eligibility.ts';
import { summarizeBenefits } from './summarize-benefits.ts';

describe('270 samples', () => {
  sampleSuite<EligibilityTransaction>({
    folder: '270',
    functionalId: 'HS',
    noGuideErrors: true,
    read: (s, d) => read270(s, { delimiters: d }),
    build: (v, d) => build270(v, { delimiters: d }),
    check: (_file, values) => {
      for (const v of values) {
        const members = v.sources.flatMap((s) =>
          s.receivers.flatMap((r) => r.subscribers.flatMap((m) => [m, ...(m.dependents ?? [])])),
        );
        expect(members.some((m) => (m.inquiries ?? []).length > 0)).toBe(true);
      }
    },
  });
});

// 12 oopfactory 271 files (and 837i Spec_3.1.1) set ISA11 = ISA16 = '^': read as they are, without a repetition separator
// (a DELIMITER_CONFLICT warning naming ISA11; see parse-file.test.ts).
describe('271 samples', () => {
  sampleSuite<EligibilityTransaction>({
    folder: '271',
    functionalId: 'HB',
    noGuideErrors: true,
    read: (s, d) => read271(s, { delimiters: d }),
    build: (v, d) => build271(v, { delimiters: d }),
    knownSyntaxErrors: {
      'lfh__subscriber-health-benefit-check-error.271': {
        codes: ['SE_CONTROL_MISMATCH'],
        reason: 'SE02 4323 differs from ST02 4321 in the source file',
      },
      ...Object.fromEntries(
        [
          'DependentBenefitInfo',
          'DependentName',
          'ReceiverName',
          'Source',
          'SourceName',
          'SubscriberBenefitInfo',
          'SubscriberName',
          'OnAll',
        ].map((n) => [
          `oopfactory__ValidationFor${n}.txt`.replace('ForOnAll', 'OnAll'),
          {
            codes: ['SE_COUNT_MISMATCH'],
            reason:
              'AAA validation fixtures: AAA segments were added without updating SE01 (e.g. ValidationOnAll: SE*22 for 29 segments)',
          },
        ]),
      ),
    },
    check: (_file, values) => {
      for (const v of values) {
        const summary = summarizeBenefits(v);
        const rejected = v.sources.some(
          (s) => (s.rejections ?? []).length > 0 || s.receivers.some((r) => (r.rejections ?? []).length > 0),
        );
        // every response either names a member with a benefit summary or carries an AAA rejection
        expect(summary.length > 0 || rejected).toBe(true);
      }
    },
  });
});
