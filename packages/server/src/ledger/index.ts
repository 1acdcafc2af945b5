/** The ledger on the database: append postings in the caller's transaction, read entries and balances. */
export { appendPosting, appendPostings, type LedgerActor } from './append-postings.ts';
export {
  ledgerEntries,
  ledgerTotals,
  lineBalanceBook,
  loadPosting,
  type LedgerFilter,
  type LedgerLine,
} from './read-ledger.ts';
export { reversePosting } from './reverse-posting.ts';
export { postClaimCharges } from './post-claim-charges.ts';
