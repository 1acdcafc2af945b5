-- Issue 10 item 3: stored claim edits take the one issue shape (STYLE.md 4), the shape the scrubber now writes:
--   before: { ruleId, severity, message, source, field, code? }       (code: the diagnosis/procedure the edit is about)
--   after:  { code, severity, message, ruleId, source, location: { field, code? } }
-- `code` is the rule's machine name. A payer rule file's rule (its source reads 'Payer rule <id>') becomes
-- ruleId 'payer:<id>' with code 'payer-rule', so its id can never pass for one of medbill's own rules.
-- Edits already in the new shape (they have a location) are kept as they are, so running this twice changes nothing.
UPDATE claim AS c
SET edits = (
  SELECT coalesce(jsonb_agg(
    CASE WHEN x.e -> 'location' IS NOT NULL OR jsonb_typeof(x.e) <> 'object' THEN x.e
    ELSE jsonb_strip_nulls(jsonb_build_object(
      'code', CASE WHEN x.e ->> 'source' LIKE 'Payer rule %' THEN 'payer-rule' ELSE x.e ->> 'ruleId' END,
      'severity', x.e -> 'severity',
      'message', x.e -> 'message',
      'ruleId', CASE WHEN x.e ->> 'source' LIKE 'Payer rule %' THEN 'payer:' || (x.e ->> 'ruleId') ELSE x.e ->> 'ruleId' END,
      'source', x.e -> 'source',
      'location', jsonb_strip_nulls(jsonb_build_object('field', x.e -> 'field', 'code', x.e -> 'code'))
    )) END
    ORDER BY x.n), '[]'::jsonb)
  FROM jsonb_array_elements(c.edits) WITH ORDINALITY AS x(e, n)
)
WHERE jsonb_typeof(c.edits) = 'array'
  AND EXISTS (SELECT 1 FROM jsonb_array_elements(c.edits) AS y(e) WHERE y.e -> 'location' IS NULL);
