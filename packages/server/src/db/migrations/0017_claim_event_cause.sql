-- Issue 10 item 4, two parts.
-- 1. Claim state names say what each answer means (ARCHITECTURE.md, and what billers say): the 999 acknowledges the
--    file (the claims in it become `acknowledged`), the 277CA accepts or rejects each claim (`accepted`/`rejected`).
--    The code had the two names the other way round; stored claims and their events are swapped to match.
UPDATE claim SET state = CASE state WHEN 'accepted' THEN 'acknowledged' ELSE 'accepted' END
  WHERE state IN ('accepted', 'acknowledged');
UPDATE claim_event SET from_state = CASE from_state WHEN 'accepted' THEN 'acknowledged' ELSE 'accepted' END
  WHERE from_state IN ('accepted', 'acknowledged');
UPDATE claim_event SET to_state = CASE to_state WHEN 'accepted' THEN 'acknowledged' ELSE 'accepted' END
  WHERE to_state IN ('accepted', 'acknowledged');

-- 2. Why a claim moved, typed beside the free-text reason: the clean-claim rate (claims clean at their first scrub)
--    and other counts by cause read this column, never the wording of `reason`. Events written before it get their
--    cause from the reasons the code wrote then; any other stays NULL (unknown).
ALTER TABLE claim_event ADD COLUMN cause text CHECK (cause IN (
  'created', 'scrub', 'recoded', 'batch', 'submit', 'ack_999', 'ack_277ca', 'remittance', 'replacement', 'secondary'));
UPDATE claim_event SET cause = CASE
  WHEN reason LIKE 'scrub%' THEN 'scrub'
  WHEN reason LIKE 'replacement (frequency 7)%' OR reason LIKE 'void (frequency 8)%'
    OR reason LIKE 'corrected by replacement claim%' OR reason LIKE 'void requested by claim%' THEN 'replacement'
  WHEN reason LIKE '% claim after claim % was adjudicated' OR reason LIKE 'crossed over by the payer%' THEN 'secondary'
  WHEN from_state IS NULL THEN 'created'
  WHEN reason LIKE 'coding changed%' THEN 'recoded'
  WHEN reason LIKE 'in batch %' OR reason LIKE 'kept out of the batch%' THEN 'batch'
  WHEN reason LIKE 'sent to %' THEN 'submit'
  WHEN reason LIKE '999%' THEN 'ack_999'
  WHEN reason LIKE '277CA%' THEN 'ack_277ca'
  WHEN reason LIKE '835%' THEN 'remittance'
END;
CREATE INDEX claim_event_cause_idx ON claim_event (tenant_id, cause, claim_id, id);
