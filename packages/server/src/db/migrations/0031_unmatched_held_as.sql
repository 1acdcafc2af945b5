-- Issue 11: what an unmatched item holds (a claim, one service, a claim's services, or what its lines do not explain
-- of its payment) is kept with the item when it is planned. It was read back from the claim's stored lines, which a
-- person's posting rewrites, so a resolved services item listed as a difference. Items written before: a claim and
-- one service by their columns, resolved ones by how they were resolved; open ones stay NULL and are read from the
-- claim's lines as before (still right while nobody posted them).
ALTER TABLE remittance_unmatched ADD COLUMN held_as text
  CHECK (held_as IS NULL OR held_as IN ('claim', 'service', 'services', 'difference'));

UPDATE remittance_unmatched SET held_as = CASE
  WHEN kind = 'claim' THEN 'claim'
  WHEN svc_index IS NOT NULL THEN 'service'
  WHEN resolution LIKE 'difference applied:%' THEN 'difference'
  WHEN resolution LIKE 'posted SVC %' THEN 'services'
END
WHERE held_as IS NULL;
