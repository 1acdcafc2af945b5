-- A person confirms the claim an unmatched 835 claim pays: its remittance_claim row then names the claim, how it
-- was matched, what it did and the posting that applied the unapplied money (the row is otherwise never changed).
GRANT UPDATE ON remittance_claim TO medbill_app;
