-- Statement runs are jobs: accounts are decided and stored a batch at a time, so a run of 10,000 keeps memory
-- flat and the run page shows how far it is.
ALTER TABLE statement_run
  ADD COLUMN status text NOT NULL DEFAULT 'finished' CHECK (status IN ('running','finished','failed')),
  ADD COLUMN accounts_total integer NOT NULL DEFAULT 0,
  ADD COLUMN accounts_done integer NOT NULL DEFAULT 0,
  ADD COLUMN printed integer NOT NULL DEFAULT 0,
  ADD COLUMN problem text;
ALTER TABLE statement ADD COLUMN pages integer;
GRANT UPDATE (pages) ON statement TO medbill_app;
