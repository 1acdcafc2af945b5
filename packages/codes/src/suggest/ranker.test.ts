import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fitRanker, fitRankerSteps, RANKER_SETTINGS, rankerScore } from './ranker.ts';

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
    // The trees grown one whole tree per step (before the learning yielded within a tree): learning in finer steps
    // changed nothing learnt.
    expect(createHash('sha256').update(JSON.stringify(model)).digest('hex')).toBe(
      'd6d2f714daea97e433eba57d3708c583a891e18f1f3fdd6033712c0e0b7cd69a',
    );
  });
  it("yields within a large tree too, so a server's other requests wait no longer than a split search", () => {
    // 12,000 rows of 29 features (an office's few hundred notes): one root split looks at 348,000 values.
    const big: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 12_000; i++) {
      big.push(Array.from({ length: 29 }, (_, f) => ((i * (f + 7)) % 97) / 97));
      labels.push((i * 13) % 97 > 60 ? 1 : 0);
    }
    const settings = { ...RANKER_SETTINGS, trees: 3 };
    const steps = fitRankerSteps(big, labels, settings);
    let yields = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) yields++;
    expect(r.value.trees).toHaveLength(3);
    // setup yields per feature, then each tree's split searches: far more steps than trees
    expect(yields).toBeGreaterThan(3 * 10);
    expect(JSON.stringify(r.value)).toBe(JSON.stringify(fitRanker(big, labels, settings)));
  });
});
