import type { Delimiters, Segment } from './types.ts';

/** Element `n` of a segment, 1-based as in the guides (CLP01 = element(seg, 1)); '' when absent. */
export function element(seg: Segment, n: number): string {
  return seg.elements[n - 1] ?? '';
}

/** Split a composite element into components (SVC01 'HC:99213:25' → ['HC','99213','25']). */
export function components(value: string, delims: Delimiters): string[] {
  if (value === '') return [];
  return value.split(delims.component);
}

/** Split a repeating element into repetitions; no split when the interchange has no repetition separator. */
export function repetitions(value: string, delims: Delimiters): string[] {
  if (value === '') return [];
  if (!delims.repetition) return [value];
  return value.split(delims.repetition);
}

/** Component `n` (1-based) of element `e` (1-based); '' when absent. */
export function component(seg: Segment, e: number, n: number, delims: Delimiters): string {
  const v = seg.elements[e - 1];
  if (!v) return '';
  return v.split(delims.component)[n - 1] ?? '';
}

/** A segment value for builders: `seg('CLM', 'A1', '100')`. */
export function seg(id: string, ...elements: string[]): Segment {
  return { id, elements };
}
