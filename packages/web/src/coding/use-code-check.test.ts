import { describe, expect, it } from 'vitest';
import type { CodeEdit } from '../api/claim-types.ts';
import { editsAt, unplacedEdits } from './use-code-check.ts';

const edit = (field: string, code?: string): CodeEdit => ({
  code: 'dx-not-billable',
  severity: 'error',
  message: `${code ?? 'it'} is not billable`,
  ruleId: 'dx-not-billable',
  source: 'ICD-10-CM order file',
  location: code ? { field, code } : { field },
});

describe('coding edits placed by their location (the one issue shape)', () => {
  const edits = [
    edit('diagnoses[0]', 'E11'),
    edit('procedures[1]', '36415'),
    edit('diagnoses[1]', 'I10'),
    edit('rendering.taxonomy', '207Q00000X'),
  ];
  it('puts each edit beside the diagnosis or service line its location.field names', () => {
    expect(editsAt(edits, 'diagnosis', 0).map((e) => e.location.code)).toEqual(['E11']);
    expect(editsAt(edits, 'diagnosis', 1).map((e) => e.location.code)).toEqual(['I10']);
    expect(editsAt(edits, 'procedure', 1).map((e) => e.location.code)).toEqual(['36415']);
    expect(editsAt(edits, 'procedure', 0)).toEqual([]);
  });
  it('shows an edit that names no diagnosis or line once, above the lists', () => {
    expect(unplacedEdits(edits).map((e) => e.location.field)).toEqual(['rendering.taxonomy']);
  });
});
