/**
 * What use cases need from the running process, built once at start (the server) or per command (the CLI):
 * the database, the audit chain's key, the claims stage's services (clock, payer rules, code edits,
 * clearinghouse transports) and the code sets. Use cases take the part they need: `Pick<Deps, 'store' | …>`.
 */
import type { ClaimServices } from './claims/claim-services.ts';
import type { CodesService } from './codes/codes-service.ts';
import type { Db, Store } from './db/open-database.ts';
import type { LoginThrottle } from './auth/login-throttle.ts';
import type { ErrorLog } from './http/error-handler.ts';
import type { PublicOrigin } from './http/public-origin.ts';

export interface Deps {
  /** the database (use cases open their own tenant transaction on it) */
  db: Db;
  auditKey: Buffer;
  claims: ClaimServices;
  codes: CodesService;
}

/** The claims stage's use cases need no code sets beyond the edits inside `claims.coding`. */
export type ClaimsDeps = Pick<Deps, 'db' | 'auditKey' | 'claims'>;

/** The HTTP server's own settings on top of what use cases need. */
export interface AppDeps extends Deps {
  /** the store behind `db`: its kind for /api/health */
  store: Store;
  webDistDir?: string;
  logger?: boolean;
  /** where request logs go when `logger` is on (tests capture them; default standard output) */
  logStream?: NodeJS.WritableStream;
  throttle?: LoginThrottle;
  /** version of the schema, for /api/health */
  schemaVersion: number;
  /** how long an eligibility check waits for the payer's 271 (ms; default 15 s) */
  eligibilityWaitMs?: number;
  /** proxies whose X-Forwarded-For/-Proto headers are believed (see config.ts parseTrustProxy) */
  trustProxy?: string[];
  /** the origins this server answers as (MEDBILL_PUBLIC_ORIGIN); none: loopback names only */
  publicOrigins?: PublicOrigin[];
  /** where unexpected failures (500s) are logged with their request id; default standard error */
  errorLog?: ErrorLog;
  /** answers holding a field their response schema does not describe fail (tests) instead of dropping it */
  strictResponses?: boolean;
}
