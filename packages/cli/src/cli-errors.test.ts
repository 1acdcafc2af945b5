/**
 * A refused command prints its message and then each problem in the one issue shape the API answers too: the field
 * a person fixes, the sentence in words, and the stable code a script can test.
 */
import { issueAt } from '@medbill/api';
import { AppError } from '@medbill/server';
import { describe, expect, it } from 'vitest';
import { issueLines } from './main.ts';

describe("a refused command's problems", () => {
  it('one line per issue: the field, what is wrong in words, the issue code', () => {
    const refused = new AppError('conflict', 'the slug "cli-err" is taken', [issueAt('slug', 'duplicate', 'is taken')]);
    expect(issueLines(refused)).toBe('  slug: Slug is taken (duplicate)\n');
    const two = new AppError('validation', 'two problems', [
      issueAt('lines.0.chargeOverrideReason', 'required', 'is required'),
      issueAt('reason', 'invalid', 'say why, in a few words'),
    ]);
    expect(issueLines(two)).toBe(
      '  lines.0.chargeOverrideReason: Charge override reason (lines, item 1) is required (required)\n' +
        '  reason: Reason: say why, in a few words (invalid)\n',
    );
  });

  it('an error with no issues adds nothing', () => {
    expect(issueLines(new AppError('not_found', 'Claim not found'))).toBe('');
    expect(issueLines(new Error('disk full'))).toBe('');
  });
});
