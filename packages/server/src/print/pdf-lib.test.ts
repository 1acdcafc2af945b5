import { describe, expect, it } from 'vitest';
import { loadPdfLib, rgb } from './pdf-lib.ts';

describe('pdf-lib loaded on first use', () => {
  it("rgb() makes the very colour pdf-lib's rgb() makes, and loading twice gives one module", async () => {
    const lib = await loadPdfLib();
    for (const [r, g, b] of [
      [0, 0, 0],
      [0.82, 0.16, 0.16],
      [1, 0.9, 0.9],
      [0.35, 0.35, 0.35],
    ] as const)
      expect(rgb(r, g, b)).toEqual(lib.rgb(r, g, b));
    expect(await loadPdfLib()).toBe(lib);
  });
});
