-- Issue 11: a void claim (frequency 8) says what becomes of the voided claim's balance once the payer's reversal
-- (CLP02 22) is posted: `rebill` (to the next coverage active on the date of service, else the patient) or
-- `write_off` (adjusted off as billed in error, with the reason). The void then ends in a state that says which:
-- `rebilled` or `written_off`. Voids made before this column have no disposition and stay as they were.

ALTER TABLE claim ADD COLUMN void_disposition text
  CHECK (void_disposition IN ('rebill', 'write_off'));
ALTER TABLE claim ADD COLUMN void_reason text;
ALTER TABLE claim ADD CONSTRAINT claim_void_only_on_void_check
  CHECK (void_disposition IS NULL OR frequency_code = '8');

ALTER TABLE claim DROP CONSTRAINT claim_state_check;
ALTER TABLE claim ADD CONSTRAINT claim_state_check CHECK (state IN ('draft','ready','batched','submitted','accepted',
  'rejected','acknowledged','adjudicated','paid','partially_paid','denied','paid_with_line_denials','reversed',
  'forwarded','closed','appealed','voided','rebilled','written_off'));
