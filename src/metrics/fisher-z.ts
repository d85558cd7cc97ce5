/**
 * Averages correlations through the Fisher z-transform: mean of atanh(r), mapped back with tanh.
 * NaN correlations are left out; r = ±1 is clamped to ±(1 − 1e-12) so atanh stays finite.
 * Returns NaN when no finite correlation is given.
 */
export function fisherZAverage(correlations: readonly number[]): number {
  const finite = correlations.filter((r) => Number.isFinite(r));
  if (finite.length === 0) return Number.NaN;
  const limit = 1 - 1e-12;
  const z = finite.map((r) => Math.atanh(Math.max(-limit, Math.min(limit, r))));
  return Math.tanh(z.reduce((a, b) => a + b, 0) / z.length);
}
