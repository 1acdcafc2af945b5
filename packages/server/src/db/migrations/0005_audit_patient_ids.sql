-- A patient's audit report also finds rows about several patients at once (an 835, a batch, a search),
-- which list them in details.patientIds instead of patient_id.
CREATE INDEX audit_event_patient_ids_idx ON audit_event USING gin ((details -> 'patientIds'));
