import { describe, expect, it } from 'vitest';
import { claimFileFromClaims, type ClaimToSend } from './group-claims.ts';
import { professionalFile } from './claim-fixtures.test-util.ts';
import { build837 } from './build-837.ts';
import { read837 } from './read-837.ts';

describe('claimFileFromClaims', () => {
  it('groups flat claims back into the billing provider → subscriber → patient hierarchy', () => {
    const file = professionalFile();
    const flat: ClaimToSend[] = [];
    for (const { subscribers, ...billingProvider } of file.billingProviders) {
      for (const { claims, patients, ...subscriber } of subscribers) {
        for (const claim of claims) flat.push({ billingProvider, subscriber, claim });
        for (const { claims: pc, ...patient } of patients) for (const claim of pc) flat.push({ billingProvider, subscriber: { ...subscriber }, patient, claim });
      }
    }
    const { billingProviders: _, ...header } = file;
    const grouped = claimFileFromClaims(header, [...flat].reverse().reverse());
    expect(grouped).toEqual(file);
    expect(read837(build837(grouped)).issues).toEqual([]);
  });
});
