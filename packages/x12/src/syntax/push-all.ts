/**
 * Append every item of `items` to `out` and return `out`. Use it instead of spreading `items` into `push`: a spread
 * call passes each item as an argument and overflows the call stack for large arrays (~100,000 items and above).
 */
export function pushAll<T>(out: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) out.push(items[i]!);
  return out;
}
