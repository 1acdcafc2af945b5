/** What makes a posting acceptable: whole cents, no zero entries, balanced, and `ar` entries fully placed. */
import { ADJUSTMENT_GROUPS, type PostingInput } from './ledger-types.ts';
import { formatCents, isCents } from './money.ts';

export interface PostingProblem {
  code:
    | 'empty'
    | 'not_cents'
    | 'zero_entry'
    | 'unbalanced'
    | 'ar_without_line'
    | 'bad_party'
    | 'bad_group'
    | 'bad_date';
  message: string;
  entry?: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkPosting(p: PostingInput): PostingProblem[] {
  const problems: PostingProblem[] = [];
  if (!DATE.test(p.effectiveDate))
    problems.push({ code: 'bad_date', message: `effective date ${p.effectiveDate} is not YYYY-MM-DD` });
  if (p.entries.length < 2) problems.push({ code: 'empty', message: 'a posting needs at least two entries' });
  let total = 0;
  p.entries.forEach((e, i) => {
    if (!isCents(e.amount)) {
      problems.push({ code: 'not_cents', message: `entry ${i + 1}: ${String(e.amount)} is not whole cents`, entry: i });
      return;
    }
    if (e.amount === 0) problems.push({ code: 'zero_entry', message: `entry ${i + 1} is zero`, entry: i });
    total += e.amount;
    if (e.account === 'ar') {
      if (!e.line)
        problems.push({ code: 'ar_without_line', message: `entry ${i + 1}: ar needs a service line`, entry: i });
      if (!e.party) problems.push({ code: 'bad_party', message: `entry ${i + 1}: ar needs a party`, entry: i });
    }
    if (e.party?.kind === 'payer' && !(Number.isSafeInteger(e.party.payerId) && e.party.payerId > 0))
      problems.push({ code: 'bad_party', message: `entry ${i + 1}: payer party without a payer`, entry: i });
    if (e.group !== undefined && !(ADJUSTMENT_GROUPS as readonly string[]).includes(e.group))
      problems.push({ code: 'bad_group', message: `entry ${i + 1}: ${e.group} is not an adjustment group`, entry: i });
  });
  if (!Number.isSafeInteger(total) || total !== 0)
    problems.push({
      code: 'unbalanced',
      message: `entries add up to ${Number.isSafeInteger(total) ? formatCents(total) : 'an overflow'}, not 0.00`,
    });
  return problems;
}

export class UnbalancedPostingError extends Error {
  constructor(readonly problems: PostingProblem[]) {
    super(`posting refused: ${problems.map((p) => p.message).join('; ')}`);
  }
}

/** Throws with every problem when the posting is not acceptable. */
export function assertPosting(p: PostingInput): void {
  const problems = checkPosting(p);
  if (problems.length) throw new UnbalancedPostingError(problems);
}
