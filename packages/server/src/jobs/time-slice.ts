/**
 * Long work on the main thread gives the event loop back every few milliseconds, by the clock rather than by a
 * count of items (a count that is cheap on a quiet machine holds the loop for hundreds of milliseconds on a busy one,
 * issue 8 item 4): `if (slice.due()) await slice.pause()` inside the loop.
 */
import { setImmediate as yieldNow } from 'node:timers/promises';

/** how long one stretch of work may hold the event loop */
export const SLICE_MS = 8;

export interface TimeSlice {
  /** true once this stretch has run SLICE_MS */
  due(): boolean;
  /** lets timers, I/O and other requests run, then starts a new stretch */
  pause(): Promise<void>;
}

export function timeSlice(ms = SLICE_MS): TimeSlice {
  let start = performance.now();
  return {
    due: () => performance.now() - start >= ms,
    async pause() {
      // the loop goes round once: due timers, incoming requests (I/O), then this
      await yieldNow();
      start = performance.now();
    },
  };
}

/** `f` over each item, pausing whenever the stretch is due. */
export async function forEachSliced<T>(items: readonly T[], f: (item: T, index: number) => void): Promise<void> {
  const slice = timeSlice();
  for (let i = 0; i < items.length; i++) {
    f(items[i], i);
    if (slice.due()) await slice.pause();
  }
}
