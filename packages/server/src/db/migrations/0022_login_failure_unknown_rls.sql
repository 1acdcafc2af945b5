-- login_failure_unknown (0020) is written by the owner connection only and is granted to no application role;
-- row-level security on, with no policy, keeps it that way should a grant ever be added: every table in the
-- schema has RLS (audit-chain.test.ts checks it), this one walls out every role but the owner.
ALTER TABLE login_failure_unknown ENABLE ROW LEVEL SECURITY;
