/**
 * Front-end edits a payer runs before adjudication; a claim that fails one is rejected on the 277CA
 * (category A3 returned as unprocessable, A7 invalid information, A8 relational field in error) and
 * never reaches the 835. Status codes are from the Health Care Claim Status Code list (external code 508).
 */
import { codeMatches, type PayerContract } from './contract.ts';
import { isDate } from './dates.ts';
import { diagnoses, ICD10CM_PATTERN, memberId, serviceDate } from './denial-rules.ts';
import { pick, type Rng } from './rng.ts';
import type { ReceivedClaim } from './types.ts';

export interface Rejection {
  /** STC01-1 claim status category */
  category: 'A3' | 'A7' | 'A8';
  /** STC01-2 claim status code */
  code: string;
  /** STC01-3 entity */
  entity?: string;
  /** STC12 plain words */
  message: string;
}

export const REJECTIONS = {
  unknownPayer: { category: 'A3', code: '21', entity: 'PR', message: 'PAYER ID NOT ACCEPTED BY THIS PAYER' },
  outOfBalance: { category: 'A7', code: '400', message: 'CLAIM TOTAL DOES NOT EQUAL THE SUM OF LINE CHARGES' },
  memberIdFormat: { category: 'A7', code: '164', entity: 'IL', message: 'MEMBER ID FORMAT IS INVALID' },
  subscriberNotFound: { category: 'A3', code: '33', entity: 'IL', message: 'SUBSCRIBER AND SUBSCRIBER ID NOT FOUND' },
  referringMissing: {
    category: 'A8',
    code: '562',
    entity: 'DN',
    message: 'REFERRING PROVIDER REQUIRED FOR THIS SERVICE',
  },
  principalDiagnosis: { category: 'A7', code: '254', message: 'PRINCIPAL DIAGNOSIS MISSING OR INVALID' },
  diagnosis: { category: 'A7', code: '255', message: 'DIAGNOSIS CODE INVALID' },
  serviceDate: { category: 'A7', code: '187', message: 'DATE OF SERVICE INVALID' },
  futureServiceDate: { category: 'A7', code: '187', message: 'DATE OF SERVICE IS IN THE FUTURE' },
  duplicateInFile: { category: 'A3', code: '54', message: 'DUPLICATE CLAIM IN THIS SUBMISSION' },
  billingNpi: { category: 'A7', code: '562', entity: '85', message: 'BILLING PROVIDER NPI NOT ON FILE' },
} as const satisfies Record<string, Rejection>;

/** What a random member rejection (config.rejectRate) may look like: common front-end rejections. */
const MEMBER_POOL: readonly Rejection[] = [REJECTIONS.memberIdFormat, REJECTIONS.subscriberNotFound];

export interface EditOptions {
  /** receipt date CCYYMMDD */
  today: string;
  /** CLM01s already seen in this file (updated by the call) */
  seenInFile: Set<string>;
  rejectRate: number;
  rng: Rng;
  /**
   * Random rejections decided once per billing NPI and per member for the whole file, so the reasons agree
   * (a payer that does not know an NPI rejects every claim of it, not one in nine). Updated by the call.
   */
  decided?: Map<string, Rejection | null>;
  /** the claim's billing provider NPI (2010AA) */
  billingNpi?: string;
}

/** The first failing edit for a claim, or null when the claim is accepted for adjudication. */
export function frontEndEdit(
  ctx: ReceivedClaim,
  contract: PayerContract | undefined,
  opts: EditOptions,
): Rejection | null {
  const c = ctx.claim;
  const duplicate = opts.seenInFile.has(c.id);
  opts.seenInFile.add(c.id);
  if (!contract) return REJECTIONS.unknownPayer;
  if (duplicate) return REJECTIONS.duplicateInFile;
  if (c.lines.reduce((t, l) => t + l.charge, 0) !== c.totalCharge) return REJECTIONS.outOfBalance;
  const member = memberId(ctx);
  if (contract.memberIdPattern && !new RegExp(contract.memberIdPattern).test(member)) return REJECTIONS.memberIdFormat;
  if (contract.members && !contract.members.some((m) => m.memberId === member)) return REJECTIONS.subscriberNotFound;
  const dx = diagnoses(c);
  if (dx.length === 0 || !ICD10CM_PATTERN.test(dx[0])) return REJECTIONS.principalDiagnosis;
  if (!dx.every((d) => ICD10CM_PATTERN.test(d))) return REJECTIONS.diagnosis;
  const dates = c.lines.map((l) => serviceDate(c, l));
  if (dates.some((d) => !isDate(d))) return REJECTIONS.serviceDate;
  if (dates.some((d) => d > opts.today)) return REJECTIONS.futureServiceDate;
  const needsReferral = c.lines.some((l) => codeMatches(l.procedure?.code ?? '', contract.referralRequired ?? []));
  if (needsReferral && !(c.providers ?? []).some((p) => p.entityCode === 'DN' && p.name.id))
    return REJECTIONS.referringMissing;
  return randomRejection(member, opts);
}

function randomRejection(member: string, opts: EditOptions): Rejection | null {
  if (opts.rejectRate <= 0) return null;
  const decided = opts.decided ?? new Map<string, Rejection | null>();
  const npiKey = `npi|${opts.billingNpi ?? ''}`;
  // a third of the random rejections are about the provider, the rest about the member
  if (!decided.has(npiKey)) decided.set(npiKey, opts.rng.next() < opts.rejectRate / 3 ? REJECTIONS.billingNpi : null);
  const memberKey = `member|${member}`;
  if (!decided.has(memberKey)) {
    const hit = opts.rng.next() < (opts.rejectRate * 2) / 3;
    const which = pick(opts.rng, MEMBER_POOL.length);
    decided.set(memberKey, hit ? MEMBER_POOL[which]! : null);
  }
  return decided.get(npiKey) ?? decided.get(memberKey) ?? null;
}
