/** @deprecated import `resolveTenant` from `@medbill/server` (kept for commands written before the move). */
export { resolveTenant } from '@medbill/server';
