/**
 * Element-level helpers shared by the claim-side and inquiry transactions (837, 270/271, 276/277, 277CA):
 * exact money in integer cents, decimals, element access and segment construction.
 */
import {
  formatCents as syntaxFormatCents,
  parseCents as syntaxParseCents,
  parseDecimal as syntaxParseDecimal,
} from '../../syntax/numbers.ts';
import type { Delimiters, Segment } from '../../syntax/types.ts';
export { pushAll } from '../../syntax/push-all.ts';

/** Element n (1-based, X12 numbering) of a segment, '' when absent. */
export function el(seg: Segment, n: number): string {
  return seg.elements[n - 1] ?? '';
}

/** Element n or undefined when empty. */
export function opt(seg: Segment, n: number): string | undefined {
  const v = seg.elements[n - 1];
  return v === undefined || v === '' ? undefined : v;
}

/** Split a composite element into components ('' component separator = no split). */
export function comps(value: string, d: Delimiters): string[] {
  return d.component && value !== '' ? value.split(d.component) : [value];
}

/** Split a repeated element ('' repetition separator = no repetitions). */
export function reps(value: string, d: Delimiters): string[] {
  if (value === '') return [];
  return d.repetition ? value.split(d.repetition) : [value];
}

/** Drop trailing empty strings (X12 never writes trailing empty elements or components). */
export function trimEnd(values: string[]): string[] {
  let n = values.length;
  while (n > 0 && values[n - 1] === '') n--;
  return values.slice(0, n);
}

/** Trim trailing undefined/'' and turn the other undefined into '', in place (for rest-parameter arrays). */
function fill(values: Array<string | undefined>): string[] {
  let n = values.length;
  while (n > 0 && !values[n - 1]) n--;
  // slice, not `values.length = n`: setting an array's length is a runtime call, several times slower
  const out = n === values.length ? values : values.slice(0, n);
  for (let i = 0; i < n; i++) if (out[i] === undefined) out[i] = '';
  return out as string[];
}

/** A segment with trailing empty elements removed; undefined values become ''. */
export function seg(id: string, ...elements: Array<string | undefined>): Segment {
  return { id, elements: fill(elements) };
}

/** Join components with the component separator, dropping trailing empties. */
export function composite(d: Delimiters, ...parts: Array<string | undefined>): string {
  return fill(parts).join(d.component);
}

/** Integer cents from an X12 amount, exactly (no floating point); undefined when malformed. */
export function parseCents(raw: string): number | undefined {
  return syntaxParseCents(raw.trim()) ?? undefined;
}

/** Cents as an X12 amount without trailing zeros: 10000 → "100", 12345 → "123.45", 1050 → "10.5". */
export const formatCents = syntaxFormatCents;

/** A non-money decimal (units, percents); undefined when malformed. */
export function parseDecimal(raw: string): number | undefined {
  return syntaxParseDecimal(raw.trim()) ?? undefined;
}

/** Write a non-money decimal without exponent or trailing zeros: 1 → "1", 0.2 → "0.2". */
export function formatDecimal(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(10).replace(/\.?0+$/, '');
}
