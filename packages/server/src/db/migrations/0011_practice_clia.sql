-- The CLIA certificate number a practice's lab tests are billed under (837P REF*X4, CMS-1500 box 23).
ALTER TABLE practice ADD COLUMN clia_number text CHECK (clia_number ~ '^[0-9]{2}D[0-9]{7}$');
