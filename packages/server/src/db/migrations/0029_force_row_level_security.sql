-- FORCE ROW LEVEL SECURITY on every tenant table (issue 8 item 12): the tables' owner (the role that runs the
-- migrations and opens the store) no longer passes the tenant wall just by owning the table. A query on the owner
-- connection sees and writes only the tenant named by app.tenant_id (the owner is a member of medbill_app, so the
-- tenant_wall policy applies to it too), and with no tenant set it sees no tenant's rows at all.
--
-- The paths that must see every tenant (finding a tenant and user at log-in, a session by its token, jobs that visit
-- each tenant, audit verification, demo seeding, migrations) are made explicit: they run through asOwner() in
-- open-database.ts, which sets app.owner_path for its transaction, and pass by the owner_path policy below. That
-- policy is for medbill_owner_path, a role granted to the owner and never to medbill_app, so the application role
-- cannot use it even by setting the same variable.
--
-- Superusers (PGlite's only user; often the local PostgreSQL user) bypass row-level security even with FORCE: the
-- wall holds for them through the application's own checks and medbill_app. Run the server as a role that is not a
-- superuser to have this backstop (docs: the owner role needs CREATEROLE once, for these two roles).

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'medbill_owner_path') THEN
    CREATE ROLE medbill_owner_path NOLOGIN NOBYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- another database of this cluster made it first
END $$;
DO $$ BEGIN
  EXECUTE format('GRANT medbill_owner_path TO %I', current_user);
EXCEPTION WHEN others THEN NULL; -- superusers need no membership
END $$;

CREATE OR REPLACE FUNCTION medbill_tenant_wall(tbl regclass) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS tenant_wall ON %s', tbl);
  EXECUTE format($p$CREATE POLICY tenant_wall ON %s TO medbill_app
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint)
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::bigint)$p$, tbl);
  EXECUTE format('DROP POLICY IF EXISTS owner_path ON %s', tbl);
  EXECUTE format($p$CREATE POLICY owner_path ON %s TO medbill_owner_path
    USING (current_setting('app.owner_path', true) = 'on')
    WITH CHECK (current_setting('app.owner_path', true) = 'on')$p$, tbl);
END
$fn$;

-- every table walled on its tenant_id column
SELECT medbill_tenant_wall(c.oid)
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
JOIN pg_policy p ON p.polrelid = c.oid AND p.polname = 'tenant_wall'
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
WHERE c.relkind = 'r';

-- the tenant table walls on its id
ALTER TABLE tenant FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_path ON tenant TO medbill_owner_path
  USING (current_setting('app.owner_path', true) = 'on')
  WITH CHECK (current_setting('app.owner_path', true) = 'on');
