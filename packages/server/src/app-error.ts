/**
 * Errors are values with a code (STYLE.md 5): one code list, one status table, used by use cases the CLI and
 * the HTTP layer both call; the API answers every error as { error, message, issues? }, the CLI prints the message.
 */
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

export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
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
export const invalid = (field: string, message: string) =>
  new AppError('validation', `${field}: ${message}`, [{ field, message }]);

/** PostgreSQL errors we expect from constraints, in words a person can act on. */
const CONSTRAINT_MESSAGES: Record<string, FieldIssue> = {
  app_user_tenant_username_key: { field: 'username', message: 'That user name is taken' },
  practice_npi_key: { field: 'npi', message: 'A practice with this NPI already exists' },
  provider_npi_key: { field: 'npi', message: 'This provider is already registered at the practice' },
  payer_code_key: { field: 'payerCode', message: 'A payer with this payer ID already exists' },
  patient_account_key: { field: 'accountNumber', message: 'That account number is taken' },
};

/** CHECK constraints that span columns, named by the field a person would correct. */
const CHECK_MESSAGES: Record<string, FieldIssue> = {
  coverage_check: { field: 'endDate', message: 'End date cannot be before the effective date' },
  fee_schedule_check: { field: 'effectiveTo', message: 'cannot be before the effective date' },
  encounter_check: { field: 'serviceDateTo', message: 'cannot be before the first date of service' },
};

const camel = (col: string) => col.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export function fromDatabaseError(e: unknown): AppError | null {
  const err = e as { code?: string; constraint?: string; table?: string; message?: string };
  if (err?.code === '23505') {
    const issue = (err.constraint && CONSTRAINT_MESSAGES[err.constraint]) || {
      field: 'record',
      message: 'A record with these values already exists',
    };
    return new AppError('conflict', issue.message, [issue]);
  }
  if (err?.code === '23503') {
    // a delete or update of a row that others still point at (a race past the route's own check)
    if (/^update or delete on/i.test(err.message ?? ''))
      return new AppError('conflict', 'This record is still in use by another record', [
        { field: 'record', message: 'is still in use' },
      ]);
    // tenant tables reference each other by (tenant_id, x_id): the constraint name gives the field
    const col = /_tenant_id_([a-z0-9_]+?)_fkey$/.exec(err.constraint ?? '')?.[1];
    const field = col ? camel(col) : 'reference';
    return new AppError('validation', `${field}: no such record`, [{ field, message: 'no such record' }]);
  }
  if (err?.code === '23514') {
    const c = err.constraint ?? '';
    // a column's own check is named table_column_check
    const col =
      err.table && c.startsWith(`${err.table}_`) && c.endsWith('_check')
        ? c.slice(err.table.length + 1, -'_check'.length)
        : '';
    const issue = CHECK_MESSAGES[c] ?? { field: col ? camel(col) : 'value', message: 'is not an allowed value' };
    return new AppError('validation', `${issue.field}: ${issue.message}`, [issue]);
  }
  // data exceptions (class 22): a value the database cannot hold, e.g. out of range
  if (err?.code?.startsWith('22'))
    return new AppError('validation', 'A value is out of range or not valid', [
      { field: 'value', message: 'out of range or not valid' },
    ]);
  return null;
}
