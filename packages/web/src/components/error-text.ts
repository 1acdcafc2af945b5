/** An API error in words for a form that marks no field itself: the field issues' sentences, else the message. */
import { ApiError, describeError } from '../api/client.ts';

export function errorText(e: unknown): string {
  if (e instanceof ApiError && (e.status === 400 || e.status === 409) && e.issues.length)
    return e.issues.map((i) => i.message).join('; ');
  return describeError(e);
}
