import { describe, expect, it } from 'vitest';
import { claimFileFromClaims, type ClaimToSend } from './group-claims.ts';
import { professionalFile } from './claim-fixtures.test-util.ts';
import { build837 } from './build-837.ts';
import { read837 } from './read-837.ts';
import * as x12 from '../../index.ts';

describe('claimFileFromClaims', () => {
  it('groups flat claims back into the billing provider → subscriber → patient hierarchy', () => {
    const file = professionalFile();
    const flat: ClaimToSend[] = [];
    for (const { subscribers, ...billingProvider } of file.billingProviders) {
      for (const { claims, patients, ...subscriber } of subscribers) {
        for (const claim of claims) flat.push({ billingProvider, subscriber, claim });
        for (const { claims: pc, ...patient } of patients)
          for (const claim of pc) flat.push({ billingProvider, subscriber: { ...subscriber }, patient, claim });
      }
    }
    const { billingProviders: _, ...header } = file;
    const grouped = claimFileFromClaims(header, [...flat].reverse().reverse());
    expect(grouped).toEqual(file);
    expect(read837(build837(grouped)).issues).toEqual([]);
  });

  it('the README flow through the package index: group, check, build, wrap, parse back', () => {
    const file = professionalFile();
    const { billingProviders, ...header } = file;
    const flat: ClaimToSend[] = billingProviders.flatMap(({ subscribers, ...billingProvider }) =>
      subscribers.flatMap(({ claims, patients, ...subscriber }) => [
        ...claims.map((claim) => ({ billingProvider, subscriber, claim })),
        ...patients.flatMap(({ claims: pc, ...patient }) =>
          pc.map((claim) => ({ billingProvider, subscriber, patient, claim })),
        ),
      ]),
    );
    const grouped = x12.claimFileFromClaims(header, flat);
    expect(x12.checkBeforeBuild837(grouped)).toEqual([]);
    const delimiters = x12.DEFAULT_DELIMITERS;
    const segs = x12.build837(grouped, { delimiters });
    const text = x12.buildInterchange(
      {
        sender: 'MB0001',
        receiver: 'ACME01',
        controlNumber: '42',
        date: '20260112',
        usage: 'P',
        groups: [
          {
            functionalId: 'HC',
            appSender: 'MB0001',
            appReceiver: 'ACME01',
            controlNumber: '42',
            version: x12.x837.IMPLEMENTATION_VERSION[grouped.kind],
            transactions: [x12.toTransactionSpec(segs)],
          },
        ],
      },
      delimiters,
    );
    const parsed = x12.parseX12File(text);
    expect(parsed.issues).toEqual([]);
    expect(parsed.transactions[0]!.value).toEqual(file);
  });
});
