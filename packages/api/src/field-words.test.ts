import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldLabel, issueInWords } from './field-words.ts';

/** What the server does with a schema's issues (fastify-type-provider-zod hands them on this way). */
const worded = (schema: z.ZodType, input: unknown) =>
  (schema.safeParse(input).error?.issues ?? []).map((i) => {
    const { path, code, message, ...params } = i;
    return issueInWords({ field: path.join('.'), code, message, params });
  });

describe('validation messages name the field in words (issue 8 item 16)', () => {
  it('field names read as words', () => {
    expect(fieldLabel('lastName')).toBe('Last name');
    expect(fieldLabel('serviceLine1')).toBe('Service line 1');
    expect(fieldLabel('npi')).toBe('NPI');
    expect(fieldLabel('payerId')).toBe('Payer ID');
    expect(fieldLabel('lines.0.units')).toBe('Units (lines, item 1)');
    expect(fieldLabel('diagnoses.2')).toBe('Diagnoses (item 3)');
  });

  it("zod's own wording never reaches a person; a schema's own words keep their meaning", () => {
    const patient = z.strictObject({
      lastName: z.string().min(1),
      firstName: z.string().min(1),
      units: z.number().int().max(99),
      sex: z.enum(['F', 'M', 'U']),
      code: z.string().regex(/^[A-Z]\d{2}$/),
      state: z.string().refine((s) => s.length === 2, 'must be a US state'),
      npi: z.string().refine((s) => s.length === 10, 'An NPI has 10 digits'),
      lines: z.array(z.object({ charge: z.number() })).min(1),
    });
    const out = worded(patient, {
      firstName: '',
      units: 'x',
      sex: 'Q',
      code: 'bad',
      state: 'TXX',
      npi: '1',
      lines: [{ charge: 'free' }],
      extra: 1,
    });
    expect(out).toEqual([
      'Last name is required',
      'First name is required',
      'Units must be a number',
      'Sex must be one of F, M, U',
      'Code is not in the right format',
      'State must be a US state',
      'An NPI has 10 digits',
      'Charge (lines, item 1) must be a number',
      'Unknown field "extra"',
    ]);
    expect(
      worded(patient, {
        lastName: 'x'.repeat(3),
        firstName: 'y',
        units: 100,
        sex: 'F',
        code: 'A10',
        state: 'TX',
        npi: '1234567890',
        lines: [],
      }),
    ).toEqual(['Units may be at most 99', 'Lines needs at least one item']);
    for (const m of out) expect(m).not.toMatch(/expected|received|Invalid input/);
  });
});
