-- Issue 8 item 12: absolute server paths never reach a person. Since d247aa2 nothing new stores one, but claim
-- events and held-file reasons written before it can ("sent to folder /srv/medbill/clearinghouse/3/acme/outbound
-- as X", "cannot read /srv/…/inbound/f.835: …"), and the claim history and the quarantine list show those words.
-- Rewrite them the way the code words them now: a clearinghouse folder by its clearinghouse's folder name, any
-- other absolute path by its last part. Relative names, dates like 02/12 and URLs stay as they are; running this
-- twice changes nothing.
UPDATE claim_event
SET reason = regexp_replace(
  regexp_replace(reason, 'folder /(?:[^[:space:]]*/)?([^/[:space:]]+)/(?:outbound|inbound|processed)(?![A-Za-z0-9_./-])', 'folder \1', 'g'),
  '(^|[[:space:](''"])/(?:[^/[:space:]''"]+/)+([^/[:space:]''"]+)', '\1\2', 'g')
WHERE reason ~ '(^|[[:space:](''"])/[^/[:space:]''"]+/';

UPDATE inbound_quarantine
SET reason = regexp_replace(
  regexp_replace(reason, 'folder /(?:[^[:space:]]*/)?([^/[:space:]]+)/(?:outbound|inbound|processed)(?![A-Za-z0-9_./-])', 'folder \1', 'g'),
  '(^|[[:space:](''"])/(?:[^/[:space:]''"]+/)+([^/[:space:]''"]+)', '\1\2', 'g')
WHERE reason ~ '(^|[[:space:](''"])/[^/[:space:]''"]+/';
