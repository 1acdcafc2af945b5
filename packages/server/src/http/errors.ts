/**
 * @deprecated AppError and the error codes live in `../app-error.ts` (use cases the CLI calls must not import the
 * HTTP layer); this re-export keeps modules written before the move compiling. Import from there.
 */
export * from '../app-error.ts';
export { findNulField } from './find-nul-field.ts';
