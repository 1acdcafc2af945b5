/**
 * Errors are values with a code (STYLE.md 5): one code list, one status table, used by use cases the CLI and
 * the HTTP layer both call; the API answers every error as { error, message, issues? }, the CLI prints the message.
 */
import { type ApiIssue, type ApiIssueCode, issueAt } from '@medbill/api';

export const ERROR_STATUS = {
  validation: 400,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  misdirected: 421,
  conflict: 409,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal: 500,
  bad_gateway: 502,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ApiIssue[],
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
  toBody() {
    return { error: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
/** A 400 naming one field: the message as given, the issue worded ("Reason is required"). */
export const invalid = (field: string, message: string, code: ApiIssueCode = 'invalid') =>
  new AppError('validation', `${field}: ${message}`, [issueAt(field, code, message)]);

/** PostgreSQL errors we expect from constraints, in words a person can act on. */
const CONSTRAINT_MESSAGES: Record<string, ApiIssue> = {
  app_user_tenant_username_key: issueAt('username', 'duplicate', 'That user name is taken'),
  practice_npi_key: issueAt('npi', 'duplicate', 'A practice with this NPI already exists'),
  provider_npi_key: issueAt('npi', 'duplicate', 'This provider is already registered at the practice'),
  payer_code_key: issueAt('payerCode', 'duplicate', 'A payer with this payer ID already exists'),
  patient_account_key: issueAt('accountNumber', 'duplicate', 'That account number is taken'),
};

/** CHECK constraints that span columns, named by the field a person would correct. */
const CHECK_MESSAGES: Record<string, { field: string; message: string }> = {
  coverage_check: { field: 'endDate', message: 'End date cannot be before the effective date' },
  fee_schedule_check: { field: 'effectiveTo', message: 'cannot be before the effective date' },
  encounter_check: { field: 'serviceDateTo', message: 'cannot be before the first date of service' },
};

const camel = (col: string) => col.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export function fromDatabaseError(e: unknown): AppError | null {
  const err = e as { code?: string; constraint?: string; table?: string; message?: string };
  if (err?.code === '23505') {
    const issue =
      (err.constraint && CONSTRAINT_MESSAGES[err.constraint]) ||
      issueAt('record', 'duplicate', 'A record with these values already exists');
    return new AppError('conflict', issue.message, [issue]);
  }
  if (err?.code === '23503') {
    // a delete or update of a row that others still point at (a race past the route's own check)
    if (/^update or delete on/i.test(err.message ?? ''))
      return new AppError('conflict', 'This record is still in use by another record', [
        issueAt('record', 'in-use', 'is still in use'),
      ]);
    // tenant tables reference each other by (tenant_id, x_id): the constraint name gives the field
    const col = /_tenant_id_([a-z0-9_]+?)_fkey$/.exec(err.constraint ?? '')?.[1];
    const field = col ? camel(col) : 'reference';
    return new AppError('validation', `${field}: no such record`, [issueAt(field, 'no-such-record', 'no such record')]);
  }
  if (err?.code === '23514') {
    const c = err.constraint ?? '';
    // a column's own check is named table_column_check
    const col =
      err.table && c.startsWith(`${err.table}_`) && c.endsWith('_check')
        ? c.slice(err.table.length + 1, -'_check'.length)
        : '';
    const { field, message } = CHECK_MESSAGES[c] ?? {
      field: col ? camel(col) : 'value',
      message: 'is not an allowed value',
    };
    return new AppError('validation', `${field}: ${message}`, [issueAt(field, 'invalid', message)]);
  }
  // data exceptions (class 22): a value the database cannot hold, e.g. out of range
  if (err?.code?.startsWith('22'))
    return new AppError('validation', 'A value is out of range or not valid', [
      issueAt('value', 'out-of-range', 'is out of range or not valid'),
    ]);
  return null;
}

/** A PostgreSQL (or PGlite) error: a five-character SQLSTATE and the server's own fields. */
export function isDatabaseError(e: unknown): e is { code: string; message: string } {
  const err = e as { code?: unknown; severity?: unknown; routine?: unknown } | null;
  return (
    typeof err?.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) && (err.severity != null || err.routine != null)
  );
}

/**
 * A database error in words (issue 8 item 16): the constraint's message when it is one we know, else a sentence that
 * names the SQLSTATE but never the SQL, table or column text. Null when `e` is not a database error.
 */
export function databaseErrorInWords(e: unknown): string | null {
  const known = fromDatabaseError(e);
  if (known) return known.message;
  if (!isDatabaseError(e)) return null;
  // RAISE EXCEPTION in our own triggers and functions: a sentence we wrote for people
  if (e.code === 'P0001') return withoutServerPaths(e.message);
  return `the database could not do this (error ${e.code}); nothing was changed by this step`;
}

/** Absolute paths (two or more segments) in a message: the server's folders are never named to a user. */
const ABSOLUTE_PATH = /(?<![\w.:/~-])\/(?:[^\s/'"`:;,()<>[\]]+\/)+[^\s/'"`:;,()<>[\]]*/g;

/** `text` with every absolute path cut to its last part ("…/name"). */
export function withoutServerPaths(text: string): string {
  return text.replace(ABSOLUTE_PATH, (p) => {
    const last = p.replace(/\/+$/, '').split('/').pop();
    return last ? `…/${last}` : '…';
  });
}

/**
 * What a person may read about an error caught on the way to an answer (a held file's reason, a failed job, a poll's
 * problems): our own messages as they are, a database error in words, anything else without server paths.
 */
export function messageForPeople(e: unknown): string {
  if (e instanceof AppError) return e.message;
  const db = databaseErrorInWords(e);
  if (db) return db;
  return withoutServerPaths(e instanceof Error ? e.message : String(e));
}
