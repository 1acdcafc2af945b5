-- The tenant wall written once (issue 10 item 7): 0001, 0002, 0007, 0012, 0013 and 0014 each spelled out the same
-- ENABLE ROW LEVEL SECURITY + CREATE POLICY block. From here on a migration adding a tenant table calls
--   SELECT medbill_tenant_wall('new_table');
-- and every existing wall is re-made through it, so one definition holds for all of them.
CREATE OR REPLACE FUNCTION medbill_tenant_wall(tbl regclass) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS tenant_wall ON %s', tbl);
  EXECUTE format($p$CREATE POLICY tenant_wall ON %s TO medbill_app
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint)$p$, tbl);
END
$fn$;

-- every table that already has a tenant wall on its tenant_id column (the tenant table itself walls on id)
SELECT medbill_tenant_wall(c.oid)
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
JOIN pg_policy p ON p.polrelid = c.oid AND p.polname = 'tenant_wall'
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
WHERE c.relkind = 'r';
