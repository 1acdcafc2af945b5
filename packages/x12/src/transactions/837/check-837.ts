/** Model-level 837 checks: claim totals, NPI check digits, diagnosis pointers, repeat limits. */
import { DEFAULT_DELIMITERS, type Delimiters, type Segment, type X12Issue } from '../../syntax/types.ts';
import { findSeparators } from '../common/separators.ts';
import type { Claim837, ClaimFile837, ClaimKind, Party, SubscriberLoop } from './claim-model.ts';
import { TX_CODES, txIssue } from '../common/issues.ts';
import { diagnosisCount } from './health-codes.ts';

/** NPI check digit: Luhn over the 15 digits "80840" + NPI. */
export function isValidNpi(npi: string): boolean {
  if (npi.length !== 10) return false;
  let sum = 24; // the Luhn sum of the prefix 80840 at the positions it takes before ten digits
  for (let i = 0; i < 10; i++) {
    let d = npi.charCodeAt(9 - i) - 48;
    if (d < 0 || d > 9) return false;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Every claim with its place in the file. */
export function allClaims(file: ClaimFile837): Claim837[] {
  return file.billingProviders.flatMap((bp) =>
    bp.subscribers.flatMap((s) => [...s.claims, ...s.patients.flatMap((p) => p.claims)]),
  );
}

/**
 * Checks a claim file (built or read). `locate` maps a claim to its CLM segment when the file was read,
 * so issues carry a line number; for a file about to be built, issues name the claim id instead.
 */
export function check837(
  file: ClaimFile837,
  locate: (c: Claim837) => Segment | undefined = () => undefined,
): X12Issue[] {
  const checks = new Checks837(file.kind);
  checks.party(file.submitter, () => 'submitter');
  checks.party(file.receiver, () => 'receiver');
  file.billingProviders.forEach((bp, b) => {
    const bpPath = () => `billingProviders[${b}]`;
    checks.party(bp.provider, () => `${bpPath()}.provider`);
    checks.party(bp.payTo, () => `${bpPath()}.payTo`);
    bp.subscribers.forEach((sub, s) => {
      const subPath = () => `${bpPath()}.subscribers[${s}]`;
      checks.subscriber(sub, subPath);
      sub.claims.forEach((c, k) => {
        checks.claim(c, locate(c), () => `${subPath()}.claims[${k}]`);
      });
      sub.patients.forEach((p, n) => {
        const patientPath = () => `${subPath()}.patients[${n}]`;
        checks.party(p.patient, () => `${patientPath()}.patient`);
        p.claims.forEach((c, k) => {
          checks.claim(c, locate(c), () => `${patientPath()}.claims[${k}]`);
        });
      });
    });
  });
  return checks.issues();
}

/**
 * The checks of `check837`, fed one part at a time in file order (a streaming reader checks each claim as it is
 * read and keeps no claim → segment map). Issues come out as `check837` lists them: NPIs first, then claims.
 */
export class Checks837 {
  private readonly npiIssues: X12Issue[] = [];
  private readonly claimIssues: X12Issue[] = [];
  /** the same few NPIs recur on every claim */
  private readonly validNpi = new Map<string, boolean>();

  constructor(private readonly kind: ClaimKind) {}

  issues(): X12Issue[] {
    return [...this.npiIssues, ...this.claimIssues];
  }

  subscriber(sub: SubscriberLoop, path: () => string): void {
    this.party(sub.subscriber, () => `${path()}.subscriber`);
    this.party(sub.payer, () => `${path()}.payer`);
  }

  claim(c: Claim837, clm: Segment | undefined, path: () => string): void {
    // plain loops, and a path closure only for a party that fails: this runs for every claim of a file
    const providers = c.providers;
    if (providers)
      for (let i = 0; i < providers.length; i++)
        if (!this.npiOk(providers[i])) this.party(providers[i], () => `${path()}.providers[${i}]`, c, clm);
    const others = c.otherSubscribers;
    if (others)
      for (let i = 0; i < others.length; i++) {
        const o = others[i]!;
        if (!this.npiOk(o.subscriber))
          this.party(o.subscriber, () => `${path()}.otherSubscribers[${i}].subscriber`, c, clm);
        if (!this.npiOk(o.payer)) this.party(o.payer, () => `${path()}.otherSubscribers[${i}].payer`, c, clm);
      }
    const lines = c.lines;
    for (let n = 0; n < lines.length; n++) {
      const lp = lines[n]!.providers;
      if (lp)
        for (let i = 0; i < lp.length; i++)
          if (!this.npiOk(lp[i])) this.party(lp[i], () => `${path()}.lines[${n}].providers[${i}]`, c, clm);
    }
    checkClaim(this.kind, c, clm, this.claimIssues);
  }

  /** True when `party` raises no NPI issue (no XX qualifier, or a valid NPI); `party` then need not be called. */
  npiOk(party: Party | undefined): boolean {
    const name = party?.name;
    if (name?.idQualifier !== 'XX') return true;
    const id = name.id ?? '';
    let ok = this.validNpi.get(id);
    if (ok === undefined) this.validNpi.set(id, (ok = isValidNpi(id)));
    return ok;
  }

  /**
   * A party whose name has qualifier XX must carry a valid NPI. `path` is built only for a failing NPI: building it
   * for every party cost more than the check.
   */
  party(party: Party | undefined, path: () => string, claim?: Claim837, clm?: Segment): void {
    if (this.npiOk(party)) return;
    const name = party!.name;
    const where = claim ? `claim ${claim.id}, ${path()}` : path();
    this.npiIssues.push(
      txIssue(
        TX_CODES.npiInvalid,
        `NPI "${name.id ?? ''}" at ${where} fails the check digit (Luhn with prefix 80840)`,
        {
          seg: clm,
          element: 9,
        },
      ),
    );
  }
}

/** Everything to check before `build837`: the model checks plus separators inside data. Empty means safe to send. */
export function checkBeforeBuild837(file: ClaimFile837, delimiters: Delimiters = DEFAULT_DELIMITERS): X12Issue[] {
  return [...check837(file), ...findSeparators(file, delimiters)];
}

function checkClaim(kind: ClaimKind, c: Claim837, clm: Segment | undefined, issues: X12Issue[]): void {
  // allocates only for an issue: this runs for every claim of a file
  const lines = c.lines;
  if (lines.length === 0)
    issues.push(txIssue(TX_CODES.requiredLoopMissing, `claim ${c.id} has no service line (2400)`, at2300(clm)));
  let sum = 0;
  for (let i = 0; i < lines.length; i++) sum += lines[i]!.charge;
  if (sum !== c.totalCharge) {
    const seg = kind === 'professional' ? 'SV102' : 'SV203';
    issues.push(
      txIssue(
        TX_CODES.claimTotalMismatch,
        `claim ${c.id}: CLM02 total charge ${c.totalCharge} cents differs from the sum of ${seg} line charges ${sum} cents`,
        { ...at2300(clm), element: 2 },
      ),
    );
  }
  if ((c.frequency === '7' || c.frequency === '8') && !c.originalReference) {
    issues.push(
      txIssue(
        TX_CODES.originalReferenceMissing,
        `claim ${c.id}: frequency ${c.frequency} (${c.frequency === '7' ? 'replacement' : 'void'}) needs REF*F8 with the payer's claim number`,
        { ...at2300(clm), element: 5, component: 3 },
      ),
    );
  }
  const dxCount = diagnosisCount(c.healthInfo);
  if (kind === 'professional' && dxCount > 12) {
    issues.push(
      txIssue(TX_CODES.tooManyItems, `claim ${c.id} has ${dxCount} diagnoses; an 837P carries at most 12`, at2300(clm)),
    );
  }
  const casOthers = tooManyCasItems(c.otherSubscribers);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const ptrs = l.diagnosisPointers ?? NO_POINTERS;
    let bad = ptrs.length > 4;
    for (let k = 0; k < ptrs.length && !bad; k++) {
      const p = ptrs[k]!;
      bad = !Number.isInteger(p) || p < 1 || p > dxCount;
    }
    if (bad) {
      issues.push(
        txIssue(
          TX_CODES.pointerInvalid,
          `claim ${c.id} line ${i + 1}: diagnosis pointers ${ptrs.join(',')} must be 1–4 pointers into ${dxCount} diagnoses`,
          at2300(clm),
        ),
      );
    }
    if ((l.procedure?.modifiers?.length ?? 0) > 4)
      issues.push(txIssue(TX_CODES.tooManyItems, `claim ${c.id} line ${i + 1} has more than 4 modifiers`, at2300(clm)));
    if (tooManyCasItems(l.adjudications) || casOthers)
      issues.push(
        txIssue(TX_CODES.tooManyItems, `claim ${c.id}: a CAS holds at most 6 reason/amount pairs`, at2300(clm)),
      );
  }
}

const NO_POINTERS: readonly number[] = [];

const at2300 = (clm: Segment | undefined) => ({ seg: clm, loop: '2300' });

function tooManyCasItems(
  holders: ReadonlyArray<{ adjustments?: ReadonlyArray<{ items: readonly unknown[] }> }> | undefined,
): boolean {
  if (!holders) return false;
  for (const h of holders) for (const a of h.adjustments ?? []) if (a.items.length > 6) return true;
  return false;
}
