/**
 * Validation messages in words a person reads on a form: "Last name is required", "Units must be a number",
 * never zod's "Invalid input: expected string, received undefined". The server words every schema issue with
 * these before answering, so the web shows the same sentence next to the field and the CLI prints it.
 */
import type { ApiIssue, ApiIssueCode } from './issues.ts';

/** Parts of field names written as capitals. */
const ACRONYMS = new Set([
  'npi',
  'tin',
  'ein',
  'ssn',
  'mbi',
  'id',
  'ids',
  'zip',
  'cpt',
  'hcpcs',
  'icd',
  'clia',
  'dob',
  'url',
  'mfa',
  'totp',
  'edi',
  'x12',
  'era',
  'eft',
  'pos',
  'ndc',
  'sftp',
]);

/** `lastName` → "Last name", `serviceLine1` → "Service line 1", `npi` → "NPI", `lines.0.units` → "Units (lines, item 1)". */
export function fieldLabel(field: string): string {
  const parts = field.split('.').filter(Boolean);
  const isIndex = (p: string) => /^\d+$/.test(p);
  const nameAt = parts.findLastIndex((p) => !isIndex(p));
  if (nameAt < 0) return 'The request';
  const words = (name: string) =>
    name
      .replace(/([a-z])([A-Z0-9])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .replace(/_/g, ' ')
      .toLowerCase()
      .split(' ')
      .filter(Boolean)
      .map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w));
  const w = words(parts[nameAt]);
  if (!w.length) return 'The request';
  const label = [w[0][0].toUpperCase() + w[0].slice(1), ...w.slice(1)].join(' ');
  const indexAt = parts.findLastIndex(isIndex);
  if (indexAt < 0) return label;
  const listAt = parts.slice(0, indexAt).findLastIndex((p) => !isIndex(p));
  const item = `item ${Number(parts[indexAt]) + 1}`;
  return listAt < 0 || listAt === nameAt
    ? `${label} (${item})`
    : `${label} (${words(parts[listAt]).join(' ')}, ${item})`;
}

/** What a schema validator reported about one field. */
export interface RawIssue {
  /** dotted path; '' for the whole body */
  field: string;
  /** zod's issue code (invalid_type, too_small, too_big, invalid_format, invalid_value, unrecognized_keys, custom…) */
  code?: string;
  message: string;
  /** zod's issue fields: expected, minimum, maximum, origin, values, keys, format */
  params?: Record<string, unknown>;
}

const KIND: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of fields',
  date: 'a date',
};

/** zod's own wording (not a message a schema wrote), which says nothing a person can act on. */
const ZOD_DEFAULT =
  /^(Invalid input|Invalid (string|number|option|element|key|value|format)|Too (small|big)|Unrecognized key|Expected |Required$)/i;

/** The sentence for one issue, naming the field in words. */
export function issueInWords(issue: RawIssue): string {
  const label = fieldLabel(issue.field);
  const p = issue.params ?? {};
  const msg = issue.message.trim();
  if (!ZOD_DEFAULT.test(msg)) {
    // a schema's own message: a predicate ("must be F, M or U") takes the field's name; a sentence stands alone
    return /^[a-z]/.test(msg) ? `${label} ${msg}` : msg;
  }
  switch (issue.code) {
    case 'invalid_type': {
      if (/received undefined/.test(msg) || ('input' in p && p.input === undefined)) return `${label} is required`;
      const expected = String(p.expected ?? '');
      return `${label} must be ${KIND[expected] ?? (expected || 'of another kind')}`;
    }
    case 'too_small': {
      const min = Number(p.minimum);
      if (p.origin === 'string')
        return min <= 1 ? `${label} is required` : `${label} must be at least ${min} characters long`;
      if (p.origin === 'array')
        return min <= 1 ? `${label} needs at least one item` : `${label} needs at least ${min} items`;
      return `${label} must be at least ${p.minimum}`;
    }
    case 'too_big': {
      if (p.origin === 'string') return `${label} is too long (at most ${p.maximum} characters)`;
      if (p.origin === 'array') return `${label} has too many items (at most ${p.maximum})`;
      return `${label} may be at most ${p.maximum}`;
    }
    case 'invalid_value':
    case 'invalid_enum_value': {
      const values = Array.isArray(p.values) ? p.values.map(String) : [];
      return values.length && values.length <= 12
        ? `${label} must be one of ${values.join(', ')}`
        : `${label} is not one of the allowed values`;
    }
    case 'invalid_format':
      return `${label} is not in the right format${p.format && p.format !== 'regex' ? ` (${p.format})` : ''}`;
    case 'unrecognized_keys': {
      const keys = Array.isArray(p.keys) ? p.keys.map(String) : [];
      return keys.length === 1
        ? `Unknown field "${keys[0]}"`
        : `Unknown fields ${keys.map((k) => `"${k}"`).join(', ')}`;
    }
    default:
      return `${label} is not valid`;
  }
}

/** The stable code of a schema validator's issue (zod's code and fields; a refinement may name one in `params.issue`). */
export function issueCode(issue: Pick<RawIssue, 'code' | 'message' | 'params'>): ApiIssueCode {
  const p = issue.params ?? {};
  const named = (p.params as { issue?: unknown } | undefined)?.issue;
  if (typeof named === 'string') return named as ApiIssueCode;
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined/.test(issue.message) || ('input' in p && p.input === undefined)
        ? 'required'
        : 'invalid-type';
    case 'too_small':
      if (p.origin === 'string') return Number(p.minimum) <= 1 ? 'required' : 'too-short';
      if (p.origin === 'array') return Number(p.minimum) <= 1 ? 'required' : 'too-few-items';
      return 'too-small';
    case 'too_big':
      return p.origin === 'string' ? 'too-long' : p.origin === 'array' ? 'too-many-items' : 'too-large';
    case 'invalid_value':
    case 'invalid_enum_value':
      return 'not-allowed-value';
    case 'invalid_format':
      return 'invalid-format';
    case 'unrecognized_keys':
      return 'unknown-field';
    default:
      return 'invalid';
  }
}

/** A predicate that follows the field's name: "is required", "must be …", "cannot be before …". */
const PREDICATE = /^(is|are|must|may|cannot|can|has|have|needs|contains|should|was|does|differs)\b/;

/**
 * One problem at a field, in the one issue shape, its message in words: a predicate ("is required") takes the
 * field's name ("Reason is required"), other words follow it ("Payer ID: no such payer"), a sentence stands.
 */
export function issueAt(field: string, code: ApiIssueCode, message: string): ApiIssue {
  const msg = message.trim();
  const words =
    /^[a-z]/.test(msg) && !PREDICATE.test(msg) ? `${fieldLabel(field)}: ${msg}` : issueInWords({ field, message: msg });
  return { code, severity: 'error', message: words, location: { field } };
}
