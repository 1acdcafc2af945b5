/**
 * Find one claim in an 837 file together with the loops above it (billing provider, subscriber,
 * patient): a paper form needs all of them, the claim alone does not name the patient or payer.
 */
import { type Claim837, type ClaimFile837, type ClaimInFile, claimsInFile, type x837 } from '@medbill/x12';

/** A claim by its id (CLM01) or its position in file order (0-based). */
export type ClaimRef = string | number;

export function findClaim(file: ClaimFile837, ref: ClaimRef): ClaimInFile | undefined {
  let index = 0;
  for (const inFile of claimsInFile(file)) if (ref === inFile.claim.id || ref === index++) return inFile;
  return undefined;
}

export function requireClaim(file: ClaimFile837, ref: ClaimRef): ClaimInFile {
  const ctx = findClaim(file, ref);
  if (!ctx) throw new RangeError(`claim ${String(ref)} is not in 837 file ${file.controlNumber}`);
  return ctx;
}

/** The first 2310 provider with one of the entity codes, in the order given. */
export function providerOf(claim: Claim837, ...entityCodes: string[]): x837.ClaimProvider | undefined {
  for (const code of entityCodes) {
    const p = claim.providers?.find((x) => x.entityCode === code);
    if (p) return p;
  }
  return undefined;
}

/** Diagnosis codes in HI order (principal first), without the decimal point. */
export function diagnosisCodes(claim: Claim837): Array<{ code: string; poa?: string; qualifier: string }> {
  const dx = new Set(['ABK', 'ABF', 'BK', 'BF']);
  return claim.healthInfo
    .filter((h) => dx.has(h.qualifier))
    .map((h) => ({ code: h.code.replace('.', ''), poa: h.poa, qualifier: h.qualifier }));
}
