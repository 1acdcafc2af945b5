import { describe, expect, it } from 'vitest';
import { fitRanker, rankerScore } from './ranker.ts';

describe('ranker: gradient-boosted trees over suggestion features', () => {
  // Coded only when both features are high: an interaction no single logistic weight per feature can express
  // (x0 alone or x1 alone says nothing; a third feature is noise).
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 400; i++) {
    const a = (i * 37) % 100;
    const b = (i * 53) % 100;
    x.push([a / 100, b / 100, (i * 71) % 13]);
    y.push(a >= 50 && b >= 50 ? 1 : 0);
  }
  const model = fitRanker(x, y);

  it('learns which combination of features its coders kept', () => {
    expect(rankerScore(model, [0.8, 0.8, 3])).toBeGreaterThan(1);
    expect(rankerScore(model, [0.8, 0.2, 3])).toBeLessThan(-1);
    expect(rankerScore(model, [0.2, 0.8, 3])).toBeLessThan(-1);
    let right = 0;
    for (const [i, r] of x.entries()) if (rankerScore(model, r) > 0 === (y[i] === 1)) right++;
    expect(right / x.length).toBeGreaterThan(0.97);
  });
  it('is plain numbers, the same from the same rows', () => {
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
    expect(JSON.stringify(fitRanker(x, y))).toBe(JSON.stringify(model));
  });
});
