/**
 * Logistic regression for the confidence weights (batch gradient descent, fixed iterations, L2): deterministic,
 * so the same data gives the same weights.
 */
export function fitLogistic(x: number[][], y: number[], iterations = 3000, rate = 0.1, l2 = 1e-3): number[] {
  const d = x[0]?.length ?? 0;
  const w = new Array<number>(d).fill(0);
  const n = x.length;
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += w[j] * x[i][j];
      const err = 1 / (1 + Math.exp(-z)) - y[i];
      for (let j = 0; j < d; j++) grad[j] += err * x[i][j];
    }
    for (let j = 0; j < d; j++) w[j] -= rate * (grad[j] / n + (j ? l2 * w[j] : 0));
  }
  return w.map((v) => Math.round(v * 1000) / 1000);
}
