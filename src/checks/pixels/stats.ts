/** Small numeric helpers over typed arrays, optionally restricted by a mask (1 = include). */
export type Mask = Uint8Array | null;

export function mean(x: ArrayLike<number>, mask: Mask = null): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    if (mask && !mask[i]) continue;
    s += x[i] as number;
    n++;
  }
  return n === 0 ? 0 : s / n;
}

export function std(x: ArrayLike<number>, mask: Mask = null): number {
  const m = mean(x, mask);
  let s = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    if (mask && !mask[i]) continue;
    const d = (x[i] as number) - m;
    s += d * d;
    n++;
  }
  return n === 0 ? 0 : Math.sqrt(s / n);
}

export function correlation(x: ArrayLike<number>, y: ArrayLike<number>, mask: Mask = null): number {
  const mx = mean(x, mask);
  const my = mean(y, mask);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    if (mask && !mask[i]) continue;
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/** Percentile (0–100) by sorting a copy; fine for the analysis-scale arrays used here. */
export function percentile(x: ArrayLike<number>, p: number, mask: Mask = null): number {
  const values: number[] = [];
  for (let i = 0; i < x.length; i++) if (!mask || mask[i]) values.push(x[i] as number);
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  const idx = Math.min(values.length - 1, Math.max(0, Math.round((p / 100) * (values.length - 1))));
  return values[idx] as number;
}

export function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}
