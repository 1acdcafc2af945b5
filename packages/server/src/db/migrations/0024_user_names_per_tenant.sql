-- User names are unique within a tenant, not across all tenants (issue 8 item 12): one office creating "bob" no
-- longer learns from a refusal that another office has a "bob". Log-in names the office (login-name.ts).
DROP INDEX app_user_username_key;
CREATE UNIQUE INDEX app_user_tenant_username_key ON app_user (tenant_id, lower(username));
