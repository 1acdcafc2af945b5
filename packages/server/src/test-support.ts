/**
 * @medbill/server/test-support — what other packages' tests use to set up a world the public entry has no use
 * case for: a payer's drop box answering claims, charges posted straight to the ledger, PDF text extraction.
 */
export { runPayerDropBox, type PayerDropBox } from './clearinghouse/payer-drop-box.ts';
export { postClaimCharges } from './ledger/post-claim-charges.ts';
export { hasPoppler, pageText } from './print/poppler.test-util.ts';
