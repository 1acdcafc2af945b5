/** What PGlite is opened with, on whichever thread it runs (open-database.ts, pglite-worker.ts). */

export const INT8 = 20;
export const DATE = 1082;

export function int8ToNumber(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${v} is outside the safe integer range`);
  return n;
}

/** int8 → number, date → 'YYYY-MM-DD' (as pg gives them, see open-database.ts) */
export const PGLITE_PARSERS = { [INT8]: int8ToNumber, [DATE]: (v: string) => v };

/**
 * PGlite's start parameters get a smaller buffer pool. initdb writes PostgreSQL's 128 MB `shared_buffers`, which the
 * WebAssembly heap then holds for the life of the process (and never gives back): PGlite's shared memory is zeroed
 * when it starts, so the whole pool is resident from the first second, used or not. One embedded office database is
 * served as well from 16 MB, since the operating system caches the files below it anyway: 128 -> 32 MB took an idle
 * server's resident memory down by about 100 MB and PGlite's start by about a second, 32 -> 16 MB by 18 MB more with
 * no change in posting a 20,000-claim 835 (see docs/DECISIONS.md).
 */
export const PGLITE_EXTRA_PARAMS = ['-c', 'shared_buffers=16MB'];

/**
 * V8's WebAssembly tiering for PGlite's thread: a function is compiled again by the optimizing compiler (TurboFan)
 * only after about 1e9 units of work (V8's default: 1.8e6). PostgreSQL's code first runs as baseline (Liftoff)
 * code; with the default, starting and serving an idle office optimized thousands of its functions, whose compiled
 * code (kept beside the baseline code, never given back) was ~90 MB of an idle server's memory. Functions that do
 * the heavy work (a long posting, a large report) still reach the budget and are optimized. The flag is the
 * process's (V8 has one set), set before PGlite's module is compiled; see docs/DECISIONS.md.
 */
export const PGLITE_WASM_FLAGS = '--wasm-tiering-budget=1000000000';
