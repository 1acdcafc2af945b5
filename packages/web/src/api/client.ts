/** Fetch wrapper for the medbill API: JSON in and out, the { error, message, issues } error body as ApiError. */
import type { ApiIssue, ErrorBody, Page as ApiPage } from '@medbill/api';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** the problems at fault, each located at its field (`location.field`), its message a sentence in words */
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

export type Page<T> = ApiPage<T>;

type Listener = () => void;
let onUnauthenticated: Listener | null = null;

/** Called when any request (other than log-in and /me) answers 401: the session has ended. */
export function setUnauthenticatedHandler(fn: Listener | null): void {
  onUnauthenticated = fn;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function queryString(q: Query = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { Accept: 'application/json' }, signal };
  if (method !== 'GET') {
    // CSRF rule: every state-changing request is JSON, even an empty one.
    init.headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
    init.body = JSON.stringify(body ?? {});
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(0, 'network', 'Cannot reach the server; check the connection and try again');
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const e = (data ?? {}) as Partial<ErrorBody>;
    const err = new ApiError(
      res.status,
      e.error ?? `http_${res.status}`,
      e.message ?? `Request failed (${res.status})`,
      e.issues ?? [],
    );
    if (res.status === 401 && !path.startsWith('/api/auth/')) onUnauthenticated?.();
    throw err;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, q?: Query, signal?: AbortSignal) =>
    request<T>('GET', path + queryString(q), undefined, signal),
  post: <T>(path: string, body?: unknown, signal?: AbortSignal) => request<T>('POST', path, body, signal),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/** A sentence for the top of a form or page. */
export function describeError(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 403) return `Your role may not do this. ${e.message}`;
    if (e.status === 404) return `Not found: ${e.message}`;
    if (e.status === 429) return `Too many requests: ${e.message}`;
    if ((e.status === 400 || e.status === 409) && e.issues.length) return 'Please correct the fields marked below.';
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}
