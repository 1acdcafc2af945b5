/**
 * pdf-lib, loaded the first time a PDF is made: evaluating it cost every server start about 0.1 s of CPU and 13 MB
 * of memory (measured bundled), for claims, statements and letters that most starts never print.
 */
import type { RGB } from 'pdf-lib';

export type PdfLib = typeof import('pdf-lib');

let loading: Promise<PdfLib> | undefined;

export function loadPdfLib(): Promise<PdfLib> {
  loading ??= import('pdf-lib');
  return loading;
}

/** pdf-lib's `rgb()` (the same plain object, see pdf-lib.test.ts), for colour constants made before pdf-lib loads. */
export function rgb(red: number, green: number, blue: number): RGB {
  return { type: 'RGB', red, green, blue } as unknown as RGB;
}
