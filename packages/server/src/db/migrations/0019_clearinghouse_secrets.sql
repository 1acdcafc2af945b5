-- Clearinghouse credentials in a per-tenant secret store (issue 8 item 1): sealed with AES-256-GCM under a key
-- derived from the audit key, which stays outside the database; bound to tenant and clearinghouse; written
-- through the API or CLI and never sent back.
CREATE TABLE clearinghouse_secret (
  tenant_id bigint NOT NULL,
  clearinghouse_id bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('password', 'private_key')),
  secret_enc text NOT NULL,
  set_at timestamptz NOT NULL DEFAULT now(),
  set_by text,
  PRIMARY KEY (tenant_id, clearinghouse_id),
  FOREIGN KEY (tenant_id, clearinghouse_id) REFERENCES clearinghouse (tenant_id, id)
);
GRANT SELECT, INSERT, UPDATE ON clearinghouse_secret TO medbill_app;
SELECT medbill_tenant_wall('clearinghouse_secret');

-- A tenant no longer names the environment variable the server sends as its password: the name goes.
UPDATE clearinghouse SET config = config - 'passwordEnv' WHERE config ? 'passwordEnv';
-- A folder clearinghouse's folders are fixed names inside its root (the root inside the tenant's own folder).
UPDATE clearinghouse SET config = config - 'outboundDir' - 'inboundDir' - 'processedDir' WHERE transport = 'folder';
