import { describe, expect, it } from 'vitest';
import { forEachSliced, timeSlice } from './time-slice.ts';

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('time slices: long work on the main thread lets the event loop turn', () => {
  it('a timer due during the work fires before the work ends', async () => {
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 1);
    // 20 items of 5 ms: 100 ms of work, which without a pause would run before any timer
    await forEachSliced(Array.from({ length: 20 }), (_x, i) => {
      busy(5);
      if (i === 19) order.push('work done');
    });
    expect(order).toEqual(['timer', 'work done']);
  });

  it('is due only after its stretch, and a pause starts a new one', async () => {
    const slice = timeSlice(30);
    expect(slice.due()).toBe(false);
    busy(35);
    expect(slice.due()).toBe(true);
    await slice.pause();
    expect(slice.due()).toBe(false);
  });
});
