/** Piecewise-linear curve through (x, y) points sorted by x; flat beyond the ends. */
export type Curve = ReadonlyArray<readonly [number, number]>;

export function scoreOn(curve: Curve, x: number): number {
  const first = curve[0];
  const last = curve[curve.length - 1];
  if (!first || !last) return 0;
  if (!Number.isFinite(x)) return x > 0 ? last[1] : first[1];
  if (x <= first[0]) return first[1];
  if (x >= last[0]) return last[1];
  for (let i = 1; i < curve.length; i++) {
    const [x1, y1] = curve[i] as readonly [number, number];
    const [x0, y0] = curve[i - 1] as readonly [number, number];
    if (x <= x1) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return last[1];
}

/** Score for a drift of `ratio` = |change| ÷ tolerance: 1 at none, 0.6 at the tolerance, falling beyond. */
export const DRIFT: Curve = [
  [0, 1],
  [0.5, 0.9],
  [1, 0.6],
  [2, 0.3],
  [4, 0.08],
];

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
