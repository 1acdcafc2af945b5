-- What an office's own coded notes taught the code suggester (issue 13): one model per tenant, learnt from the
-- tenant's coded and billed encounters (their note and the diagnoses the coders kept) and rebuilt on request
-- (POST /api/coding/office-model, `medbill coding learn`). Never another tenant's: the tenant wall below, and the
-- suggester takes the model of the tenant asking.
CREATE TABLE office_model (
  tenant_id bigint NOT NULL REFERENCES tenant(id),
  model jsonb NOT NULL,
  notes integer NOT NULL CHECK (notes >= 0),
  patients integer NOT NULL CHECK (patients >= 0),
  codes integer NOT NULL CHECK (codes >= 0),
  phrases integer NOT NULL CHECK (phrases >= 0),
  learn_ms integer NOT NULL DEFAULT 0 CHECK (learn_ms >= 0),
  built_at timestamptz NOT NULL DEFAULT now(),
  built_by bigint,
  built_by_username text NOT NULL,
  PRIMARY KEY (tenant_id)
);

GRANT SELECT, INSERT, UPDATE ON office_model TO medbill_app;

SELECT medbill_tenant_wall('office_model');
