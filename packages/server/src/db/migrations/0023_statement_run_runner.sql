-- Who is running a statement run (host:pid) and when it last stored a batch: a run whose process is gone (a
-- restart, a killed CLI) is marked failed at the next start or the next run, not left "running" forever.
ALTER TABLE statement_run
  ADD COLUMN runner text,
  ADD COLUMN heartbeat_at timestamptz;
